"""The event's key figures on the handout: large numbers with their labels, in tiles above the
key facts (in the structure, a list whose items read 'value label')."""

from __future__ import annotations

import math

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph

from generator.backends.handout.text import Sizes, seen, style
from generator.pdftags.marks import Tag, artifact
from generator.story import Figure
from generator.theme.model import Theme
from generator.typeset.paragraphs import markup, paragraph

# A row holds at most this many tiles; more figures take further rows.
MOST_ACROSS = 3
STRIPE = 2.0  # the accent stripe along a tile's top, in points


def figure_rows(figures: tuple[Figure, ...], theme: Theme, sizes: Sizes, region: str,
                rtl: bool = False) -> list[Flowable]:
    """Return the figures as rows of tiles, in brief order from the start edge."""
    if not figures:
        return []
    listed = Tag("L", attributes=(("O", "List"), ("ListNumbering", "None")))
    across = min(MOST_ACROSS, math.ceil(len(figures) / math.ceil(len(figures) / MOST_ACROSS)))
    rows = []
    for start in range(0, len(figures), across):
        tiles = [_tile(f, theme, sizes, region, listed, rtl) for f in figures[start:start + across]]
        rows.append(FigureRow(tiles, across, theme, sizes, rtl))
    return rows


def _tile(figure: Figure, theme: Theme, sizes: Sizes, region: str, listed: Tag,
          rtl: bool) -> tuple[Paragraph, Paragraph]:
    """Return a figure's value, large in the primary colour, and its label under it: both the
    body of one item of the list `listed`."""
    body = Tag("LBody", Tag("LI", listed))
    pal = theme.palette
    value = paragraph(markup(figure.value, theme.heading, bold=True, region=region),
                      style("figure-value", theme, sizes.title, pal.primary, heading=True, rtl=rtl),
                      body)
    label = paragraph(markup(figure.label, theme.body, region=region),
                      style("figure-label", theme, sizes.small, pal.muted, rtl=rtl), body)
    return value, label


class FigureRow(Flowable):  # type: ignore[misc, unused-ignore]
    """A row of figure tiles of equal width on the surface colour; the first on the right of a
    right-to-left page."""

    keep_whole = True  # read by onepage.pack: a row moves whole to the next column

    def __init__(self, tiles: list[tuple[Paragraph, Paragraph]], across: int, theme: Theme,
                 sizes: Sizes, rtl: bool = False) -> None:
        super().__init__()
        self.measured_at: float | None = None  # the width its wrap last measured at
        self.width: float = 0.0
        self.height: float = 0.0
        self.tiles, self.across, self.theme, self.rtl = tiles, across, theme, rtl
        self.gap, self.pad = sizes.space(0.8), sizes.space(0.8)
        self.spaceAfter = sizes.space(0.8)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the row's size: its tallest tile."""
        # Packing asks again and again at the column's width; lines break by width alone.
        if self.measured_at == available_width:
            return self.width, self.height
        self.measured_at = available_width
        self.width = available_width
        self.cell = (available_width - self.gap * (self.across - 1)) / self.across
        inner = self.cell - 2 * self.pad
        self.heights = [(v.wrap(inner, available_height)[1], lab.wrap(inner, available_height)[1])
                        for v, lab in self.tiles]
        self.height = max(v + lab for v, lab in self.heights) + 2 * self.pad
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Return nothing: a row of figures is never broken across columns."""
        return []

    def draw(self) -> None:
        """Draw each tile's ground (decoration), then its value and label from the top."""
        canv = self.canv
        if not seen(canv):
            return
        for n, ((value, label), (value_h, label_h)) in enumerate(zip(self.tiles, self.heights,
                                                                       strict=True)):
            x = n * (self.cell + self.gap)
            if self.rtl:
                x = self.width - x - self.cell
            with artifact(canv):  # the tile, with a stripe of the accent along its top
                canv.setFillColor(HexColor(self.theme.palette.surface))
                canv.rect(x, 0, self.cell, self.height, stroke=0, fill=1)
                canv.setFillColor(HexColor(self.theme.palette.accent))
                canv.rect(x, self.height - STRIPE, self.cell, STRIPE, stroke=0, fill=1)
            top = self.height - self.pad
            value.drawOn(canv, x + self.pad, top - value_h)
            label.drawOn(canv, x + self.pad, top - value_h - label_h)
