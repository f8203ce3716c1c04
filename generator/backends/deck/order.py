"""Reading order: a slide's shapes as a screen reader should meet them, title first.

PowerPoint reads shapes in the order of the shape tree, which is also the order they are drawn
in. Shapes are drawn as the layout finds convenient, so once a slide is drawn its tree is sorted:
the title, then top to bottom, left to right. A panel starts above and left of what sits on it,
so it still comes (and is drawn) first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pptx.oxml.ns import qn

if TYPE_CHECKING:
    from pptx.slide import Slide

_SHAPES = {qn("p:sp"), qn("p:pic"), qn("p:grpSp"), qn("p:graphicFrame"), qn("p:cxnSp")}
_TITLES = {"title", "ctrTitle"}
# Shapes whose tops differ by less than this (EMU, about 2 pt) count as one row.
_ROW = 25400


def reading_order(slide: Slide) -> None:
    """Sort the slide's shape tree into reading order (title, then by row, then left to right)."""
    tree = slide.shapes._spTree
    shapes = [child for child in tree if child.tag in _SHAPES]
    ordered = sorted(shapes, key=_key)
    if ordered == shapes:
        return
    for shape in shapes:
        tree.remove(shape)
    tree.extend(ordered)


def _key(shape: Any) -> tuple[int, int, int]:
    """Return the sort key of a shape element: title first, then its top, then its left."""
    if _placeholder_type(shape) in _TITLES:
        return (0, 0, 0)
    x, y = _offset(shape)
    return (1, y // _ROW, x)


def _placeholder_type(shape: Any) -> str | None:
    """Return a placeholder's type ('title', 'body', ...) or None for other shapes."""
    for ph in shape.iter(qn("p:ph")):
        return str(ph.get("type", "body"))
    return None


def _offset(shape: Any) -> tuple[int, int]:
    """Return a shape's left and top in EMU, (0, 0) when it inherits its place from the layout."""
    for off in shape.iter(qn("a:off")):
        return int(off.get("x", 0)), int(off.get("y", 0))
    return 0, 0
