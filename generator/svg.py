"""SVG logos: checked safely, measured, and drawn as vectors (a ReportLab drawing) or as PNG.

Every SVG is parsed by the one hardened parser (`ooxml.parse`: no DTD, no entities, no network,
elements counted) and held to caps here (bytes, elements, nesting); one that runs script, embeds
a document or refers to anything outside itself is refused, so svglib only ever sees a tree
that names nothing but its own content. ReportLab and svglib are imported only by the functions
that draw (`drawing`, `visible_box`, `png`), never when a brief is validated.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from generator.images import PictureError

if TYPE_CHECKING:
    from lxml import etree
    from reportlab.graphics.shapes import Drawing

MAX_SVG_BYTES = 2_000_000
MAX_SVG_ITEMS = 50_000  # elements plus attributes
MAX_DEPTH = 48
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run code, animate, or embed another document: a logo needs none of them.
_ACTIVE = frozenset({"script", "foreignObject", "iframe", "handler", "animate", "set",
                     "animateMotion", "animateTransform", "animateColor", "image", "feImage"})
# A reference that stays inside the drawing: '#id' (and url(#id) in attributes and styles).
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_LENGTH = re.compile(r"\s*([0-9.]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt)?\s*$")


def is_svg(head: bytes) -> bool:
    """Return True when a file's first bytes look like an SVG drawing (XML naming <svg)."""
    lowered = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return lowered.startswith((b"<svg", b"<?xml", b"<!--")) and b"<svg" in lowered


def check_svg(data: bytes) -> etree._Element:
    """Return the SVG's root element when it is safe to draw; raise PictureError saying why not."""
    from generator.ooxml.parse import Budget, PackageError, parse_part

    if len(data) > MAX_SVG_BYTES:
        raise PictureError(f"is an SVG of {len(data):,} bytes; a logo may be at most "
                           f"{MAX_SVG_BYTES // 1_000_000} MB")
    try:
        root = parse_part(data, "the SVG", Budget(items=MAX_SVG_ITEMS, size=MAX_SVG_BYTES))
    except PackageError as exc:
        raise PictureError(f"cannot be drawn: {exc}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise PictureError("is not an SVG drawing (its root is not <svg> in the SVG namespace)")
    _check_tree(root)
    return root


def _check_tree(root: etree._Element) -> None:
    """Raise PictureError for nesting past MAX_DEPTH, active content or outside references."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PictureError(f"cannot be drawn: it nests elements more than {MAX_DEPTH} deep")
        name = str(element.tag).rpartition("}")[2]
        if name in _ACTIVE:
            raise PictureError(f"cannot be drawn: it holds <{name}>, which runs script, moves "
                               "or embeds another file; save the logo as plain shapes")
        for key, value in element.attrib.items():
            _check_attribute(str(key), str(value))
        if name == "style" and (_IMPORT.search(element.text or "")
                                or _OUTSIDE_URL.search(element.text or "")):
            raise PictureError("cannot be drawn: its style refers to files or servers outside it")
        stack += [(child, depth + 1) for child in element if isinstance(child.tag, str)]


def _check_attribute(key: str, value: str) -> None:
    """Raise PictureError for an event handler or a reference to anything outside the SVG."""
    local = key.rpartition("}")[2]
    if local.lower().startswith("on"):
        raise PictureError(f"cannot be drawn: its attribute {local} runs script")
    if local == "href" and not value.strip().startswith("#"):
        raise PictureError(f"cannot be drawn: it refers to '{value[:60]}' outside it; a logo "
                           "must hold everything it shows")
    if _OUTSIDE_URL.search(value) or _IMPORT.search(value):
        raise PictureError("cannot be drawn: it refers to files or servers outside it")


def canvas_size(root: etree._Element) -> tuple[int, int]:
    """Return the SVG's canvas in CSS pixels from width and height, else its viewBox; raise
    PictureError when neither says."""
    box = (root.get("viewBox") or "").replace(",", " ").split()
    width, height = _length(root.get("width")), _length(root.get("height"))
    if (width is None or height is None) and len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = None
    if not width or not height or width <= 0 or height <= 0:
        raise PictureError("cannot be drawn: it states no size (give <svg> a viewBox)")
    return max(1, round(width)), max(1, round(height))


def _length(text: str | None) -> float | None:
    """Return a length in pixels ('120', '120px', '90pt'), or None for percentages and others."""
    found = _LENGTH.match(text or "")
    if not found:
        return None
    return float(found.group(1)) * (4 / 3 if found.group(2) == "pt" else 1)


def clean_bytes(root: etree._Element) -> bytes:
    """Return the checked SVG written again: no comments, processing instructions or DOCTYPE."""
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def drawing(data: bytes) -> Drawing:
    """Return the checked SVG as a ReportLab drawing (svglib), for PDFs to draw as vectors."""
    from svglib.svglib import SvgRenderer

    root = check_svg(data)
    try:
        result = SvgRenderer("logo.svg").render(root)
    except Exception as exc:  # svglib raises what its parts raise; one line says it failed
        raise PictureError(f"cannot be drawn: {type(exc).__name__}: {exc}"[:200]) from None
    if result is None:
        raise PictureError("cannot be drawn: svglib made nothing of it")
    return result


def visible_box(data: bytes) -> tuple[float, float, float, float]:
    """Return the box of what the SVG shows, (x0, y0, x1, y1) in its drawing's points (y up),
    not its canvas: a logo on a wide empty canvas is scaled by its ink."""
    return visible_box_of(drawing(data))


def png(data: bytes, height: int) -> bytes:
    """Return the SVG's visible content as a PNG `height` pixels tall (transparent around it),
    for PowerPoint's fallback picture and for raster uses."""
    from generator.svg_raster import rasterise

    shown = drawing(data)
    return rasterise(shown, visible_box_of(shown), height)


def visible_box_of(shown: Any) -> tuple[float, float, float, float]:
    """Return the visible box of an already made drawing (see `visible_box`)."""
    x0, y0, x1, y1 = shown.getBounds()
    if x1 <= x0 or y1 <= y0:
        return 0.0, 0.0, float(shown.width), float(shown.height)
    return float(x0), float(y0), float(x1), float(y1)
