"""A template's package made safe to build on: its own slides, outside links, embedded objects
and controls taken out before python-pptx opens it.

The package cleaned is the bytes the theme read and checked (`TemplatePackage.data`), within
the OOXML layer's caps; the template's file is never opened again here, so a file replaced
after the theme was resolved changes nothing.

A deck must not call out to a server when opened, nor carry someone else's programs, so every
relationship with `TargetMode="External"` and every OLE object or ActiveX control goes, with the
shapes and links that refer to them. python-pptx keeps only the parts still related to the
presentation, so dropping a relationship drops its part too. A .potx opens once its main part
is declared a presentation.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import OrderedDict
from pathlib import Path

from lxml import etree

from generator.ooxml.names import CONTENT_TYPES, MC, PRESENTATION_MAIN, RELS, A, P, R, kind_of
from generator.ooxml.package import (
    CONTENT_TYPES_PART,
    Package,
    rels_name,
    resolve_target,
    source_of,
)
from generator.ooxml.parse import parse_part, part_bytes
from generator.theme.template.package import TemplatePackage, is_active

# The template's own slides, its picture of one, and who commented on them: none of it is the deck's.
_SLIDE_KINDS = ("slide", "thumbnail", "commentAuthors", "authors")
# Elements that only point at a relationship (a link, a sound): removed with it.
_LINKS = {f"{{{A}}}hlinkClick", f"{{{A}}}hlinkHover", f"{{{A}}}hlinkMouseOver",
          f"{{{A}}}snd", f"{{{P}}}snd"}
# Where a shape that holds an object or control ends: removed whole.
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


def forget_cleaned() -> None:
    """Forget every kept cleaned package (the next deck cleans its template again)."""
    _kept.clear()


def clean_package(data: bytes) -> bytes:
    """Return template package bytes without their slides, outside links, objects and controls."""
    with Package(data) as package:
        members = package.members()
    members[CONTENT_TYPES_PART] = _declared_presentation(members[CONTENT_TYPES_PART])
    for name in [n for n in members if n.endswith(".rels")]:
        source = source_of(name)
        kept, dropped = _kept_relationships(members[name], name, source)
        members[name] = kept
        if dropped and source in members:
            members[source] = _without_references(members[source], source, dropped)
    _without_orphan_layouts(members)
    if "docProps/app.xml" in members:  # it lists the template's slide titles and its company
        members["docProps/app.xml"] = _python_pptx_part("docProps/app.xml")
    main = next((n for n in members if n.endswith("presentation.xml") and "/_rels/" not in n), None)
    if main is not None:
        members[main] = _without_slide_list(members[main], main)
        _with_properties(members, main)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _declared_presentation(data: bytes) -> bytes:
    """Return the content types with the main part declared a presentation (a .potx is a template)."""
    root = parse_part(data, CONTENT_TYPES_PART)
    for entry in root.iter(f"{{{CONTENT_TYPES}}}Override"):
        content = entry.get("ContentType", "")
        if content.endswith((".template.main+xml", ".slideshow.main+xml")):
            entry.set("ContentType", PRESENTATION_MAIN)
    return part_bytes(root)


def _kept_relationships(data: bytes, name: str, source: str) -> tuple[bytes, set[str]]:
    """Return the relationships (member `name`, of part `source`) without outside links,
    objects, controls and slides, and the ids removed."""
    root = parse_part(data, name)
    dropped = set()
    for rel in list(root.iter(f"{{{RELS}}}Relationship")):
        kind = rel.get("Type", "")
        slide = kind_of(kind) in _SLIDE_KINDS and not source.startswith("ppt/slides/")
        if rel.get("TargetMode") == "External" or is_active(kind) or slide:
            dropped.add(rel.get("Id", ""))
            root.remove(rel)
    return part_bytes(root), dropped


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
    if element.tag in _LINKS or element is root:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
        return
    holder = element
    while holder.getparent() is not None and holder.tag not in _SHAPES:
        holder = holder.getparent()
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


def _without_orphan_layouts(members: dict[str, bytes]) -> None:
    """Unlist the layouts that lack the relationship to their master (damaged; PowerPoint would
    repair the deck), as the template reader leaves them out too."""
    for name in [n for n in members if re.fullmatch(r"ppt/slideMasters/_rels/[^/]+\.rels", n)]:
        rels = parse_part(members[name], name)
        master = source_of(name)
        orphans = set()
        for rel in list(rels):
            if kind_of(rel.get("Type", "")) != "slideLayout":
                continue
            layout_rels = rels_name(resolve_target(master, rel.get("Target", "")))
            own = parse_part(members[layout_rels], layout_rels) if layout_rels in members else None
            if own is None or not any(kind_of(r.get("Type", "")) == "slideMaster" for r in own):
                orphans.add(rel.get("Id", ""))
                rels.remove(rel)
        if orphans and master in members:
            root = parse_part(members[master], master)
            for entry in root.iter(f"{{{P}}}sldLayoutId"):
                if entry.get(f"{{{R}}}id") in orphans:
                    entry.getparent().remove(entry)
            members[master] = part_bytes(root)
            members[name] = part_bytes(rels)


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

