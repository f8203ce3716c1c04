"""Speakers as a list of names in columns: how a handout with many speakers still names them."""

from __future__ import annotations

import math
from functools import lru_cache

from reportlab.platypus import Flowable, Paragraph

from generator.backends.handout.text import Sizes, face_style, seen
from generator.pdftags.marks import Tag, content
from generator.story import Loc, Person
from generator.theme.model import Theme, Typeface
from generator.typeset import measure
from generator.typeset.paragraphs import markup, paragraph

# A page column holds at most this many names side by side; more would read as a table.
MOST_ACROSS = 3
# The column width is chosen so that this share of the names fits on one line; the few longer
# ones wrap inside their cell rather than making every cell as wide as the longest.
ONE_LINE_SHARE = 0.8


def name_rows(people: list[Person], theme: Theme, sizes: Sizes, width: float,
              region: str, listed: Tag | None = None,
              rtl: bool = False) -> list[tuple[Loc, Flowable]]:
    """Return rows of names, each with the place of its first speaker in the brief, in brief
    order from left to right (from right to left when `rtl`); `region` is the CJK region of
    the story's language, and each name an item of the structure's list `listed`."""
    if not people:
        return []
    gap = sizes.space(2)
    widths = sorted(measure.width(p.name, theme.body, sizes.small, region=region) for p in people)
    typical = widths[min(len(widths) - 1, math.floor(ONE_LINE_SHARE * (len(widths) - 1)))]
    across = max(1, min(MOST_ACROSS, len(people), int((width + gap) // (typical + gap))))
    rows = []
    for start in range(0, len(people), across):
        group = people[start:start + across]
        paras = [_name(p.name, theme.body, sizes.small, theme.palette.text, region, rtl)
                 for p in group]
        row = NameRow(paras, across, gap, sizes.space(0.4), rtl)
        row.tags = [Tag("LBody", Tag("LI", listed)) for _ in group]
        rows.append((tuple(group[0].loc), row))
    return rows


@lru_cache(maxsize=2048)  # the search lays out the same names at the same size several times
def _name(name: str, face: Typeface, size: float, color: str, region: str,
          rtl: bool = False) -> Paragraph:
    """Return a speaker's name as a paragraph at `size` in `color` (right-aligned when `rtl`)."""
    return paragraph(markup(name, face, region=region),
                     face_style("name", face, size, color, rtl=rtl))


class NameRow(Flowable):  # type: ignore[misc, unused-ignore]
    """One row of names, each in a cell of the same width; a long name wraps in its cell."""

    keep_whole = True  # read by onepage.pack: a row moves whole to the next column

    def __init__(self, paras: list[Paragraph], across: int, gap: float, after: float,
                 rtl: bool = False) -> None:
        super().__init__()
        self.paras, self.across, self.gap, self.rtl = paras, across, gap, rtl
        self.spaceAfter = after
        # Each name's list item body in the structure; the paragraphs are shared (cached), so
        # the row, not the paragraph, knows which item it is.
        self.tags: list[Tag | None] = [None] * len(paras)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the row's size: the tallest of its names."""
        self.width = available_width
        self.cell = (available_width - self.gap * (self.across - 1)) / self.across
        self.heights = [p.wrap(self.cell, available_height)[1] for p in self.paras]
        self.height = max(self.heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Return nothing: a row of names is never broken across columns."""
        return []

    def draw(self) -> None:
        """Draw each name at the top of its cell, the first cell on the right when `rtl`."""
        if not seen(self.canv):
            return
        for n, (para, height) in enumerate(zip(self.paras, self.heights, strict=True)):
            x = n * (self.cell + self.gap)
            if self.rtl:
                x = self.width - x - self.cell
            with content(self.canv, self.tags[n], para.actual_text()):
                para.drawOn(self.canv, x, self.height - height)
