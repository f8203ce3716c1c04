"""The strip of organisations' logos on the cover: in the story's order (hosts, organisers,
sponsors), each scaled so that what it shows (not its canvas) is one height, each named by its
organisation (its alt text), each on a plate where it would not stand out from the cover; an SVG
placed as PowerPoint places one, a PNG with the SVG beside it (`asvg:svgBlip`)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.backends.deck.layout import LOGO_PLATE_PAD, Deck
from generator.backends.deck.logo_pictures import LogoArt, logo_art
from generator.backends.deck.shapes import fill, set_alt
from generator.briefpaths import shape_name
from generator.story import Organisation

if TYPE_CHECKING:
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide

STRIP_HEIGHT = 30.0  # the height of what each logo shows
STRIP_FLOOR = 16.0  # a crowded strip makes its logos smaller, never smaller than this
GAP = 24.0  # between logos
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Office's extension: an SVG beside the blip
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_TYPE = "image/svg+xml"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@dataclass(frozen=True)
class Placed:
    """One logo of the strip: its organisation, its art, and its width at the strip's height."""

    organisation: Organisation
    art: LogoArt
    plate: str | None  # the colour of the plate it is set on, or None


@dataclass(frozen=True)
class Strip:
    """The strip laid out: its logos, the height of what each shows, its whole height."""

    logos: tuple[Placed, ...]
    height: float

    @property
    def outer(self) -> float:
        """Return the strip's height with the plates' margins."""
        pad = LOGO_PLATE_PAD if any(p.plate for p in self.logos) else 0.0
        return self.height + 2 * pad

    @property
    def width(self) -> float:
        """Return the strip's width: its logos, their plates and the gaps between them."""
        pad = LOGO_PLATE_PAD if any(p.plate for p in self.logos) else 0.0
        plates = 2 * pad * sum(1 for p in self.logos if p.plate)
        return sum(self.widths()) + plates + GAP * (len(self.logos) - 1)

    def widths(self) -> list[float]:
        """Return each logo's width at the strip's height."""
        return [self.height * p.art.aspect for p in self.logos]


def lay_strip(deck: Deck, width: float, behind: str, *, artwork: bool = False,
              tallest: float = STRIP_HEIGHT) -> Strip | None:
    """Return the story's logos laid out in one strip across `width` on a ground `behind`, or
    None when no organisation has a logo. On `artwork` (a picture, shapes) every logo is set
    on a plate; what each shows is at most `tallest` points high."""
    organisations = deck.story.logos
    if not organisations:
        return None
    pal = deck.theme.palette
    choices = (pal.surface, pal.text, pal.primary, "#FFFFFF", "#000000")
    placed = []
    for organisation in organisations:
        assert organisation.logo is not None, "Story.logos are those with a logo"
        art = logo_art(organisation.logo)
        plate = art.colours.backdrop(behind, choices)
        if artwork and plate is None:  # it stands out on the ground, not on the artwork there
            plate = next((c for c in choices if art.colours.stands_out_on(c)), behind)
        placed.append(Placed(organisation, art, plate))
    plates = 2 * LOGO_PLATE_PAD * sum(1 for p in placed if p.plate)
    room = width - GAP * (len(placed) - 1) - plates
    height = min(STRIP_HEIGHT, tallest, room / sum(p.art.aspect for p in placed))
    if height < STRIP_FLOOR:
        deck.note(("hosts",), f"{len(placed)} logos share the cover's strip: each is "
                              f"{height:.0f}pt tall")
    return Strip(tuple(placed), max(height, 1.0))


def draw_strip(deck: Deck, slide: Slide, strip: Strip, x: float, y: float) -> list[BaseShape]:
    """Draw the strip from its top left (x, y): each logo on its plate where it needs one;
    return the shapes drawn."""
    pad = LOGO_PLATE_PAD if any(p.plate for p in strip.logos) else 0.0
    drawn: list[BaseShape] = []
    for placed, w in zip(strip.logos, strip.widths(), strict=True):
        top = y + pad
        if placed.plate is not None:
            drawn.append(fill(slide, x, y, w + 2 * pad, strip.height + 2 * pad, placed.plate,
                              MSO_SHAPE.ROUNDED_RECTANGLE, name="Logo plate"))
        left = x + (pad if placed.plate else 0.0)
        drawn.append(_picture(slide, placed, left, top, w, strip.height))
        x = left + w + (pad if placed.plate else 0.0) + GAP
    return drawn


def _picture(slide: Slide, placed: Placed, x: float, y: float, w: float, h: float) -> BaseShape:
    """Place one logo cropped to what it shows, w by h; an SVG with its PNG fallback."""
    art, organisation = placed.art, placed.organisation
    shape = slide.shapes.add_picture(io.BytesIO(art.image), Pt(x), Pt(y), Pt(w), Pt(h))
    left, top, right, bottom = art.crop
    if any(side > 1e-4 for side in art.crop):
        shape.crop_left, shape.crop_top = left, top
        shape.crop_right, shape.crop_bottom = right, bottom
    if art.svg is not None:
        _add_svg(slide, shape._element, art.svg)
    set_alt(shape, organisation.name)
    shape.name = shape_name("Logo", organisation.loc)
    return shape


def _add_svg(slide: Slide, picture: etree._Element, svg: bytes) -> None:
    """Give a picture's blip the SVG PowerPoint draws in its place (the PNG stays the fallback)."""
    package = slide.part.package
    partname = PackURI(package.next_partname("/ppt/media/image%d.svg"))
    part = Part(partname, SVG_TYPE, package, svg)
    rel_id = slide.part.relate_to(part, IMAGE_REL)
    blip = picture.find(f"{qn('p:blipFill')}/{qn('a:blip')}")
    ext_lst = blip.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", SVG_EXT)
    svg_blip = etree.SubElement(ext, f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
    svg_blip.set(qn("r:embed"), rel_id)
