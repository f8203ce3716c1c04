"""Shapes in a slide's shape tree, for a graft: the top-level shapes and their ids, a shape
found by id, ids renumbered where they clash (connectors following), names changed, and the
element that holds a shape's geometry and formatting."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from generator.ooxml.names import A, P
from generator.ooxml.parse import PackageError, whole_number

if TYPE_CHECKING:
    from lxml import etree

# The children of a shape tree that are not shapes.
_NOT_SHAPES = frozenset(f"{{{P}}}{name}" for name in ("nvGrpSpPr", "grpSpPr", "extLst"))
# The element holding each kind of shape's geometry and formatting.
_PROPERTIES = {f"{{{P}}}sp": "spPr", f"{{{P}}}pic": "spPr", f"{{{P}}}cxnSp": "spPr",
               f"{{{P}}}graphicFrame": "xfrm", f"{{{P}}}grpSp": "grpSpPr"}
_CONNECTIONS = (f"{{{A}}}stCxn", f"{{{A}}}endCxn")


def shape_tree(slide: etree._Element) -> etree._Element:
    """Return a slide's p:cSld/p:spTree, or raise PackageError when it has none."""
    tree = slide.find(f"{{{P}}}cSld/{{{P}}}spTree")
    if tree is None:
        raise PackageError("damaged: a slide has no shape tree")
    return tree


def shapes(slide: etree._Element) -> list[tuple[int, str, etree._Element]]:
    """Return (id, name, element) of each top-level shape of a slide, in document order."""
    found = []
    for child in shape_tree(slide):
        if child.tag in _NOT_SHAPES:
            continue
        c_nv_pr = child.find(f"*/{{{P}}}cNvPr")
        number = whole_number(c_nv_pr.get("id")) if c_nv_pr is not None else None
        if c_nv_pr is not None and number is not None:
            found.append((number, str(c_nv_pr.get("name", "")), child))
    return found


def shape(slide: etree._Element, shape_id: int, where: str) -> etree._Element:
    """Return the top-level shape `shape_id` of a slide, or raise PackageError naming it."""
    for number, _name, element in shapes(slide):
        if number == shape_id:
            return element
    raise PackageError(f"{where} has no shape with id {shape_id}")


def place_on_top(tree: etree._Element, elements: Iterable[etree._Element]) -> None:
    """Append `elements` to the shape tree `tree`, above its shapes (before its extLst)."""
    ext = tree.find(f"{{{P}}}extLst")
    for element in elements:
        if ext is not None:
            ext.addprevious(element)
        else:
            tree.append(element)


def renumber(target: etree._Element, copies: list[etree._Element]) -> None:
    """Give every shape in `copies` an id unused on the slide `target`, where its own clashes,
    and make connectors among the copies follow; a connector's end at a shape not copied is
    let go (it would name another shape on this slide)."""
    taken = {whole_number(e.get("id")) for e in target.iter(f"{{{P}}}cNvPr")}
    taken.discard(None)
    highest = max((n for n in taken if n is not None), default=1)
    moved: dict[str, str] = {}
    for copy in copies:
        for c_nv_pr in copy.iter(f"{{{P}}}cNvPr"):
            old = str(c_nv_pr.get("id", ""))
            number = whole_number(old)
            if number is None or number in taken or number < 1:
                highest += 1
                number = highest
            taken.add(number)
            highest = max(highest, number)
            moved[old] = str(number)
            c_nv_pr.set("id", str(number))
    for copy in copies:
        for end in list(copy.iter(*_CONNECTIONS)):
            if end.get("id") in moved:
                end.set("id", moved[str(end.get("id"))])
            else:
                parent = end.getparent()
                if parent is not None:
                    parent.remove(end)


def rename_shapes(roots: Iterable[etree._Element], rename: Callable[[str], str] | None) -> None:
    """Apply `rename` to the name of every shape under `roots` (nothing when None)."""
    if rename is None:
        return
    for root in roots:
        for c_nv_pr in root.iter(f"{{{P}}}cNvPr"):
            c_nv_pr.set("name", rename(str(c_nv_pr.get("name", ""))))


def properties(element: etree._Element) -> etree._Element | None:
    """Return the element holding a shape's geometry and formatting (p:spPr, or a table's or
    chart's p:xfrm, or a group's p:grpSpPr), None when it has none."""
    name = _PROPERTIES.get(element.tag)
    return element.find(f"{{{P}}}{name}") if name else None


def geometry(props: etree._Element) -> etree._Element | None:
    """Return the transform (position and size) within a shape's properties element."""
    if props.tag == f"{{{P}}}xfrm":
        return props
    return props.find(f"{{{A}}}xfrm")


def replace_text(target: etree._Element, body: etree._Element) -> None:
    """Put the text body `body` into shape `target` in place of its own (where one goes)."""
    own = target.find(f"{{{P}}}txBody")
    if own is not None:
        own.addprevious(body)
        target.remove(own)
        return
    ext = target.find(f"{{{P}}}extLst")
    if ext is not None:
        ext.addprevious(body)
    else:
        target.append(body)
