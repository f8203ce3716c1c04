"""Slides on a template's layouts: the title and text written into its placeholders, inheriting
the template's fonts, colours and bullets; footer, date and slide number filled where it has them.

Runs name no typeface or colour, so the template's (or the brand.yml's that overrides it) show;
each run does carry the size it was measured at, and paragraphs the measured line spacing, so
that what was fitted is what is drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.text.text import _Run
from pptx.util import Pt

from generator.backends.deck.runs import (
    RTL,
    body_properties,
    escaped,
    run_language,
    script_runs,
    with_breaks,
)
from generator.backends.deck.text import Para
from generator.theme.template.layouts import LayoutChoice
from generator.theme.template.parts import Placeholder
from generator.typeset import measure, scripts

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.shapes.base import BaseShape
    from pptx.shapes.placeholder import LayoutPlaceholder
    from pptx.slide import Slide, SlideLayout
    from pptx.text.text import TextFrame

FIELD_TYPES = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER)


def layout_of(prs: Presentation, choice: LayoutChoice) -> SlideLayout:
    """Return the python-pptx layout a choice names (by its part in the package)."""
    wanted = "/" + choice.layout.part
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if str(layout.part.partname) == wanted:
                return cast("SlideLayout", layout)
    raise LookupError(f"layout {choice.layout.name!r} is not in the deck")


def add_slide_on(prs: Presentation, layout: SlideLayout, notes: str) -> Slide:
    """Return a new slide on `layout`, with its notes."""
    slide = cast("Slide", prs.slides.add_slide(layout))
    if notes:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            frame.text = notes
    return slide


def placeholder(slide: Slide, slot: Placeholder) -> Any:
    """Return the slide's placeholder cloned from the layout's `slot`, or None.

    Its python-pptx class depends on the placeholder's type (text, picture), hence Any.
    """
    same = [shape for shape in slide.placeholders
            if (shape.element.ph.get("type", "obj"), shape.placeholder_format.idx) == (slot.type, slot.idx)]
    return same[slot.nth] if slot.nth < len(same) else None


def fill_fields(slide: Slide, layout: SlideLayout, footer: str, date: str, number: int,
                language: str) -> None:
    """Add the layout's footer, date and slide-number placeholders, filled, in `language`."""
    texts = {PP_PLACEHOLDER.FOOTER: footer, PP_PLACEHOLDER.DATE: date,
             PP_PLACEHOLDER.SLIDE_NUMBER: str(number)}
    for shape in layout.shapes:
        if not shape.is_placeholder:
            continue
        kind = shape.placeholder_format.type
        if not texts.get(kind):
            continue
        slide.shapes.clone_placeholder(cast("LayoutPlaceholder", shape))
        added = slide.placeholders[shape.placeholder_format.idx]
        _field_text(added.text_frame, texts[kind], kind == PP_PLACEHOLDER.SLIDE_NUMBER, language)


def _field_text(frame: TextFrame, text: str, slide_number: bool, language: str) -> None:
    """Write a footer or date line, or a slide-number field, into a field placeholder."""
    body = frame._txBody
    for paragraph in body.findall(qn("a:p")):
        body.remove(paragraph)
    paragraph = etree.SubElement(body, qn("a:p"))
    run = etree.SubElement(paragraph, qn("a:fld" if slide_number else "a:r"))
    if slide_number:
        run.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
        run.set("type", "slidenum")
    rpr = etree.SubElement(run, qn("a:rPr"))
    rpr.set("lang", run_language(None, text, language))
    # the theme's body font, named: some clients draw footers in their own default otherwise
    etree.SubElement(rpr, qn("a:latin")).set("typeface", "+mn-lt")
    etree.SubElement(run, qn("a:t")).text = escaped(text)


def write_inherited(frame: TextFrame, paras: list[Para], box_width: float, cjk_family: str,
                    bulleted: bool, own_bullets: bool = False) -> None:
    """Replace the text of a placeholder with `paras`, keeping the template's look.

    In a placeholder whose text has bullets (`bulleted`), paragraphs without a bullet of their
    own (a detail under a name) drop the bullet and line up with the text of those that have one.
    With `own_bullets` (a placeholder with no list style to inherit), bullets are written out.
    """
    body = frame._txBody
    body_properties(body.find(qn("a:bodyPr")), None)  # the template's anchor stays
    for paragraph in body.findall(qn("a:p")):
        body.remove(paragraph)
    for index, para in enumerate(paras):
        paragraph = etree.SubElement(body, qn("a:p"))
        _paragraph_properties(paragraph, para, 0.0 if index == 0 else para.before,
                              bulleted or own_bullets)
        if own_bullets and para.bullet:
            _own_bullet(paragraph.find(qn("a:pPr")), para)
        text = with_breaks(para.text, para.lines(box_width))
        for chunk, script in script_runs(text):
            run = etree.SubElement(paragraph, qn("a:r"))
            rpr = etree.SubElement(run, qn("a:rPr"))
            etree.SubElement(run, qn("a:t")).text = escaped(chunk)
            _style(rpr, para, cjk_family, script, chunk)
            if para.url:
                _Run(run, frame).hyperlink.address = para.url


def _paragraph_properties(paragraph: etree._Element, para: Para, before: float,
                          bulleted: bool) -> None:
    """Write the measured spacing; an unbulleted paragraph in bulleted text hangs with the text."""
    ppr = etree.SubElement(paragraph, qn("a:pPr"))
    if scripts.base_rtl(para.text):
        ppr.set("rtl", "1")
        ppr.set("algn", "r")
    elif para.align != "left":
        ppr.set("algn", {"center": "ctr", "right": "r"}[para.align])
    if not para.bullet and bulleted:
        ppr.set("marL", str(Pt(para.indent)))
        ppr.set("indent", "0")
    for tag, points in (("a:lnSpc", measure.line_height(para.size)), ("a:spcBef", before)):
        holder = etree.SubElement(ppr, qn(tag))
        etree.SubElement(holder, qn("a:spcPts")).set("val", str(Pt(points) // 127))
    if not para.bullet and bulleted:
        etree.SubElement(ppr, qn("a:buNone"))


def _own_bullet(ppr: etree._Element, para: Para) -> None:
    """Write a bullet hanging in the paragraph's margin, for a placeholder with no list style."""
    ppr.set("marL", str(Pt(para.indent)))
    ppr.set("indent", str(-Pt(para.indent)))
    etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
    etree.SubElement(ppr, qn("a:buChar")).set("char", para.bullet)


def _style(rpr: etree._Element, para: Para, cjk_family: str, script: str | None, text: str) -> None:
    """Give a run its language, measured size, and weight or slant where the text asks for one."""
    rpr.set("lang", run_language(script, text, para.language, para.region))
    rpr.set("sz", str(Pt(para.size) // 127))
    if para.bold:
        rpr.set("b", "1")
    if para.italic:
        rpr.set("i", "1")
    if script and script != RTL:
        etree.SubElement(rpr, qn("a:ea")).set("typeface", cjk_family)


PLATE_OPACITY = 0.88  # the artwork shows faintly through a plate, which still reads as ground
_BEFORE_FILL = {qn("a:xfrm"), qn("a:custGeom"), qn("a:prstGeom")}


def plate(shape: BaseShape, colour: str, opacity: float = PLATE_OPACITY) -> None:
    """Paint a shape's own ground `colour`, slightly transparent, so its text reads over the
    artwork beneath (a fill of the shape itself stays under its text whatever the order)."""
    sp_pr = shape._element.spPr
    for old in [c for c in sp_pr if c.tag in (qn("a:noFill"), qn("a:solidFill"), qn("a:gradFill"),
                                              qn("a:blipFill"), qn("a:pattFill"))]:
        sp_pr.remove(old)
    solid = etree.Element(qn("a:solidFill"))
    colour_element = etree.SubElement(solid, qn("a:srgbClr"))
    colour_element.set("val", colour.lstrip("#").upper())
    etree.SubElement(colour_element, qn("a:alpha")).set("val", str(round(opacity * 100_000)))
    place_at = sum(1 for child in sp_pr if child.tag in _BEFORE_FILL)
    sp_pr.insert(place_at, solid)


def remove_unfilled(slide: Slide) -> None:
    """Remove the placeholders the layout gave this slide that stayed empty (they would show
    'Click to add text' to whoever edits the deck, and an empty frame to screen readers)."""
    for shape in list(slide.placeholders):
        if shape.placeholder_format.type in FIELD_TYPES:
            continue
        if shape.has_text_frame and not shape.text_frame.text.strip():
            element = shape.element
            element.getparent().remove(element)
