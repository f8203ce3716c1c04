"""Text as ReportLab paragraphs, shared by the PDF backends (the handout and the script).

Brief strings become paragraph markup (escaped, each run in the font that draws it), the
markup becomes a paragraph that breaks by the shared rules (lines.py beyond plain Latin), and
one check says which characters no font here can draw, so that both PDFs leave out the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeVar
from xml.sax.saxutils import escape, unescape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from generator.theme.model import Typeface
from generator.typeset import breaks, fonts, scripts

# Paragraph markup treats these as syntax inside attribute values, so they are escaped too.
ATTRIBUTE_ENTITIES = {'"': "&quot;", "'": "&#39;"}
_TAGS = re.compile(r"<[^>]*>")
T = TypeVar("T")


@lru_cache(maxsize=4096)  # the same texts are marked up at every size tried
def markup(text: str, face: Typeface, bold: bool = False, italic: bool = False,
           region: str = "") -> str:
    """Return `text` as paragraph markup: escaped, each run in the font that can draw it, Han
    characters in the forms of `region` (the CJK region of the document's language, or '')."""
    out: list[str] = []
    # Arabic is drawn in its joined forms, so the fonts are chosen for those.
    for font, run in fonts.runs(scripts.shaped(text), face, bold, italic, region):
        body = escape(run).replace("\n", "<br/>")
        drawn = fonts.embedded(font)
        out.append(f'<font face="{escape(drawn, ATTRIBUTE_ENTITIES)}">{body}</font>')
    return "".join(out)


def paragraph(text: str, para_style: ParagraphStyle) -> Paragraph:
    """Return a paragraph of markup `text`: ReportLab's own for plain Latin, else one that breaks
    by the shared rules and draws right-to-left text in order (lines.ScriptParagraph)."""
    if breaks.simple(text):
        return Paragraph(text, para_style)
    plain = unescape(_TAGS.sub("", text))
    if not scripts.rtl_text(plain) and breaks.at_spaces_only(plain):
        return Paragraph(text, para_style)  # ReportLab's space wrap breaks where the rules do
    from generator.typeset.lines import ScriptParagraph

    return ScriptParagraph(text, para_style, rtl=scripts.base_rtl(plain))


def as_script(para: Paragraph) -> Paragraph:
    """Return `para` itself when it is plain Latin, else the same markup as a script paragraph."""
    if isinstance(para.text, str) and not breaks.simple(para.text) and type(para) is Paragraph:
        return paragraph(para.text, para.style)
    return para


def undrawable(text: str, faces: Iterable[Typeface], region: str = "") -> list[str]:
    """Return the characters of `text` a PDF cannot draw in any of `faces`, each once, in the
    order the faces are given, in a document whose language's CJK region is `region`.

    Besides characters no font has, that is characters beyond the Basic Multilingual Plane
    that would go to a CJK CID font: its UCS-2 encoding cannot hold them, so they would come
    out as boxes and confuse text extraction of their neighbours.
    """
    chars: list[str] = []
    for face in faces:
        chars += [c for c in _undrawable_in(text, face, region) if c not in chars]
    return chars


def undrawable_places(texts: Iterable[tuple[T, str]], faces: tuple[Typeface, ...], region: str
                      ) -> list[tuple[T, list[str]]]:
    """Return each place whose text has characters no font draws, with those characters, so
    that a backend can leave them out and say so where they are written."""
    found = []
    for place, text in texts:
        chars = undrawable(text, faces, region)
        if chars:
            found.append((place, chars))
    return found


def described(chars: Iterable[str]) -> str:
    """Return characters named for a reader: 'U+13E3 CHEROKEE LETTER TSA, ...'."""
    return ", ".join(fonts.describe(c) for c in chars)


def unprintable(text: str, faces: tuple[Typeface, ...], region: str, document: str) -> str:
    """Return why `document` ('the handout') cannot print `text` as written (characters no font
    draws, or a script it cannot shape), or "" when it can."""
    missing = undrawable(text, faces, region)
    if missing:
        return f"no font on this machine draws {', '.join(fonts.describe(c) for c in missing)}"
    unshaped = scripts.unshaped(text)
    if unshaped:
        names = ", ".join(fonts.describe(c) for c in unshaped[:3])
        return f"{document} cannot shape this script ({names})"
    return ""


def _undrawable_in(text: str, face: Typeface, region: str) -> list[str]:
    """Return the characters of `text` a PDF cannot draw in `face`, each once."""
    chars = [c for c in fonts.missing_glyphs(text, face, region) if c != "\n"]
    cid_fonts = set(fonts.CJK_FONTS.values())
    for ch in dict.fromkeys(text):
        if ord(ch) > 0xFFFF and ch not in chars and fonts.font_for(ch, face) in cid_fonts:
            chars.append(ch)
    return chars
