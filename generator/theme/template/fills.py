"""How shapes and backgrounds are painted, read from DrawingML: solid, gradient and picture
fills, a shape style's fill reference, and a background's reference into the theme's fills."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.ooxml.names import A, P, R
from generator.ooxml.parse import whole_number
from generator.theme.template.colours import Scheme, alpha, colour_in
from generator.theme.template.paint import Fill

if TYPE_CHECKING:
    from lxml import etree

    from generator.ooxml.package import Package

_FILLS = frozenset(f"{{{A}}}{t}" for t in
                   ("solidFill", "gradFill", "blipFill", "noFill", "pattFill", "grpFill"))


class Painter:
    """Reads fills within one package: pictures found through the relationships of their part."""

    def __init__(self, package: Package, theme: etree._Element | None, theme_part: str) -> None:
        self.package = package
        self.theme = theme
        self.theme_part = theme_part

    def fill(self, holder: etree._Element | None, scheme: Scheme, part: str,
             style: etree._Element | None = None) -> Fill | None:
        """Return the fill a shape's properties (spPr, bgPr, ...) state, else its style's fill
        reference; None when nothing is painted."""
        element = next((c for c in holder if c.tag in _FILLS), None) if holder is not None else None
        if element is not None:
            return self.element(element, scheme, part)
        ref = style.find(f"{{{A}}}fillRef") if style is not None else None
        if ref is None or not whole_number(ref.get("idx")):
            return None
        return self._themed("fillStyleLst", (whole_number(ref.get("idx")) or 1) - 1,
                            colour_in(ref, scheme), scheme)

    def background(self, c_sld: etree._Element | None, scheme: Scheme, part: str) -> Fill | None:
        """Return a slide's, layout's or master's own background (None when it sets none)."""
        bg = c_sld.find(f"{{{P}}}bg") if c_sld is not None else None
        if bg is None:
            return None
        properties = bg.find(f"{{{P}}}bgPr")
        if properties is not None:
            return self.fill(properties, scheme, part) or Fill("solid", ("#FFFFFF",))
        ref = bg.find(f"{{{P}}}bgRef")
        if ref is None:
            return None
        index = whole_number(ref.get("idx")) or 0
        listing, offset = ("bgFillStyleLst", 1001) if index >= 1001 else ("fillStyleLst", 1)
        return self._themed(listing, index - offset, colour_in(ref, scheme), scheme)

    def element(self, element: etree._Element, scheme: Scheme, part: str,
                placeholder: str | None = None) -> Fill | None:
        """Return what one fill element paints (None for noFill and fills not drawn here)."""
        tag = element.tag.rpartition("}")[2]
        if tag == "solidFill":
            found = colour_in(element, scheme, placeholder)
            return Fill("solid", (found,), opacity=alpha(element)) if found else None
        if tag == "gradFill":
            return _gradient(element, scheme, placeholder)
        if tag == "blipFill":
            blip = element.find(f"{{{A}}}blip")
            rel_id = str(blip.get(f"{{{R}}}embed", "")) if blip is not None else ""
            rel = self.package.relationship(part, rel_id) if rel_id else None
            return Fill("picture", picture=rel.part) if rel is not None and not rel.external else None
        if tag == "pattFill":
            colour = colour_in(element.find(f"{{{A}}}bgClr"), scheme, placeholder)
            return Fill("solid", (colour,)) if colour else None
        return None

    def _themed(self, listing: str, index: int, colour: str | None, scheme: Scheme) -> Fill | None:
        """Return entry `index` of one of the theme's fill lists, its placeholder colour `colour`."""
        styles = self.theme.find(f".//{{{A}}}{listing}") if self.theme is not None else None
        entries = [c for c in styles if c.tag in _FILLS] if styles is not None else []
        if not 0 <= index < len(entries):
            return Fill("solid", (colour,)) if colour else None
        return self.element(entries[index], scheme, self.theme_part, colour)


def _gradient(element: etree._Element, scheme: Scheme, placeholder: str | None) -> Fill | None:
    """Return a gradient fill: its stops' colours by position, and its direction."""
    stops = []
    for stop in element.iter(f"{{{A}}}gs"):
        found = colour_in(stop, scheme, placeholder)
        if found:
            stops.append((whole_number(stop.get("pos")) or 0, found))
    if not stops:
        return None
    linear = element.find(f"{{{A}}}lin")
    angle = (whole_number(linear.get("ang")) or 0) / 60000 if linear is not None else 90.0
    return Fill("gradient", tuple(c for _pos, c in sorted(stops)), angle=angle)
