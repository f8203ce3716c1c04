"""Slides about people and priorities: the speaker grid, one slide per speaker, priority cards."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from pptx.enum.shapes import MSO_SHAPE

from generator.backends.deck.layout import Box, Deck, Page, split_evenly
from generator.backends.deck.shapes import badge, fill, picture
from generator.backends.deck.text import Para, paginate, shrink_to_fit, stack_height
from generator.story import Item, Person, Section

if TYPE_CHECKING:
    from pptx.slide import Slide

PAD = 16.0
QUOTE_BAR = 5.0
BADGE = 44.0  # the diameter of a priority card's number
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
class Card(Generic[T]):
    """One kind of card: the paragraphs it wants with the box they must fit, and its drawing."""

    text: Callable[[Deck, Box, T], tuple[list[Para], Box]]
    draw: Callable[[Deck, Slide, Box, T, list[Para]], None]


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

    def drawer(cards: list[tuple[Box, T, list[Para]]]) -> Callable[[Slide], None]:
        def draw(slide: Slide) -> None:
            for cell, item, paras in cards:
                card.draw(deck, slide, cell, item, paras)
        return draw

    pages = []
    for chunk, cards in zip(chunks, drawn, strict=True):
        if cards is None:
            cards = _fitted_cards(deck, chunk, card, force=True)
            assert cards is not None, "forced cards always fit"
        notes = "\n".join(item.notes_line for item in chunk)
        pages.append(Page(drawer(cards), notes, section.loc))
    return pages


def _fitted_cards(deck: Deck, chunk: tuple[T, ...], card: Card[T],
                  force: bool = False) -> list[tuple[Box, T, list[Para]]] | None:
    """Return (cell, item, fitted paras) for each card in the first arrangement that fits.

    With `force`, the last arrangement is taken at the floor when none fits; else None.
    """
    options = arrangements(len(chunk), deck.width / deck.height > 1.5)
    for across in options:
        cards = _cards_across(deck, chunk, across, card, force and across == options[-1])
        if cards is not None:
            return cards
    return None


def _cards_across(deck: Deck, chunk: tuple[T, ...], across: int, card: Card[T],
                  force: bool) -> list[tuple[Box, T, list[Para]]] | None:
    """Return (cell, item, fitted paras) for `across` cards a row, or None if one does not fit.

    With `force`, a card that does not fit is set at the floor instead.
    """
    cells = grid(deck.content, len(chunk), across, deck.theme.gutter)
    out = []
    for cell, item in zip(cells, chunk, strict=True):
        paras, text_box = card.text(deck, cell, item)
        fitted = shrink_to_fit(paras, text_box.w, text_box.h)
        if fitted is None:
            if not force:
                return None
            fitted = [p.shrunk(p.want) for p in paras]
        out.append((cell, item, fitted))
    return out


def _person_frame(cell: Box) -> tuple[float, Box]:
    """Return a speaker card's portrait diameter and the box its text must fit."""
    d = min(48.0, cell.h - 2 * PAD)
    return d, Box(cell.x + PAD + d + 12, cell.y + PAD - 4, cell.w - 2 * PAD - d - 12, cell.h - 2 * PAD + 8)


def _person_text(deck: Deck, cell: Box, person: Person) -> tuple[list[Para], Box]:
    """Return the paragraphs a speaker card wants (name, role, topic) and the box they must fit."""
    wanted = [deck.para(person.name, "subheading", "text", bold=True, heading=True, loc=person.loc)]
    if person.role:
        wanted.append(deck.para(person.role, "small", "muted", before=3.0, loc=person.loc))
    if person.topic:
        wanted.append(deck.para(person.topic, "small", "text", before=8.0, loc=person.loc))
    return wanted, _person_frame(cell)[1]


def _draw_person(deck: Deck, slide: Slide, cell: Box, person: Person, paras: list[Para]) -> None:
    """Draw a speaker card: its panel, the portrait, and `paras` fitted to its text box."""
    d, text = _person_frame(cell)
    fill(slide, cell.x, cell.y, cell.w, cell.h, deck.theme.palette.surface, MSO_SHAPE.ROUNDED_RECTANGLE,
         name=f"Card: {person.name}")
    portrait(deck, slide, person, cell.x + PAD, cell.y + PAD, d)
    deck.add_text(slide, Box(text.x, text.y, text.w, stack_height(paras, text.w)), paras,
                  name=person.name)


def portrait(deck: Deck, slide: Slide, person: Person, x: float, y: float, d: float,
             square: bool = False) -> None:
    """Draw the person's photo cropped to fill its frame, else an initials badge."""
    pal = deck.theme.palette
    alt = ", ".join(p for p in (person.name, person.role) if p)
    if person.photo is not None:
        shape = picture(slide, person.photo, x, y, d, d, alt, name=f"Photo: {person.name}")
        if not square:
            shape.auto_shape_type = MSO_SHAPE.OVAL
        return
    label = Para(person.initials or "?", d * 0.36, pal.on_primary, deck.theme.heading, bold=True,
                 align="center", floor=8.0)
    badge(slide, x, y, d, label, pal.primary, deck.theme.cjk_family, name=f"Initials: {person.name}")


def _priority_box(cell: Box) -> Box:
    """Return the box a priority card's text must fit, beside its number badge."""
    return Box(cell.x + PAD + BADGE + 14, cell.y + PAD, cell.w - 2 * PAD - BADGE - 14, cell.h - 2 * PAD)


def _priority_text(deck: Deck, cell: Box, item: Item) -> tuple[list[Para], Box]:
    """Return the paragraphs a priority card wants (title, detail, byline) and the box they fit."""
    wanted = [deck.para(item.title, "subheading", "text", bold=True, heading=True, loc=item.loc)]
    if item.detail:
        wanted.append(deck.para(item.detail, "body", "text", before=8.0, loc=item.loc))
    if item.byline:
        wanted.append(deck.para(item.byline, "small", "muted", before=10.0, loc=item.loc))
    return wanted, _priority_box(cell)


def _draw_priority(deck: Deck, slide: Slide, cell: Box, item: Item, paras: list[Para]) -> None:
    """Draw a priority card: its panel, its number badge, and `paras` fitted to its text box."""
    pal, text = deck.theme.palette, _priority_box(cell)
    fill(slide, cell.x, cell.y, cell.w, cell.h, pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE,
         name=f"Card: {item.title}")
    index = item.loc[1] if len(item.loc) > 1 else None  # ("priorities", index)
    number = str(index + 1) if isinstance(index, int) else "•"
    label = Para(number, 20.0, pal.on_accent, deck.theme.heading, bold=True, align="center", floor=10.0)
    badge(slide, cell.x + PAD, cell.y + PAD, BADGE, label, pal.accent, deck.theme.cjk_family,
          name=f"Number {number}")
    deck.add_text(slide, Box(text.x, text.y, text.w, stack_height(paras, text.w)), paras, name=item.title)


SPEAKER_CARD = Card(_person_text, _draw_person)
PRIORITY_CARD = Card(_priority_text, _draw_priority)


def plan_speaker(deck: Deck, section: Section) -> list[Page]:
    """Return the slides for one speaker: portrait and role, topic, points and pull quote."""
    person, area, pal = section.person, deck.content, deck.theme.palette
    assert person is not None, "a speaker section has its person"
    left, right = area.split(min(230.0, area.w * 0.27), deck.theme.gutter * 2)
    d = min(left.w, 170.0)
    role_box = Box(left.x, area.y + d + 14, left.w, area.h - d - 14)
    role: list[Para] = []
    if person.role:
        role = paginate([deck.para(person.role, "small", "muted", loc=person.loc)],
                        role_box.w, role_box.h)[0]
    quote: list[Para] = []
    quote_h = 0.0
    if person.quote:
        inner_w = right.w - 2 * PAD - QUOTE_BAR
        wanted = deck.para(f"\u201c{person.quote}\u201d", "subheading", "text", italic=True,
                           loc=(*person.loc, "quote"))
        quote = shrink_to_fit([wanted], inner_w, right.h * 0.45) or [wanted.shrunk(wanted.want)]
        quote_h = stack_height(quote, inner_w) + 2 * PAD
    body: list[Para] = []
    if person.topic:
        body.append(deck.para(person.topic, "subheading", "primary", bold=True, heading=True,
                              loc=(*person.loc, "topic")))
    for n, point in enumerate(person.points):
        body.append(deck.para(point, "body", "text", before=10.0, bullet="\u2022", indent=20.0,
                              bullet_color=pal.primary, loc=(*person.loc, "points", n)))
    # The quote follows the points on the last slide only, so only that slide leaves it room.
    under = quote_h + deck.theme.gutter if quote else 0.0
    pages = paginate(body, right.w, right.h, right.h - under) if body else [[]]
    if len(pages) > 1:
        deck.note(person.loc, f"{person.name}'s points continue over {len(pages)} slides")

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
