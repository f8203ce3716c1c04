"""Slides about people and priorities: the speaker grid, one slide per speaker, priority cards.

A card is as tall as what it holds plus padding; the cards of a row share the tallest height,
and the block of cards hangs under the title like every slide's content.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from pptx.enum.shapes import MSO_SHAPE

from generator.backends.deck.layout import Box, Deck, Page, split_evenly
from generator.backends.deck.shapes import badge, fill, picture
from generator.backends.deck.text import (
    STATEMENT_FILL,
    Para,
    growth,
    paginate,
    scaled,
    shrink_to_fit,
    stack_height,
)
from generator.story import Item, Person, Section

if TYPE_CHECKING:
    from pptx.slide import Slide

PAD = 16.0
QUOTE_BAR = 5.0
BADGE = 44.0  # the diameter of a priority card's number
PORTRAIT = 48.0  # the diameter of a speaker card's portrait
NUMBER = 20.0  # the type size of a priority card's number
# The most cards one slide holds; fewer when their measured text needs more room.
SPEAKERS_PER_SLIDE = 6
PRIORITIES_PER_SLIDE = 4
T = TypeVar("T", Person, Item)


def arrangements(count: int, wide: bool) -> list[int]:
    """Return how many cards across to try for `count` cards, the most pleasing first."""
    best = (3 if count >= 5 else 2 if count >= 2 else 1) if wide else (2 if count >= 3 else 1)
    return list(range(best, 0, -1))


def grid(area: Box, count: int, across: int, gutter: float) -> list[Box]:
    """Return `count` card boxes filling `area` row by row, `across` to a row."""
    rows = math.ceil(count / across)
    cells = [cell for row in area.rows(rows, gutter) for cell in row.columns(across, gutter)]
    return cells[:count]


@dataclass(frozen=True)
class Placed(Generic[T]):
    """A card laid out: its panel, its item, its fitted paragraphs, their box, and its scale."""

    cell: Box
    item: T
    paras: list[Para]
    text: Box
    scale: float = 1.0


@dataclass(frozen=True)
class Card(Generic[T]):
    """One kind of card: what it says, the mark (portrait, number) beside its text, its drawing."""

    paras: Callable[[Deck, T], list[Para]]
    draw: Callable[[Deck, Slide, Placed[T]], None]
    mark: float  # the side of the mark at the theme's sizes
    gap: float  # between the mark and the text
    lift: float  # the text box starts this far above the padding, its first line level with the mark

    def text_box(self, cell: Box, scale: float = 1.0) -> Box:
        """Return the box the card's text must fit inside `cell`, beside its mark."""
        x = cell.x + PAD + (self.mark + self.gap) * scale
        return Box(x, cell.y + PAD - self.lift, cell.x + cell.w - PAD - x,
                   cell.h - 2 * PAD + 2 * self.lift)

    def height(self, paras: list[Para], width: float, scale: float = 1.0) -> float:
        """Return the height the card needs: its text or its mark, the taller, and padding."""
        return 2 * PAD + max(self.mark * scale, stack_height(paras, width) - self.lift)


@dataclass(frozen=True)
class Fitted(Generic[T]):
    """One slide of cards fitted to the grid's cells: `across` a row, each card's paragraphs."""

    across: int
    cells: list[Box]
    items: tuple[T, ...]
    paras: list[list[Para]]


def plan_cards(deck: Deck, section: Section, card: Card[T], most: int) -> list[Page]:
    """Return card-grid slides, at most `most` cards each and fewer until every card's text fits."""
    items = cast("tuple[T, ...]", section.items)  # People or Items, as `card` draws them
    first_try = max(len(c) for c in split_evenly(items, most))
    for per_slide in range(first_try, 0, -1):
        chunks = split_evenly(items, per_slide)
        drawn = [_fitted_cards(deck, chunk, card) for chunk in chunks]
        if all(d is not None for d in drawn) or per_slide == 1:
            break
    if len(chunks) > len(split_evenly(items, most)):
        deck.note(section.loc, f"{section.title.lower()} need {len(chunks)} slides "
                               "for their text to fit")
    slides = [d if d is not None else _forced(deck, chunk, card)
              for chunk, d in zip(chunks, drawn, strict=True)]
    # Continued slides of one section keep one type size: the growth every slide allows.
    scale = min(_card_growth(deck, card, fitted) for fitted in slides)
    # ... and one top line: the tallest block's, balanced when even that is short.
    top = deck.content_top(max(_block_height(deck, card, fitted, scale) for fitted in slides))

    def drawer(cards: list[Placed[T]]) -> Callable[[Slide], None]:
        def draw(slide: Slide) -> None:
            for placed in cards:
                card.draw(deck, slide, placed)
        return draw

    return [Page(drawer(_placed(deck, card, fitted, scale, top)),
                 "\n".join(item.notes_line for item in fitted.items), section.loc)
            for fitted in slides]


def _forced(deck: Deck, chunk: tuple[T, ...], card: Card[T]) -> Fitted[T]:
    """Return the cards of a chunk that fit no arrangement, set at the floor in the last one."""
    fitted = _fitted_cards(deck, chunk, card, force=True)
    assert fitted is not None, "forced cards always fit"
    return fitted


def _fitted_cards(deck: Deck, chunk: tuple[T, ...], card: Card[T],
                  force: bool = False) -> Fitted[T] | None:
    """Return the cards in the first arrangement in which every card's text fits its cell.

    With `force`, the last arrangement is taken at the floor when none fits; else None.
    """
    options = arrangements(len(chunk), deck.width / deck.height > 1.5)
    for across in options:
        fitted = _cards_across(deck, chunk, across, card, force and across == options[-1])
        if fitted is not None:
            return fitted
    return None


def _cards_across(deck: Deck, chunk: tuple[T, ...], across: int, card: Card[T],
                  force: bool) -> Fitted[T] | None:
    """Return `across` cards a row with their fitted paragraphs, or None if one does not fit.

    Each card may take up to its share of the body area; with `force`, a card that does not
    fit is set at the floor instead.
    """
    cells = grid(deck.content, len(chunk), across, deck.theme.gutter)
    out = []
    for cell, item in zip(cells, chunk, strict=True):
        paras, text_box = card.paras(deck, item), card.text_box(cell)
        fitted = shrink_to_fit(paras, text_box.w, text_box.h)
        if fitted is None:
            if not force:
                return None
            fitted = [p.shrunk(p.want) for p in paras]
        out.append(fitted)
    return Fitted(across, cells, chunk, out)


def _card_growth(deck: Deck, card: Card[T], fitted: Fitted[T]) -> float:
    """Return how much larger a slide's cards may be set when they fill little of it."""
    room = STATEMENT_FILL * deck.content.h

    def fits(scale: float) -> bool:
        grown = [scaled(paras, scale) for paras in fitted.paras]
        for cell, paras in zip(fitted.cells, grown, strict=True):
            box = card.text_box(cell, scale)
            if stack_height(paras, box.w) > box.h + 1e-6:
                return False
        return _block_height(deck, card, fitted, scale) <= room + 1e-6

    every = [p for paras in fitted.paras for p in paras]
    return growth(every, deck.theme.slide_scale.heading, fits)


def _block_height(deck: Deck, card: Card[T], fitted: Fitted[T], scale: float) -> float:
    """Return the height of a slide's block of cards at `scale`, gutters included."""
    rows = _row_heights(card, fitted, [scaled(p, scale) for p in fitted.paras], scale)
    return sum(rows) + deck.theme.gutter * (len(rows) - 1)


def _row_heights(card: Card[T], fitted: Fitted[T], paras: list[list[Para]],
                 scale: float) -> list[float]:
    """Return each row's height: its tallest card's, never more than the row's grid cell."""
    heights = [card.height(p, card.text_box(cell, scale).w, scale)
               for cell, p in zip(fitted.cells, paras, strict=True)]
    step = fitted.across
    return [min(max(heights[i:i + step]), fitted.cells[i].h) for i in range(0, len(heights), step)]


def _placed(deck: Deck, card: Card[T], fitted: Fitted[T], scale: float,
            top: float) -> list[Placed[T]]:
    """Return the cards of one slide sized to their content, row by row from `top`."""
    paras = [scaled(p, scale) for p in fitted.paras]
    y, out = top, []
    for row, height in enumerate(_row_heights(card, fitted, paras, scale)):
        for i in range(row * fitted.across, min((row + 1) * fitted.across, len(fitted.items))):
            cell = Box(fitted.cells[i].x, y, fitted.cells[i].w, height)
            out.append(Placed(cell, fitted.items[i], paras[i], card.text_box(cell, scale), scale))
        y += height + deck.theme.gutter
    return out


def _person_text(deck: Deck, person: Person) -> list[Para]:
    """Return the paragraphs a speaker card wants: name, role, topic."""
    wanted = [deck.para(person.name, "subheading", "text", bold=True, heading=True, loc=person.loc,
                        field=(*person.loc, "name"))]
    if person.role:
        wanted.append(deck.para(person.role, "small", "muted", before=3.0, loc=person.loc))
    if person.topic:
        wanted.append(deck.para(person.topic, "small", "text", before=8.0, loc=person.loc,
                                field=(*person.loc, "topic")))
    return wanted


def _draw_person(deck: Deck, slide: Slide, placed: Placed[Person]) -> None:
    """Draw a speaker card: its panel, the portrait, and its fitted text."""
    cell, person, text = placed.cell, placed.item, placed.text
    fill(slide, cell.x, cell.y, cell.w, cell.h, deck.theme.palette.surface, MSO_SHAPE.ROUNDED_RECTANGLE,
         name=f"Card: {person.name}")
    portrait(deck, slide, person, cell.x + PAD, cell.y + PAD, PORTRAIT * placed.scale)
    deck.add_text(slide, Box(text.x, text.y, text.w, stack_height(placed.paras, text.w)),
                  placed.paras, name=person.name)


def portrait(deck: Deck, slide: Slide, person: Person, x: float, y: float, d: float,
             square: bool = False) -> None:
    """Draw the person's photo cropped to fill its frame, else an initials badge."""
    pal, labels = deck.theme.palette, deck.story.labels
    if person.photo is not None:  # its alt text, who it shows, is written by the story
        shape = picture(slide, person.photo, x, y, d, d, person.photo.alt,
                        name=f"Photo: {person.name}")
        if not square:
            shape.auto_shape_type = MSO_SHAPE.OVAL
        return
    label = Para(person.initials or "?", d * 0.36, pal.on_primary, deck.theme.heading, bold=True,
                 align="center", floor=8.0, language=deck.language, region=deck.region,
                 loc=person.loc)
    initials = badge(slide, x, y, d, label, pal.primary, deck.cjk_family,
                     name=f"Initials: {person.name}",
                     alt=labels.text("initials-alt", name=person.name))
    deck.recorded(initials, [label])


def _priority_text(deck: Deck, item: Item) -> list[Para]:
    """Return the paragraphs a priority card wants: title, detail, byline."""
    wanted = [deck.para(item.title, "subheading", "text", bold=True, heading=True, loc=item.loc,
                        field=(*item.loc, "title"))]
    if item.detail:
        wanted.append(deck.para(item.detail, "body", "text", before=8.0, loc=item.loc,
                                field=(*item.loc, "detail")))
    if item.byline:
        wanted.append(deck.para(item.byline, "small", "muted", before=10.0, loc=item.loc))
    return wanted


def _draw_priority(deck: Deck, slide: Slide, placed: Placed[Item]) -> None:
    """Draw a priority card: its panel, its number badge, and its fitted text."""
    pal, cell, item, text = deck.theme.palette, placed.cell, placed.item, placed.text
    fill(slide, cell.x, cell.y, cell.w, cell.h, pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE,
         name=f"Card: {item.title}")
    index = item.loc[1] if len(item.loc) > 1 else None  # ("priorities", index)
    number = str(index + 1) if isinstance(index, int) else "\u2022"
    label = Para(number, NUMBER * placed.scale, pal.on_accent, deck.theme.heading, bold=True,
                 align="center", floor=10.0, language=deck.language, region=deck.region)
    shape = badge(slide, cell.x + PAD, cell.y + PAD, BADGE * placed.scale, label, pal.accent,
                  deck.cjk_family, name=f"Number {number}",
                  alt=deck.story.labels.text("number-alt", number=number))
    deck.recorded(shape, [label])
    deck.add_text(slide, Box(text.x, text.y, text.w, stack_height(placed.paras, text.w)),
                  placed.paras, name=item.title)


SPEAKER_CARD = Card(_person_text, _draw_person, mark=PORTRAIT, gap=12.0, lift=4.0)
PRIORITY_CARD = Card(_priority_text, _draw_priority, mark=BADGE, gap=14.0, lift=0.0)


def plan_speaker(deck: Deck, section: Section) -> list[Page]:
    """Return the slides for one speaker: portrait and role, topic, points and pull quote."""
    person, area, pal = section.person, deck.content, deck.theme.palette
    assert person is not None, "a speaker section has its person"
    left, right = area.split(min(230.0, area.w * 0.27), deck.theme.gutter * 2)
    d = min(left.w, 170.0)
    role_box = Box(left.x, area.y + d + 14, left.w, area.h - d - 14)
    role: list[Para] = []
    said = [deck.para(person.role, "small", "muted", loc=person.loc)] if person.role else []
    if person.session:  # their session and its time, under the role: derived from the programme
        said.append(deck.para(person.session, "small", "text", italic=True,
                              before=6.0 if said else 0.0, loc=person.loc))
    if said:
        role = paginate(said, role_box.w, role_box.h)[0]
    quote: list[Para] = []
    inner_w = right.w - 2 * PAD - QUOTE_BAR
    if person.quote:
        wanted = deck.para(f"\u201c{person.quote}\u201d", "subheading", "text", italic=True,
                           loc=(*person.loc, "quote"), field=(*person.loc, "quote"))
        quote = shrink_to_fit([wanted], inner_w, right.h * 0.45) or [wanted.shrunk(wanted.want)]
    quote_h = stack_height(quote, inner_w) + 2 * PAD if quote else 0.0
    body: list[Para] = []
    if person.topic:
        body.append(deck.para(person.topic, "subheading", "primary", bold=True, heading=True,
                              loc=(*person.loc, "topic"), field=(*person.loc, "topic")))
    for n, point in enumerate(person.points):
        body.append(deck.para(point, "body", "text", before=10.0, bullet="\u2022", indent=20.0,
                              bullet_color=pal.primary, loc=(*person.loc, "points", n),
                              field=(*person.loc, "points", n)))
    # The quote follows the points on the last slide only, so only that slide leaves it room.
    under = quote_h + deck.theme.gutter if quote else 0.0
    pages = paginate(body, right.w, right.h, right.h - under) if body else [[]]
    if len(pages) > 1:
        deck.note(person.loc, f"{person.name}'s points continue over {len(pages)} slides")
    else:
        factor = _speaker_growth(deck, pages[0], quote, right, inner_w)
        pages, quote = [scaled(pages[0], factor)], scaled(quote, factor)
        quote_h = stack_height(quote, inner_w) + 2 * PAD if quote else 0.0

    def drawer(paras: list[Para], last: bool) -> Callable[[Slide], None]:
        def draw(slide: Slide) -> None:
            portrait(deck, slide, person, left.x, area.y, d, square=True)
            if role:
                deck.add_text(slide, Box(role_box.x, role_box.y, role_box.w,
                                         stack_height(role, role_box.w)), role, name="Role")
            y = right.y
            if paras:
                h = stack_height(paras, right.w)
                deck.add_text(slide, Box(right.x, y, right.w, h), paras, name="Points")
                y += h + deck.theme.gutter
            if quote and last:
                fill(slide, right.x, y, right.w, quote_h, pal.surface, name="Quote panel")
                fill(slide, right.x, y, QUOTE_BAR, quote_h, pal.accent, name="Quote bar")
                x = right.x + QUOTE_BAR + PAD
                deck.add_text(slide, Box(x, y + PAD, right.w - 2 * PAD - QUOTE_BAR, quote_h - 2 * PAD),
                              quote, name="Quote")
        return draw

    return [Page(drawer(p, n == len(pages) - 1), section.notes, section.loc)
            for n, p in enumerate(pages)]


def _speaker_growth(deck: Deck, body: list[Para], quote: list[Para], right: Box,
                    inner_w: float) -> float:
    """Return how much larger a one-slide speaker's topic, points and quote may be set."""
    room = STATEMENT_FILL * right.h

    def fits(factor: float) -> bool:
        used = stack_height(scaled(body, factor), right.w) if body else 0.0
        if quote:
            said = stack_height(scaled(quote, factor), inner_w)
            if said > right.h * 0.45:
                return False
            used += deck.theme.gutter + said + 2 * PAD
        return used <= room + 1e-6

    return growth([*body, *quote], deck.theme.slide_scale.heading, fits)
