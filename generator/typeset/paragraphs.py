"""Text as ReportLab paragraphs, shared by the PDF backends (the handout and the script).

Brief strings become paragraph markup (escaped, each run in the font that draws it), the
markup becomes a paragraph that breaks by the shared rules (lines.py beyond plain Latin), and
one check says which characters no font here can draw, so that both PDFs leave out the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, TypeVar
from xml.sax.saxutils import escape, unescape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from generator.pdftags import marks
from generator.pdftags.marks import Tag
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


class TaggedParagraph(Paragraph):  # type: ignore[misc, unused-ignore]
    """ReportLab's paragraph, drawn as marked content of its structure element (`tag`, a P
    when it has none) on a tagged canvas; its halves after a split belong to the same one."""

    tag: Tag | None = None

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        """Draw the paragraph, marked as its element's content where the canvas is tagged."""
        if marks.tagger_of(canvas) is None:  # a trial layout: nothing to mark
            super().drawOn(canvas, x, y, _sW)
            return
        with marks.content(canvas, self.tag, self.actual_text()):
            super().drawOn(canvas, x, y, _sW)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """Return ReportLab's split, each part keeping the paragraph's element."""
        parts: list[Any] = super().split(availWidth, availHeight)
        for part in parts:
            part.tag = self.tag
        return parts

    def actual_text(self) -> str:
        """Return the text the drawn glyphs stand for where they read otherwise, else ''."""
        return ""


def paragraph(text: str, para_style: ParagraphStyle, tag: Tag | None = None) -> TaggedParagraph:
    """Return a paragraph of markup `text`, content of the structure element `tag`: ReportLab's
    own for plain Latin, else one that breaks by the shared rules and draws right-to-left text
    in order (lines.ScriptParagraph)."""
    para: TaggedParagraph
    plain = "" if breaks.simple(text) else unescape(_TAGS.sub("", text))
    if not plain or (not scripts.rtl_text(plain) and breaks.at_spaces_only(plain)):
        # ReportLab's space wrap breaks where the rules do.
        para = TaggedParagraph(text, para_style)
    else:
        from generator.typeset.lines import ScriptParagraph

        para = ScriptParagraph(text, para_style, rtl=scripts.base_rtl(plain))
    para.tag = tag
    return para


def as_script(para: Paragraph) -> Paragraph:
    """Return `para` itself when it is plain Latin, else the same markup as a script paragraph."""
    if (isinstance(para.text, str) and not breaks.simple(para.text)
            and type(para) is TaggedParagraph):
        return paragraph(para.text, para.style, para.tag)
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


def marks_left_out(texts: Iterable[tuple[T, str]], document: str) -> list[tuple[T, str]]:
    """Return, for each place whose text has Arabic script's vowel or other combining marks, the
    line that says `document` ('the handout') draws it without them: the shaping leaves them
    out, since a PDF drawn glyph by glyph cannot place a mark over its letter."""
    from generator.typeset import scripts

    return [(place, f"{document} draws this text without its combining marks ({described(marks)}), "
                    "which it cannot place over their letters; the deck keeps them")
            for place, text in texts if (marks := scripts.dropped_marks(text))]


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
