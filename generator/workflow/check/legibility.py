"""What PowerPoint's checker misses: text below the floor size, text that does not contrast with
what is really behind it, and text that runs out of its box.

Errors: contrast below WCAG's 4.5:1 (3:1 for large text: 18 pt, or 14 pt bold), measured against
the colours painted under each line (see `backdrop`); text that needs more room than its box
gives (measured as the build measures, `layout`). Warnings: text smaller than the floor
(footers, dates and slide numbers excepted), and contrast that falls short in a colour the
template itself gives the text (no run of the slide sets it: a template's pale footer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.theme.colors import AA_LARGE, AA_NORMAL, contrast
from generator.theme.template.backdrop import Canvas
from generator.workflow.check.findings import ERROR, WARNING, Finding
from generator.workflow.check.layout import Laid, lay_out
from generator.workflow.check.model import FIELDS, Deck, Run, Shape, Slide

# The built-in themes' slide floor (`slide-type: floor:`): the smallest size the build sets
# text at, outside footers and slide numbers.
FLOOR_PT = 14.0
# Room a measurement may differ by before text counts as out of its box (rounding of sizes
# and spacing to hundredths of a point, and of boxes to EMUs).
OVERFLOW_SLACK_PT = 1.0
# Characters of a deck's text laid out at most: many times a long deck's, so that a forged
# deck of megabytes of text is refused work, not measured for minutes.
MAX_DECK_TEXT = 400_000
# Shapes named so hold the footer, the date or the slide number (PowerPoint's names and the
# built-in look's).
_FOOTER_NAMES = ("footer", "slide number", "date")


def legibility_findings(deck: Deck, name: str, pictures: Callable[[str], bytes],
                        floor: float = FLOOR_PT) -> Iterator[Finding]:
    """Yield the floor, contrast and overflow findings of every slide."""
    left = MAX_DECK_TEXT
    for slide in deck.slides:
        left -= sum(len(shape.text) for shape in slide.shapes)
        if left < 0:
            yield Finding(name, slide.number, "", "too-much-text", WARNING,
                          f"the deck holds more than {MAX_DECK_TEXT:,} characters of text; "
                          "legibility is checked up to this slide only")
            return
        yield from _slide_findings(deck, slide, name, pictures, floor)


def _slide_findings(deck: Deck, slide: Slide, name: str, pictures: Callable[[str], bytes],
                    floor: float) -> Iterator[Finding]:
    """Yield one slide's findings, painting it layer by layer to judge each text's contrast."""
    canvas = Canvas(deck.width, deck.height, pictures)
    canvas.paint(slide.background, None)  # without one, the canvas's white shows
    for shape in slide.beneath:
        canvas.paint(shape.fill, shape.box)
    for shape in slide.shapes:
        canvas.paint(shape.fill, shape.box)
        laid = lay_out(shape)
        if laid is None:
            continue
        def finding(rule: str, severity: str, message: str, shape: Shape = shape) -> Finding:
            return Finding(name, slide.number, shape.described, rule, severity, message)
        small = _smallest(shape)
        if small is not None and small < floor - 0.05:
            yield finding("small-text", WARNING, f"text at {small:g} pt, below the {floor:g} pt floor")
        worst = _worst_contrast(canvas, laid)
        if worst is not None:
            ratio, limit, ink, ground, inherited = worst
            # A colour no run of the slide sets is the template's choice (a pale footer): the
            # build keeps it and warns; it is said here as a warning, not an error.
            yield finding("contrast", WARNING if inherited else ERROR,
                          f"text {ink} on {ground}: contrast {ratio:.2f}:1, below {limit:g}:1"
                          + (" (the template's own colour)" if inherited else ""))
        overflow = _overflow(shape, laid)
        if overflow:
            yield finding("overflow", ERROR, overflow)


def _smallest(shape: Shape) -> float | None:
    """Return the smallest size of the shape's visible text, or None when it is exempt."""
    if shape.placeholder in FIELDS or shape.name.strip().lower().startswith(_FOOTER_NAMES):
        return None
    sizes = [run.size for p in shape.body.paragraphs for run in p.runs
             if run.text.strip() and not run.field] if shape.body is not None else []
    return min(sizes, default=None)


def _worst_contrast(canvas: Canvas, laid: Laid) -> tuple[float, float, str, str, bool] | None:
    """Return (ratio, limit, text colour, ground, whether the colour is the template's) of the
    line that contrasts least with what is under it, when that is below its limit; None when
    every line passes."""
    worst: tuple[float, float, str, str, bool] | None = None
    for line in laid.lines:
        grounds = canvas.colours_under(line.box)
        for run in line.runs:
            if not run.text.strip():
                continue
            limit = AA_LARGE if _large(run) else AA_NORMAL
            for ground in grounds:
                ratio = contrast(run.colour, ground)
                if ratio < limit - 0.005 and (worst is None or ratio / limit < worst[0] / worst[1]):
                    worst = (ratio, limit, run.colour, ground, run.inherited)
    return worst


def _large(run: Run) -> bool:
    """Return True for WCAG's large text: 18 pt, or 14 pt bold."""
    return run.size >= 18 - 0.05 or (run.bold and run.size >= 14 - 0.05)


def _overflow(shape: Shape, laid: Laid) -> str:
    """Return how a shape's text runs out of its box ('' when it fits)."""
    box, body = shape.box, shape.body
    if box is None or body is None:
        return ""
    if not body.grows and laid.height > box.h + OVERFLOW_SLACK_PT:
        return (f"text runs out of its box: it needs {laid.height:.0f} pt of height, the box has "
                f"{box.h:.0f} pt")
    if not body.wrap and not body.grows and laid.widest > box.w + OVERFLOW_SLACK_PT:
        return f"text runs out of its box: a line needs {laid.widest:.0f} pt, the box is {box.w:.0f} pt wide"
    return ""
