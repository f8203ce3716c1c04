"""Write measured paragraphs into PowerPoint text frames: sizes, spacing, scripts, links."""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Pt

from .. import fonts, measure
from .deck_text import INSET_X, INSET_Y, Para

ZWSP = "\u200b"
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
# A fixed id keeps the slide-number field identical from build to build.
_SLIDENUM_ID = "{5C1D2A7E-0B5F-4E7B-9A44-3F3B8C1E9D21}"


def rgb(colour: str) -> RGBColor:
    """Return a python-pptx colour for '#RRGGBB'."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def write_frame(frame, paras: list[Para], box_width: float, cjk_family: str,
                anchor: str = "top") -> None:
    """Replace the text of `frame` with `paras`, sized and spaced exactly as measured."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(INSET_Y)
    frame.vertical_anchor = _ANCHOR[anchor]
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        before = 0.0 if index == 0 else para.before
        _write_paragraph(paragraph, para, before, box_width, cjk_family)


def _write_paragraph(paragraph, para: Para, before: float, box_width: float, cjk_family: str) -> None:
    _spacing(paragraph, para, before)
    if para.bullet:
        _bullet(paragraph, para)
    text = with_breaks(para.text, para.lines(box_width))
    for chunk, script in script_runs(text):
        run = paragraph.add_run()
        run.text = chunk
        style_run(run, para, cjk_family, script)
        if para.url:
            run.hyperlink.address = para.url


def _spacing(paragraph, para: Para, before: float) -> None:
    """Write alignment and exact line spacing (as measured) straight into the paragraph's XML."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("algn", _ALIGN[para.align])
    for tag, points in (("a:lnSpc", measure.line_height(para.size)), ("a:spcBef", before),
                        ("a:spcAft", 0.0)):
        holder = etree.SubElement(ppr, qn(tag))
        etree.SubElement(holder, qn("a:spcPts")).set("val", str(Pt(points) // 127))


def style_run(run, para: Para, cjk_family: str, script: str | None) -> None:
    """Give `run` the paragraph's size, weight, colour and typefaces (East Asian for CJK).

    The run properties are written as XML directly: python-pptx's property setters cost half a
    millisecond per run, a tenth of a whole deck's rendering time.
    """
    rpr = run._r.get_or_add_rPr()
    if script:
        rpr.set("lang", fonts.CJK_LANG[script])
    rpr.set("sz", str(Pt(para.size) // 127))
    rpr.set("b", "1" if para.bold else "0")
    rpr.set("i", "1" if para.italic else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", para.color.lstrip("#").upper())
    etree.SubElement(rpr, qn("a:latin")).set("typeface", para.face.family)
    if script:
        etree.SubElement(rpr, qn("a:ea")).set("typeface", cjk_family)


def script_runs(text: str) -> list[tuple[str, str | None]]:
    """Return `text` cut into (text, CJK script or None) runs; spaces and marks join the run."""
    runs: list[list] = []
    for ch in text:
        script = fonts.cjk_script(ch)
        if script is None and not ch.isalnum() and runs:
            script = runs[-1][1]
        if runs and runs[-1][1] == script:
            runs[-1][0] += ch
        else:
            runs.append([ch, script])
    return [(chunk, script) for chunk, script in runs]


def with_breaks(text: str, lines: list[str]) -> str:
    """Return `text` with zero-width spaces where the wrap broke inside a word, so renderers do too."""
    out, pos = [], 0
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
    if before.isspace() or after.isspace():
        return False
    return not (fonts.cjk_script(before) or fonts.cjk_script(after))


def _bullet(paragraph, para: Para) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(Pt(para.indent)))
    ppr.set("indent", str(-Pt(para.indent)))
    colour = etree.SubElement(ppr, qn("a:buClr"))
    mark = para.bullet_color or para.color
    etree.SubElement(colour, qn("a:srgbClr")).set("val", mark.lstrip("#").upper())
    if para.bullet == "#":
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "+mj-lt")
        etree.SubElement(ppr, qn("a:buAutoNum")).set("type", "arabicPeriod")
    else:
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", para.bullet)


def slide_number_field(paragraph, number: int) -> None:
    """Turn the paragraph's single run into a slide-number field showing `number`."""
    run = paragraph.runs[0]._r
    run.tag = qn("a:fld")
    run.set("id", _SLIDENUM_ID)
    run.set("type", "slidenum")
    run.find(qn("a:t")).text = str(number)
