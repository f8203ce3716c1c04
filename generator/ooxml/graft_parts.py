"""The package a graft writes into (`NewPackage`: members, parsed parts, fresh part names,
content types, relationships; changes kept pending until an operation succeeds) and the parts
of an older deck carried into it (`Carrier`: each part copied once under a fresh name with its
own relationships, within caps; what cannot be carried named in `lost` and every reference to
it removed, so that no `r:id` dangles)."""

from __future__ import annotations

import copy
import hashlib
import posixpath
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from generator.ooxml.names import CONTENT_TYPES, RELS, A, P, R, kind_of
from generator.ooxml.package import CONTENT_TYPES_PART, Package, Relationship, rels_name, resolve_target
from generator.ooxml.parse import Budget, PackageError, parse_part, part_bytes

if TYPE_CHECKING:
    from lxml import etree

# How many parts, and bytes, one graft may copy out of an older deck.
MAX_CARRIED_PARTS = 2_000
MAX_CARRIED_BYTES = 200 * 2**20
# Relationship kinds whose targets are carried, each to the folder and name stem it gets.
CARRIED = {"image": "ppt/media/image", "hdphoto": "ppt/media/hdphoto", "media": "ppt/media/media",
           "video": "ppt/media/media", "audio": "ppt/media/media", "chart": "ppt/charts/chart",
           "chartUserShapes": "ppt/drawings/drawing", "chartStyle": "ppt/charts/style",
           "chartColorStyle": "ppt/charts/colors", "package": "ppt/embeddings/package",
           "oleObject": "ppt/embeddings/oleObject", "themeOverride": "ppt/theme/themeOverride",
           "diagramData": "ppt/diagrams/data", "diagramLayout": "ppt/diagrams/layout",
           "diagramQuickStyle": "ppt/diagrams/quickStyle", "diagramColors": "ppt/diagrams/colors",
           "diagramDrawing": "ppt/diagrams/drawing", "tags": "ppt/tags/tag",
           "vmlDrawing": "ppt/drawings/vmlDrawing"}
# Kinds kept when they point outside the deck: links a reader follows only when asked to.
EXTERNAL_KEPT = frozenset({"hyperlink", "media", "video", "audio"})
# What a reader would call the target of each kind, for the lines in `lost`.
WORDS = {"image": "picture", "hdphoto": "picture", "chart": "chart", "oleObject": "embedded object",
         "package": "embedded object", "hyperlink": "link", "media": "media", "video": "video",
         "audio": "sound", "slide": "link to another slide"}
STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
_SAFE_EXTENSION = re.compile(r"[a-z0-9]{1,8}")


class NewPackage:
    """The members of the package being written, with parsed parts; additions and changes of
    one operation stay pending until `commit` (or are forgotten by `rollback`)."""

    def __init__(self, members: dict[str, bytes]) -> None:
        self.members = members
        self._pending: dict[str, bytes] = {}
        self._trees: dict[str, etree._Element] = {}
        self._dirty: set[str] = set()  # parsed parts that were changed
        # The deck briefgen just wrote is trusted: its parts are parsed without a package budget.
        self._budget = Budget(items=2**62, size=2**62)

    def has(self, name: str) -> bool:
        """Return True when member `name` exists (or is about to)."""
        return name in self._trees or name in self._pending or name in self.members

    def edit(self, name: str) -> etree._Element:
        """Return part `name` parsed, to be changed: it is written back at `commit`."""
        self._dirty.add(name)
        return self.xml(name)

    def xml(self, name: str) -> etree._Element:
        """Return part `name` parsed, the same tree for the whole operation."""
        if name not in self._trees:
            data = self._pending.get(name, self.members.get(name))
            if data is None:
                raise PackageError(f"damaged: the new deck lacks {name}")
            self._trees[name] = parse_part(data, name, self._budget)
        return self._trees[name]

    def put_xml(self, name: str, root: etree._Element) -> None:
        """Set part `name` to the tree `root`."""
        self._trees[name] = root
        self._dirty.add(name)

    def put_bytes(self, name: str, data: bytes) -> None:
        """Set member `name` to `data`."""
        self._trees.pop(name, None)
        self._pending[name] = data

    def commit(self) -> None:
        """Write every pending change into `members` (a new part's empty relationships left out)."""
        self.members.update(self._pending)
        self.members.update({name: part_bytes(self._trees[name]) for name in self._dirty
                             if len(self._trees[name]) or name in self.members
                             or not name.endswith(".rels")})
        self.rollback()

    def rollback(self) -> None:
        """Forget every pending change."""
        self._pending.clear()
        self._trees.clear()
        self._dirty.clear()

    def free_name(self, stem: str, extension: str) -> str:
        """Return '{stem}{N}.{extension}' with the lowest N >= 1 no member has."""
        number = 1
        while self.has(f"{stem}{number}.{extension}"):
            number += 1
        return f"{stem}{number}.{extension}"

    def declare(self, name: str, content_type: str) -> None:
        """Give part `name` its content type: by the extension's Default when it says so (one
        added when the extension has none), else by an Override."""
        from lxml import etree

        root = self.edit(CONTENT_TYPES_PART)
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        defaults = {e.get("Extension", "").lower(): e for e in root.iter(f"{{{CONTENT_TYPES}}}Default")}
        default = defaults.get(extension)
        if default is not None and default.get("ContentType") == content_type:
            return
        if default is None and extension not in ("xml", "rels"):
            added = etree.Element(f"{{{CONTENT_TYPES}}}Default", Extension=extension,
                                  ContentType=content_type)
            root.insert(len(defaults), added)
            return
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName="/" + name,
                         ContentType=content_type)

    def rels(self, part: str) -> etree._Element:
        """Return the relationships of `part` (an empty list for a part without any)."""
        from lxml import etree

        name = rels_name(part)
        if not self.has(name):
            self.put_xml(name, etree.Element(f"{{{RELS}}}Relationships", nsmap={None: RELS}))
        return self.xml(name)

    def relate(self, part: str, rel_type: str, target: str, external: bool = False,
               rel_id: str | None = None) -> str:
        """Add a relationship of `part` to member `target` (or outside address) and return its
        id: `rel_id` when given, else the first 'rIdN' the part does not use."""
        from lxml import etree

        root = self.rels(part)
        self._dirty.add(rels_name(part))
        if rel_id is None:
            taken = {rel.get("Id") for rel in root}
            rel_id = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
        written = target if external else posixpath.relpath(target, posixpath.dirname(part))
        rel = etree.SubElement(root, f"{{{RELS}}}Relationship", Id=rel_id, Type=rel_type,
                               Target=written)
        if external:
            rel.set("TargetMode", "External")
        return rel_id

    def target(self, part: str, rel_id: str) -> str:
        """Return the member relationship `rel_id` of `part` points at, or raise PackageError."""
        for rel in self.rels(part):
            if rel.get("Id") == rel_id and rel.get("TargetMode") != "External":
                return resolve_target(part, str(rel.get("Target", "")))
        raise PackageError(f"damaged: {part} refers to a missing relationship {rel_id}")

    def related(self, part: str, kind: str) -> list[str]:
        """Return the members `part` relates to with relationships of `kind`."""
        return [resolve_target(part, str(rel.get("Target", ""))) for rel in self.rels(part)
                if kind_of(str(rel.get("Type", ""))) == kind and rel.get("TargetMode") != "External"]


class Carrier:
    """Copies parts of the older deck `old` into `new`, each once, within the caps; what it
    cannot carry is said in `lost`."""

    def __init__(self, old: Package, new: NewPackage, lost: list[str]) -> None:
        self.old, self.new, self.lost = old, new, lost
        self.types = old.content_types()
        self.copied: dict[str, str] = {}  # old part -> its copy
        self.shared: dict[tuple[str, str], str] = {}  # (digest, content type) -> copy
        self.parts = 0
        self.size = 0

    def target(self, rel: Relationship, where: str) -> tuple[str, str, bool] | None:
        """Return (type, target, external) for relationship `rel` carried into the new deck
        (its target copied), or None, with a line in `lost`, when it cannot be carried."""
        rel_type = R + rel.type[len(STRICT):] if rel.type.startswith(STRICT) else rel.type
        what = WORDS.get(rel.kind, rel.kind or "link")
        if rel.external:
            if rel.kind in EXTERNAL_KEPT:
                return rel_type, rel.target, True
            self.lost.append(f"{where}: a {what} linked from outside the deck")
            return None
        if rel.kind not in CARRIED:
            self.lost.append(f"{where}: its {what}")
            return None
        if self.old.why_broken(rel, self.types):
            self.lost.append(f"{where}: a {what} whose part is missing or outside the deck")
            return None
        copied = self.part(rel.part, rel.kind, where)
        return (rel_type, copied, False) if copied else None

    def part(self, name: str, kind: str, where: str) -> str | None:
        """Return the copy of old part `name` (made now, with its relationships, unless made
        before), or None, with a line in `lost`, when the caps or its content type forbid it."""
        if name in self.copied:
            return self.copied[name]
        content_type = self.types.of(name)
        size = self.old.infos[name].file_size
        if not content_type or self.parts >= MAX_CARRIED_PARTS or self.size + size > MAX_CARRIED_BYTES:
            why = "it has no content type" if not content_type else "too much to carry"
            self.lost.append(f"{where}: a {WORDS.get(kind, kind)} ({why})")
            return None
        self.parts, self.size = self.parts + 1, self.size + size
        if self.old.is_xml(name, self.types):
            return self._xml_part(name, kind, content_type, where)
        data = self.old.read(name)
        key = (hashlib.sha256(data).hexdigest(), content_type)
        if key not in self.shared:
            self.shared[key] = self.new.free_name(CARRIED[kind], _extension(name))
            self.new.put_bytes(self.shared[key], data)
            self.new.declare(self.shared[key], content_type)
        self.copied[name] = self.shared[key]
        return self.shared[key]

    def _xml_part(self, name: str, kind: str, content_type: str, where: str) -> str:
        """Return the copy of XML part `name`, made with its relationships (same ids)."""
        copied = self.new.free_name(CARRIED[kind], _extension(name))
        self.copied[name] = copied  # before its relationships: a part may relate back to itself
        root = copy.deepcopy(self.old.xml(name))
        self.new.rels(copied)
        self.carry_relationships(name, copied, root, where)
        drop_references(root, set(referenced(root)) - kept_ids(self.new, copied), where, self.lost)
        self.new.put_xml(copied, root)
        self.new.declare(copied, content_type)
        return copied

    def carry_relationships(self, name: str, copied: str, root: etree._Element, where: str,
                            skip: Iterable[str] = ()) -> None:
        """Give `copied` the relationships of old part `name` that can be carried, under the same
        ids, leaving out the kinds in `skip` (the caller relates those itself)."""
        for rel in self.old.rels(name):
            if rel.kind in skip:
                continue
            target = self.target(rel, where)
            if target is not None:
                self.new.relate(copied, target[0], target[1], target[2], rel_id=rel.id)


def kept_ids(new: NewPackage, part: str) -> set[str]:
    """Return the relationship ids part `part` of the new package has."""
    return {str(rel.get("Id")) for rel in new.rels(part)}


def referenced(root: etree._Element) -> Iterable[str]:
    """Yield every relationship id a tree refers to (attributes in the r: namespace), in order."""
    prefix = f"{{{R}}}"
    for element in root.iter():
        for attr, value in element.items():
            if attr.startswith(prefix) and value:
                yield value


# Elements whose reference may go while the element stays: a picture's fill without its picture.
_OPTIONAL_REFERENCE = frozenset({f"{{{A}}}blip"})
# Elements that go whole when their link goes.
_LINKS = frozenset(f"{{{A}}}{name}" for name in ("hlinkClick", "hlinkHover", "hlinkMouseOver"))


def drop_references(root: etree._Element, ids: set[str], where: str, lost: list[str]) -> None:
    """Remove from `root` every reference to a relationship id in `ids`: a link element goes
    whole, a fill's picture reference alone, a shape of a slide holding any other reference
    (a picture's own too) goes whole (named in `lost`), and elsewhere the element holding it."""
    if not ids:
        return
    prefix = f"{{{R}}}"
    doomed = [(element, attr) for element in root.iter() for attr, value in element.items()
              if attr.startswith(prefix) and value in ids]
    for element, attr in doomed:
        if element.getroottree().getroot() is not root:
            continue  # already removed with an ancestor
        shape = top_level_shape(element)
        if element.tag in _LINKS:
            _remove(element)
        elif element.tag in _OPTIONAL_REFERENCE and not _is_picture_itself(element, shape):
            del element.attrib[attr]
        elif shape is not None:
            lost.append(f"{where}: shape {shape_name(shape)!r} (what it shows is missing)")
            _remove(shape)
        else:
            _remove(element)


def _is_picture_itself(blip: etree._Element, shape: etree._Element | None) -> bool:
    """Return True when `blip` is what a picture shows (in its p:blipFill), not a fill."""
    parent = blip.getparent()
    return shape is not None and parent is not None and parent.tag == f"{{{P}}}blipFill"


def top_level_shape(element: etree._Element) -> etree._Element | None:
    """Return the child of a slide's shape tree that holds `element`, or None."""
    node = element
    while node is not None:
        parent = node.getparent()
        if parent is not None and parent.tag == f"{{{P}}}spTree":
            return node if node.tag != f"{{{P}}}nvGrpSpPr" else None
        node = parent
    return None


def shape_name(shape: etree._Element) -> str:
    """Return a shape's name (cNvPr/@name), cut to 60 characters, printable."""
    c_nv_pr = next(shape.iter(f"{{{P}}}cNvPr"), None)
    name = str(c_nv_pr.get("name", "")) if c_nv_pr is not None else ""
    return "".join(ch if ch.isprintable() else "?" for ch in name)[:60]


def _remove(element: etree._Element) -> None:
    """Remove `element` from its parent."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _extension(name: str) -> str:
    """Return part `name`'s extension, lower case, when it is short and plain, else 'bin'."""
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    return extension if _SAFE_EXTENSION.fullmatch(extension) else "bin"
