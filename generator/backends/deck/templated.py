"""The deck built on an organisation's template: each section's text planned into the
placeholders of the layout its kind uses, measured at the size they inherit.

Text that does not fit shrinks towards the theme's floor, then continues on numbered slides,
like the built-in look. Where a layout has no room for a kind's text, the text goes in the
master's body area less the layout's title and filled placeholders (the theme already warned).
Text that would not read on the layout's artwork is set on a plate of the template's light
colour (or dark, for light text), slightly transparent.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from generator.backends.deck.layout import TITLE_FLOOR, Deck, Page
from generator.backends.deck.people import portrait
from generator.backends.deck.placeholders import (
    add_slide_on,
    fill_fields,
    layout_of,
    placeholder,
    plate,
    remove_unfilled,
    write_inherited,
)
from generator.backends.deck.shapes import place, set_alt, text_box
from generator.backends.deck.text import Para, paginate, shrink_to_fit
from generator.story import Fact, Item, Loc, Person, Section, SectionKind
from generator.theme.colors import contrast
from generator.theme.template.layouts import LayoutChoice
from generator.theme.template.parts import FIELDS, Placeholder

if TYPE_CHECKING:
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide

PORTRAIT_SHARE = 0.5  # of a speaker's left column, at most, for the portrait
GAP = 12.0


def choice_for(deck: Deck, kind: SectionKind) -> LayoutChoice:
    """Return the template layout choice for a kind of slide."""
    assert deck.theme.template is not None, "only decks on a template are planned here"
    return deck.theme.template.choice(kind.value)


def columns(deck: Deck, kind: SectionKind) -> list[Placeholder]:
    """Return the text columns a `kind` slide writes into: its layout's, or the master's body
    area less what the layout's title and other filled placeholders take."""
    choice = choice_for(deck, kind)
    if choice.fits:
        return list(choice.slots.bodies)
    if choice.area is not None:
        return [choice.area]
    title = choice.slots.title
    m = deck.theme.slide_margin
    top = (title.y + title.h + GAP) if title else m
    return [Placeholder("body", -1, m, top, deck.width - 2 * m, deck.height - top - m)]


def _plated(deck: Deck, kind: SectionKind, slot: Placeholder, shape: BaseShape | None) -> None:
    """Set `shape` on a plate when its text would not read on the layout's artwork there."""
    ground = choice_for(deck, kind).plated(slot)
    if ground is not None and shape is not None:
        palette = deck.theme.palette
        light, dark = palette.background, palette.text
        plate(shape, light if contrast(ground.ink, light) >= contrast(ground.ink, dark) else dark)


def para(deck: Deck, text: str, slot: Placeholder, *, bullet: bool = False, bold: bool = False,
         italic: bool = False, scale: float = 1.0, before: float = 0.0, url: str = "",
         lead: bool = False, loc: Loc = (), field: Loc = ()) -> Para:
    """Return a paragraph at the size `slot` gives its text (times `scale`), with the floor.

    A paragraph without a bullet hangs with the text of the bulleted ones above it, unless it
    is a `lead` (a summary before any bullet), which starts at the margin.
    """
    size = slot.size * scale
    floor = min(deck.theme.slide_scale.floor, size)
    return Para(text, size, deck.theme.palette.text, deck.theme.body, bold=bold, italic=italic,
                before=before * size, floor=floor, url=url, bullet="\u2022" if bullet else "",
                bullet_color=deck.theme.palette.primary, indent=0.0 if lead else slot.margin,
                loc=loc, language=deck.language, region=deck.region, field=field)


def plan_on_template(deck: Deck, section: Section) -> list[Page]:
    """Return the pages one section needs on the template, measured."""
    from generator.backends.deck import templated_event as event

    kind = section.kind
    if kind == SectionKind.COVER:
        return [Page(lambda slide: _draw_cover(deck, slide), section.notes, section.loc)]
    slots = columns(deck, kind)
    if kind == SectionKind.SPEAKER:
        return _plan_speaker(deck, section, slots)
    main = slots[0]
    if kind == SectionKind.AGENDA:
        return event.plan_programme(deck, section, main)
    tiles = event.glance_tiles(deck, main) if kind == SectionKind.GLANCE else None
    paras = _paras(deck, section, main, figures=tiles is None)
    # The key figures take the foot of the glance's last slide; its text keeps above them.
    under = tiles.height + GAP if tiles is not None else 0.0
    pages = paginate(paras, main.w, main.h, main.h - under) if paras else [[]]
    if len(pages) > 1:
        deck.note(section.loc, f"{section.title.lower()} continues over {len(pages)} slides")
    logos = event.logos_place(deck) if kind == SectionKind.GLANCE else None

    def drawer(n: int, page: list[Para]) -> Callable[[Slide], None]:
        last = n == len(pages) - 1
        slot = dataclasses.replace(main, h=main.h - under) if last and under else main

        def draw(slide: Slide) -> None:
            _drawer(deck, kind, [(slot, page)])(slide)
            if tiles is not None and last:
                event.draw_glance_tiles(deck, slide, tiles, main)
            if logos is not None and logos.kind == kind and n == 0:
                event.draw_logos(deck, slide, logos)
        return draw

    return [Page(drawer(n, page), _notes(section, page, len(pages)), section.loc)
            for n, page in enumerate(pages)]


def _notes(section: Section, page: list[Para], count: int) -> str:
    """Return a slide's notes: the section's, or the text of its page when it continues."""
    if count == 1 or section.notes == "":
        return section.notes
    return "\n".join(p.text for p in page)


def _paras(deck: Deck, section: Section, slot: Placeholder, figures: bool = False) -> list[Para]:
    """Return the paragraphs of a glance, overview, priorities, takeaways or sources slide; a
    glance with `figures` lists the key figures among its facts (they have no room as tiles)."""
    kind, labels, out = section.kind, deck.story.labels, []
    if kind == SectionKind.GLANCE:
        if section.text:
            out.append(para(deck, section.text, slot, lead=True, loc=section.loc,
                            field=deck.exact(("event", "summary"), section.text)))
        facts = [(f.label, f.value, f.loc) for f in cast("tuple[Fact, ...]", section.items)]
        facts += [(f.label, f.value, f.loc) for f in deck.story.figures] if figures else []
        for label, value, loc in facts:
            out.append(para(deck, labels.text("fact", label=label, value=value), slot,
                            bullet=True, scale=0.8, before=0.4, loc=loc))
    elif kind == SectionKind.SPEAKERS_OVERVIEW:
        for person in cast("tuple[Person, ...]", section.items):
            out.append(para(deck, person.name, slot, bullet=True, bold=True, scale=0.8,
                            before=0.5, loc=person.loc, field=(*person.loc, "name")))
            for line, field in ((person.role, ()), (person.topic, (*person.loc, "topic"))):
                if line:
                    out.append(para(deck, line, slot, scale=0.65, before=0.1, loc=person.loc,
                                    field=field))
    else:
        for item in cast("tuple[Item, ...]", section.items):
            out += _item_paras(deck, kind, item, slot)
    return out


def _item_paras(deck: Deck, kind: SectionKind, item: Item, slot: Placeholder) -> list[Para]:
    """Return one priority, takeaway or source: a bulleted title and its details under it."""
    takeaway = kind == SectionKind.TAKEAWAYS
    out = [para(deck, item.title, slot, bullet=True, bold=not takeaway, scale=0.85, before=0.5,
                url=item.url, loc=item.loc, field=item.loc if takeaway else (*item.loc, "title"))]
    for line, field in ((item.detail, (*item.loc, "detail")), (item.byline, ())):
        if line:
            out.append(para(deck, line, slot, scale=0.7, before=0.15, loc=item.loc, field=field))
    if item.url:
        out.append(para(deck, item.url, slot, scale=0.6, before=0.15, loc=item.loc,
                        field=(*item.loc, "url")))  # printed; its title above is the link
    return out


def _plan_speaker(deck: Deck, section: Section, slots: list[Placeholder]) -> list[Page]:
    """Return a speaker's slides: portrait and role beside the topic, points and quote."""
    person = section.person
    assert person is not None, "a speaker section has its person"
    choice = choice_for(deck, SectionKind.SPEAKER)
    right = slots[-1]
    body: list[Para] = []
    if len(slots) == 1:
        body += _said_of(deck, person, right, italic_role=True)
    if person.topic:
        body.append(para(deck, person.topic, right, bold=True, scale=0.9, before=0.3,
                         loc=(*person.loc, "topic"), field=(*person.loc, "topic")))
    for n, point in enumerate(person.points):
        body.append(para(deck, point, right, bullet=True, scale=0.75, before=0.4,
                         loc=(*person.loc, "points", n), field=(*person.loc, "points", n)))
    if person.quote:
        body.append(para(deck, f"\u201c{person.quote}\u201d", right, italic=True, scale=0.75,
                         before=0.8, loc=(*person.loc, "quote"), field=(*person.loc, "quote")))
    pages = paginate(body, right.w, right.h) if body else [[]]
    if len(pages) > 1:
        deck.note(person.loc, f"{person.name}'s points continue over {len(pages)} slides")
    picture = choice.slots.picture if choice.fits else None

    def drawer(page: list[Para]) -> Callable[[Slide], None]:
        def draw(slide: Slide) -> None:
            filled = [(right, page)]
            if len(slots) == 2:
                filled.append(_left_column(deck, slide, person, slots[0]))
            if picture is not None:
                _photo(deck, slide, person, picture)
            _drawer(deck, SectionKind.SPEAKER, filled)(slide)
        return draw

    return [Page(drawer(page), section.notes, section.loc) for page in pages]


def _left_column(deck: Deck, slide: Slide, person: Person, slot: Placeholder
                 ) -> tuple[Placeholder, list[Para]]:
    """Draw the portrait at the top of a speaker's left column (at its right edge in a
    right-to-left deck: the template places the column, briefgen the portrait in it); return
    the role text under it."""
    d = min(slot.w, slot.h * PORTRAIT_SHARE)
    portrait(deck, slide, person, slot.x + slot.w - d if deck.rtl else slot.x, slot.y, d, square=True)
    rest = dataclasses.replace(slot, y=slot.y + d + GAP, h=max(slot.h - d - GAP, 0.0))
    said = _said_of(deck, person, rest)
    if person.session and shrink_to_fit(said, rest.w, rest.h) is None:
        said = said[:-1]  # the session line is the programme's: it gives way to the role
    return rest, _fitted(deck, said, rest, person.loc)


def _said_of(deck: Deck, person: Person, slot: Placeholder,
             italic_role: bool = False) -> list[Para]:
    """Return the lines that say who a speaker is: their role, then their session and its time
    (from the programme), as the built-in look has them."""
    said = [para(deck, person.role, slot, italic=italic_role, scale=0.7, lead=True,
                 loc=person.loc)] if person.role else []
    if person.session:
        said.append(para(deck, person.session, slot, italic=True, scale=0.6, lead=True,
                         before=0.3 if said else 0.0, loc=person.loc))
    return said


def _photo(deck: Deck, slide: Slide, person: Person, slot: Placeholder) -> None:
    """Put the speaker's photo in the layout's picture placeholder (or drop the placeholder)."""
    shape = placeholder(slide, slot)
    if shape is None or person.photo is None:
        return
    picture = shape.insert_picture(io.BytesIO(person.photo.data))  # cropped to fill, as PowerPoint does
    set_alt(picture, person.photo.alt)


def _fitted(deck: Deck, paras: list[Para], slot: Placeholder, loc: Loc) -> list[Para]:
    """Return `paras` shrunk to fit `slot`, or at the floor with a notice when they cannot."""
    fitted = shrink_to_fit(paras, slot.w, slot.h)
    if fitted is None:
        deck.note(loc, "text shrunk to the floor and still too long for its placeholder")
        return [p.shrunk(p.want) for p in paras]
    return fitted


def _drawer(deck: Deck, kind: SectionKind, filled: list[tuple[Placeholder, list[Para]]]
            ) -> Callable[[Slide], None]:
    """Return a function that writes each column's paragraphs into its placeholder (or a box)."""
    fits = choice_for(deck, kind).fits

    def draw(slide: Slide) -> None:
        for slot, paras in filled:
            for p in paras:
                if p.at_floor and p.loc:
                    deck.note(p.loc, f"text shrunk to the {p.floor:g}pt floor to fit its slide")
            shape = placeholder(slide, slot) if fits else None
            if shape is None:
                if paras:
                    box = text_box(slide, slot.x, slot.y, slot.w, slot.h, paras, deck.cjk_family,
                                   name="Text")
                    _plated(deck, kind, slot, box)
                    deck.recorded(box, paras)
                continue
            place(shape, slot.x, slot.y, slot.w, slot.h)
            write_inherited(shape.text_frame, paras, slot.w, deck.cjk_family,
                            bulleted=slot.margin > 0 and slot.styled,
                            own_bullets=not slot.styled and slot.margin > 0)
            _plated(deck, kind, slot, shape)
            deck.recorded(shape, paras)
        remove_unfilled(slide)
    return draw


def _draw_cover(deck: Deck, slide: Slide) -> None:
    """Write the cover's subtitle, when and where, and hosts into its subtitle placeholder."""
    meta = deck.story.meta
    choice = choice_for(deck, SectionKind.COVER)
    slot = choice.slots.bodies[0] if choice.slots.bodies else columns(deck, SectionKind.COVER)[0]
    when_where = " \u00b7 ".join(part for part in (meta.date, meta.location) if part)
    lines = [(meta.subtitle, 1.0, ("event", "subtitle")), (when_where, 0.75, ("event",)),
             (meta.hosts_line, 0.6, ("hosts",))]
    paras = [para(deck, text, slot, scale=scale, before=0.4 if n else 0.0, lead=True,
                  loc=("event",), field=deck.exact(field, text))
             for n, (text, scale, field) in enumerate(lines) if text]
    _drawer(deck, SectionKind.COVER, [(slot, _fitted(deck, paras, slot, ("event",)))])(slide)
    from generator.backends.deck import templated_event as event

    logos = event.logos_place(deck)
    if logos is not None and logos.kind == SectionKind.COVER:
        event.draw_logos(deck, slide, logos)


def new_template_slide(deck: Deck, kind: SectionKind, title: str, notes: str, number: int,
                       loc: Loc) -> Slide:
    """Return a slide on the kind's layout with its title, notes, footer, date and number."""
    assert deck.prs is not None, "a deck that is only planned has no slides"
    choice = choice_for(deck, kind)
    layout = layout_of(deck.prs, choice)
    slide = add_slide_on(deck.prs, layout, notes)
    slot = choice.slots.title
    shape = placeholder(slide, slot) if slot is not None else None
    if slot is not None and shape is not None:
        exact = deck.record.title_field(loc, title) if deck.record is not None else ()
        wanted = Para(title, slot.size, deck.theme.palette.primary, deck.theme.heading,
                      bold=slot.bold, floor=min(TITLE_FLOOR, slot.size), loc=loc,
                      language=deck.language, region=deck.region, field=exact)
        paras = shrink_to_fit([wanted], slot.w, slot.h)
        if paras is None:
            deck.note(loc, "title is too long for its slide even at the smallest title size")
            paras = [wanted.shrunk(wanted.want)]
        write_inherited(shape.text_frame, paras, slot.w, deck.cjk_family, bulleted=False)
        _plated(deck, kind, slot, shape)
        deck.recorded(shape, paras)
    meta = deck.story.meta
    fill_fields(slide, layout, meta.short_name, meta.date, number, deck.language)
    for field_slot in choice.layout.of_type(*FIELDS):
        _plated(deck, kind, field_slot, placeholder(slide, field_slot))
    return slide
