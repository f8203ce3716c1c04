"""Slides about people and priorities: the speaker grid, one slide per speaker, priority cards."""

from __future__ import annotations

import math

from pptx.enum.shapes import MSO_SHAPE

from generator.backends.deck.layout import Box, Deck, Page, split_evenly
from generator.backends.deck.shapes import badge, fill, picture
from generator.backends.deck.text import Para, fit, paginate, stack_height
from generator.story import Item, Person, Section

PAD = 16.0
QUOTE_BAR = 5.0
# The most cards one slide holds; fewer when their measured text needs more room.
SPEAKERS_PER_SLIDE = 6
PRIORITIES_PER_SLIDE = 4


def arrangements(count: int, wide: bool) -> list[int]:
    """Return how many cards across to try for `count` cards, the most pleasing first."""
    best = (3 if count >= 5 else 2 if count >= 2 else 1) if wide else (2 if count >= 3 else 1)
    return list(range(best, 0, -1))


def grid(area: Box, count: int, across: int, gutter: float) -> list[Box]:
    """Return `count` card boxes filling `area` row by row, `across` to a row."""
    rows = math.ceil(count / across)
    cells = [cell for row in area.rows(rows, gutter) for cell in row.columns(across, gutter)]
    return cells[:count]


def plan_cards(deck: Deck, section: Section, card, most: int) -> list[Page]:
    """Return card-grid slides, at most `most` cards each and fewer until every card's text fits."""
    items = section.items
    first_try = max(len(c) for c in split_evenly(items, most))
    for per_slide in range(first_try, 0, -1):
        chunks = split_evenly(items, per_slide)
        drawn = [_fitted_cards(deck, chunk, card) for chunk in chunks]
        if all(d is not None for d in drawn) or per_slide == 1:
            break
    if len(chunks) > len(split_evenly(items, most)):
        deck.note(section.loc, f"{section.title.lower()} need {len(chunks)} slides "
                               "for their text to fit")

    def drawer(cards):
        def draw(slide):
            for cell, item, paras in cards:
                card(deck, slide, cell, item, paras)
        return draw

    pages = []
    for chunk, cards in zip(chunks, drawn, strict=True):
        if cards is None:
            cards = _fitted_cards(deck, chunk, card, force=True)
        notes = "\n".join(item.notes_line for item in chunk)
        pages.append(Page(drawer(cards), notes, section.loc))
    return pages


def _fitted_cards(deck: Deck, chunk: tuple[Person | Item, ...], card, force: bool = False):
    """Return (cell, item, fitted paras) for each card in the first arrangement that fits."""
    options = arrangements(len(chunk), deck.width / deck.height > 1.5)
    for across in options:
        cards = _cards_across(deck, chunk, across, card, force and across == options[-1])
        if cards is not None:
            return cards
    return None


def _cards_across(deck: Deck, chunk, across: int, card, force: bool):
    cells = grid(deck.content, len(chunk), across, deck.theme.gutter)
    out = []
    for cell, item in zip(cells, chunk, strict=True):
        paras, text_box = card(deck, None, cell, item, None)
        fitted = fit(paras, text_box.w, text_box.h)
        if fitted is None:
            if not force:
                return None
            fitted = [p.shrunk(p.want) for p in paras]
        out.append((cell, item, fitted))
    return out


def person_card(deck: Deck, slide, cell: Box, person: Person, paras: list[Para] | None):
    """Return (paras, text box) for a speaker card; with a slide, draw it there."""
    d = min(48.0, cell.h - 2 * PAD)
    text = Box(cell.x + PAD + d + 12, cell.y + PAD - 4, cell.w - 2 * PAD - d - 12, cell.h - 2 * PAD + 8)
    if slide is None:
        wanted = [deck.para(person.name, "subheading", "text", bold=True, heading=True, loc=person.loc)]
        if person.role:
            wanted.append(deck.para(person.role, "small", "muted", before=3.0, loc=person.loc))
        if person.topic:
            wanted.append(deck.para(person.topic, "small", "text", before=8.0, loc=person.loc))
        return wanted, text
    fill(slide, cell.x, cell.y, cell.w, cell.h, deck.theme.palette.surface, MSO_SHAPE.ROUNDED_RECTANGLE,
         name=f"Card: {person.name}")
    portrait(deck, slide, person, cell.x + PAD, cell.y + PAD, d)
    deck.add_text(slide, Box(text.x, text.y, text.w, stack_height(paras, text.w)), paras,
                  name=person.name)
    return paras, text


def portrait(deck: Deck, slide, person: Person, x: float, y: float, d: float, square: bool = False):
    """Draw the person's photo cropped to fill its frame, else an initials badge."""
    pal = deck.theme.palette
    alt = ", ".join(p for p in (person.name, person.role) if p)
    if person.photo is not None:
        shape = picture(slide, person.photo, x, y, d, d, alt, name=f"Photo: {person.name}")
        if not square:
            shape.auto_shape_type = MSO_SHAPE.OVAL
        return
    label = deck.para(person.initials or "?", "heading", "on_primary", bold=True, heading=True,
                      align="center", floor=8.0)
    label = Para(label.text, d * 0.36, label.color, label.face, bold=True, align="center", floor=8.0)
    badge(slide, x, y, d, label, pal.primary, deck.theme.cjk_family, name=f"Initials: {person.name}")


def priority_card(deck: Deck, slide, cell: Box, item, paras: list[Para] | None):
    """Return (paras, text box) for a numbered priority card; with a slide, draw it there."""
    d = 44.0
    text = Box(cell.x + PAD + d + 14, cell.y + PAD, cell.w - 2 * PAD - d - 14, cell.h - 2 * PAD)
    if slide is None:
        wanted = [deck.para(item.title, "subheading", "text", bold=True, heading=True, loc=item.loc)]
        if item.detail:
            wanted.append(deck.para(item.detail, "body", "text", before=8.0, loc=item.loc))
        if item.byline:
            wanted.append(deck.para(item.byline, "small", "muted", before=10.0, loc=item.loc))
        return wanted, text
    pal = deck.theme.palette
    fill(slide, cell.x, cell.y, cell.w, cell.h, pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE,
         name=f"Card: {item.title}")
    number = str(item.loc[1] + 1) if len(item.loc) > 1 else "•"
    label = Para(number, 20.0, pal.on_accent, deck.theme.heading, bold=True, align="center", floor=10.0)
    badge(slide, cell.x + PAD, cell.y + PAD, d, label, pal.accent, deck.theme.cjk_family,
          name=f"Number {number}")
    deck.add_text(slide, Box(text.x, text.y, text.w, stack_height(paras, text.w)), paras, name=item.title)
    return paras, text


def plan_speaker(deck: Deck, section: Section) -> list[Page]:
    """Return the slides for one speaker: portrait and role, topic, points and pull quote."""
    person, area, pal = section.person, deck.content, deck.theme.palette
    left, right = area.split(min(230.0, area.w * 0.27), deck.theme.gutter * 2)
    d = min(left.w, 170.0)
    role_box = Box(left.x, area.y + d + 14, left.w, area.h - d - 14)
    role = []
    if person.role:
        role = paginate([deck.para(person.role, "small", "muted", loc=person.loc)],
                        role_box.w, role_box.h)[0]
    quote, quote_h = [], 0.0
    if person.quote:
        inner_w = right.w - 2 * PAD - QUOTE_BAR
        wanted = deck.para(f"\u201c{person.quote}\u201d", "subheading", "text", italic=True,
                           loc=(*person.loc, "quote"))
        quote = fit([wanted], inner_w, right.h * 0.45) or [wanted.shrunk(wanted.want)]
        quote_h = stack_height(quote, inner_w) + 2 * PAD
    body = []
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

    def drawer(paras, last):
        def draw(slide):
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
