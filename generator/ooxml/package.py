"""A zip package (a .pptx, .potx, ...) read within limits: members, parsed parts, the
relationships of each part (indexed once), relationship targets and content types; whether a
relationship's target loads; and `check_package`, the check every deck on a template passes."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.ooxml.names import CONTENT_TYPES, OFFICE_DOCUMENT, RELS, R, kind_of
from generator.ooxml.parse import Budget, PackageError, check_part_size, parse_part

if TYPE_CHECKING:
    from lxml import etree

MAX_MEMBERS = 10_000
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
CONTENT_TYPES_PART = "[Content_Types].xml"
# What an encrypted or password-protected Office file is: an OLE compound file, not a zip.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The compression methods Office writes; zipfile reads others (bzip2, LZMA) or none (Deflate64).
_OFFICE_COMPRESSION = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
_METHOD_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 99: "AES encryption"}
# Relationship kinds whose target must be a part of one content type (its name ends so).
_XML_KINDS = ("slideMaster", "slideLayout", "theme", "notesMaster", "handoutMaster", "slide",
              "notesSlide", "presProps", "viewProps", "tableStyles", "commentAuthors")

_XML_EXTENSIONS = (".xml", ".rels", ".vml")


class NotAPackage(PackageError):
    """The bytes are not a zip package at all."""


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: its id, type, target as written, and whether it points
    outside the package."""

    id: str
    type: str
    target: str
    external: bool
    source: str  # the part it belongs to ('' for the package's own relationships)

    @property
    def kind(self) -> str:
        """Return the type's last segment ('slideLayout', 'theme', 'hyperlink', ...)."""
        return kind_of(self.type)

    @property
    def part(self) -> str:
        """Return the member the relationship points at ('' for an external one)."""
        return "" if self.external else resolve_target(self.source, self.target)


@dataclass(frozen=True)
class ContentTypes:
    """The package's content types: by file extension, and overridden per part."""

    defaults: dict[str, str]  # extension (lower case) -> content type
    overrides: dict[str, str]  # member name (no leading '/') -> content type

    def of(self, name: str) -> str:
        """Return the content type of member `name` ('' when it has none)."""
        if name in self.overrides:
            return self.overrides[name]
        return self.defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")


class Package:
    """The members of a zip package, each read and parsed at most once, within the caps."""

    def __init__(self, data: bytes) -> None:
        if data.startswith(OLE_MAGIC[:4]):
            raise PackageError("encrypted or password-protected (an OLE compound file, not a zip "
                               "package): save a copy without a password")
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise NotAPackage("not a zip package") from None
        infos = [i for i in self.archive.infolist() if not i.is_dir()]
        _check_methods(infos)
        if len(infos) > MAX_MEMBERS:
            raise PackageError(f"too many files inside ({len(infos)}); a package may hold at "
                               f"most {MAX_MEMBERS}")
        if sum(i.file_size for i in infos) > MAX_EXPANDED_BYTES:
            raise PackageError(f"too large unpacked: more than {MAX_EXPANDED_BYTES // 2**20} MB "
                               "(a damaged or hostile package)")
        self.infos = {i.filename: i for i in infos}
        self.names = frozenset(self.infos)  # the member names, folders left out
        self._xml: dict[str, etree._Element] = {}
        self._rels: dict[str, tuple[Relationship, ...]] = {}
        self._by_id: dict[str, dict[str, Relationship]] = {}
        self.repeated: dict[str, list[str]] = {}  # part -> relationship ids given twice or more
        self.budget = Budget()  # the work every part read from this package shares

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.archive.close()

    def read(self, name: str) -> bytes:
        """Return member `name` unpacked, or raise PackageError when missing or damaged."""
        info = self.infos.get(name)
        if info is None:
            raise PackageError(f"damaged: it lacks {name}")
        try:
            # zipfile stops at the declared size, which the caps were checked against.
            return self.archive.read(info)
        except zipfile.BadZipFile as exc:
            why = "its checksum (CRC) is wrong" if "CRC" in str(exc) else str(exc)
            raise PackageError(f"damaged: {name} cannot be unpacked ({why})") from None
        except (zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise PackageError(f"damaged: {name} cannot be unpacked ({exc})") from None

    def members(self) -> dict[str, bytes]:
        """Return every member unpacked, by name, in the zip's order."""
        return {name: self.read(name) for name in self.infos}

    def xml(self, name: str) -> etree._Element:
        """Return part `name` parsed (once), or raise PackageError when missing or damaged."""
        if name not in self._xml:
            info = self.infos.get(name)
            check_part_size(info.file_size if info is not None else 0, name)
            self._xml[name] = parse_part(self.read(name), name, self.budget)
        return self._xml[name]

    def rels(self, part: str) -> tuple[Relationship, ...]:
        """Return the relationships of `part` ('' for the package's own; none without .rels),
        only the first of a repeated id (as Office reads them; `repeated` notes the others)."""
        if part not in self._rels:
            name = rels_name(part)
            found = self.xml(name).iter(f"{{{RELS}}}Relationship") if name in self.infos else ()
            kept: dict[str, Relationship] = {}
            for rel in found:
                rel_id = rel.get("Id", "")
                if rel_id in kept:
                    self.repeated.setdefault(part, []).append(rel_id)
                    continue
                kept[rel_id] = Relationship(rel_id, rel.get("Type", ""), rel.get("Target", ""),
                                            rel.get("TargetMode") == "External", part)
            self._rels[part] = tuple(kept.values())
        return self._rels[part]

    def relationship(self, part: str, rel_id: str) -> Relationship | None:
        """Return relationship `rel_id` of `part` (from an index built once per part), or None."""
        if part not in self._by_id:
            self._by_id[part] = {rel.id: rel for rel in self.rels(part)}
        return self._by_id[part].get(rel_id)

    def target(self, part: str, rel_id: str) -> str:
        """Return the member relationship `rel_id` of `part` points at, or raise PackageError."""
        rel = self.relationship(part, rel_id)
        if rel is None or rel.external:
            raise PackageError(f"damaged: {part} refers to a missing relationship {rel_id}")
        return rel.part

    def related(self, part: str, kind: str) -> list[str]:
        """Return the members `part` relates to with relationships of `kind` ('theme', ...)."""
        return [rel.part for rel in self.rels(part) if rel.kind == kind and not rel.external]

    def content_types(self) -> ContentTypes:
        """Return the package's declared content types."""
        root = self.xml(CONTENT_TYPES_PART)
        defaults = {e.get("Extension", "").lower(): e.get("ContentType", "")
                    for e in root.iter(f"{{{CONTENT_TYPES}}}Default")}
        overrides = {e.get("PartName", "").lstrip("/"): e.get("ContentType", "")
                     for e in root.iter(f"{{{CONTENT_TYPES}}}Override")}
        return ContentTypes(defaults, overrides)

    def main_part(self) -> str | None:
        """Return the main document's member (the package's officeDocument), None without one."""
        return next((rel.part for rel in self.rels("")
                     if rel.type == OFFICE_DOCUMENT and not rel.external), None)

    def is_xml(self, name: str, types: ContentTypes) -> bool:
        """Return True when member `name` is XML a reader parses: by its extension (.xml, .rels,
        .vml), its content type (one of XML or of VML drawings), or, with neither, its first byte."""
        extension = posixpath.splitext(name)[1].lower()
        if extension in _XML_EXTENSIONS:
            return True
        content = types.of(name).lower()
        if content:
            return content.endswith("xml") or content.endswith("vmldrawing")
        return self.read(name).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"

    def why_broken(self, rel: Relationship, types: ContentTypes) -> str:
        """Return why relationship `rel`'s target does not load ('' when it does, or is outside)."""
        if rel.external:
            return ""
        target = rel.part
        if target in ("", ".") or target.startswith("../") or target == "..":
            return f"{rel.id} points outside the package ({rel.target!r})"
        if target not in self.infos:
            return f"{rel.id} points at {target}, which is missing"
        content = types.of(target)
        if rel.kind in _XML_KINDS and not content.endswith(f".{rel.kind}+xml"):
            return f"{rel.id} points at {target}, which is not a {rel.kind} ({content or 'no type'})"
        if rel.kind == "image" and not content.startswith("image/"):
            return f"{rel.id} points at {target}, which is not a picture ({content or 'no type'})"
        return ""


def _check_methods(infos: list[zipfile.ZipInfo]) -> None:
    """Raise PackageError for a member encrypted or compressed in a way Office never writes."""
    for info in infos:
        if info.flag_bits & 0x1:
            raise PackageError(f"encrypted: {info.filename} is protected by a zip password, "
                               "which Office files never are")
        if info.compress_type not in _OFFICE_COMPRESSION:
            method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise PackageError(f"not an Office file: {info.filename} is compressed with {method}, "
                               "which Office never writes; open it in PowerPoint and save it again")


def check_package(data: bytes) -> None:
    """Raise PackageError unless the package `data` is whole: every XML part and relationship
    list well-formed and without a DTD, no relationship id given twice, every relationship's
    target present and of its type, every reference to a relationship one its part has, and
    every master with its theme, layout with its master and slide with its layout.

    Decks written on a template pass this before they are written, so no deck can carry a
    dangling relationship or a part a reader would choke on.
    """
    with Package(data) as package:
        types = package.content_types()
        for name in package.infos:
            if name.endswith(".rels"):
                _check_relationships(package, name, types)
            elif package.is_xml(name, types):
                _check_references(package, name)
                _check_needs(package, name, types)


def _check_relationships(package: Package, name: str, types: ContentTypes) -> None:
    """Raise PackageError when relationship list `name` repeats an id or has a broken target."""
    source = source_of(name)
    rels = package.rels(source)
    if source in package.repeated:
        raise PackageError(f"damaged: {name} gives relationship id {package.repeated[source][0]} "
                           "twice")
    for rel in rels:
        why = package.why_broken(rel, types)
        if why:
            raise PackageError(f"damaged: in {name}, {why}")


def _check_references(package: Package, name: str) -> None:
    """Raise PackageError when part `name` refers to a relationship id it does not have."""
    missing = missing_references(package, name)
    if missing:
        raise PackageError(f"damaged: {name} refers to a missing relationship {missing[0]}")


def missing_references(package: Package, name: str) -> list[str]:
    """Return the relationship ids part `name` refers to (r:id, r:embed, ...) but does not have,
    each once, in the order met (one walk over the part)."""
    have = {rel.id for rel in package.rels(name)}
    prefix = f"{{{R}}}"
    missing: dict[str, None] = {}
    for element in package.xml(name).iter():
        for attr, value in element.items():
            if value not in have and attr.startswith(prefix) and value:
                missing[value] = None
    return list(missing)


# What a part of each kind must relate to for a reader to show it.
_NEEDS = {"slideMaster": "theme", "slideLayout": "slideMaster", "slide": "slideLayout"}


def _check_needs(package: Package, name: str, types: ContentTypes) -> None:
    """Raise PackageError when a master lacks its theme, a layout its master or a slide its
    layout."""
    content = types.of(name)
    for kind, needed in _NEEDS.items():
        if content.endswith(f".{kind}+xml") and not package.related(name, needed):
            raise PackageError(f"damaged: {name} has no {needed}")


def rels_name(part: str) -> str:
    """Return the member that holds the relationships of `part` ('' for the package's own)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def source_of(rels_member: str) -> str:
    """Return the part a .rels member describes ('' for the package's own)."""
    folder = posixpath.dirname(posixpath.dirname(rels_member))
    return posixpath.join(folder, posixpath.basename(rels_member)[: -len(".rels")]).lstrip("/")


def resolve_target(source: str, target: str) -> str:
    """Return the member a relationship `target` of part `source` names."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
