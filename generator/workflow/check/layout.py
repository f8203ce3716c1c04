"""Where a shape's text falls, measured as the build measures it: each paragraph wrapped with
`typeset.measure` in the metrics of its typeface (or its metric twin), lines stacked at their
spacing inside the frame's insets, placed by the frame's anchor and each paragraph's alignment.

`typeset.measure` reads font metrics through ReportLab's pdfmetrics, so this module is imported
only when a deck's text is measured, never by `check` on briefs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from generator.theme.model import Typeface
from generator.theme.typefaces import METRIC_TWINS
from generator.typeset import measure
from generator.workflow.check.model import Body, Box, Paragraph, Run, Shape

MAX_MEASURED = 20_000  # characters of one frame measured; the rest of a huge text is not laid out


@dataclass(frozen=True)
class Line:
    """One line of text on the slide: its box and the runs of its paragraph."""

    box: Box
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Laid:
    """A frame's text laid out: its lines, and the height and widest line it needs."""

    lines: tuple[Line, ...]
    height: float  # insets included
    widest: float  # of a frame that does not wrap, the widest line, insets included


def lay_out(shape: Shape) -> Laid | None:
    """Return where a shape's text falls, or None when it has no box or no text to place."""
    body, box = shape.body, shape.box
    if body is None or box is None or body.vertical or not body.text.strip():
        return None
    left, right, top, bottom = body.insets
    inner = max(box.w - left - right, 1.0)
    placed: list[tuple[float, float, float, Paragraph]] = []  # (y, width, height) per line
    y, widest, budget = 0.0, 0.0, MAX_MEASURED
    for index, paragraph in enumerate(body.paragraphs):
        text = paragraph.text[:budget]
        budget -= len(text)
        if index:
            y += paragraph.before
        pitch = paragraph.line or measure.line_height(paragraph.size) * paragraph.line_share
        for line in _lines(paragraph, text, inner - paragraph.indent if body.wrap else 1e9):
            width = _width(paragraph, line)
            widest = max(widest, width + paragraph.indent)
            placed.append((y, width, pitch, paragraph))
            y += pitch
        y += paragraph.after
    height = y + top + bottom
    shift = _anchor_shift(body, box.h - height)
    lines = tuple(Line(Box(_line_x(box, left, inner, p, w), box.y + top + shift + ly, w, pitch), p.runs)
                  for ly, w, pitch, p in placed if w > 0)
    return Laid(lines, height, widest + left + right)


def _lines(paragraph: Paragraph, text: str, width: float) -> list[str]:
    """Return the lines a paragraph's text wraps into at `width` points."""
    run = _main_run(paragraph)
    if run is None:
        return [""]
    return measure.wrap(text, typeface(run.face), run.size, max(width, 1.0), run.bold, False, run.region)


def _width(paragraph: Paragraph, line: str) -> float:
    """Return the width of one line of a paragraph."""
    run = _main_run(paragraph)
    if run is None or not line.strip():
        return 0.0
    return measure.width(line, typeface(run.face), run.size, run.bold, False, run.region)


def _main_run(paragraph: Paragraph) -> Run | None:
    """Return the run a paragraph is measured in: its largest (the widest setting), text only."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    return max(runs, key=lambda r: (r.size, r.bold)) if runs else None


def _anchor_shift(body: Body, room: float) -> float:
    """Return how far the text block moves down from the top inset, by the frame's anchor."""
    if body.anchor == "ctr":
        return room / 2
    if body.anchor == "b":
        return room
    return 0.0


def _line_x(box: Box, left: float, inner: float, paragraph: Paragraph, width: float) -> float:
    """Return the left edge of a line by its paragraph's alignment."""
    start = box.x + left + paragraph.indent
    room = inner - paragraph.indent - width
    if paragraph.align == "ctr":
        return start + room / 2
    if paragraph.align == "r":
        return start + room
    return start


@cache
def typeface(family: str) -> Typeface:
    """Return the typeface the build would measure `family` with: its metric twin, else Helvetica."""
    return Typeface(family, metrics=METRIC_TWINS.get(family.lower(), "Helvetica"))
