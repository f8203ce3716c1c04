"""The event's key figures as tiles on the glance slide: each value large, what it counts under
it, on a panel of the surface colour; up to four tiles a row, every tile of a row alike."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE

from generator.backends.deck.layout import Box, Deck
from generator.backends.deck.shapes import fill
from generator.backends.deck.text import Para, shrink_to_fit, stack_height
from generator.story import Figure

if TYPE_CHECKING:
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide

TILE_PAD = 12.0
ACROSS = 4  # the most tiles a row
VALUE_FLOOR = 20.0  # a value may shrink to fit its tile, but stays a large number


@dataclass(frozen=True)
class Tiles:
    """The figures laid out in a width: how many a row, each tile's fitted paragraphs, and the
    height of a row of tiles."""

    across: int
    width: float
    paras: tuple[list[Para], ...]
    row_h: float

    @property
    def height(self) -> float:
        """Return the height of every row of tiles with the gutters between them."""
        rows = math.ceil(len(self.paras) / self.across) if self.paras else 0
        return rows * self.row_h + max(0, rows - 1) * self.gap

    @property
    def gap(self) -> float:
        """Return the space between tiles."""
        return TILE_PAD


def figure_paras(deck: Deck, figure: Figure) -> list[Para]:
    """Return a tile's paragraphs: the value at heading size in the primary colour, its label."""
    loc = figure.loc
    return [deck.para(figure.value, "heading", "primary", bold=True, heading=True,
                      floor=VALUE_FLOOR, loc=(*loc, "value"), field=(*loc, "value")),
            deck.para(figure.label, "small", "text", before=2.0, loc=(*loc, "label"),
                      field=(*loc, "label"))]


def lay_out(deck: Deck, width: float) -> Tiles | None:
    """Return the story's figures as tiles across `width`, each text fitted to its tile (at the
    floor when even that is too small), or None without figures."""
    figures = deck.story.figures
    if not figures:
        return None
    across = min(ACROSS, len(figures))
    tile_w = (width - TILE_PAD * (across - 1)) / across
    inner = tile_w - 2 * TILE_PAD
    fitted = []
    for figure in figures:
        paras = figure_paras(deck, figure)
        tall = stack_height(paras, inner) * 3  # room enough: only the width constrains a tile
        fitted.append(shrink_to_fit(paras, inner, tall) or [p.shrunk(p.want) for p in paras])
    row_h = max(stack_height(paras, inner) for paras in fitted) + 2 * TILE_PAD
    return Tiles(across, tile_w, tuple(fitted), row_h)


def draw_tiles(deck: Deck, slide: Slide, tiles: Tiles, x: float, y: float,
               ground: str = "") -> list[BaseShape]:
    """Draw the tiles from (x, y), row by row, each on `ground` (the surface colour unless
    given); return the shapes drawn."""
    surface = ground or deck.theme.palette.surface
    drawn: list[BaseShape] = []
    for n, paras in enumerate(tiles.paras):
        row, column = divmod(n, tiles.across)
        box = Box(x + column * (tiles.width + tiles.gap), y + row * (tiles.row_h + tiles.gap),
                  tiles.width, tiles.row_h)
        drawn.append(fill(slide, box.x, box.y, box.w, box.h, surface,
                          MSO_SHAPE.ROUNDED_RECTANGLE, name="Figure tile"))
        inner = box.inset(TILE_PAD)
        drawn.append(deck.add_text(slide, Box(inner.x, inner.y, inner.w,
                                              stack_height(paras, inner.w)), paras, name="Figure"))
    return drawn
