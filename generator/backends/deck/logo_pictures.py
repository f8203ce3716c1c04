"""Organisations' logos made ready for PowerPoint: the box of what each shows (its ink, not its
canvas), the colours it is drawn in (for the plate rule), and for an SVG the PNG PowerPoint
shows where it cannot draw SVG. Made once per logo (by its digest) and kept for the next deck."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass

from generator.story import Picture
from generator.theme.model import Logo

# An SVG's fallback is drawn so that its visible part is this many pixels tall: sharp at the
# strip's height on a large screen.
FALLBACK_PX = 120
MAX_FALLBACK_PX = 1200
MEASURED_SIDE = 48  # colours are measured on a thumbnail: their share, not their detail
ALPHA_SEEN = 16  # a pixel less opaque than this is not part of the logo's ink
BACKGROUND_SEEN = 24  # nor one this close to an opaque logo's corner colour
_KEPT = 64


@dataclass(frozen=True)
class LogoArt:
    """A logo ready to place: the picture PowerPoint shows (`image`: the PNG or JPEG itself, or
    an SVG's PNG fallback of its whole canvas), the SVG (None for others), the `crop` from each
    side (left, top, right, bottom, shares of the canvas) to its visible content, that content's
    aspect (width / height), and its colours as the theme's logo rule reads them."""

    image: bytes
    svg: bytes | None
    crop: tuple[float, float, float, float]
    aspect: float
    colours: Logo


_MADE: dict[str, LogoArt] = {}


def logo_art(pic: Picture) -> LogoArt:
    """Return the logo `pic` ready to place (made once per digest)."""
    key = pic.digest or str(hash(pic.data))
    art = _MADE.get(key)
    if art is None:
        art = _svg_art(pic) if pic.format == "svg" else _raster_art(pic)
        if len(_MADE) >= _KEPT:
            _MADE.pop(next(iter(_MADE)))
        _MADE[key] = art
    return art


def _svg_art(pic: Picture) -> LogoArt:
    """Return an SVG logo's art: its visible box from its drawing, the whole canvas as PNG."""
    from PIL import Image

    from generator.svg import drawing, visible_box_of
    from generator.svg_raster import rasterise

    shown = drawing(pic.data)
    width, height = float(shown.width), float(shown.height)
    x0, y0, x1, y1 = visible_box_of(shown)
    x0, x1 = max(0.0, x0), min(width, x1)
    y0, y1 = max(0.0, y0), min(height, y1)
    px = min(MAX_FALLBACK_PX, max(1, round(FALLBACK_PX * height / max(y1 - y0, 1e-6))))
    image = rasterise(shown, (0.0, 0.0, width, height), px)  # y up: the canvas from its foot
    crop = (x0 / width, 1 - y1 / height, 1 - x1 / width, y0 / height)
    with Image.open(io.BytesIO(image)) as opened:
        colours = _colours(opened.convert("RGBA"), crop, pic.alt)
    return LogoArt(image, pic.data, crop, (x1 - x0) / max(y1 - y0, 1e-6), colours)


def _raster_art(pic: Picture) -> LogoArt:
    """Return a PNG's or JPEG's art: its visible box where it is not transparent, or (opaque)
    where it differs from its corner's colour."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(pic.data)) as opened:
        rgba = opened.convert("RGBA")
    w, h = rgba.size
    alpha = rgba.getchannel("A")
    lowest = alpha.getextrema()[0]
    if isinstance(lowest, int) and lowest < 255:  # transparent somewhere: the ink is opaque
        box = alpha.point(lambda a: 255 if a >= ALPHA_SEEN else 0).getbbox()
    else:
        rgb = rgba.convert("RGB")
        corner = Image.new("RGB", rgb.size, rgb.getpixel((0, 0)))
        differs = ImageChops.difference(rgb, corner).convert("L")
        box = differs.point(lambda d: 255 if d >= BACKGROUND_SEEN else 0).getbbox()
    x0, y0, x1, y1 = box or (0, 0, w, h)
    crop = (x0 / w, y0 / h, 1 - x1 / w, 1 - y1 / h)
    return LogoArt(pic.data, None, crop, (x1 - x0) / max(y1 - y0, 1),
                   _colours(rgba, crop, pic.alt))


def _colours(rgba: object, crop: tuple[float, float, float, float], alt: str) -> Logo:
    """Return the logo's colours as the theme's logo rule reads them (`theme.model.Logo`): the
    plain colour of an opaque logo's border (its own backdrop), and its inks with their share."""
    from pathlib import Path

    from PIL import Image

    assert isinstance(rgba, Image.Image)
    w, h = rgba.size
    left, top, right, bottom = crop
    visible = rgba.crop((round(left * w), round(top * h), round(w - right * w), round(h - bottom * h)))
    thumb = rgba.copy()
    thumb.thumbnail((MEASURED_SIDE, MEASURED_SIDE))
    ground = _plain_border(thumb)
    visible.thumbnail((MEASURED_SIDE, MEASURED_SIDE))
    counts: Counter[str] = Counter()
    for r, g, b, a in _pixels(visible):
        ink = _stepped(r, g, b)
        if a >= 128 and ink != ground:
            counts[ink] += 1
    total = sum(counts.values()) or 1
    return Logo(Path(), alt, ground, tuple((ink, n / total) for ink, n in counts.most_common(24)))


def _plain_border(image: object) -> str | None:
    """Return the colour of an opaque border that is all (nine in ten pixels) one colour."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    w, h = image.size
    pixels = _pixels(image)
    border = [pixels[i] for i in range(w * h)
              if i < w or i >= w * (h - 1) or i % w in (0, w - 1)]
    if not border or any(p[3] < 250 for p in border):
        return None
    colour, n = Counter(_stepped(*p[:3]) for p in border).most_common(1)[0]
    return colour if n >= 0.9 * len(border) else None


def _pixels(image: object) -> list[tuple[int, int, int, int]]:
    """Return an RGBA image's pixels, row by row."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    data = image.tobytes()
    return [(data[i], data[i + 1], data[i + 2], data[i + 3]) for i in range(0, len(data), 4)]


def _stepped(r: int, g: int, b: int) -> str:
    """Return a colour as '#RRGGBB' in 16 steps a channel (JPEG noise and anti-aliasing alike)."""
    return "#" + "".join(f"{round(v / 17) * 17:02X}" for v in (r, g, b))
