"""What is really behind a slide's text, painted with Pillow: the background (solid, gradient
or picture), the master's and layout's shapes and pictures, then the slide's shapes in drawing
order, each text sampled against what lies under its lines when its shape is reached.

The slide is painted at PIXELS_PER_POINT; a picture is scaled into its box with a box filter,
so a colour is what an area of the picture averages to, not one speck of it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from generator.theme.colors import mix, rgb
from generator.theme.template.paint import Box, Fill

if TYPE_CHECKING:
    from PIL import Image

PIXELS_PER_POINT = 0.5
_GRADIENT_CELLS = 48  # a gradient is computed on this many cells a side, then stretched
_SAMPLE_CELLS = (64, 8)  # a line's area is averaged down to at most this many cells
MAX_PICTURE_BYTES = 20 * 2**20


class Canvas:
    """A slide being painted, layer by layer, and read back under a line of text."""

    def __init__(self, width: float, height: float, pictures: Callable[[str], bytes],
                 decoded: dict[str, Image.Image | None] | None = None) -> None:
        from PIL import Image

        self.size = (max(int(width * PIXELS_PER_POINT), 1), max(int(height * PIXELS_PER_POINT), 1))
        self.image = Image.new("RGB", self.size, "#FFFFFF")
        self.pictures = pictures
        # pictures decoded once, shared by the canvases of one package when it passes its own
        self._decoded: dict[str, Image.Image | None] = {} if decoded is None else decoded

    def paint(self, fill: Fill | None, box: Box | None) -> None:
        """Paint `fill` over `box` (the whole slide when `box` is None)."""
        if fill is None:
            return
        left, top, right, bottom = self._pixels(box)
        if right <= left or bottom <= top:
            return
        size = (right - left, bottom - top)
        layer = self._layer(fill, size)
        if layer is None:
            return
        if layer.mode == "RGBA":
            self.image.paste(layer.convert("RGB"), (left, top), layer)
        elif fill.opacity < 0.99:
            from PIL import Image

            under = self.image.crop((left, top, right, bottom))
            self.image.paste(Image.blend(under, layer, fill.opacity), (left, top))
        else:
            self.image.paste(layer, (left, top))

    def colours_under(self, box: Box) -> list[str]:
        """Return the colours (as '#RRGGBB') the area of `box` shows, averaged over small cells."""
        return [colour for _count, colour in self.counted_under(box)]

    def counted_under(self, box: Box, cells: tuple[int, int] = _SAMPLE_CELLS) -> list[tuple[int, str]]:
        """Return how many of at most `cells` small cells of `box` show each colour ('#RRGGBB')."""
        from PIL import Image

        left, top, right, bottom = self._pixels(box)
        if right <= left or bottom <= top:
            return []
        area = self.image.crop((left, top, right, bottom))
        cells = (min(area.width, cells[0]), min(area.height, cells[1]))
        area = area.resize(cells, Image.Resampling.BOX)
        counted = area.getcolors(maxcolors=cells[0] * cells[1]) or []
        return [(count, "#{:02X}{:02X}{:02X}".format(*value[:3])) for count, value in counted
                if isinstance(value, tuple)]

    def copy(self) -> Canvas:
        """Return a canvas painted as this one is, to paint more on without changing this one."""
        twin = Canvas.__new__(Canvas)
        twin.size, twin.image, twin.pictures = self.size, self.image.copy(), self.pictures
        twin._decoded = self._decoded
        return twin

    def _pixels(self, box: Box | None) -> tuple[int, int, int, int]:
        """Return a box's pixel edges, clipped to the slide."""
        if box is None:
            return 0, 0, *self.size
        scale = PIXELS_PER_POINT
        left, top = max(int(box.x * scale), 0), max(int(box.y * scale), 0)
        right = min(int(round((box.x + box.w) * scale)), self.size[0])
        bottom = min(int(round((box.y + box.h) * scale)), self.size[1])
        return left, top, right, bottom

    def _layer(self, fill: Fill, size: tuple[int, int]) -> Image.Image | None:
        """Return what a fill paints over an area of `size` pixels."""
        from PIL import Image

        if fill.kind == "solid":
            return Image.new("RGB", size, fill.colours[0])
        if fill.kind == "gradient":
            return gradient(fill, size)
        picture = self._picture(fill.picture)
        return picture.resize(size, Image.Resampling.BOX) if picture is not None else None

    def _picture(self, part: str) -> Image.Image | None:
        """Return a picture part decoded once (None when it cannot be read: it is then not
        painted, and the text is judged against what lies under it)."""
        if part not in self._decoded:
            self._decoded[part] = _decoded(self.pictures, part)
        return self._decoded[part]


def _decoded(read: Callable[[str], bytes], part: str) -> Image.Image | None:
    """Return a picture part as RGBA (or RGB), held to the photos' pixel limit before decoding."""
    from PIL import Image, UnidentifiedImageError

    from generator.images import MAX_PIXELS, stated_size
    from generator.ooxml.parse import PackageError

    try:
        data = read(part)
    except PackageError:
        return None
    size = stated_size(data[:65536])
    if len(data) > MAX_PICTURE_BYTES or size is None or size[0] * size[1] > MAX_PIXELS:
        return None
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.draft("RGB", (512, 512))  # JPEGs decode at a fraction of their size
            opened.thumbnail((512, 512))
            return opened.convert("RGBA" if "A" in opened.getbands() or "transparency" in opened.info
                                  else "RGB")
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None


def gradient(fill: Fill, size: tuple[int, int]) -> Image.Image:
    """Return a linear gradient through `fill`'s stops (evenly spaced) at its angle."""
    import math

    from PIL import Image

    cells = (min(size[0], _GRADIENT_CELLS), min(size[1], _GRADIENT_CELLS))
    angle = math.radians(fill.angle)
    dx, dy = math.cos(angle), math.sin(angle)
    corners = [x * dx + y * dy for x in (0, 1) for y in (0, 1)]
    low, span = min(corners), (max(corners) - min(corners)) or 1.0
    pixels = [rgb(_along(fill.colours, ((x + 0.5) / cells[0] * dx + (y + 0.5) / cells[1] * dy - low) / span))
              for y in range(cells[1]) for x in range(cells[0])]
    image = Image.new("RGB", cells)
    image.putdata(pixels)
    return image.resize(size, Image.Resampling.BILINEAR)


def _along(stops: tuple[str, ...], share: float) -> str:
    """Return the colour a share (0 to 1) of the way along evenly spaced stops."""
    if len(stops) == 1:
        return stops[0]
    place = min(max(share, 0.0), 1.0) * (len(stops) - 1)
    index = min(int(place), len(stops) - 2)
    return mix(stops[index], stops[index + 1], place - index)
