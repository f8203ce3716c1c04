"""What is painted on a slide, its layout or its master: boxes in points, fills, and the
transform a group applies to its members. Shared by the template reader (what lies behind a
layout's placeholders) and `briefgen check` (what lies behind a deck's text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.ooxml.names import A

if TYPE_CHECKING:
    from lxml import etree

EMU_PER_PT = 12700


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        """Return True when the two boxes share some area."""
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)


@dataclass(frozen=True)
class Fill:
    """How a shape or background is painted: 'solid', 'gradient' or 'picture'."""

    kind: str
    colours: tuple[str, ...] = ()  # one for solid; every stop, in order, for a gradient
    angle: float = 0.0  # a linear gradient's direction, degrees clockwise from left-to-right
    picture: str = ""  # the part of a picture fill
    opacity: float = 1.0


@dataclass(frozen=True)
class Placing:
    """The transform a group applies to its members' boxes (none at the top of a tree)."""

    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def inside(self, xfrm: etree._Element | None) -> Placing:
        """Return the transform for the members of a group whose xfrm is `xfrm`."""
        outer, inner = xfrm_box(xfrm, ""), xfrm_box(xfrm, "ch")
        if outer is None or inner is None:
            return self
        sx, sy = outer.w / inner.w, outer.h / inner.h
        return Placing(self.dx + self.sx * (outer.x - inner.x * sx),
                       self.dy + self.sy * (outer.y - inner.y * sy), self.sx * sx, self.sy * sy)

    def place(self, box: Box | None) -> Box | None:
        """Return a member's box on the slide."""
        if box is None:
            return None
        return Box(self.dx + box.x * self.sx, self.dy + box.y * self.sy, box.w * self.sx, box.h * self.sy)


def xfrm_box(xfrm: etree._Element | None, prefix: str) -> Box | None:
    """Return the box an xfrm states (its child box with `prefix` 'ch'), or None."""
    from generator.ooxml.parse import whole_number

    if xfrm is None:
        return None
    off = xfrm.find(f"{{{A}}}{prefix}{'O' if prefix else 'o'}ff")
    ext = xfrm.find(f"{{{A}}}{prefix}{'E' if prefix else 'e'}xt")
    if off is None or ext is None:
        return None
    x, y = whole_number(off.get("x")) or 0, whole_number(off.get("y")) or 0
    w, h = whole_number(ext.get("cx")) or 0, whole_number(ext.get("cy")) or 0
    if w <= 0 or h <= 0:
        return None
    return Box(x / EMU_PER_PT, y / EMU_PER_PT, w / EMU_PER_PT, h / EMU_PER_PT)
