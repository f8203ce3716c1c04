"""The programme, the organisations' logos and the key figures on a deck built on a template.

The programme is a native table in the content area of the layout chosen for its kind, continued
over slides with its header repeated. The logos stand in one strip where the cover's layout
leaves room (no placeholder there, so never over text), else on the glance's, else they are left
out with a notice. The key figures are tiles at the foot of the glance's content area.

Colours are the template's: every colour briefgen draws here is one of the layout's scheme
colours (tx1, bg1, bg2, accent1), written as a scheme reference, so the text names no colour of
its own and follows the template if its theme changes; the header reaches 4.5:1 on its fill.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.backends.deck.agenda import (
    AA_NORMAL,
    Grid,
    columns,
    day_shown,
    page_notes,
    sized_grid,
    spread,
)
from generator.backends.deck.agenda_table import Colours, draw_table
from generator.backends.deck.figures import Tiles, lay_out
from generator.backends.deck.layout import LOGO_PLATE_PAD, Deck, Page
from generator.backends.deck.logo_pictures import logo_art
from generator.backends.deck.logos import GAP, STRIP_FLOOR, STRIP_HEIGHT, Strip, lay_strip
from generator.backends.deck.placeholders import remove_unfilled
from generator.story import Section, SectionKind, Session
from generator.theme.colors import contrast
from generator.theme.template.room import as_area, free_rects

if TYPE_CHECKING:
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide

    from generator.theme.template.parts import Placeholder

AA_LARGE = 3.0  # a figure's value is large text
TILE_MOST = 220.0  # the widest a figure's tile is on a template (a lone tile stays a tile)
TILES_SHARE = 0.45  # the most of the glance's content area the tiles may take
_SLOTS = ("tx1", "bg1", "accent1", "bg2", "tx2", "accent2")  # by preference, for one colour


@dataclass(frozen=True)
class Inks:
    """The scheme colours of one layout, through its colour map: slot name -> '#RRGGBB'."""

    slots: tuple[tuple[str, str], ...]

    def of(self, name: str) -> str:
        """Return the colour of scheme slot `name`."""
        return dict(self.slots)[name]

    def names(self) -> dict[str, str]:
        """Return the scheme slot each colour is written as (the first slot holding it)."""
        out: dict[str, str] = {}
        for name, colour in self.slots:
            out.setdefault(colour.upper(), name)
        return out


def layout_inks(deck: Deck, kind: SectionKind) -> Inks:
    """Return the scheme colours a slide of `kind` names, as its layout maps them."""
    from generator.theme.template.behind import behind

    template = deck.theme.template
    assert template is not None, "only decks on a template are drawn here"
    scheme = behind(template.package, template.overrides).scheme(template.choice(kind.value).layout.part)
    return Inks(tuple((name, scheme.slot(name).upper()) for name in _SLOTS))


def as_scheme(element: etree._Element, inks: Inks) -> None:
    """Write every colour under `element` that is one of the layout's scheme colours as a
    reference to its slot (its transparency kept)."""
    names = inks.names()
    for found in list(element.iter(qn("a:srgbClr"))):
        name = names.get("#" + str(found.get("val", "")).upper())
        if name is None:
            continue
        scheme = etree.Element(qn("a:schemeClr"))
        scheme.set("val", name)
        scheme.extend(list(found))
        found.getparent().replace(found, scheme)


def _ink(inks: Inks) -> str:
    """Return the colour body text is drawn in on the layout's ground."""
    return inks.of("tx1")


def table_colours(inks: Inks) -> Colours:
    """Return the programme's colours from the scheme: the header on accent1 with the ground's or
    the text's colour, whichever reaches 4.5:1, else on bg2 or tx1; rows on bg1, banded with bg2
    where the text still reads there."""
    ink, ground, second, accent = _ink(inks), inks.of("bg1"), inks.of("bg2"), inks.of("accent1")
    heads = [(accent, ground), (accent, ink), (second, ink), (ink, ground)]
    head_fill, head_text = next(((f, t) for f, t in heads if contrast(t, f) >= AA_NORMAL), heads[-1])
    band_alt = second if contrast(ink, second) >= AA_NORMAL else ground
    return Colours(head_fill, head_text, ground, band_alt, accent)


def plan_programme(deck: Deck, section: Section, slot: Placeholder) -> list[Page]:
    """Return the programme's slides: its table cut into pages that fit the layout's content
    area `slot` under the header, each with the notes that read out its sessions."""
    sessions = cast("tuple[Session, ...]", section.items)
    grid = sized_grid(deck, sessions, columns(sessions), slot.w, slot.h)
    pages = spread(grid.heights, slot.h - grid.head_h)
    if len(pages) > 1:
        deck.note(section.loc, f"the programme continues over {len(pages)} slides")
    notes = page_notes(section, [[sessions[i] for i in page] for page in pages])
    inks = layout_inks(deck, SectionKind.AGENDA)
    colours = table_colours(inks)
    grid = _inked(grid, _ink(inks))

    def drawer(rows: list[int]) -> Callable[[Slide], None]:
        def draw(slide: Slide) -> None:
            shown = [day_shown(grid, sessions, rows, n) for n in range(len(rows))]
            frame = draw_table(deck, slide, grid, rows, shown, (slot.x, slot.y), section, colours)
            as_scheme(frame._element, inks)
            _template_faces(frame._element, deck)
            remove_unfilled(slide)
        return draw

    return [Page(drawer(page), text, section.loc) for page, text in zip(pages, notes, strict=True)]


def _inked(grid: Grid, ink: str) -> Grid:
    """Return `grid` with every cell's text in `ink` (the header takes its own colour)."""
    rows = tuple(tuple([dataclasses.replace(p, color=ink) for p in cell] for cell in row)
                 for row in grid.rows)
    return dataclasses.replace(grid, rows=rows)


def _template_faces(element: etree._Element, deck: Deck) -> None:
    """Name the template's body and heading typefaces by their theme references (+mn-lt,
    +mj-lt), as the template's own text does, where a run names them."""
    faces = {deck.theme.body.family: "+mn-lt", deck.theme.heading.family: "+mj-lt"}
    for latin in element.iter(qn("a:latin")):
        reference = faces.get(str(latin.get("typeface", "")))
        if reference is not None:
            latin.set("typeface", reference)


# -- key figures -----------------------------------------------------------------------------


def glance_tiles(deck: Deck, slot: Placeholder) -> Tiles | None:
    """Return the key figures as tiles for the foot of the glance's content area `slot`, or
    None when there are none or they would take more than TILES_SHARE of it."""
    count = len(deck.story.figures)
    if not count:
        return None
    tiles = lay_out(deck, _tiles_width(deck, slot, count))
    return tiles if tiles is not None and tiles.height <= TILES_SHARE * slot.h else None


def _tiles_width(deck: Deck, slot: Placeholder, count: int) -> float:
    """Return the width the tiles take: the area's, or less, so that no tile grows too wide."""
    tiles = lay_out(deck, slot.w)
    across = tiles.across if tiles is not None else count
    return min(slot.w, across * TILE_MOST + (across - 1) * (tiles.gap if tiles else 0.0))


def draw_glance_tiles(deck: Deck, slide: Slide, tiles: Tiles, slot: Placeholder) -> None:
    """Draw the tiles at the foot of `slot` (from its right edge in a right-to-left deck), on
    bg2 where the text reads there, else bg1, the values in accent1 where they read."""
    inks = layout_inks(deck, SectionKind.GLANCE)
    ink, second = _ink(inks), inks.of("bg2")
    ground = second if contrast(ink, second) >= AA_NORMAL else inks.of("bg1")
    value = inks.of("accent1") if contrast(inks.of("accent1"), ground) >= AA_LARGE else ink
    paras = tuple([dataclasses.replace(p, color=value if n == 0 else ink) for n, p in enumerate(cell)]
                  for cell in tiles.paras)
    width = tiles.across * tiles.width + (tiles.across - 1) * tiles.gap
    x = slot.x + slot.w - width if deck.rtl else slot.x
    from generator.backends.deck.figures import draw_tiles

    drawn = draw_tiles(deck, slide, dataclasses.replace(tiles, paras=paras), x,
                       slot.y + slot.h - tiles.height, ground)
    if deck.rtl:
        _mirrored_within(drawn, x, width)
    for shape in drawn:
        as_scheme(shape._element, inks)
        _template_faces(shape._element, deck)


def _mirrored_within(shapes: list[BaseShape], x: float, width: float) -> None:
    """Mirror `shapes` left to right within the band from `x`, `width` wide."""
    for shape in shapes:
        left = shape.left / 12700
        shape.left = Pt(2 * x + width - left - shape.width / 12700)


# -- the organisations' logos ----------------------------------------------------------------


@dataclass(frozen=True)
class StripPlace:
    """Where the strip of logos goes on a slide of one kind: its box and the strip laid out."""

    kind: SectionKind
    strip: Strip
    x: float
    y: float
    width: float


def strip_place(deck: Deck, kind: SectionKind) -> StripPlace | None:
    """Return where the logos' strip fits on a `kind` slide, clear of every area its layout
    fills (title, text, footer, date, number), or None when no free room holds it at least
    STRIP_FLOOR tall."""
    from generator.theme.template.behind import behind

    template = deck.theme.template
    logos = deck.story.logos
    if template is None or not logos:
        return None
    choice = template.choice(kind.value)
    aspect = sum(logo_art(o.logo).aspect for o in logos if o.logo is not None)
    pads = 2 * LOGO_PLATE_PAD
    fixed = GAP * (len(logos) - 1) + pads * len(logos)
    margin = min(deck.width, deck.height) / 20
    whole = (margin, margin, deck.width - 2 * margin, deck.height - 2 * margin)

    def tallest(rect: tuple[float, float, float, float]) -> float:
        return min(STRIP_HEIGHT, rect[3] - pads, (rect[2] - fixed) / aspect)

    rects = free_rects(whole, [as_area(p) for p in choice.filled()])
    best = max(rects, key=lambda r: (round(tallest(r), 1), r[1]), default=None)
    if best is None or tallest(best) < STRIP_FLOOR:
        return None
    colour, artwork = behind(template.package, template.overrides).under(choice.layout.part, best)
    strip = lay_strip(deck, best[2], colour, artwork=artwork, tallest=tallest(best))
    if strip is None:
        return None
    upper = best[1] + best[3] / 2 < deck.height / 2  # near the top: at its top, else its foot
    y = best[1] if upper else best[1] + best[3] - strip.outer
    x = best[0] + best[2] - strip.width if deck.rtl else best[0]
    return StripPlace(kind, strip, x, y, strip.width)


def logos_place(deck: Deck) -> StripPlace | None:
    """Return where the logos go: the cover's free room, else the glance's, else nowhere (the
    build says so once)."""
    if not deck.story.logos:
        return None
    found = strip_place(deck, SectionKind.COVER) or strip_place(deck, SectionKind.GLANCE)
    if found is None:
        deck.note(("hosts",), "the template's cover and glance leave no room clear of their "
                              "text for the organisations' logos: they are left out of the deck")
    return found


def draw_logos(deck: Deck, slide: Slide, place: StripPlace) -> None:
    """Draw the strip at its place (its logos from the right in a right-to-left deck)."""
    from generator.backends.deck.logos import draw_strip

    drawn = draw_strip(deck, slide, place.strip, place.x, place.y)
    if deck.rtl:
        _mirrored_within(drawn, place.x, place.width)
