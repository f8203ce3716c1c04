"""A ReportLab drawing (from an SVG logo) rasterised with Pillow: filled and stroked outlines,
anti-aliased by drawing at twice the size. ReportLab's own raster backend needs cairo, which a
build machine may lack; a logo needs only shapes, paths and colours, which this draws."""

from __future__ import annotations

import io
import math
from typing import Any

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_SUPERSAMPLE = 2
_CURVE_STEPS = 12


def rasterise(shown: Any, box: tuple[float, float, float, float], height: int) -> bytes:
    """Return PNG bytes of the drawing's `box` (x0, y0, x1, y1, y up) scaled to `height` pixels."""
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = box
    scale = height / (y1 - y0)
    width = max(1, round((x1 - x0) * scale))
    factor = scale * _SUPERSAMPLE
    # Device space: x right from x0, y down from y1, at the supersampled size.
    device: Matrix = (factor, 0.0, 0.0, -factor, -x0 * factor, y1 * factor)
    image = Image.new("RGBA", (width * _SUPERSAMPLE, height * _SUPERSAMPLE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image, "RGBA")
    _draw(shown, device, pen)
    image = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def _multiply(outer: Matrix, inner: Matrix) -> Matrix:
    """Return the matrix applying `inner` first, then `outer`."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (p * a + r * b, q * a + s * b, p * c + r * d, q * c + s * d,
            p * e + r * f + t, q * e + s * f + u)


def _apply(m: Matrix, x: float, y: float) -> Point:
    """Return the point (x, y) transformed by `m`."""
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _draw(node: Any, ctm: Matrix, pen: Any) -> None:
    """Draw one node of the drawing and, for groups, its contents, under `ctm`."""
    given = getattr(node, "transform", None) or _IDENTITY
    ctm = _multiply(ctm, (given[0], given[1], given[2], given[3], given[4], given[5]))
    contents = getattr(node, "contents", None)
    if contents is not None:
        for child in contents:
            _draw(child, ctm, pen)
        return
    outlines, closed = _outlines(node)
    if not outlines:
        return
    device = [[_apply(ctm, x, y) for x, y in outline] for outline in outlines]
    fill = _colour(getattr(node, "fillColor", None), getattr(node, "fillOpacity", None))
    if fill and closed:
        for outline in device:
            if len(outline) >= 3:
                pen.polygon(outline, fill=fill)
    stroke = _colour(getattr(node, "strokeColor", None), getattr(node, "strokeOpacity", None))
    width = float(getattr(node, "strokeWidth", 0) or 0) * math.sqrt(abs(
        ctm[0] * ctm[3] - ctm[1] * ctm[2]))  # the ctm holds the scale to device pixels
    if stroke and width > 0:
        for outline in device:
            points = [*outline, outline[0]] if closed else outline
            pen.line(points, fill=stroke, width=max(1, round(width)), joint="curve")


def _colour(colour: Any, opacity: Any) -> tuple[int, int, int, int] | None:
    """Return a ReportLab colour as RGBA, with its opacity, or None when there is none."""
    if colour is None:
        return None
    alpha = float(getattr(colour, "alpha", 1) or 0) * (1.0 if opacity is None else float(opacity))
    red, green, blue = (round(channel * 255) for channel in colour.rgb())
    return red, green, blue, round(alpha * 255)


def _outlines(node: Any) -> tuple[list[list[Point]], bool]:
    """Return a shape as outlines in its own space, and whether they are closed (fillable)."""
    from reportlab.graphics import shapes

    if isinstance(node, shapes.Rect):
        x, y, w, h = node.x, node.y, node.width, node.height
        return [[(x, y), (x + w, y), (x + w, y + h), (x, y + h)]], True
    if isinstance(node, shapes.Circle):
        return [_ellipse(node.cx, node.cy, node.r, node.r)], True
    if isinstance(node, shapes.Ellipse):
        return [_ellipse(node.cx, node.cy, node.rx, node.ry)], True
    if isinstance(node, shapes.Line):
        return [[(node.x1, node.y1), (node.x2, node.y2)]], False
    if isinstance(node, shapes.Polygon | shapes.PolyLine):
        points = list(node.points)
        return [list(zip(points[::2], points[1::2], strict=False))], isinstance(node, shapes.Polygon)
    if isinstance(node, shapes.Path):
        return _path(node), True
    return [], False  # text and embedded images are not drawn in the raster


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> list[Point]:
    """Return an ellipse as a polygon of 48 points."""
    return [(cx + rx * math.cos(t * math.pi / 24), cy + ry * math.sin(t * math.pi / 24))
            for t in range(48)]


def _path(node: Any) -> list[list[Point]]:
    """Return a path's subpaths as polygons, its curves flattened."""
    points = list(node.points)
    outlines: list[list[Point]] = []
    current: list[Point] = []
    at = 0
    for operator in node.operators:
        if operator == 0:  # move to
            if current:
                outlines.append(current)
            current = [(points[at], points[at + 1])]
            at += 2
        elif operator == 1:  # line to
            current.append((points[at], points[at + 1]))
            at += 2
        elif operator == 2:  # cubic curve to
            start = current[-1] if current else (points[at], points[at + 1])
            c1, c2, end = ((points[at + i], points[at + i + 1]) for i in (0, 2, 4))
            current += [_bezier(start, c1, c2, end, n / _CURVE_STEPS)
                        for n in range(1, _CURVE_STEPS + 1)]
            at += 6
        elif current:  # close path
            outlines.append(current)
            current = []
    if current:
        outlines.append(current)
    return outlines


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    """Return the point at `t` of a cubic Bezier curve."""
    u = 1 - t
    return (u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
            u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1])
