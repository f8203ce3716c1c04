"""ReportLab paragraphs beyond plain Latin: broken where the deck breaks, Arabic shaped, RTL ordered.

ReportLab's own wrapping breaks at spaces, or anywhere inside a long word; its CJK mode keeps
a hand table of its own. A ScriptParagraph breaks at the opportunities typeset.breaks finds (the
shared rules the deck is measured with), then draws each line in visual order: Arabic in its
joined forms (arabic-reshaper), runs ordered by python-bidi's implementation of UAX #9.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import FragLine, ParaLines

from generator.typeset import breaks, scripts
from generator.typeset.paragraphs import TaggedParagraph

# Arabic presentation forms (the joined letters drawn), which NFKC takes back to the letters.
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


class ScriptParagraph(TaggedParagraph):
    """A Paragraph broken by the shared line-breaking rules and drawn in visual order."""

    def __init__(self, text: str | None, style: Any, bulletText: Any = None,  # noqa: N803
                 frags: Any = None, rtl: bool = False) -> None:
        style = style.clone(style.name, wordWrap="CJK")  # routes wrap() to breakLinesCJK
        if rtl and style.alignment == TA_LEFT:
            style.alignment = TA_RIGHT  # a right-to-left paragraph starts at the right margin
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        self.rtl = rtl
        self.logical: list[list[Glyph]] = []  # the lines in reading order, for split()
        self._broken: dict[tuple[float, ...], tuple[list[list[Glyph]], list[Any]]] = {}

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """Return the lines that fit and the rest, the rest rebuilt from its reading order."""
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head = parts[0]
        rest = [g for line in self.logical[len(head.blPara.lines):] for g in line]
        style = self.style.clone(self.style.name, firstLineIndent=0)
        tail = ScriptParagraph(None, style, frags=_frags(rest), rtl=self.rtl)
        tail.tag = self.tag
        return [head, tail]

    def actual_text(self) -> str:
        """Return the text in reading order with its letters unjoined, where the glyphs are
        drawn otherwise (right-to-left lines in visual order, joined Arabic forms), else ''."""
        text = "".join("\n" if hasattr(f, "lineBreak") else f.text for f in self.frags)
        if not scripts.rtl_text(text):
            return ""
        return logical(text)

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802 (ReportLab's name)
        """Return the paragraph's lines, broken at the shared rules' opportunities."""
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # a split's second half keeps the lines it was given
        key = tuple(maxWidths)
        if key not in self._broken:  # packing wraps the same paragraph at the same width often
            self._broken[key] = self._break(list(maxWidths))
        self.logical, lines = self._broken[key]
        return ParaLines(kind=1, lines=lines)

    def _break(self, widths: list[float]) -> tuple[list[list[Glyph]], list[Any]]:
        """Return the lines in reading order and as ReportLab draws them."""
        logical: list[list[Glyph]] = []
        lines: list[Any] = []
        for hard in _hard_lines(self.frags):
            for line in _fill(hard, widths, len(lines)):
                logical.append(line)
                width = widths[min(len(lines), len(widths) - 1)]
                line = _trimmed(line)
                used = _width(line)
                lines.append(_frag_line(_visual(line, self.rtl), width, used))
        return logical, lines


def logical(text: str) -> str:
    """Return shaped text with its joined Arabic forms taken back to the letters they join."""
    return "".join(unicodedata.normalize("NFKC", ch)
                   if any(lo <= ord(ch) <= hi for lo, hi in _PRESENTATION_FORMS) else ch
                   for ch in text)


# One character as laid out: the character, the fragment (font, size, colour) it is drawn in,
# and its width.
Glyph = tuple[str, Any, float]


@lru_cache(maxsize=65536)
def _char_width(ch: str, font: str, size: float) -> float:
    """Return the width of one character, cached (paragraphs are wrapped at many sizes)."""
    return float(stringWidth(ch, font, size))


def _hard_lines(frags: list[Any]) -> list[list[Glyph]]:
    """Return the paragraph's characters (each knowing its fragment) cut at <br/> breaks."""
    out: list[list[Glyph]] = [[]]
    for frag in frags:
        if hasattr(frag, "lineBreak"):
            out.append([])
            continue
        # The text is already shaped by paragraphs.markup().
        out[-1].extend((ch, frag, _char_width(ch, frag.fontName, frag.fontSize)) for ch in frag.text)
    return out


def _fill(chars: list[Glyph], widths: list[float], first: int) -> list[list[Glyph]]:
    """Return `chars` filled into lines greedily, breaking only at the shared opportunities."""
    text = "".join(g[0] for g in chars)
    lines: list[list[Glyph]] = []
    line: list[Glyph] = []
    line_w = 0.0
    pos = 0
    for unit in breaks.units(text) or ("",):
        piece = chars[pos:pos + len(unit)]
        pos += len(unit)
        room = widths[min(first + len(lines), len(widths) - 1)]
        ink = _width(piece[:len(unit.rstrip())])
        if line and line_w + ink > room:
            lines.append(line)
            line, line_w = [], 0.0
        if not line and ink > room:
            for cluster in breaks.clusters(unit):
                part, piece = piece[:len(cluster)], piece[len(cluster):]
                part_w = _width(part)
                if line and line_w + part_w > room:
                    lines.append(line)
                    line, line_w = [], 0.0
                line.extend(part)
                line_w += part_w
            continue
        line.extend(piece)
        line_w += _width(piece)
    lines.append(line)
    return lines


def _frag_line(line: list[Glyph], width: float, used: float) -> Any:
    """Return a ReportLab line: one fragment per run of characters drawn alike."""
    words: list[Any] = []
    ascent = descent = size = 0.0
    run: list[str] = []
    frag: Any = None
    for ch, owner, _w in line:
        if owner is not frag:
            if run:
                words.append(frag.clone(text="".join(run)))
            run, frag = [], owner
            up, down = getAscentDescent(owner.fontName, owner.fontSize)
            ascent, descent, size = max(ascent, up), min(descent, down), max(size, owner.fontSize)
        run.append(ch)
    if run and frag is not None:
        words.append(frag.clone(text="".join(run)))
    return FragLine(kind=1, extraSpace=width - used, wordCount=1, words=words, fontSize=size,
                    ascent=ascent, descent=descent, maxWidth=width, currentWidth=used, lineBreak=False)


def _frags(chars: list[Glyph]) -> list[Any]:
    """Return characters joined back into fragments, one per run of the same fragment."""
    out: list[tuple[Any, list[str]]] = []
    for ch, frag, _w in chars:
        if out and out[-1][0] is frag:
            out[-1][1].append(ch)
        else:
            out.append((frag, [ch]))
    return [frag.clone(text="".join(text)) for frag, text in out]


def _width(line: list[Glyph]) -> float:
    """Return the width of a line's characters."""
    return sum(g[2] for g in line)


def _trimmed(line: list[Glyph]) -> list[Glyph]:
    """Return a line without the spaces at its end, which hang past the margin."""
    end = len(line)
    while end and line[end - 1][0].isspace():
        end -= 1
    return line[:end]


def _visual(line: list[Glyph], rtl: bool) -> list[Glyph]:
    """Return a line's characters in the order they are seen, mirrored where they read RTL."""
    text = "".join(g[0] for g in line)
    if not scripts.rtl_text(text):
        return line
    order, mirrored = scripts.visual_order(text, rtl)
    return [(mirrored[i], line[i][1], line[i][2]) for i in order]
