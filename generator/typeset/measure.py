"""Measure and wrap text with real font metrics, for fitting slides and laying out the handout."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.theme.model import Typeface
from generator.typeset import breaks, fonts, scripts

LEADING = 1.2  # line height as a multiple of the font size; backends write the same value
# Break opportunities: spaces, each CJK character, and after URL punctuation in long tokens.
_TOKENS = re.compile(r"\s+|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff"
                     r"\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+")
_SOFT_BREAKS = re.compile(r"(?<=[/\-_.?&=#:,;@])")


def line_height(size: float) -> float:
    """Return the distance between baselines for text of `size` points."""
    return size * LEADING


def width(text: str, face: Typeface, size: float, bold: bool = False, italic: bool = False,
          region: str = "") -> float:
    """Return the width of one line of `text` in points, in a document whose language's CJK
    region is `region` ('' for none): Han characters take that region's fonts."""
    return _unit_width(text, face, bold, italic, region) * size


@lru_cache(maxsize=65536)
def _unit_width(text: str, face: Typeface, bold: bool, italic: bool, region: str) -> float:
    """Return the width of `text` at 1 pt, summed over its font runs (Arabic as it is shaped)."""
    text = scripts.shaped(text)
    runs = fonts.runs(text, face, bold, italic, region)
    total: float = sum(stringWidth(part, font, 1.0) for font, part in runs)
    return total


def wrap(text: str, face: Typeface, size: float, max_width: float, bold: bool = False,
         italic: bool = False, region: str = "") -> list[str]:
    """Return `text` broken into lines no wider than `max_width`; long words are broken too.
    `region` is the CJK region of the document's language, as for width()."""
    lines: list[str] = []
    setting = _Setting(face, size, bold, italic, region)
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, setting, max_width))
    return lines


@dataclass(frozen=True)
class _Setting:
    """How the text being wrapped is set: face, size, style and the document's CJK region."""

    face: Typeface
    size: float
    bold: bool
    italic: bool
    region: str

    def width(self, text: str) -> float:
        """Return the width of `text` in points in this setting."""
        return _unit_width(text, self.face, self.bold, self.italic, self.region) * self.size


def _wrap_paragraph(text: str, setting: _Setting, max_width: float) -> list[str]:
    """Return one paragraph (no line breaks in it) broken into lines no wider than `max_width`."""
    if not breaks.simple(text):
        return _wrap_units(text, setting, max_width)
    width = setting.width
    lines: list[str] = []
    line, line_w = "", 0.0
    for token in _TOKENS.findall(text):
        token_w = width(token)
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
        pieces = _break_long(token, setting, max_width)
        lines.extend(pieces[:-1])
        line = pieces[-1]
        line_w = width(line)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _wrap_units(text: str, setting: _Setting, max_width: float) -> list[str]:
    """Return a paragraph broken only where Unicode's line-breaking rules allow, filled greedily."""
    width = setting.width
    lines: list[str] = []
    line, line_w = "", 0.0
    for unit in breaks.units(text):
        ink = unit.rstrip()  # trailing spaces may hang past the edge
        ink_w = width(ink)
        if line and line_w + ink_w > max_width:
            lines.append(line.rstrip())
            line, line_w = "", 0.0
        if not line and ink_w > max_width:
            pieces = _break_long(ink, setting, max_width, breaks.clusters)
            lines.extend(pieces[:-1])
            line = pieces[-1] + unit[len(ink):]
            line_w = width(line)
            continue
        line, line_w = line + unit, line_w + width(unit)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _characters(text: str) -> tuple[str, ...]:
    """Return the characters of `text`: where the plain wrap may cut a word too long for a line."""
    return tuple(text)


def _break_long(token: str, setting: _Setting, max_width: float,
                pieces_of: Callable[[str], tuple[str, ...]] = _characters) -> list[str]:
    """Return a too-long word cut at URL punctuation where possible, else between characters."""
    width = setting.width
    pieces: list[str] = []
    current = ""
    for part in _SOFT_BREAKS.split(token):
        if width(current + part) <= max_width:
            current += part
            continue
        if current:
            pieces.append(current)
        current = ""
        for ch in pieces_of(part):
            if current and width(current + ch) > max_width:
                pieces.append(current)
                current = ""
            current += ch
    pieces.append(current)
    return pieces

