"""A template's package made safe to build on: only the parts a deck keeps, without its own
slides, outside links, embedded objects and controls, links whose targets do not load and
layouts without a valid master, before python-pptx opens it; and the deck built on it checked
as a package before it is written.

The package cleaned is the bytes the theme read and checked (`TemplatePackage.data`), within
the OOXML layer's caps; the template's file is never opened again here, so a file replaced
after the theme was resolved changes nothing.

A deck must not call out to a server when opened, nor carry someone else's programs, so every
relationship with `TargetMode="External"` and every OLE object or ActiveX control goes, with the
shapes and links that refer to them. What is kept is decided once, in
`theme.template.structure`, which the theme's reading of the template follows too: the parts
reached from the presentation through the relationships kept, each parsed by the hardened
parser. A .potx opens once its main part is declared a presentation.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import OrderedDict
from pathlib import Path

from lxml import etree

from generator.backends.base import Notice, RenderError
from generator.ooxml.names import CONTENT_TYPES, MC, PRESENTATION_MAIN, RELS, A, P, R
from generator.ooxml.package import CONTENT_TYPES_PART, Package, check_package, rels_name
from generator.ooxml.parse import PackageError, parse_part, part_bytes
from generator.theme.template.package import TemplatePackage
from generator.theme.template.parts import allowed_size
from generator.theme.template.shown import escaped
from generator.theme.template.structure import structure

# Elements that only point at a relationship (a link, a sound): removed with it.
_LINKS = {f"{{{A}}}hlinkClick", f"{{{A}}}hlinkHover", f"{{{A}}}hlinkMouseOver",
          f"{{{A}}}snd", f"{{{P}}}snd"}
# Where a shape that holds an object or control ends: removed whole.
# A type size as DrawingML writes it, in hundredths of a point.
_SIZE = re.compile(rb'\bsz="([^"]*)"')
# A processing instruction other than the XML declaration (a stylesheet that names a file).
_INSTRUCTION = re.compile(rb"<\?(?!xml[ \t\r\n?])")
# Entries of the presentation's and masters' lists that name a relationship: removed with it.
_ENTRIES = {f"{{{P}}}{tag}" for tag in ("sldMasterId", "sldLayoutId", "sldId", "notesMasterId",
                                        "handoutMasterId")}
_SHAPES = {f"{{{P}}}graphicFrame", f"{{{P}}}pic", f"{{{P}}}sp", f"{{{P}}}control",
           f"{{{MC}}}AlternateContent"}


# Cleaned packages of the last few templates, by digest, the most recently used last: a batch
# or a watch builds many decks on one template, and cleaning costs as much as several slides.
KEPT = 4
_kept: OrderedDict[str, bytes] = OrderedDict()


def cleaned_bytes(package: TemplatePackage) -> bytes:
    """Return the template's bytes as read and checked, cleaned (`clean_package`); kept for
    the last KEPT templates by their digest, so the bytes are never hashed again per deck."""
    cleaned = _kept.pop(package.digest, None)
    if cleaned is None:
        cleaned = clean_package(package.data)
    _kept[package.digest] = cleaned
    while len(_kept) > KEPT:
        _kept.popitem(last=False)
    return cleaned


def check_deck(data: bytes, package: TemplatePackage) -> None:
    """Raise RenderError naming the template unless the deck `data` built on it is a whole
    package (`check_package`: every relationship resolves, every part well-formed, no DTD)."""
    try:
        check_package(data)
    except PackageError as exc:
        why = str(exc).removeprefix("damaged: ")
        raise RenderError([Notice((), f"template '{escaped(package.path.name)}': the deck built "
                                      f"on it would be damaged: {escaped(why)}")]) from None


def forget_cleaned() -> None:
    """Forget every kept cleaned package (the next deck cleans its template again)."""
    _kept.clear()


def clean_package(data: bytes) -> bytes:
    """Return template package bytes holding only the parts a deck keeps (`structure`): without
    slides, outside links, objects and controls, links whose target does not load, and layouts
    without a valid master; raise PackageError naming a part that cannot be kept."""
    with Package(data) as package:
        main = package.main_part()
        if main is None:
            raise PackageError("not a PowerPoint template (no presentation inside)")
        kept = structure(package, main)
        members = {CONTENT_TYPES_PART: package.read(CONTENT_TYPES_PART)}
        types = package.content_types()
        for part in kept.parts:
            for name in (part, rels_name(part)):
                if name in package.infos:
                    members[name] = _without_instructions(package.read(name), name) if (
                        package.is_xml(name, types)) else package.read(name)
    members[CONTENT_TYPES_PART] = _declared_presentation(members[CONTENT_TYPES_PART])
    for part in {**kept.left_out, **kept.repeated}:
        dropped = kept.left_out.get(part, set())
        name = rels_name(part)
        if name in members:
            members[name] = _without_relationships(members[name], name, dropped)
        if part in members and dropped:
            members[part] = _without_references(members[part], part, dropped)
    for part in [main, *kept.masters, *(part for _number, part in kept.layouts)]:
        members[part] = _with_type_sizes_allowed(members[part], part)
    if "docProps/app.xml" in members:  # it lists the template's slide titles and its company
        members["docProps/app.xml"] = _python_pptx_part("docProps/app.xml")
    members[main] = _without_slide_list(members[main], main)
    _with_properties(members, main)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_type_sizes_allowed(data: bytes, name: str) -> bytes:
    """Return a master or layout without the type sizes DrawingML does not allow (a zero size
    is read as the default, and left out so that the deck does not carry it either)."""
    if all(allowed_size(sz.decode(errors="replace")) for sz in _SIZE.findall(data)):
        return data  # nearly every template: the part is kept as it is
    root = parse_part(data, name)
    for element in root.iter(f"{{{A}}}defRPr", f"{{{A}}}rPr", f"{{{A}}}endParaRPr"):
        sz = element.get("sz")
        if sz is not None and not allowed_size(sz):
            del element.attrib["sz"]
    return part_bytes(root)


def _without_instructions(data: bytes, name: str) -> bytes:
    """Return XML member `name` without processing instructions (the parser drops them)."""
    return part_bytes(parse_part(data, name)) if _INSTRUCTION.search(data) else data


def _declared_presentation(data: bytes) -> bytes:
    """Return the content types with the main part declared a presentation (a .potx is a template)."""
    root = parse_part(data, CONTENT_TYPES_PART)
    for entry in root.iter(f"{{{CONTENT_TYPES}}}Override"):
        content = entry.get("ContentType", "")
        if content.endswith((".template.main+xml", ".slideshow.main+xml")):
            entry.set("ContentType", PRESENTATION_MAIN)
    return part_bytes(root)


def _without_relationships(data: bytes, name: str, dropped: set[str]) -> bytes:
    """Return the relationships in member `name` without those whose ids are `dropped`, and
    without any that repeats an earlier one's id (Office reads the first)."""
    root = parse_part(data, name)
    seen: set[str] = set()
    for rel in list(root.iter(f"{{{RELS}}}Relationship")):
        rel_id = rel.get("Id", "")
        if rel_id in dropped or rel_id in seen:
            root.remove(rel)
        seen.add(rel_id)
    return part_bytes(root)


def _without_references(data: bytes, name: str, dropped: set[str]) -> bytes:
    """Return part `name` without the links and shapes that refer to the `dropped` relationships."""
    root = parse_part(data, name)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        refs = [name for name, value in element.attrib.items()
                if name.startswith(f"{{{R}}}") and value in dropped]
        if not refs:
            continue
        _drop(root, element, refs)
    return part_bytes(root)


def _drop(root: etree._Element, element: etree._Element, refs: list[str]) -> None:
    """Remove what refers to a dropped relationship: a link, the shape holding an object, or
    (for a picture linked from outside) only the link."""
    if element.tag == f"{{{A}}}blip":
        for name in refs:
            del element.attrib[name]  # a linked picture: it shows no picture, and calls nobody
        return
    if element.tag in _LINKS or element.tag in _ENTRIES or element is root:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
        return
    holder = element
    while holder.getparent() is not None and holder.tag not in _SHAPES:
        holder = holder.getparent()
    if holder.getparent() is None:  # in no shape (a part's tags, a drawing's data): it alone
        holder = element
    outer = holder.getparent()
    if outer is not None and outer.tag == f"{{{MC}}}Choice":  # the object's fallback goes too
        while outer is not None and outer.tag != f"{{{MC}}}AlternateContent":
            outer = outer.getparent()
        holder = outer if outer is not None else holder
    parent = holder.getparent()
    if parent is not None:
        parent.remove(holder)
        if parent.tag == f"{{{P}}}controls" and not len(parent):
            grand = parent.getparent()
            if grand is not None:
                grand.remove(parent)


# Parts PowerPoint expects beside every presentation (it offers to repair a deck without them),
# which some tools do not write: taken from python-pptx's own template when missing.
_PROPERTY_PARTS = {
    "presProps": "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml",
    "viewProps": "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml",
}


def _with_properties(members: dict[str, bytes], main: str) -> None:
    """Add the presentation and view properties parts where the template lacks them."""
    main_rels = rels_name(main)
    rels = parse_part(members[main_rels], main_rels)
    have = {rel.get("Type", "").rsplit("/", 1)[-1] for rel in rels}
    missing = [kind for kind in _PROPERTY_PARTS if kind not in have]
    if not missing:
        return
    blanks = {kind: _python_pptx_part(f"ppt/{kind}.xml") for kind in missing}
    types = parse_part(members[CONTENT_TYPES_PART], CONTENT_TYPES_PART)
    for kind in missing:
        name = posixpath.join(posixpath.dirname(main), f"{kind}.xml")
        members[name] = blanks[kind]
        etree.SubElement(rels, f"{{{RELS}}}Relationship", Id=f"rIdBriefgen{kind}",
                         Type=f"{R}/{kind}", Target=f"{kind}.xml")
        etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override", PartName="/" + name,
                         ContentType=_PROPERTY_PARTS[kind])
    members[main_rels] = part_bytes(rels)
    members[CONTENT_TYPES_PART] = part_bytes(types)


def _python_pptx_part(name: str) -> bytes:
    """Return a part of python-pptx's own blank template."""
    import pptx

    with zipfile.ZipFile(Path(pptx.__file__).parent / "templates" / "default.pptx") as archive:
        return archive.read(name)


def _without_slide_list(data: bytes, name: str) -> bytes:
    """Return presentation.xml without its list of the template's slides and custom shows."""
    root = parse_part(data, name)
    for tag in ("sldIdLst", "custShowLst"):
        for element in root.findall(f"{{{P}}}{tag}"):
            root.remove(element)
    return part_bytes(root)

