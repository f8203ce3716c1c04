"""The room left for text in an area once other placeholders have taken their part of it.

Where no layout has room for a kind's text, the text goes in the master's body area; but a
layout may put its title, its footer or a picture anywhere in that area (some exported
layouts put the title in the middle of the slide). What is left is the largest free
rectangle, found by cutting the area around each obstacle (the maximal-rectangles method).
"""

from __future__ import annotations

from generator.theme.template.parts import Placeholder

GAP = 12.0  # points kept clear around each obstacle
# A free rectangle narrower or lower than these shares of the area it was cut from is no
# place for a slide's text: the next area is tried instead.
MIN_WIDTH_SHARE, MIN_HEIGHT_SHARE = 0.35, 0.2

Rect = tuple[float, float, float, float]  # x, y, w, h in points


def free_area(area: Rect, obstacles: list[Rect], gap: float = GAP) -> Rect | None:
    """Return the largest rectangle of `area` that no obstacle (grown by `gap`) touches, or
    None when every free rectangle is too narrow or too low for a slide's text."""
    free = free_rects(area, obstacles, gap)
    usable = [r for r in free if r[2] >= MIN_WIDTH_SHARE * area[2] and r[3] >= MIN_HEIGHT_SHARE * area[3]]
    return max(usable, key=lambda r: (r[2] * r[3], -r[1]), default=None)


def free_rects(area: Rect, obstacles: list[Rect], gap: float = GAP) -> list[Rect]:
    """Return every maximal rectangle of `area` that no obstacle (grown by `gap`) touches."""
    free = [area]
    for obstacle in obstacles:
        grown = (obstacle[0] - gap, obstacle[1] - gap, obstacle[2] + 2 * gap, obstacle[3] + 2 * gap)
        free = [piece for rect in free for piece in _cut(rect, grown)]
    return free


def as_area(box: Placeholder) -> Rect:
    """Return a placeholder's box as a rectangle."""
    return (box.x, box.y, box.w, box.h)


def overlap(a: Rect, b: Rect) -> float:
    """Return the area two rectangles share, in square points."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)


def _cut(rect: Rect, obstacle: Rect) -> list[Rect]:
    """Return the parts of `rect` above, below, left and right of `obstacle` (itself when they
    do not meet); the parts overlap one another, so that each is as large as it can be."""
    if overlap(rect, obstacle) <= 0:
        return [rect]
    x, y, w, h = rect
    ox, oy, ow, oh = obstacle
    pieces = [(x, y, w, oy - y), (x, oy + oh, w, y + h - oy - oh),
              (x, y, ox - x, h), (ox + ow, y, x + w - ox - ow, h)]
    return [p for p in pieces if p[2] > 0 and p[3] > 0]
