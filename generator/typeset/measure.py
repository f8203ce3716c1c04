"""Measure and wrap text with real font metrics, for fitting slides and laying out the handout."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.theme.model import Typeface
from generator.typeset import breaks, fonts, language, scripts

LEADING = 1.2  # line height as a multiple of the font size; backends write the same value
# Break opportunities: spaces, each CJK character, and after URL punctuation in long tokens.
_TOKENS = re.compile(r"\s+|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff"
                     r"\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+")
_SOFT_BREAKS = re.compile(r"(?<=[/\-_.?&=#:,;@])")


def line_height(size: float) -> float:
    """Return the distance between baselines for text of `size` points."""
    return size * LEADING


def width(text: str, face: Typeface, size: float, bold: bool = False, italic: bool = False) -> float:
    """Return the width of one line of `text` in points."""
    return _unit_width(text, face, bold, italic, language.document_region()) * size


@lru_cache(maxsize=65536)
def _unit_width(text: str, face: Typeface, bold: bool, italic: bool, _region: str) -> float:
    """Return the width of `text` at 1 pt, summed over its font runs (Arabic as it is shaped),
    for a document whose Han characters take the forms of `_region` (the fonts differ)."""
    text = scripts.shaped(text)
    total: float = sum(stringWidth(part, font, 1.0) for font, part in fonts.runs(text, face, bold, italic))
    return total


def wrap(text: str, face: Typeface, size: float, max_width: float, bold: bool = False,
         italic: bool = False) -> list[str]:
    """Return `text` broken into lines no wider than `max_width`; long words are broken too."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, face, size, max_width, bold, italic))
    return lines


def _wrap_paragraph(text: str, face: Typeface, size: float, max_width: float, bold: bool,
                    italic: bool) -> list[str]:
    """Return one paragraph (no line breaks in it) broken into lines no wider than `max_width`."""
    if not breaks.simple(text):
        return _wrap_units(text, face, size, max_width, bold, italic)
    lines: list[str] = []
    line, line_w = "", 0.0
    for token in _TOKENS.findall(text):
        token_w = width(token, face, size, bold, italic)
        if line_w + token_w <= max_width or (token.isspace() and line):
            line, line_w = line + token, line_w + token_w
            continue
        if token.isspace():
            continue
        if line.strip():
            lines.append(line.rstrip())
        line, line_w = "", 0.0
        if token_w <= max_width:
            line, line_w = token, token_w
            continue
        pieces = _break_long(token, face, size, max_width, bold, italic)
        lines.extend(pieces[:-1])
        line = pieces[-1]
        line_w = width(line, face, size, bold, italic)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _wrap_units(text: str, face: Typeface, size: float, max_width: float, bold: bool,
                italic: bool) -> list[str]:
    """Return a paragraph broken only where Unicode's line-breaking rules allow, filled greedily."""
    lines: list[str] = []
    line, line_w = "", 0.0
    for unit in breaks.units(text):
        ink = unit.rstrip()  # trailing spaces may hang past the edge
        ink_w = width(ink, face, size, bold, italic)
        if line and line_w + ink_w > max_width:
            lines.append(line.rstrip())
            line, line_w = "", 0.0
        if not line and ink_w > max_width:
            pieces = _break_long(ink, face, size, max_width, bold, italic, breaks.clusters)
            lines.extend(pieces[:-1])
            line = pieces[-1] + unit[len(ink):]
            line_w = width(line, face, size, bold, italic)
            continue
        line, line_w = line + unit, line_w + width(unit, face, size, bold, italic)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _characters(text: str) -> tuple[str, ...]:
    """Return the characters of `text`: where the plain wrap may cut a word too long for a line."""
    return tuple(text)


def _break_long(token: str, face: Typeface, size: float, max_width: float, bold: bool,
                italic: bool, pieces_of: Callable[[str], tuple[str, ...]] = _characters) -> list[str]:
    """Return a too-long word cut at URL punctuation where possible, else between characters."""
    pieces: list[str] = []
    current = ""
    for part in _SOFT_BREAKS.split(token):
        if width(current + part, face, size, bold, italic) <= max_width:
            current += part
            continue
        if current:
            pieces.append(current)
        current = ""
        for ch in pieces_of(part):
            if current and width(current + ch, face, size, bold, italic) > max_width:
                pieces.append(current)
                current = ""
            current += ch
    pieces.append(current)
    return pieces

