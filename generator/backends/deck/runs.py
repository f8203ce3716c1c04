"""Write measured paragraphs into PowerPoint text frames: sizes, spacing, scripts, links."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.text.text import _Run
from pptx.util import Pt

from generator.backends.deck.text import INSET_X, INSET_Y, Para
from generator.typeset import fonts, measure, scripts

if TYPE_CHECKING:
    from pptx.oxml.text import (
        CT_TextBodyProperties,
        CT_TextCharacterProperties,
        CT_TextParagraph,
        CT_TextParagraphProperties,
    )
    from pptx.text.text import TextFrame, _Paragraph

ZWSP = "\u200b"
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_MIRRORED_ALIGN = {"left": "r", "center": "ctr", "right": "l"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_AUTOFITS = {qn("a:spAutoFit"), qn("a:normAutofit"), qn("a:noAutofit")}
_CONTENT = {qn("a:r"), qn("a:br"), qn("a:fld")}
# Control characters python-pptx writes as _xHHHH_ escapes (tab and line feed are kept).
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")
# A fixed id keeps the slide-number field identical from build to build.
_SLIDENUM_ID = "{5C1D2A7E-0B5F-4E7B-9A44-3F3B8C1E9D21}"
# The complex-script face for Arabic and Hebrew runs: Arial draws both on every PowerPoint.
CS_FAMILY = "Arial"
RTL = "rtl"  # script_runs' name for a run of right-to-left letters
# RGBColor has no annotations; called under this typed name, calls to it are checked.
_RGB_FROM_HEX: Callable[[str], RGBColor] = RGBColor.from_string


def rgb(color: str) -> RGBColor:
    """Return a python-pptx colour for '#RRGGBB'."""
    return _RGB_FROM_HEX(color.lstrip("#").upper())


def write_frame(frame: TextFrame, paras: list[Para], box_width: float, cjk_family: str,
                anchor: str = "top") -> None:
    """Replace the text of `frame` with `paras`, sized and spaced exactly as measured.

    The XML is written directly: python-pptx's frame, paragraph and run objects cost a fifth of
    a deck's rendering time. It is the XML python-pptx writes (the golden decks hold it).
    """
    body = frame._txBody
    body_properties(body.find(qn("a:bodyPr")), anchor)
    write_paragraphs(frame, paras, box_width, cjk_family)


def write_paragraphs(frame: TextFrame, paras: list[Para], box_width: float,
                     cjk_family: str) -> None:
    """Replace the paragraphs of `frame` with `paras`, its body properties kept (a table cell's
    margins are the cell's, not its frame's)."""
    body = frame._txBody
    first, *rest = body.findall(qn("a:p"))
    for extra in rest:
        body.remove(extra)
    for child in first.findall("*"):
        if child.tag in _CONTENT:
            first.remove(child)  # runs, breaks, fields; paragraph properties are kept
    for index, para in enumerate(paras):
        paragraph = first if index == 0 else etree.SubElement(body, qn("a:p"))
        before = 0.0 if index == 0 else para.before
        _write_paragraph(frame, paragraph, para, before, box_width, cjk_family)


def body_properties(body_pr: CT_TextBodyProperties, anchor: str | None) -> None:
    """Wrap words, never autofit, set the insets the text is measured with and the anchor (None
    keeps the frame's own), as python-pptx's setters do."""
    body_pr.set("wrap", "square")
    for child in body_pr.findall("*"):
        if child.tag in _AUTOFITS:
            body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    for side, inset in (("lIns", INSET_X), ("rIns", INSET_X), ("tIns", INSET_Y), ("bIns", INSET_Y)):
        body_pr.set(side, str(Pt(inset)))
    if anchor is not None:
        body_pr.set("anchor", _ANCHOR[anchor])


def _write_paragraph(frame: TextFrame, paragraph: CT_TextParagraph, para: Para, before: float,
                     box_width: float, cjk_family: str) -> None:
    """Write one measured paragraph's properties and runs (one per script) into `paragraph`."""
    ppr = paragraph.find(qn("a:pPr"))
    if ppr is None:
        ppr = etree.SubElement(paragraph, qn("a:pPr"))  # made by the paragraph: python-pptx's class
        paragraph.insert(0, ppr)
    _spacing(ppr, para, before)
    if scripts.rtl_language(para.language):
        _mirrored(ppr, para)
    elif scripts.base_rtl(para.text):
        ppr.set("rtl", "1")  # read right to left, starting at the right margin
        if para.align == "left":
            ppr.set("algn", "r")
    if para.bullet:
        _bullet(ppr, para)
    end = paragraph.find(qn("a:endParaRPr"))
    text = with_breaks(para.text, para.lines(box_width))
    for chunk, script in script_runs(text):
        run = etree.SubElement(paragraph, qn("a:r"))
        if end is not None:
            end.addprevious(run)
        rpr = etree.SubElement(run, qn("a:rPr"))
        etree.SubElement(run, qn("a:t")).text = _CONTROL.sub(_escaped, chunk)
        style_run(rpr, para, cjk_family, script, chunk)
        if para.url:
            _Run(run, frame).hyperlink.address = para.url


def _mirrored(ppr: CT_TextParagraphProperties, para: Para) -> None:
    """Set a paragraph of a right-to-left document as PowerPoint's right-to-left layouts do:
    it starts at the right edge (a left-aligned paragraph is set right, and a right-aligned
    one, such as the slide number, left), and reads right to left, its bullet on the right,
    unless it holds no right-to-left letter and no bullet (an address, a number)."""
    ppr.set("algn", _MIRRORED_ALIGN[para.align])
    if para.bullet or scripts.rtl_text(para.text):
        ppr.set("rtl", "1")


def escaped(text: str) -> str:
    """Return `text` with control characters written as python-pptx's _xHHHH_ escapes."""
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    """Return the _xHHHH_ escape python-pptx writes for a control character."""
    return f"_x{ord(match.group(1)):04X}_"


def _spacing(ppr: CT_TextParagraphProperties, para: Para, before: float) -> None:
    """Write alignment and exact line spacing (as measured) into the paragraph properties."""
    ppr.set("algn", _ALIGN[para.align])
    for tag, points in (("a:lnSpc", measure.line_height(para.size)), ("a:spcBef", before),
                        ("a:spcAft", 0.0)):
        holder = etree.SubElement(ppr, qn(tag))
        etree.SubElement(holder, qn("a:spcPts")).set("val", str(Pt(points) // 127))


def style_run(rpr: CT_TextCharacterProperties, para: Para, cjk_family: str, script: str | None,
              text: str = "") -> None:
    """Give a run's properties its language, the paragraph's size, weight, colour and typefaces.

    A run in a CJK `script` gets that script's language and the East Asian typeface `cjk_family`;
    a right-to-left run its script's language and the complex-script typeface.
    """
    rpr.set("lang", run_language(script, text, para.language, para.region))
    rpr.set("sz", str(Pt(para.size) // 127))
    rpr.set("b", "1" if para.bold else "0")
    rpr.set("i", "1" if para.italic else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", para.color.lstrip("#").upper())
    etree.SubElement(rpr, qn("a:latin")).set("typeface", para.face.family)
    if script and script != RTL:
        etree.SubElement(rpr, qn("a:ea")).set("typeface", cjk_family)
    if script == RTL:
        etree.SubElement(rpr, qn("a:cs")).set("typeface", CS_FAMILY)


def run_language(script: str | None, text: str, brief: str, region: str = "") -> str:
    """Return the language tag of a run: its CJK or right-to-left script's, else `brief`'s (the
    brief's language). Han without kana or hangul takes the forms of the document's CJK
    `region` (a kanji-only name in a Japanese deck is Japanese), else of its own characters."""
    if script == "zh":
        tag = fonts.REGION_LANG[fonts.han_script(text, region)]
    elif script and script != RTL:
        tag = fonts.CJK_LANG[script]
    else:
        tag = scripts.run_language(text) or brief
    return brief if scripts.same_script(tag, brief) else tag


def script_runs(text: str) -> list[tuple[str, str | None]]:
    """Return `text` cut into (text, CJK script, RTL or None) runs; spaces and marks join the run."""
    runs: list[tuple[str, str | None]] = []
    for ch in text:
        script = fonts.cjk_script(ch) or (RTL if scripts.rtl_text(ch) else None)
        if script is None and not ch.isalnum() and runs:
            script = runs[-1][1]
        if runs and runs[-1][1] == script:
            runs[-1] = (runs[-1][0] + ch, script)
        else:
            runs.append((ch, script))
    return runs


def with_breaks(text: str, lines: list[str]) -> str:
    """Return `text` with zero-width spaces where the wrap broke inside a word, so renderers do too."""
    out: list[str] = []
    pos = 0
    for number, line in enumerate(lines):
        start = text.find(line, pos)
        if start < 0:
            return text
        end = start + len(line)
        out.append(text[pos:end])
        pos = end
        last = number == len(lines) - 1
        if not last and 0 < end < len(text) and _inside_word(text[end - 1], text[end]):
            out.append(ZWSP)
    out.append(text[pos:])
    return "".join(out)


def _inside_word(before: str, after: str) -> bool:
    """Return True when a break between `before` and `after` would cut a (non-CJK) word."""
    if before.isspace() or after.isspace():
        return False
    return not (fonts.cjk_script(before) or fonts.cjk_script(after))


def _bullet(ppr: CT_TextParagraphProperties, para: Para) -> None:
    """Write the paragraph's hanging indent, bullet colour and bullet (a character, or numbers)."""
    ppr.set("marL", str(Pt(para.indent)))
    ppr.set("indent", str(-Pt(para.indent)))
    color = etree.SubElement(ppr, qn("a:buClr"))
    mark = para.bullet_color or para.color
    etree.SubElement(color, qn("a:srgbClr")).set("val", mark.lstrip("#").upper())
    if para.bullet == "#":
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "+mj-lt")
        etree.SubElement(ppr, qn("a:buAutoNum")).set("type", "arabicPeriod")
    else:
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", para.bullet)


def slide_number_field(paragraph: _Paragraph, number: int) -> None:
    """Turn the paragraph's single run into a slide-number field showing `number`."""
    run = paragraph.runs[0]._r
    run.tag = qn("a:fld")
    run.set("id", _SLIDENUM_ID)
    run.set("type", "slidenum")
    run.find(qn("a:t")).text = str(number)
