"""A template's package made safe to build on: its own slides, outside links, embedded objects
and controls taken out before python-pptx opens it.

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
from functools import lru_cache
from pathlib import Path

from lxml import etree

from generator.theme.template import ACTIVE_TYPES, TemplatePackage, has_master, resolve_target

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# The template's own slides, its picture of one, and who commented on them: none of it is the deck's.
_SLIDE_TYPES = ("/slide", "/thumbnail", "/commentAuthors", "/authors")
# Elements that only point at a relationship (a link, a sound): removed with it.
_LINKS = {f"{{{_A}}}hlinkClick", f"{{{_A}}}hlinkHover", f"{{{_A}}}hlinkMouseOver",
          f"{{{_A}}}snd", f"{{{_P}}}snd"}
# Where a shape that holds an object or control ends: removed whole.
_SHAPES = {f"{{{_P}}}graphicFrame", f"{{{_P}}}pic", f"{{{_P}}}sp", f"{{{_P}}}control",
           f"{{{_MC}}}AlternateContent"}


@lru_cache(maxsize=4)
def cleaned_bytes(package: TemplatePackage) -> bytes:
    """Return the template's package without its slides, outside links, objects and controls."""
    with zipfile.ZipFile(package.path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()
                   if not info.is_dir()}
    members["[Content_Types].xml"] = _declared_presentation(members["[Content_Types].xml"])
    for name in [n for n in members if n.endswith(".rels")]:
        source = _source_of(name)
        kept, dropped = _kept_relationships(members[name], source)
        members[name] = kept
        if dropped and source in members:
            members[source] = _without_references(members[source], dropped)
    _without_orphan_layouts(members)
    if "docProps/app.xml" in members:  # it lists the template's slide titles and its company
        members["docProps/app.xml"] = _python_pptx_part("docProps/app.xml")
    main = next((n for n in members if n.endswith("presentation.xml") and "/_rels/" not in n), None)
    if main is not None:
        members[main] = _without_slide_list(members[main])
        _with_properties(members, main)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _parse(data: bytes) -> etree._Element:
    """Return parsed XML, with no network, DTD or entity expansion."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def _xml(root: etree._Element) -> bytes:
    """Return `root` serialised as a standalone UTF-8 part."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _declared_presentation(data: bytes) -> bytes:
    """Return the content types with the main part declared a presentation (a .potx is a template)."""
    root = _parse(data)
    for entry in root.iter(f"{{{_CT_NS}}}Override"):
        content = entry.get("ContentType", "")
        if content.endswith((".template.main+xml", ".slideshow.main+xml")):
            entry.set("ContentType", _PRESENTATION)
    return _xml(root)


def _source_of(rels_name: str) -> str:
    """Return the part a .rels member describes ('' for the package's own)."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    return posixpath.join(folder, posixpath.basename(rels_name)[: -len(".rels")]).lstrip("/")


def _kept_relationships(data: bytes, source: str) -> tuple[bytes, set[str]]:
    """Return the relationships without outside links, objects, controls and slides, and the
    ids removed."""
    root = _parse(data)
    dropped = set()
    for rel in list(root.iter(f"{{{_REL_NS}}}Relationship")):
        kind = rel.get("Type", "")
        slide = kind.endswith(_SLIDE_TYPES) and not source.startswith("ppt/slides/")
        if rel.get("TargetMode") == "External" or kind.endswith(ACTIVE_TYPES) or slide:
            dropped.add(rel.get("Id", ""))
            root.remove(rel)
    return _xml(root), dropped


def _without_references(data: bytes, dropped: set[str]) -> bytes:
    """Return a part without the links and shapes that refer to the `dropped` relationships."""
    root = _parse(data)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        refs = [name for name, value in element.attrib.items()
                if name.startswith(f"{{{_R}}}") and value in dropped]
        if not refs:
            continue
        _drop(root, element, refs)
    return _xml(root)


def _drop(root: etree._Element, element: etree._Element, refs: list[str]) -> None:
    """Remove what refers to a dropped relationship: a link, the shape holding an object, or
    (for a picture linked from outside) only the link."""
    if element.tag == f"{{{_A}}}blip":
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
    if outer is not None and outer.tag == f"{{{_MC}}}Choice":  # the object's fallback goes too
        while outer is not None and outer.tag != f"{{{_MC}}}AlternateContent":
            outer = outer.getparent()
        holder = outer if outer is not None else holder
    parent = holder.getparent()
    if parent is not None:
        parent.remove(holder)
        if parent.tag == f"{{{_P}}}controls" and not len(parent):
            grand = parent.getparent()
            if grand is not None:
                grand.remove(parent)


def _without_orphan_layouts(members: dict[str, bytes]) -> None:
    """Unlist the layouts that lack the relationship to their master (damaged; PowerPoint would
    repair the deck), as the template reader leaves them out too."""
    for name in [n for n in members if re.fullmatch(r"ppt/slideMasters/_rels/[^/]+\.rels", n)]:
        rels = _parse(members[name])
        master = _source_of(name)
        orphans = set()
        for rel in list(rels):
            if not rel.get("Type", "").endswith("/slideLayout"):
                continue
            layout = resolve_target(master, rel.get("Target", ""))
            layout_rels = posixpath.join(posixpath.dirname(layout), "_rels",
                                         posixpath.basename(layout) + ".rels")
            own = _parse(members[layout_rels]) if layout_rels in members else None
            if own is None or not has_master(list(own)):
                orphans.add(rel.get("Id", ""))
                rels.remove(rel)
        if orphans and master in members:
            root = _parse(members[master])
            for entry in root.iter(f"{{{_P}}}sldLayoutId"):
                if entry.get(f"{{{_R}}}id") in orphans:
                    entry.getparent().remove(entry)
            members[master] = _xml(root)
            members[name] = _xml(rels)


# Parts PowerPoint expects beside every presentation (it offers to repair a deck without them),
# which some tools do not write: taken from python-pptx's own template when missing.
_PROPERTY_PARTS = {
    "presProps": "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml",
    "viewProps": "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml",
}


def _with_properties(members: dict[str, bytes], main: str) -> None:
    """Add the presentation and view properties parts where the template lacks them."""
    rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    rels = _parse(members[rels_name])
    have = {rel.get("Type", "").rsplit("/", 1)[-1] for rel in rels}
    missing = [kind for kind in _PROPERTY_PARTS if kind not in have]
    if not missing:
        return
    blanks = {kind: _python_pptx_part(f"ppt/{kind}.xml") for kind in missing}
    types = _parse(members["[Content_Types].xml"])
    for kind in missing:
        name = posixpath.join(posixpath.dirname(main), f"{kind}.xml")
        members[name] = blanks[kind]
        etree.SubElement(rels, f"{{{_REL_NS}}}Relationship", Id=f"rIdBriefgen{kind}",
                         Type=f"{_R}/{kind}", Target=f"{kind}.xml")
        etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName="/" + name,
                         ContentType=_PROPERTY_PARTS[kind])
    members[rels_name] = _xml(rels)
    members["[Content_Types].xml"] = _xml(types)


def _python_pptx_part(name: str) -> bytes:
    """Return a part of python-pptx's own blank template."""
    import pptx

    with zipfile.ZipFile(Path(pptx.__file__).parent / "templates" / "default.pptx") as archive:
        return archive.read(name)


def _without_slide_list(data: bytes) -> bytes:
    """Return presentation.xml without its list of the template's slides and custom shows."""
    root = _parse(data)
    for tag in ("sldIdLst", "custShowLst"):
        for element in root.findall(f"{{{_P}}}{tag}"):
            root.remove(element)
    return _xml(root)

