"""The rules of PowerPoint's Accessibility Checker, applied to a deck read for checking.

Errors: a picture, shape, chart or table without alternative text (and not marked decorative),
a slide without a title, a table without a header row. Warnings: a title used on another slide
already, a title read after other content, link text that is a bare address, a placeholder
left empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.workflow.check.findings import ERROR, WARNING, Finding
from generator.workflow.check.model import FIELDS, TITLES, Deck, Shape, Slide

# Alt text that only names a picture's file, as tools write it when inserting one.
_FILE_NAME = re.compile(r"(?i)^[^\s/\\]+\.(png|jpe?g|gif|bmp|tiff?|webp|svg|emf|wmf)$")
# Link text that is an address rather than words about what it opens.
_BARE_ADDRESS = re.compile(r"(?i)^\s*(https?://|ftp://|www\.|mailto:)\S+\s*$")


def office_findings(deck: Deck, name: str) -> Iterator[Finding]:
    """Yield the findings of PowerPoint's checker rules, slide by slide."""
    seen: dict[str, int] = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            yield from _shape_findings(name, slide, shape)
        yield from _title_findings(name, slide, seen)


def _shape_findings(name: str, slide: Slide, shape: Shape) -> Iterator[Finding]:
    """Yield what is wrong with one shape: its alt text, its table header, its links, emptiness."""
    def finding(rule: str, severity: str, message: str) -> Finding:
        return Finding(name, slide.number, shape.described, rule, severity, message)

    if _needs_alt(shape) and not shape.decorative:
        if not shape.alt:
            yield finding("alt-text", ERROR, "no alt text (describe it, or mark it decorative)")
        elif _FILE_NAME.match(shape.alt):
            yield finding("alt-text", ERROR, f"no alt text (only its file name, '{shape.alt[:60]}'); "
                                             "describe it, or mark it decorative")
    if shape.graphic == "table" and not shape.header_row:
        yield finding("table-header", ERROR, "table has no header row")
    for paragraph in shape.body.paragraphs if shape.body is not None else ():
        for run in paragraph.runs:
            if run.link and _BARE_ADDRESS.match(run.text):
                yield finding("link-text", WARNING, f"link text is a bare address ({run.text.strip()[:60]});"
                                                    " say where it leads")
                break
    if shape.placeholder and not shape.text.strip() and shape.kind == "sp":
        yield finding("empty-placeholder", WARNING, "empty placeholder (fill it or delete it)")


def _needs_alt(shape: Shape) -> bool:
    """Return True when a reader needs the shape described: pictures, charts, tables, diagrams,
    and shapes that show no text (placeholders and lines excepted)."""
    if shape.kind in ("pic", "graphicFrame"):
        return True
    if shape.kind == "sp":
        return not shape.placeholder and not shape.text.strip()
    return False


def _title_findings(name: str, slide: Slide, seen: dict[str, int]) -> Iterator[Finding]:
    """Yield a slide's missing or repeated title, and a title read after other content."""
    title = slide.title
    if not title:
        yield Finding(name, slide.number, "", "slide-title", ERROR, "no slide title")
        return
    key = " ".join(title.casefold().split())
    if key in seen:
        yield Finding(name, slide.number, "", "duplicate-title", WARNING,
                      f"same title as slide {seen[key]} ('{title[:60]}'); make each title distinct")
    else:
        seen[key] = slide.number
    first = next((s for s in slide.shapes if _read(s)), None)
    if first is not None and first.placeholder not in TITLES:
        yield Finding(name, slide.number, first.described, "reading-order", WARNING,
                      "read before the slide title; move the title first in the reading order")


def _read(shape: Shape) -> bool:
    """Return True when a screen reader reads the shape: it has text, or is described."""
    if shape.placeholder in FIELDS or shape.decorative:
        return False
    return bool(shape.text.strip()) or (shape.kind in ("pic", "graphicFrame") and bool(shape.alt))
