"""The fixed parts of the handout page: background, header band, summary, footer and notes."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from generator.backends.handout.content import Handout
from generator.backends.handout.logos import PLATE_PAD, draw_strip, strip_room
from generator.backends.handout.text import Sizes, style
from generator.pdftags.marks import Tag, artifact, content
from generator.story import Picture
from generator.theme.model import Theme
from generator.typeset.paragraphs import markup, paragraph

BRAND = "Made with briefgen"  # the footer's English; the footer writes the story's label
LOGO_MAX_WIDTH = 120.0
LOGO_PLATE_PAD = 6.0  # the margin of the plate under a logo that would not stand out on the band
ACCENT_STRIPE = 4.0
# Below this much spare height a notes panel would be a sliver, so the space stays empty.
NOTES_MIN_HEIGHT = 90.0


@dataclass
class Header:
    """The header band's paragraphs, measured, and the logo's drawn size."""

    paragraphs: list[Paragraph]
    heights: list[float]  # each paragraph's height, its space after included
    height: float
    logo_size: tuple[float, float]


def measure_header(handout: Handout, theme: Theme, sizes: Sizes) -> Header:
    """Return the header band laid out at `sizes`: title, subtitle, when and where, hosts."""
    pal, meta = theme.palette, handout.meta
    margin = theme.page_margin
    logo_size = _logo_size(handout.logo, sizes)
    text_width = theme.page_width - 2 * margin - (logo_size[0] + theme.gutter if logo_size[0] else 0)
    rows = [(meta.title, sizes.title, True, sizes.space(0.5))]
    if meta.subtitle:
        rows.append((meta.subtitle, sizes.subheading, False, sizes.space(0.6)))
    when_where = " \u00b7 ".join(p for p in (meta.date, meta.location) if p)
    if when_where:
        rows.append((when_where, sizes.small, True, sizes.space(0.15)))
    if meta.hosts_line:
        rows.append((meta.hosts_line, sizes.small, False, 0.0))
    paragraphs: list[Paragraph] = []
    heights: list[float] = []
    for text, size, bold, after in rows:
        face = theme.heading if bold else theme.body
        # The event's title is the page's one first-level heading; the rest of the band reads
        # as paragraphs.
        tag = Tag("H1" if not paragraphs else "P")
        para = paragraph(markup(text, face, bold=bold, region=meta.cjk_region),
                         style("header", theme, size, pal.on_primary, heading=bold, space_after=after,
                               rtl=handout.rtl), tag)
        heights.append(para.wrap(text_width, theme.page_height)[1] + after)
        paragraphs.append(para)
    pad = _band_padding(theme, sizes)
    # A short header still reads as a masthead: at least about four title sizes tall.
    height = max(sum(heights), logo_size[1], sizes.title * 2) + 2 * pad
    return Header(paragraphs, heights, height, logo_size)


def _band_padding(theme: Theme, sizes: Sizes) -> float:
    """Return the space above and below the header text; it tightens as the type shrinks."""
    return max(theme.page_margin * 0.6 * min(1.0, sizes.factor), 12.0)


def _logo_size(logo: Picture | None, sizes: Sizes) -> tuple[float, float]:
    """Return the logo's drawn width and height: as tall as about two title lines, at most."""
    if logo is None or logo.width <= 0 or logo.height <= 0:
        return (0.0, 0.0)
    height = sizes.title * 2.4
    width = height * logo.width / logo.height
    if width > LOGO_MAX_WIDTH:
        width, height = LOGO_MAX_WIDTH, LOGO_MAX_WIDTH * logo.height / logo.width
    return (width, height)


def draw_background(canv: Canvas, theme: Theme) -> None:
    """Fill the page with the theme's background colour."""
    with artifact(canv, "Background"):
        canv.setFillColor(HexColor(theme.palette.background))
        canv.rect(0, 0, theme.page_width, theme.page_height, stroke=0, fill=1)


def draw_header(canv: Canvas, header: Header, handout: Handout, theme: Theme) -> None:
    """Draw the band with its title block and logo, and the accent stripe under it (the logo
    on the left and the text beside it in a right-to-left document)."""
    pal, width, top = theme.palette, theme.page_width, theme.page_height
    bottom = top - header.height
    with artifact(canv):  # the band and its stripe are decoration
        canv.setFillColor(HexColor(pal.primary))
        canv.rect(0, bottom, width, header.height, stroke=0, fill=1)
        canv.setFillColor(HexColor(pal.accent))
        canv.rect(0, bottom - ACCENT_STRIPE, width, ACCENT_STRIPE, stroke=0, fill=1)
    margin = theme.page_margin
    text_height = sum(header.heights)
    y = bottom + (header.height + text_height) / 2  # text block centred in the band
    logo_w, logo_h = header.logo_size
    text_x = margin + logo_w + theme.gutter if handout.rtl and logo_w else margin
    for para, height in zip(header.paragraphs, header.heights, strict=True):
        para.drawOn(canv, text_x, y - (height - para.style.spaceAfter))
        y -= height
    if handout.logo is not None and logo_w:
        x = margin if handout.rtl else width - margin - logo_w
        y = bottom + (header.height - logo_h) / 2
        plate = theme.logo.backdrop(pal.primary, (pal.background, pal.on_primary, pal.surface,
                                                  "#FFFFFF", "#000000")) if theme.logo else None
        if plate is not None:
            # A logo that would all but vanish on the band is set on a plate it stands out on.
            with artifact(canv):
                canv.setFillColor(HexColor(plate))
                canv.roundRect(x - LOGO_PLATE_PAD, y - LOGO_PLATE_PAD, logo_w + 2 * LOGO_PLATE_PAD,
                               logo_h + 2 * LOGO_PLATE_PAD, LOGO_PLATE_PAD, stroke=0, fill=1)
        image = ImageReader(io.BytesIO(handout.logo.data))
        with content(canv, Tag("Figure", alt=handout.logo.alt)):
            canv.drawImage(image, x, y, logo_w, logo_h, mask="auto")


def summary_paragraph(handout: Handout, theme: Theme, sizes: Sizes) -> Paragraph:
    """Return the summary set as the page's lead; larger when it is all the page has to say."""
    size = sizes.subheading if handout.parts or handout.facts else sizes.heading
    return paragraph(markup(handout.summary, theme.body, region=handout.meta.cjk_region),
                     style("lead", theme, size, theme.palette.text, rtl=handout.rtl), Tag("P"))


def _footer_parts(handout: Handout, theme: Theme, sizes: Sizes) -> tuple[Paragraph, Paragraph, float]:
    """Return the footer's two paragraphs, wrapped, and the width kept for the maker's: the
    event's line (its start edge) and the maker's (the other)."""
    pal = theme.palette
    width = theme.page_width - 2 * theme.page_margin
    brand_width = width * 0.3
    meta = handout.meta
    left = paragraph(markup(meta.footer or meta.title, theme.body, region=meta.cjk_region),
                     style("footer", theme, sizes.caption, pal.muted, rtl=handout.rtl))
    right = paragraph(markup(handout.labels.text("made-with"), theme.body, region=meta.cjk_region),
                      style("brand", theme, sizes.caption, pal.muted))
    if not handout.rtl:
        right.style.alignment = 2  # right-aligned
    left.wrap(width - brand_width - theme.gutter, theme.page_height)
    right.wrap(brand_width, theme.page_height)
    return left, right, brand_width


def footer_height(handout: Handout, theme: Theme, sizes: Sizes) -> float:
    """Return the room the footer takes above the bottom margin, rule and gap included."""
    left, right, _ = _footer_parts(handout, theme, sizes)
    text_height: float = max(left.height, right.height)
    return text_height + sizes.space(1.2) + strip_room(handout.logos, sizes)


def draw_footer(canv: Canvas, handout: Handout, theme: Theme, sizes: Sizes) -> None:
    """Draw the organisations' logos, a rule and one quiet line: the event and date on the
    left, the maker on the right (the other way round in a right-to-left document)."""
    margin = theme.page_margin
    width = theme.page_width - 2 * margin
    left, right, brand_width = _footer_parts(handout, theme, sizes)
    text_height = max(left.height, right.height)
    rule_y = margin + text_height + sizes.space(0.6)
    if handout.logos:  # the organisations' logos over the rule: content, each a figure
        draw_strip(canv, handout.logos, theme, sizes, rule_y + sizes.space(0.6) + PLATE_PAD,
                   handout.rtl)
    # The footer repeats the title and names the maker: page furniture, not content.
    with artifact(canv, "Pagination", "Footer"):
        canv.setStrokeColor(HexColor(theme.palette.rule))
        canv.setLineWidth(0.5)
        canv.line(margin, rule_y, margin + width, rule_y)
        if handout.rtl:
            left.drawOn(canv, margin + brand_width + theme.gutter, margin + text_height - left.height)
            right.drawOn(canv, margin - _slack(right, brand_width), margin + text_height - right.height)
        else:
            left.drawOn(canv, margin, margin + text_height - left.height)
            right.drawOn(canv, margin + width - brand_width, margin + text_height - right.height)


def _slack(para: Paragraph, width: float) -> float:
    """Return the room a wrapped paragraph `width` wide leaves before its text when it is set
    from the right (right-to-left text is), else 0: a paragraph drawn that much further left
    starts at its box's left edge."""
    if para.style.alignment != TA_RIGHT:
        return 0.0
    return width - max(para.getActualLineWidths0(), default=width)


def draw_notes(canv: Canvas, theme: Theme, sizes: Sizes, x: float, y: float, width: float,
               height: float, title: str, region: str, rtl: bool = False) -> None:
    """Draw a ruled notes panel on the surface colour, for the reader's own writing; `title`
    is its heading in the story's words (story.labels.text('notes-panel')), in the CJK
    `region` of the story's language, set from the right when `rtl`.

    The whole panel is an artifact: it is room for handwriting, with nothing to read."""
    with artifact(canv):
        _draw_panel(canv, theme, sizes, (x, y, width, height), title, region, rtl)


def _draw_panel(canv: Canvas, theme: Theme, sizes: Sizes, box: tuple[float, float, float, float],
                title: str, region: str, rtl: bool = False) -> None:
    """Draw the notes panel's surface, heading and ruled lines in `box` (x, y, width, height)."""
    x, y, width, height = box
    pal = theme.palette
    canv.setFillColor(HexColor(pal.surface))
    canv.rect(x, y, width, height, stroke=0, fill=1)
    pad = sizes.space(1.5)
    label = paragraph(markup(title, theme.heading, bold=True, region=region),
                      style("notes", theme, sizes.heading, pal.muted, heading=True, rtl=rtl))
    _w, h = label.wrap(width - 2 * pad, height)
    label.drawOn(canv, x + pad, y + height - pad - h)
    canv.setStrokeColor(HexColor(pal.rule))
    canv.setLineWidth(0.5)
    spacing = max(sizes.body * 2.4, 18.0)
    line_y = y + height - pad - h - spacing
    while line_y >= y + pad * 0.8:
        canv.line(x + pad, line_y, x + width - pad, line_y)
        line_y -= spacing
