"""What lies behind the text areas of a template's layouts, and how text reads there.

Each layout is painted once, as a slide on it would be before any text: its background (its
own, else its master's), the master's shapes and pictures (unless the layout hides them), then
the layout's own. A text area is then judged by the colours under it against the colour its
text inherits: legible when WCAG's ratio (4.5:1 for body text, 3:1 for large text) holds over
at least LEGIBLE_SHARE of the area. The analysis is kept per template and scheme, so a build
paints each layout once, not once per slide.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.ooxml.names import MC, A, P
from generator.theme.colors import AA_LARGE, AA_NORMAL, contrast
from generator.theme.template.backdrop import Canvas
from generator.theme.template.colours import Scheme, scheme_of
from generator.theme.template.fills import Painter
from generator.theme.template.ink import inherited_ink, own_fill
from generator.theme.template.paint import Box, Fill, Placing, xfrm_box
from generator.theme.template.parts import TITLES, Placeholder, placed

if TYPE_CHECKING:
    from lxml import etree
    from PIL import Image

    from generator.ooxml.package import Package
    from generator.theme.template.package import TemplatePackage

LEGIBLE_SHARE = 0.95  # of a text area that must reach the contrast limit
_CELLS = (48, 24)  # a text area is judged on at most this many cells
_KEPT = 4  # templates whose analysis is kept (a build uses one; the preview may switch)
_CACHE: OrderedDict[tuple[str, tuple[tuple[str, str], ...]], Behind] = OrderedDict()


@dataclass(frozen=True)
class Ground:
    """How text of colour `ink` reads on a text area: the contrast reached over LEGIBLE_SHARE
    of it (against `ground`, the colour where it is lowest there), the limit, and whether the
    area lies on artwork (pictures, shapes, a gradient) rather than a plain background."""

    ink: str
    ratio: float
    ground: str
    limit: float
    artwork: bool

    @property
    def legible(self) -> bool:
        """Return True when the text reaches its limit over enough of the area."""
        return self.ratio >= self.limit - 0.005


@dataclass
class _Painted:
    """One layout as painted under a slide's text, and what its placeholders inherit."""

    canvas: Canvas
    art: list[Box | None]  # where artwork was painted (None: the whole slide)
    inks: dict[tuple[str, int, int], str]  # (type, idx, nth) -> inherited text colour
    fills: dict[tuple[str, int, int], Fill] = field(default_factory=dict)  # a placeholder's own
    scheme: Scheme | None = None  # the scheme slots through the layout's colour map


def large_text(size: float, bold: bool) -> bool:
    """Return True for WCAG's large text: 18 pt, or 14 pt bold."""
    return size >= 18 - 0.05 or (bold and size >= 14 - 0.05)


def limit_of(slot: Placeholder) -> float:
    """Return the contrast a placeholder's text needs: titles at their size, body text at 4.5:1
    (briefgen sets body text smaller than the placeholder's own size)."""
    return AA_LARGE if slot.type in TITLES and large_text(slot.size, slot.bold) else AA_NORMAL


def behind(package: TemplatePackage, overrides: tuple[tuple[str, str], ...] = ()) -> Behind:
    """Return the analysis of `package`'s layouts under the scheme slots `overrides` sets
    (kept for the last few templates)."""
    key = (package.digest, overrides)
    found = _CACHE.get(key)
    if found is None:
        found = Behind(package, dict(overrides))
        _CACHE[key] = found
        while len(_CACHE) > _KEPT:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(key)
    return found


class Behind:
    """A template's layouts painted (each when first asked for) and their text areas judged."""

    def __init__(self, package: TemplatePackage, overrides: dict[str, str]) -> None:
        self.template = package
        self.overrides = overrides
        self._painted: dict[str, _Painted] = {}
        self._decoded: dict[str, Image.Image | None] = {}

    def ink(self, layout_part: str, slot: Placeholder) -> str:
        """Return the colour a placeholder's text inherits on a layout."""
        return self._layout(layout_part).inks.get((slot.type, slot.idx, slot.nth), "#000000")

    def placeholder(self, layout_part: str, slot: Placeholder) -> Ground:
        """Return how a placeholder's own text reads where it sits on its layout."""
        return self.ground(layout_part, (slot.x, slot.y, slot.w, slot.h), self.ink(layout_part, slot),
                           limit_of(slot), (slot.type, slot.idx, slot.nth))

    def ground(self, layout_part: str, rect: tuple[float, float, float, float], ink: str,
               limit: float, slot: tuple[str, int, int] | None = None) -> Ground:
        """Return how text of colour `ink` reads over `rect` (x, y, w, h) of a layout."""
        painted = self._layout(layout_part)
        box = Box(*rect)
        canvas = painted.canvas
        own = painted.fills.get(slot) if slot is not None else None
        if own is not None:
            canvas = canvas.copy()
            canvas.paint(own, box)
        counted = canvas.counted_under(box, _CELLS) or [(1, "#FFFFFF")]
        ratios = sorted((contrast(ink, colour), count, colour) for count, colour in counted)
        total, seen = sum(count for _r, count, _c in ratios), 0
        ratio, ground = ratios[-1][0], ratios[-1][2]
        for value, count, colour in ratios:
            seen += count
            if seen > (1 - LEGIBLE_SHARE) * total:
                ratio, ground = value, colour
                break
        artwork = own is not None and own.kind != "solid" or any(
            where is None or where.overlaps(box) for where in painted.art)
        return Ground(ink, ratio, ground, limit, artwork)

    def scheme(self, layout_part: str) -> Scheme:
        """Return the colours a slide on a layout names by scheme slot (tx1, bg1, accent1, ...)."""
        found = self._layout(layout_part).scheme
        assert found is not None, "every painted layout keeps its scheme"
        return found

    def under(self, layout_part: str, rect: tuple[float, float, float, float]) -> tuple[str, bool]:
        """Return the colour a layout paints over most of `rect` (x, y, w, h), and whether
        artwork (pictures, shapes, a gradient) lies there."""
        painted = self._layout(layout_part)
        box = Box(*rect)
        counted = painted.canvas.counted_under(box, _CELLS) or [(1, "#FFFFFF")]
        colour = max(counted)[1]
        return colour, any(where is None or where.overlaps(box) for where in painted.art)

    def _layout(self, part: str) -> _Painted:
        """Return a layout painted (once)."""
        if part not in self._painted:
            from generator.ooxml.package import Package

            with Package(self.template.data) as package:
                self._painted[part] = self._paint(package, part)
        return self._painted[part]

    def _paint(self, package: Package, part: str) -> _Painted:
        """Paint layout `part`: background, the master's shapes, the layout's shapes."""
        master_part = package.related(part, "slideMaster")[0]
        themes = package.related(master_part, "theme")
        theme = package.xml(themes[0]) if themes else None
        master, layout = package.xml(master_part), package.xml(part)
        scheme = scheme_of(theme, master.find(f"{{{P}}}clrMap"))
        scheme = Scheme({**scheme.slots, **{k: v for k, v in self.overrides.items() if k in scheme.slots
                                             or k.startswith(("dk", "lt", "accent"))}}, scheme.mapping)
        scheme = scheme.with_map(layout.find(f"{{{P}}}clrMapOvr/{{{A}}}overrideClrMapping"))
        painter = Painter(package, theme, themes[0] if themes else "")
        # The canvas reads pictures from the template's bytes, not from `package`: it is kept
        # for the layout's numbers, and through package.read it would keep every part parsed
        # here (a layout may be hundreds of thousands of elements) alive with it.
        canvas = Canvas(self.template.width, self.template.height, _reader(self.template.data),
                        self._decoded)
        plain = (painter.background(master.find(f"{{{P}}}cSld"), scheme, master_part)
                 or Fill("solid", ("#FFFFFF",)))
        background = painter.background(layout.find(f"{{{P}}}cSld"), scheme, part) or plain
        # The master's plain colour is the template's ground; a layout's own other background
        # (a dark section layout, say) is artwork, as a gradient or a picture is.
        layers: list[tuple[Fill, Box | None]] = [(background, None)]
        if layout.get("showMasterSp") not in ("0", "false"):
            layers += _artwork(master, master_part, painter, scheme)
        layers += _artwork(layout, part, painter, scheme)
        for fill, box in layers:
            canvas.paint(fill, box)
        art = [box for _fill, box in layers[1:]]
        if background.kind != "solid" or background != plain:
            art.insert(0, None)
        inks: dict[tuple[str, int, int], str] = {}
        fills: dict[tuple[str, int, int], Fill] = {}
        for slot, sp, parent in placed(layout, master):
            key = (slot.type, slot.idx, slot.nth)
            inks[key] = inherited_ink(slot.type, sp, parent, master, scheme)
            own = own_fill(sp, parent, painter, scheme, part, master_part)
            if own is not None:
                fills[key] = own
        return _Painted(canvas, art, inks, fills, scheme)


def _reader(data: bytes) -> Callable[[str], bytes]:
    """Return a function that reads one member of package `data`, opening it for that read."""
    def read(name: str) -> bytes:
        from generator.ooxml.package import Package

        with Package(data) as package:
            return package.read(name)
    return read


def _artwork(root: etree._Element, part: str, painter: Painter, scheme: Scheme
             ) -> list[tuple[Fill, Box | None]]:
    """Return the fills a master or layout paints with its own shapes and pictures (not its
    placeholders, which slides replace), in drawing order, groups opened."""
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    found: list[tuple[Fill, Box | None]] = []
    if tree is not None:
        _walk(tree, Placing(), part, painter, scheme, found)
    return found


def _walk(tree: etree._Element, placing: Placing, part: str, painter: Painter, scheme: Scheme,
          found: list[tuple[Fill, Box | None]]) -> None:
    """Append the fills of a shape tree's (or group's) shapes to `found`."""
    for element in tree:
        tag = element.tag.rpartition("}")[2]
        if element.tag == f"{{{MC}}}AlternateContent":
            choice = element.find(f"{{{MC}}}Choice")
            if choice is not None:
                _walk(choice, placing, part, painter, scheme, found)
        elif tag == "grpSp":
            _walk(element, placing.inside(element.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm")), part, painter,
                  scheme, found)
        elif tag in ("sp", "pic") and not _hidden_or_placeholder(element):
            fill = _fill(element, tag, part, painter, scheme)
            box = placing.place(xfrm_box(element.find(f"{{{P}}}spPr/{{{A}}}xfrm"), ""))
            if fill is not None and box is not None:
                found.append((fill, box))


def _fill(element: etree._Element, tag: str, part: str, painter: Painter, scheme: Scheme) -> Fill | None:
    """Return what a shape or picture paints."""
    if tag == "pic":
        blip_fill = element.find(f"{{{P}}}blipFill")
        return painter.element(blip_fill, scheme, part) if blip_fill is not None else None
    return painter.fill(element.find(f"{{{P}}}spPr"), scheme, part, element.find(f"{{{P}}}style"))


def _hidden_or_placeholder(element: etree._Element) -> bool:
    """Return True for a hidden shape, or a placeholder (slides draw their own in its place)."""
    c_nv_pr = next(element.iter(f"{{{P}}}cNvPr"), None)
    if c_nv_pr is None or c_nv_pr.get("hidden") in ("1", "true"):
        return True
    return next(element.iter(f"{{{P}}}ph"), None) is not None
