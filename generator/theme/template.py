"""A PowerPoint template read as a package: checked, and described without python-pptx.

`validate`, `briefgen template` and theme resolution read templates here, with zipfile and a
hardened XML parser, so none of them imports python-pptx. What is read: the slide size, every
master and its layouts in order with their placeholders (where they sit, after inheriting from
the master, and the type size and weight their first level inherits), the first master's colour
and font scheme, and what the deck will leave out (the template's own slides, external links,
OLE objects and ActiveX controls).
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.theme.template_parts import (
    A,
    P,
    Placeholder,
    R,
    placeholders,
)

if TYPE_CHECKING:
    import zipfile

    from lxml import etree

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
TEMPLATE_SUFFIXES = (".pptx", ".potx")
MACRO_SUFFIXES = (".pptm", ".potm", ".ppsm")
_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
}
_MACRO_TYPES = ("macroEnabled", "vbaProject")
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_EMU_PER_PT = 12700
# Relationship types whose targets run code or embed other programs' documents.
ACTIVE_TYPES = ("/oleObject", "/package", "/control", "/activeXControl", "/activeXControlBinary",
                "/vbaProject")


class TemplateError(ValueError):
    """The file cannot be used as a template; the message says why in the user's words."""


@dataclass(frozen=True)
class LayoutInfo:
    """One slide layout: its name, the zip member it is, its master (from 0), its placeholders."""

    name: str
    part: str
    master: int
    kind: str  # the layout's `type` attribute ('title', 'obj', 'twoObj', ...; '' when unset)
    placeholders: tuple[Placeholder, ...]

    def of_type(self, *types: str) -> tuple[Placeholder, ...]:
        """Return this layout's placeholders of the given types, in document order."""
        return tuple(p for p in self.placeholders if p.type in types)


@dataclass(frozen=True)
class TemplatePackage:
    """What briefgen needs to know about a template, read from its package."""

    path: Path
    digest: str
    width: float
    height: float
    masters: tuple[str, ...]
    layouts: tuple[LayoutInfo, ...]
    master_bodies: tuple[Placeholder | None, ...]  # each master's body placeholder
    colors: tuple[tuple[str, str], ...]  # colour-scheme slot -> '#RRGGBB', first master
    major_font: str
    minor_font: str
    slides: int  # slides the template came with (they are left out of decks)
    dropped: tuple[str, ...]  # what the deck will leave out, in words

    def color(self, slot: str) -> str | None:
        """Return the first master's colour for a scheme slot ('dk1', 'accent1'), if given."""
        return dict(self.colors).get(slot)


def read_template(path: Path) -> TemplatePackage:
    """Return the description of the template at `path`, or raise TemplateError saying why."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise TemplateError("macro-enabled: save it as a .pptx or .potx template without macros")
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        raise TemplateError(f"cannot be read: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise TemplateError(f"too large: {size / 2**20:.0f} MB; a template may be at most "
                            f"{MAX_FILE_BYTES // 2**20} MB")
    return read_template_bytes(path, data)


def read_template_bytes(path: Path, data: bytes) -> TemplatePackage:
    """Return the description of template bytes `data` (read from `path`), or raise TemplateError."""
    import io
    import zipfile  # with its compressors, imported only when a template is read

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TemplateError("not a PowerPoint template (not a .pptx/.potx zip package)") from None
    with archive:
        package = _Package(archive)
        return package.describe(path, hashlib.sha256(data).hexdigest())


class _Package:
    """The members of a template's zip, read once each, with size limits."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise TemplateError(f"too many files inside ({len(infos)}); a template holds at most "
                                f"{MAX_MEMBERS}")
        if sum(i.file_size for i in infos) > MAX_EXPANDED_BYTES:
            raise TemplateError(f"too large unpacked: more than {MAX_EXPANDED_BYTES // 2**20} MB "
                                "(a damaged or hostile package)")
        self.archive = archive
        self.names = {i.filename for i in infos}
        self._xml: dict[str, etree._Element] = {}

    def xml(self, name: str) -> etree._Element:
        """Return the parsed member `name`, or raise TemplateError when missing or damaged."""
        if name not in self._xml:
            if name not in self.names:
                raise TemplateError(f"damaged: it lacks {name}")
            import zipfile

            from lxml import etree

            try:
                raw = self.archive.read(name)
                self._xml[name] = etree.fromstring(raw, _parser())
            except etree.XMLSyntaxError as exc:
                raise TemplateError(f"damaged: {name} is not well-formed XML "
                                    f"(line {exc.lineno})") from None
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise TemplateError(f"damaged: {name} cannot be unpacked ({exc})") from None
        return self._xml[name]

    def rels(self, part: str) -> list[etree._Element]:
        """Return the relationships of `part` (none when it has no .rels member)."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        return list(self.xml(name).iter(f"{{{_REL_NS}}}Relationship")) if name in self.names else []

    def target(self, part: str, rel_id: str) -> str:
        """Return the zip member that relationship `rel_id` of `part` points at."""
        for rel in self.rels(part):
            if rel.get("Id") == rel_id and rel.get("TargetMode") != "External":
                return resolve_target(part, rel.get("Target", ""))
        raise TemplateError(f"damaged: {part} refers to a missing relationship {rel_id}")

    def describe(self, path: Path, digest: str) -> TemplatePackage:
        """Return the TemplatePackage: size, masters, layouts, schemes and what is left out."""
        main = self._main_part()
        pres = self.xml(main)
        size = pres.find(f"{{{P}}}sldSz")
        width, height = _points(size, "cx", 9144000), _points(size, "cy", 6858000)
        masters, layouts, bodies = self._masters(main, pres)
        if not layouts:
            raise TemplateError("no slide layouts: not a usable PowerPoint template")
        first_master = self._master_parts(main, pres)[0]
        colors, major, minor = self._schemes(first_master)
        slides = len(pres.findall(f"{{{P}}}sldIdLst/{{{P}}}sldId"))
        return TemplatePackage(path, digest, width, height, tuple(masters), tuple(layouts),
                               tuple(bodies), colors, major, minor, slides,
                               tuple(self._dropped(slides)))

    def _main_part(self) -> str:
        """Return the presentation part's member name, refusing macro-enabled packages."""
        types = self.xml("[Content_Types].xml")
        for entry in types:
            content = entry.get("ContentType", "")
            if any(mark in content for mark in _MACRO_TYPES):
                raise TemplateError("macro-enabled: save it as a .pptx or .potx template "
                                    "without macros")
        for rel in self.rels(""):  # the package's own relationships, _rels/.rels
            if rel.get("Type") == _OFFICE_DOCUMENT:
                main = resolve_target("", rel.get("Target", ""))
                break
        else:
            raise TemplateError("not a PowerPoint template (no presentation inside)")
        declared = {e.get("PartName", "").lstrip("/"): e.get("ContentType", "")
                    for e in types if e.tag == f"{{{_CT_NS}}}Override"}
        if declared.get(main) not in _MAIN_TYPES:
            raise TemplateError("not a PowerPoint template (another kind of Office file)")
        return main

    def _master_parts(self, main: str, pres: etree._Element) -> list[str]:
        """Return the slide masters' member names, in the presentation's order."""
        ids = pres.findall(f"{{{P}}}sldMasterIdLst/{{{P}}}sldMasterId")
        parts = [self.target(main, e.get(f"{{{R}}}id", "")) for e in ids]
        if not parts:
            raise TemplateError("no slide master: not a usable PowerPoint template")
        return parts

    def _masters(self, main: str, pres: etree._Element
                 ) -> tuple[list[str], list[LayoutInfo], list[Placeholder | None]]:
        """Return every master's name, every layout in order, and each master's body area."""
        names: list[str] = []
        layouts: list[LayoutInfo] = []
        bodies: list[Placeholder | None] = []
        for number, part in enumerate(self._master_parts(main, pres)):
            master = self.xml(part)
            names.append(_name(master) or f"Master {number + 1}")
            inherited = placeholders(master, None)
            bodies.append(next((p for p in inherited if p.type == "body"), None))
            for entry in master.findall(f"{{{P}}}sldLayoutIdLst/{{{P}}}sldLayoutId"):
                layout_part = self.target(part, entry.get(f"{{{R}}}id", ""))
                if not has_master(self.rels(layout_part)):
                    continue  # damaged: left out of decks (PowerPoint would repair it)
                layout = self.xml(layout_part)
                layouts.append(LayoutInfo(_name(layout) or posixpath.basename(layout_part),
                                          layout_part, number, layout.get("type", ""),
                                          placeholders(layout, master)))
        return names, layouts, bodies

    def _schemes(self, master_part: str) -> tuple[tuple[tuple[str, str], ...], str, str]:
        """Return the first master's colour scheme (slot -> hex) and major and minor fonts."""
        theme_part = next((resolve_target(master_part, r.get("Target", ""))
                           for r in self.rels(master_part) if r.get("Type", "").endswith("/theme")
                           and r.get("TargetMode") != "External"), None)
        if theme_part is None:
            return (), "", ""
        theme = self.xml(theme_part)
        colors: list[tuple[str, str]] = []
        scheme = theme.find(f".//{{{A}}}clrScheme")
        for slot in scheme if scheme is not None else []:
            value = _scheme_color(slot)
            if value:
                colors.append((_local(slot), value))
        fonts = theme.find(f".//{{{A}}}fontScheme")
        return tuple(colors), _font(fonts, "majorFont"), _font(fonts, "minorFont")

    def _dropped(self, slides: int) -> list[str]:
        """Return, in words, what the deck leaves out of the template."""
        external = active = 0
        for name in sorted(self.names):
            if not name.endswith(".rels") or name.startswith(("ppt/slides/", "ppt/notesSlides/")):
                continue  # the template's own slides are left out whole
            for rel in self.rels(posixpath.join(posixpath.dirname(posixpath.dirname(name)),
                                                posixpath.basename(name)[:-5])):
                if rel.get("TargetMode") == "External":
                    external += 1
                elif rel.get("Type", "").endswith(ACTIVE_TYPES):
                    active += 1
        dropped = []
        if slides:
            dropped.append(f"its {slides} sample slide{'s' if slides != 1 else ''} "
                           "(decks hold only briefgen's slides)")
        if external:
            dropped.append(f"{external} link{'s' if external != 1 else ''} to outside files or "
                           "servers (a deck must not call out when opened)")
        if active:
            dropped.append(f"{active} embedded object{'s' if active != 1 else ''} or control"
                           f"{'s' if active != 1 else ''} (OLE, ActiveX)")
        return dropped


@cache
def _parser() -> etree.XMLParser:
    """Return the XML parser for template parts: no network, no DTDs, no entity expansion,
    since a template is someone else's file."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def has_master(rels: list[etree._Element]) -> bool:
    """Return True when a layout's relationships name its slide master."""
    return any(rel.get("Type", "").endswith("/slideMaster") for rel in rels)


def resolve_target(source: str, target: str) -> str:
    """Return the zip member a relationship `target` of part `source` names."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _points(element: etree._Element | None, attr: str, default: int) -> float:
    """Return an EMU attribute of `element` in points."""
    try:
        value = int(element.get(attr, default)) if element is not None else default
    except ValueError:
        value = default
    return value / _EMU_PER_PT


def _name(root: etree._Element) -> str:
    """Return the name a master or layout gives itself (its cSld name)."""
    c_sld = root.find(f"{{{P}}}cSld")
    return (c_sld.get("name", "") if c_sld is not None else "").strip()


def _scheme_color(slot: etree._Element) -> str:
    """Return a colour-scheme slot as '#RRGGBB' (an sRGB value, or a system colour's last value)."""
    for child in slot:
        tag = _local(child)
        value = child.get("val") if tag == "srgbClr" else child.get("lastClr") if tag == "sysClr" else None
        if value and len(value) == 6:
            return "#" + str(value).upper()
    return ""


def _local(element: etree._Element) -> str:
    """Return an element's tag without its namespace."""
    return str(element.tag).rpartition("}")[2]


def _font(scheme: etree._Element | None, which: str) -> str:
    """Return the Latin typeface of the font scheme's major or minor font."""
    latin = scheme.find(f"{{{A}}}{which}/{{{A}}}latin") if scheme is not None else None
    return latin.get("typeface", "") if latin is not None else ""
