"""A PowerPoint template read as a package: checked, and described without python-pptx.

`validate`, `briefgen template` and theme resolution read templates here, through the OOXML
layer (`generator.ooxml`: zip limits, the hardened XML parser), so none of them imports
python-pptx. What is read: the slide size, every
master and its layouts in order with their placeholders (where they sit, after inheriting from
the master, and the type size and weight their first level inherits), the first master's colour
and font scheme, and what the deck will leave out (the template's own slides, external links,
OLE objects and ActiveX controls).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.ooxml.names import PRESENTATION_TYPES, P
from generator.theme.template.parts import Placeholder, placeholders
from generator.theme.template.scheme import read_schemes
from generator.theme.template.shown import escaped, shown
from generator.theme.template.structure import ACTIVE_KINDS, Structure

if TYPE_CHECKING:
    from lxml import etree

    from generator.ooxml.package import Package

MAX_FILE_BYTES = 50 * 1024 * 1024
TEMPLATE_SUFFIXES = (".pptx", ".potx")
MACRO_SUFFIXES = (".pptm", ".potm", ".ppsm")
_MACRO_TYPES = ("macroEnabled", "vbaProject")
_EMU_PER_PT = 12700
_EMU_PER_INCH = 914400
# PowerPoint's slide sizes: from 1 inch to 56 inches a side.
MIN_SIDE_EMU, MAX_SIDE_EMU = _EMU_PER_INCH, 56 * _EMU_PER_INCH


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
    """What briefgen needs to know about a template, read from its package, and the package's
    bytes as they were read and checked (the deck is built on these, never on the file again)."""

    path: Path
    digest: str  # of `data`: it stands for the bytes in comparisons, hashes and the repr
    data: bytes = field(repr=False, compare=False)
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
    # The file's modification time and size as the bytes were read (from the same open file,
    # so a file replaced meanwhile is seen as changed the next time it is looked at).
    stamp: tuple[int, int] = field(default=(0, 0), compare=False)

    def color(self, slot: str) -> str | None:
        """Return the first master's colour for a scheme slot ('dk1', 'accent1'), if given."""
        return dict(self.colors).get(slot)


def read_template(path: Path) -> TemplatePackage:
    """Return the description of the template at `path`, or raise TemplateError saying why."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise TemplateError("macro-enabled: save it as a .pptx or .potx template without macros")
    try:
        with path.open("rb") as handle:
            # The size is checked on the open file, and the read is capped all the same, so a
            # file replaced or grown after the check cannot bring more than the limit.
            info = os.fstat(handle.fileno())
            size = info.st_size
            data = handle.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        raise TemplateError(f"cannot be read: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        raise TemplateError(f"too large: {max(size, len(data)) / 2**20:.0f} MB; a template may "
                            f"be at most {MAX_FILE_BYTES // 2**20} MB")
    package = read_template_bytes(path, data)
    return dataclasses.replace(package, stamp=(info.st_mtime_ns, info.st_size))


def read_template_bytes(path: Path, data: bytes) -> TemplatePackage:
    """Return the description of template bytes `data` (read from `path`), or raise TemplateError."""
    from generator.ooxml.package import NotAPackage, Package
    from generator.ooxml.parse import PackageError

    try:
        with Package(data) as package:
            return _describe(package, path, data)
    except NotAPackage:
        raise TemplateError("not a PowerPoint template (not a .pptx/.potx zip package)") from None
    except PackageError as exc:
        raise TemplateError(escaped(str(exc))) from None


def _describe(package: Package, path: Path, data: bytes) -> TemplatePackage:
    """Return the TemplatePackage: size, masters, layouts, schemes and what is left out."""
    from generator.theme.template.structure import structure

    main = _main_part(package)
    pres = package.xml(main)
    width, height = slide_size(pres.find(f"{{{P}}}sldSz"), main)
    kept = structure(package, main)
    masters, bodies = _masters(package, kept.masters)
    layouts = [_layout(package, number, part, kept.masters[number])
               for number, part in kept.layouts]
    if not layouts:
        raise TemplateError("no slide layouts: not a usable PowerPoint template")
    colors, major, minor = _schemes(package, kept.masters[0])
    slides = len(pres.findall(f"{{{P}}}sldIdLst/{{{P}}}sldId"))
    digest = hashlib.sha256(data).hexdigest()
    return TemplatePackage(path, digest, data, width, height, tuple(masters), tuple(layouts),
                           tuple(bodies), colors, major, minor, slides,
                           tuple(_dropped(package, kept, slides)))


def slide_size(size: etree._Element | None, main: str) -> tuple[float, float]:
    """Return the slide's width and height in points, or raise TemplateError naming `main` when
    a side is not a whole number in ASCII digits, or PowerPoint could not show a slide of that
    size (1 to 56 inches a side)."""
    width, height = (_emu(size, "cx", 9144000, main), _emu(size, "cy", 6858000, main))
    for value in (width, height):
        if not MIN_SIDE_EMU <= value <= MAX_SIDE_EMU:
            raise TemplateError(
                f"{main}: its slide size ({_inches(width)} x {_inches(height)} in) is outside "
                f"PowerPoint's range of 1 to 56 inches a side")
    return width / _EMU_PER_PT, height / _EMU_PER_PT


def _main_part(package: Package) -> str:
    """Return the presentation part's member name, refusing macro-enabled packages."""
    types = package.content_types()
    if any(mark in content for content in (*types.defaults.values(), *types.overrides.values())
           for mark in _MACRO_TYPES):
        raise TemplateError("macro-enabled: save it as a .pptx or .potx template without macros")
    main = package.main_part()
    if main is None:
        raise TemplateError("not a PowerPoint template (no presentation inside)")
    if types.overrides.get(main) not in PRESENTATION_TYPES:
        raise TemplateError("not a PowerPoint template (another kind of Office file)")
    return main


def _masters(package: Package, master_parts: list[str]
             ) -> tuple[list[str], list[Placeholder | None]]:
    """Return every master's name and its body area."""
    names: list[str] = []
    bodies: list[Placeholder | None] = []
    for number, part in enumerate(master_parts):
        master = package.xml(part)
        names.append(_name(master) or f"Master {number + 1}")
        inherited = placeholders(master, None)
        bodies.append(next((p for p in inherited if p.type == "body"), None))
    return names, bodies


def _layout(package: Package, number: int, part: str, master_part: str) -> LayoutInfo:
    """Return layout `part` of master `number`, its placeholders inheriting from the master's."""
    layout = package.xml(part)
    return LayoutInfo(_name(layout) or posixpath.basename(part), part, number,
                      layout.get("type", ""), placeholders(layout, package.xml(master_part)))


def _schemes(package: Package, master_part: str) -> tuple[tuple[tuple[str, str], ...], str, str]:
    """Return the first master's colour scheme (slot -> hex) and major and minor fonts."""
    themes = package.related(master_part, "theme")
    return read_schemes(package.xml(themes[0])) if themes else ((), "", "")


def _dropped(package: Package, kept: Structure, slides: int) -> list[str]:
    """Return, in words, what the deck leaves out of the template."""
    external = active = 0
    for part in kept.parts:
        for rel in package.rels(part):
            if rel.external:
                external += 1
            elif rel.kind in ACTIVE_KINDS:
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
    return dropped + [escaped(warning) for warning in kept.warnings()]


def _emu(element: etree._Element | None, attr: str, default: int, main: str) -> int:
    """Return an EMU attribute of `element` (`default` when unset), or raise TemplateError
    quoting it as written when it is not a whole number in ASCII digits."""
    from generator.ooxml.parse import whole_number

    written = element.get(attr) if element is not None else None
    if written is None:
        return default
    value = whole_number(written)
    if value is None:
        side = "width" if attr == "cx" else "height"
        raise TemplateError(f"{main}: its slide {side} {shown(written)} is not a whole number "
                            "of EMU in digits 0-9 (914400 to an inch)")
    return value


def _inches(emu: int) -> str:
    """Return a length in EMU as inches, in words ('13.33')."""
    return f"{emu / _EMU_PER_INCH:.4g}"


def _name(root: etree._Element) -> str:
    """Return the name a master or layout gives itself (its cSld name)."""
    c_sld = root.find(f"{{{P}}}cSld")
    return (c_sld.get("name", "") if c_sld is not None else "").strip()
