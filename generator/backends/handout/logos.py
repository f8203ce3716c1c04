"""The organisations' logos in the handout's footer: one strip in the order given, each scaled
so that what it shows (not its canvas) is as tall as the others, set on a plate where it would
not stand out on the paper, and tagged as a figure named after its organisation."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from generator.backends.handout.text import Sizes
from generator.pdftags.marks import Tag, artifact, content
from generator.story import Organisation, Picture
from generator.theme.colors import contrast
from generator.theme.model import Logo, Theme

PLATE_PAD = 3.0  # the margin of the plate under a logo that would not stand out on the paper
MEASURED_SIDE = 32  # a logo's colours are judged from a thumbnail: its colours, not its detail
SAME = 1.15  # pixels this close in contrast to the border are the logo's own backdrop
ALPHA_SEEN = 16  # pixels less opaque than this are not part of what a logo shows


@dataclass(frozen=True)
class Measured:
    """A logo measured once: its visible box (x0, y0, x1, y1 in its drawing's units, y up),
    the colours it is drawn in (as the theme's logo rule reads them), and what draws it."""

    box: tuple[float, float, float, float]
    size: tuple[float, float]  # the whole canvas, in the same units
    ground: str | None
    inks: tuple[tuple[str, float], ...]
    drawing: Any = None  # a ReportLab drawing for an SVG; None for a raster image

    @property
    def aspect(self) -> float:
        """Return the visible content's width over its height."""
        x0, y0, x1, y1 = self.box
        return (x1 - x0) / max(y1 - y0, 1e-6)


def strip_height(sizes: Sizes) -> float:
    """Return how tall each logo's visible content is drawn: about two lines of small type."""
    return round(sizes.small * 2.2, 2)


def strip_room(handout_logos: tuple[Organisation, ...], sizes: Sizes) -> float:
    """Return the height the strip takes above the footer's rule, its gap included; 0 without logos."""
    if not handout_logos:
        return 0.0
    return strip_height(sizes) + 2 * PLATE_PAD + sizes.space(1.2)


def draw_strip(canv: Canvas, logos: tuple[Organisation, ...], theme: Theme, sizes: Sizes,
               y: float, rtl: bool = False) -> None:
    """Draw the logos in one row whose content sits on `y`, from the start edge, shrunk
    together when the row would be wider than the page's text."""
    measured = [(org, measure(org.logo)) for org in logos if org.logo is not None]
    if not measured:
        return
    height = strip_height(sizes)
    gap = sizes.space(2.5)
    room = theme.page_width - 2 * theme.page_margin
    total = sum(height * m.aspect for _, m in measured) + gap * (len(measured) - 1)
    scale = min(1.0, room / total) if total > 0 else 1.0
    x = theme.page_margin
    behind = theme.palette.background
    for org, found in measured:
        width, tall = height * found.aspect * scale, height * scale
        left = theme.page_width - x - width if rtl else x
        _plate(canv, found, behind, theme, (left, y, width, tall))
        with content(canv, Tag("Figure", alt=org.name)):
            _draw(canv, org.logo, found, (left, y, width, tall))
        x += width + gap * scale


def _plate(canv: Canvas, found: Measured, behind: str, theme: Theme,
           box: tuple[float, float, float, float]) -> None:
    """Set a plate under a logo that would all but vanish on the paper (the theme logo's rule)."""
    pal = theme.palette
    rule = Logo(Path(), "", found.ground, found.inks)  # the rule reads only its colours
    plate = rule.backdrop(behind, (pal.surface, pal.primary, "#FFFFFF", "#000000"))
    if plate is None:
        return
    x, y, width, height = box
    with artifact(canv):
        canv.setFillColor(HexColor(plate))
        canv.roundRect(x - PLATE_PAD, y - PLATE_PAD, width + 2 * PLATE_PAD, height + 2 * PLATE_PAD,
                       PLATE_PAD, stroke=0, fill=1)


def _draw(canv: Canvas, picture: Picture | None, found: Measured,
          box: tuple[float, float, float, float]) -> None:
    """Draw a logo so that its visible box fills `box`: an SVG as vectors, an image clipped."""
    if picture is None:
        return
    x, y, width, height = box
    x0, y0, x1, y1 = found.box
    scale = height / (y1 - y0)
    canv.saveState()
    clip = canv.beginPath()
    clip.rect(x, y, width, height)
    canv.clipPath(clip, stroke=0, fill=0)
    if found.drawing is not None:
        from reportlab.graphics import renderPDF

        canv.translate(x - x0 * scale, y - y0 * scale)
        canv.scale(scale, scale)
        renderPDF.draw(found.drawing, canv, 0, 0)
    else:
        full_w, full_h = found.size
        canv.drawImage(ImageReader(io.BytesIO(picture.data)), x - x0 * scale, y - y0 * scale,
                       full_w * scale, full_h * scale, mask="auto")
    canv.restoreState()


def measure(picture: Picture | None) -> Measured:
    """Return the logo measured (remembered by its digest: a rebuild measures it once)."""
    assert picture is not None
    return _measure(picture.digest or str(hash(picture.data)), picture)


@lru_cache(maxsize=64)
def _measure(_key: str, picture: Picture) -> Measured:
    """Return the measure of `picture`; `_key` stands for its bytes."""
    if picture.format == "svg":
        return _measure_svg(picture.data)
    return _measure_image(picture.data)


def _measure_svg(data: bytes) -> Measured:
    """Return an SVG logo's drawing, its ink's box and its colours (from a small raster)."""
    from PIL import Image

    from generator.svg import drawing, visible_box_of
    from generator.svg_raster import rasterise

    shown = drawing(data)
    box = visible_box_of(shown)
    with Image.open(io.BytesIO(rasterise(shown, box, MEASURED_SIDE))) as image:
        ground, inks = _colours(image.convert("RGBA"), None)
    return Measured(box, (float(shown.width), float(shown.height)), ground, inks, shown)


def _measure_image(data: bytes) -> Measured:
    """Return a PNG or JPEG logo's visible box (without its transparent or plain border), in
    pixels from the bottom left, and its colours."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(data)) as opened:
        rgba = opened.convert("RGBA")
    width, height = rgba.size
    alpha = rgba.getchannel("A")
    if min(alpha.tobytes()) < 255:  # transparent somewhere: what shows is what is opaque
        bbox = alpha.point(lambda a: 255 if a >= ALPHA_SEEN else 0).getbbox()
    else:  # opaque: what differs from the colour of its corner
        plain = Image.new("RGB", rgba.size, tuple(rgba.tobytes()[:3]))
        difference = ImageChops.difference(rgba.convert("RGB"), plain).convert("L")
        bbox = difference.point(lambda v: 255 if v > 24 else 0).getbbox()
    left, top, right, bottom = bbox or (0, 0, width, height)
    ground = _ground(rgba)
    _, inks = _colours(rgba.crop((left, top, right, bottom)), ground)
    box = (float(left), float(height - bottom), float(right), float(height - top))
    return Measured(box, (float(width), float(height)), ground, inks)


def _ground(rgba: Any) -> str | None:
    """Return an image's own backdrop: the colour of its border when that is plain and
    opaque (a JPEG's white), else None."""
    small = rgba.copy()
    small.thumbnail((MEASURED_SIDE, MEASURED_SIDE))
    w, h = small.size
    data = small.tobytes()
    border = {_hex(data[i * 4:i * 4 + 4]) for i in range(w * h)
              if (i < w or i >= w * (h - 1) or i % w in (0, w - 1)) and data[i * 4 + 3] == 255}
    transparent = any(data[i] < 255 for i in range(3, len(data), 4))
    return border.pop() if len(border) == 1 and not transparent else None


def _colours(rgba: Any, ground: str | None) -> tuple[str | None, tuple[tuple[str, float], ...]]:
    """Return `ground` and the colours of a logo's pixels other than it with their share,
    16 steps a channel, from a thumbnail."""
    rgba = rgba.copy()
    rgba.thumbnail((MEASURED_SIDE, MEASURED_SIDE))
    data = rgba.tobytes()
    pixels = [tuple(data[i:i + 4]) for i in range(0, len(data), 4)]
    counts: Counter[str] = Counter()
    for pixel in pixels:
        if pixel[3] < 128:
            continue  # transparent: the paper shows through
        ink = _hex(pixel)
        if ground is None or contrast(ink, ground) >= SAME:
            counts[ink] += 1
    total = sum(counts.values())
    if not total:
        return ground, ((ground, 1.0),) if ground else ()
    return ground, tuple((ink, n / total) for ink, n in counts.most_common(24))


def _hex(pixel: tuple[int, ...] | bytes) -> str:
    """Return a pixel's colour as '#RRGGBB', each channel rounded to one of 16 steps."""
    return "#" + "".join(f"{round(v / 17) * 17:02X}" for v in pixel[:3])
