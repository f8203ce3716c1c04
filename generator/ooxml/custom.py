"""A package's custom document properties (docProps/custom.xml): briefgen's record of a deck
written into them, and read back.

Why custom properties and not a custom XML part: LibreOffice 7.4 saving a .pptx as .pptx keeps
both, but moves a custom XML part's relationship to the package root with a target that points
outside the package ("../customXml/item1.xml"), so the part survives only by its file name;
custom properties are kept whole, as PowerPoint keeps them. PowerPoint's dialogs hold a text
property to 255 characters, so a long text is written as numbered properties of at most 255
UTF-16 units each (`NAME.0001`, `NAME.0002`, ...), none starting or ending with a space, after
a head property `NAME` saying how many parts there are and the SHA-256 of the whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from generator.ooxml.names import CONTENT_TYPES, RELS, kind_of
from generator.ooxml.package import Package
from generator.ooxml.parse import PackageError, parse_part, part_bytes

if TYPE_CHECKING:
    from lxml import etree

PART = "docProps/custom.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id every custom property uses
BASE_PROPERTY = "briefgen.base"  # where a deck keeps the record of what it was built from
CHUNK = 255
MAX_CHUNKS = 40_000  # about 10 MB of text
_HEAD = re.compile(r"format (\d+); (\d+) parts; sha256 ([0-9a-f]{64})")


def chunks(text: str, most: int = CHUNK) -> list[str]:
    """Return `text` cut into pieces of at most `most` UTF-16 units, none starting or ending
    with whitespace (which a reader might trim) and no surrogate pair cut."""
    out, start = [], 0
    while start < len(text):
        end, units = start, 0
        while end < len(text) and units + (2 if ord(text[end]) > 0xFFFF else 1) <= most:
            units += 2 if ord(text[end]) > 0xFFFF else 1
            end += 1
        cut = end
        while cut < len(text) and cut - start > 1 and (text[cut - 1].isspace() or text[cut].isspace()):
            cut -= 1  # cut between two characters that are not spaces
        end = cut if cut - start > 1 or end == len(text) else end  # none there: cut where it fits
        out.append(text[start:end])
        start = end
    return out


def long_text(name: str, text: str, version: int) -> dict[str, str]:
    """Return the properties that hold `text` under `name`: the head, then its numbered parts."""
    parts = chunks(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    props = {name: f"format {version}; {len(parts)} parts; sha256 {digest}"}
    props.update({f"{name}.{n:04d}": part for n, part in enumerate(parts, 1)})
    return props


def read_long_text(props: Mapping[str, str], name: str) -> tuple[int, str] | None:
    """Return the format and text `long_text` wrote under `name` (None when absent), or raise
    PackageError when its parts are missing, extra or altered."""
    head = props.get(name)
    if head is None:
        return None
    found = _HEAD.fullmatch(head)
    if found is None:
        raise PackageError(f"its property {name} is not one briefgen writes")
    version, count, digest = int(found.group(1)), int(found.group(2)), found.group(3)
    if count > MAX_CHUNKS:
        raise PackageError(f"its property {name} claims {count} parts (at most {MAX_CHUNKS})")
    try:
        text = "".join(props[f"{name}.{n:04d}"] for n in range(1, count + 1))
    except KeyError:
        raise PackageError(f"its property {name} has lost some of its {count} parts") from None
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != digest:
        raise PackageError(f"its property {name} was changed after it was written")
    return version, text


def read_properties(package: Package) -> dict[str, str]:
    """Return the package's custom text properties by name (empty when it has none)."""
    name = next((rel.part for rel in package.rels("") if kind_of(rel.type) == "custom-properties"),
                None)
    if name is None or name not in package.names:
        return {}
    out = {}
    for prop in package.xml(name).iter(f"{{{CUSTOM}}}property"):
        value = prop.find(f"{{{VT}}}lpwstr")
        if value is not None and prop.get("name"):
            out[str(prop.get("name"))] = value.text or ""
    return out


def with_properties(members: dict[str, bytes], props: Mapping[str, str], prefix: str) -> None:
    """Write `props` into the package `members` (in place), replacing any properties whose
    names start with `prefix` and keeping the others a template brought."""
    from lxml import etree

    root = _existing(members.get(PART))
    for old in list(root):
        if str(old.get("name", "")).startswith(prefix):
            root.remove(old)
    for name, value in props.items():
        prop = etree.SubElement(root, f"{{{CUSTOM}}}property", fmtid=FMTID, name=name)
        etree.SubElement(prop, f"{{{VT}}}lpwstr").text = value
    for pid, prop in enumerate(root, 2):  # ids start at 2, in document order
        prop.set("pid", str(pid))
    if PART not in members:
        members["_rels/.rels"] = _related(members["_rels/.rels"])
        members["[Content_Types].xml"] = _typed(members["[Content_Types].xml"])
    members[PART] = part_bytes(root)


def _existing(data: bytes | None) -> etree._Element:
    """Return the custom properties root to add to: the template's, or a new one."""
    from lxml import etree

    if data is not None:
        return parse_part(data, PART)
    return etree.Element(f"{{{CUSTOM}}}Properties", nsmap={None: CUSTOM, "vt": VT})


def _related(rels: bytes) -> bytes:
    """Return the package's relationships with one to the custom properties part added."""
    from lxml import etree

    root = parse_part(rels, "_rels/.rels")
    taken = {r.get("Id") for r in root}
    rel_id = next(f"rId{n}" for n in range(len(taken) + 1, len(taken) + 1000)
                  if f"rId{n}" not in taken)
    etree.SubElement(root, f"{{{RELS}}}Relationship", Id=rel_id, Type=RELATIONSHIP, Target=PART)
    return part_bytes(root)


def _typed(types: bytes) -> bytes:
    """Return the content types with the custom properties part's added."""
    from lxml import etree

    root = parse_part(types, "[Content_Types].xml")
    etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName="/" + PART,
                     ContentType=CONTENT_TYPE)
    return part_bytes(root)
