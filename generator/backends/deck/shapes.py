"""Shapes for the deck: filled panels, badges, text boxes and cropped pictures, in points."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from generator.backends.deck.runs import write_frame
from generator.backends.deck.text import Para, shrink_to_fit
from generator.ooxml.names import DECORATIVE
from generator.story import Picture

# Office's mark for a shape that only decorates: screen readers skip it, the checker accepts it.
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"

if TYPE_CHECKING:
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.base import BaseShape
    from pptx.shapes.picture import Picture as PictureShape
    from pptx.slide import Slide


def fill(slide: Slide, x: float, y: float, w: float, h: float, color: str,
         shape: MSO_SHAPE = MSO_SHAPE.RECTANGLE, name: str = "", alt: str = "") -> Shape:
    """Return a filled shape without outline or shadow, for panels, bars and badges.

    It is marked decorative unless given `alt`, the text that says what it shows."""
    box = slide.shapes.add_shape(shape, Pt(x), Pt(y), Pt(w), Pt(h))
    # Solid fill, no outline, no shadow, written as XML: the property setters cost more than
    # the shape itself.
    sp_pr = box._element.spPr
    solid = etree.SubElement(sp_pr, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:srgbClr")).set("val", color.lstrip("#").upper())
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
    etree.SubElement(sp_pr, qn("a:effectLst"))
    if shape == MSO_SHAPE.ROUNDED_RECTANGLE:
        # A small, fixed corner radius whatever the panel's size.
        box.adjustments[0] = min(0.5, 8.0 / max(1.0, min(w, h)))
    if name:
        box.name = name
    if alt:
        set_alt(box, alt)
    else:
        mark_decorative(box)
    return box


def mark_decorative(shape: BaseShape) -> None:
    """Mark a shape as decorative (Office 2019's extension), so screen readers pass over it."""
    c_nv_pr = shape._element._nvXxPr.cNvPr
    ext_lst = c_nv_pr.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", DECORATIVE_URI)
    mark = etree.SubElement(ext, f"{{{DECORATIVE}}}decorative", nsmap={"adec": DECORATIVE})
    mark.set("val", "1")


def unmark_decorative(shape: BaseShape) -> None:
    """Take the decorative mark off a shape that now says what it shows."""
    ext_lst = shape._element._nvXxPr.cNvPr.find(qn("a:extLst"))
    if ext_lst is None:
        return
    for ext in ext_lst.findall(qn("a:ext")):
        if ext.get("uri") == DECORATIVE_URI:
            ext_lst.remove(ext)
    if not len(ext_lst):
        ext_lst.getparent().remove(ext_lst)


def text_box(slide: Slide, x: float, y: float, w: float, h: float, paras: list[Para],
             cjk_family: str, anchor: str = "top", name: str = "") -> Shape:
    """Return a text box holding `paras` (already fitted to w by h)."""
    box = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    write_frame(box.text_frame, paras, w, cjk_family, anchor)
    if name:
        box.name = name
    return box


def place(shape: BaseShape, x: float, y: float, w: float, h: float) -> None:
    """Move and size `shape` to the box given in points."""
    shape.left, shape.top, shape.width, shape.height = Pt(x), Pt(y), Pt(w), Pt(h)


def mirror(slide: Slide, slide_width: int) -> None:
    """Move every shape of `slide` to its mirror image across the slide's middle (x becomes
    slide_width - x - width, in EMU), sizes and shape-tree order kept: a right-to-left
    slide, as PowerPoint's right-to-left layouts are the left-to-right ones mirrored."""
    for shape in slide.shapes:
        # A placeholder that names no place of its own keeps its layout's.
        if shape.left is not None and shape.width is not None:
            shape.left = Emu(slide_width - shape.left - shape.width)


def set_alt(shape: BaseShape, alt: str) -> None:
    """Give a shape the description screen readers announce (and take off any decorative mark)."""
    shape._element._nvXxPr.cNvPr.set("descr", alt)
    unmark_decorative(shape)


def picture(slide: Slide, pic: Picture, x: float, y: float, w: float, h: float, alt: str,
            name: str = "") -> PictureShape:
    """Return `pic` placed to fill w by h exactly, cropped (not squashed) to the frame's shape."""
    shape = slide.shapes.add_picture(io.BytesIO(pic.data), Pt(x), Pt(y), Pt(w), Pt(h))
    image_ratio = pic.width / pic.height
    frame_ratio = w / h
    if image_ratio > frame_ratio:
        side = (1 - frame_ratio / image_ratio) / 2
        shape.crop_left = shape.crop_right = side
    elif image_ratio < frame_ratio:
        side = (1 - image_ratio / frame_ratio) / 2
        shape.crop_top = shape.crop_bottom = side
    set_alt(shape, alt)
    if name:
        shape.name = name
    return shape


def fitted_picture(slide: Slide, pic: Picture, x: float, y: float, w: float, h: float,
                   alt: str) -> PictureShape:
    """Return `pic` scaled to sit inside w by h without cropping, centred (for logos)."""
    scale = min(w / pic.width, h / pic.height)
    pw, ph = pic.width * scale, pic.height * scale
    shape = slide.shapes.add_picture(io.BytesIO(pic.data), Pt(x + (w - pw) / 2),
                                     Pt(y + (h - ph) / 2), Pt(pw), Pt(ph))
    set_alt(shape, alt)
    shape.name = "Logo"
    return shape


def badge(slide: Slide, x: float, y: float, d: float, label: Para, color: str, cjk_family: str,
          name: str = "Badge", alt: str = "") -> Shape:
    """Return a filled circle of diameter `d` with `label` centred in it.

    Its alt text is `alt`, else the shape's name ("Initials: Ada Li", "Number 2"), else the label.
    """
    circle = fill(slide, x, y, d, d, color, MSO_SHAPE.OVAL, name,
                  alt=alt or (name if name != "Badge" else label.text))
    # An ellipse lays text out in its inscribed square (side d/sqrt 2); the label is fitted to
    # a little less than that and kept on one line.
    side = d * 0.66
    paras = shrink_to_fit([label], side, side) or [label.shrunk(label.want)]
    write_frame(circle.text_frame, paras, side, cjk_family, "middle")
    frame = circle.text_frame
    frame.word_wrap = False
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(0)
    return circle
