"""QR codes for the handout's sources: paper cannot follow a link, but a phone can scan one."""

from __future__ import annotations

import itertools
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph

from generator.backends.handout.text import Sizes, seen
from generator.pdftags.marks import Tag, artifact, content
from generator.theme.colors import contrast

# A code is never printed smaller than this, the size phones scan reliably from paper at
# arm's length; at the theme's own type sizes it is a little larger.
MM = 72 / 25.4  # points in a millimetre
CODE_MIN = 15 * MM
CODE_MAX = 18 * MM
QUIET_MODULES = 4  # the clear margin the QR standard asks for around the symbol, in modules
# Medium error correction: a code on paper survives a fold, a smudge or a staple.
LEVEL = "M"
PLATE = "#FFFFFF"
INK = "#000000"


def code_size(sizes: Sizes) -> float:
    """Return the side of a source's code in points at `sizes`: it shrinks with the type and
    takes its minimum at the compact steps."""
    if sizes.compact:
        return CODE_MIN
    return max(CODE_MIN, min(CODE_MAX, CODE_MAX * sizes.factor))


@lru_cache(maxsize=64)  # every trial layout of the page draws the same few addresses
def modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """Return the QR symbol of `data` (ReportLab's encoder), row by row, True for dark."""
    # ReportLab's barcode package takes 15 ms to import: only handouts with an address pay it.
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(data, barLevel=LEVEL)
    widget.qr.make()
    return tuple(tuple(bool(m) for m in row) for row in widget.qr.modules)


class Coded(Flowable):  # type: ignore[misc, unused-ignore]
    """A source's paragraph with the QR code of its address beside it, the code on the left
    (on the right in a right-to-left document, `rtl`)."""

    keep_whole = True  # read by onepage.pack: a source and its code move together

    def __init__(self, para: Paragraph, data: str, size: float, gap: float, ground: str,
                 after: float, figure: Tag | None = None, rtl: bool = False) -> None:
        super().__init__()
        self.rtl = rtl
        self.para, self.data, self.size, self.ground = para, data, size, ground
        self.figure = figure  # the code's structure element, whose alt text says what it opens
        count = len(modules(data))
        self.quiet = QUIET_MODULES * size / count
        self.indent = size + max(gap, self.quiet)
        # The clear margin above and below the symbol is kept free of its neighbours' ink.
        self.spaceBefore = self.quiet
        self.spaceAfter = max(after, self.quiet)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the size of the code and the paragraph beside it."""
        self.width = available_width
        _w, self.para_height = self.para.wrap(available_width - self.indent, available_height)
        self.height = max(self.para_height, self.size)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Return nothing: a source stays whole beside its code."""
        return []

    def draw(self) -> None:
        """Draw the code (on a white plate where the page is not white), then the paragraph."""
        canv, top = self.canv, self.height
        if not seen(canv):
            return
        symbol = modules(self.data)
        cell = self.size / len(symbol)
        bottom = top - self.size
        left = self.width - self.size if self.rtl else 0.0
        if contrast(self.ground, PLATE) > 1.05:
            # Scanners need dark modules on a light field, whatever the page colour.
            q = self.quiet
            with artifact(canv):
                canv.setFillColor(HexColor(PLATE))
                canv.rect(left - q, bottom - q, self.size + 2 * q, self.size + 2 * q, stroke=0,
                          fill=1)
        with content(canv, self.figure):
            self._draw_symbol(symbol, cell, top, left)
        self.para.drawOn(canv, 0 if self.rtl else self.indent, top - self.para_height)

    def _draw_symbol(self, symbol: tuple[tuple[bool, ...], ...], cell: float, top: float,
                     left: float = 0.0) -> None:
        """Draw the code's dark modules, `cell` points square, from `top` down and `left` on."""
        canv = self.canv
        canv.setFillColor(HexColor(INK))
        path = canv.beginPath()
        for r, row in enumerate(symbol):
            y = top - (r + 1) * cell
            c = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:
                    path.rect(left + c * cell, y, length * cell, cell)
                c += length
        canv.drawPath(path, stroke=0, fill=1)
