"""The PowerPoint briefing deck: one editable slide per story section, fitted by measurement."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, ClassVar

import pptx
from pptx.util import Pt

from generator.backends.base import Notice
from generator.backends.deck.layout import Deck, Page, background, new_slide
from generator.backends.deck.order import reading_order
from generator.backends.deck.package import package_bytes, set_properties
from generator.backends.deck.people import (
    PRIORITIES_PER_SLIDE,
    PRIORITY_CARD,
    SPEAKER_CARD,
    SPEAKERS_PER_SLIDE,
    plan_cards,
    plan_speaker,
)
from generator.backends.deck.shapes import mirror
from generator.backends.deck.slides import draw_cover, plan_glance, plan_list
from generator.backends.deck.theme_part import apply_theme
from generator.story import Section, SectionKind, Story
from generator.theme.model import Theme

if TYPE_CHECKING:
    from pptx.presentation import Presentation


class DeckBackend:
    """Render the story as an editable .pptx briefing deck in the theme's colours and type."""

    name: ClassVar[str] = "pptx"
    suffix: ClassVar[str] = ".pptx"
    description: ClassVar[str] = "PowerPoint briefing deck (editable, fitted to the slide)"

    def render(self, story: Story, theme: Theme, out: BinaryIO) -> list[Notice]:
        """Write the deck for `story` drawn with `theme` to `out`; return fit notices."""
        from generator.backends.deck.fields import FORMAT, FieldRecord, notes_source
        from generator.ooxml.custom import BASE_PROPERTY, long_text

        prs = themed_deck(theme)
        record = FieldRecord(story)
        deck = Deck(prs, story, theme, record=record)
        # A right-to-left story's slides are the left-to-right ones mirrored; on a template,
        # its own layouts place the text (see templated.py).
        mirrored = deck.rtl and theme.template is None
        # Every paragraph carries the story's language and CJK region (Deck.para): nothing is
        # set around the drawing, so a deck drawn here is the deck `briefgen build` draws.
        for planned, page, section in _planned(deck):
            record.section = section.loc
            if theme.template is not None:
                from generator.backends.deck.templated import new_template_slide

                slide = new_template_slide(deck, planned.kind, planned.title, page.notes,
                                           planned.number, page.loc)
            else:
                cover = planned.kind == SectionKind.COVER
                slide = new_slide(deck, planned.title, page.notes, planned.number, page.loc,
                                  cover)
            page.draw(slide)
            reading_order(slide)
            if mirrored:  # after the reading order, which stays the brief's order
                mirror(slide, prs.slide_width)
            record.slide(slide, planned.kind, page.notes,
                              notes_source(section, page.notes, story.meta))
        set_properties(prs, story.meta)
        data = package_bytes(prs, long_text(BASE_PROPERTY, record.as_json(), FORMAT))
        if theme.template is not None:  # checked as a package before it is written
            from generator.backends.deck.template_package import check_deck

            check_deck(data, theme.template.package)
        out.write(data)
        return deck.notices

    def plan(self, story: Story, theme: Theme) -> list[PlannedSlide]:
        """Return the slides the deck for `story` will have, in order, without drawing them."""
        return [planned for planned, _page, _section in _planned(Deck(None, story, theme))]


@dataclass(frozen=True)
class PlannedSlide:
    """One slide of the deck: its number (from 1), its section's kind, its title and its notes."""

    number: int
    kind: SectionKind
    title: str
    notes: str


def _planned(deck: Deck) -> list[tuple[PlannedSlide, Page, Section]]:
    """Return every slide of the deck, numbered, with the page that draws it and its section."""
    out: list[tuple[PlannedSlide, Page, Section]] = []
    for section in deck.story.sections:
        pages = _pages(deck, section)
        titles = deck.story.labels.part_titles(section.title, len(pages))
        for title, page in zip(titles, pages, strict=True):
            out.append((PlannedSlide(len(out) + 1, section.kind, title, page.notes), page, section))
    return out


def themed_deck(theme: Theme) -> Presentation:
    """Return an empty deck in the theme's size, colours and fonts.

    Stretching the master's placeholders and writing the theme part cost as much as a slide.
    A process that draws one deck (a cold build) just builds it; from the second deck in a
    theme on (a batch, a watch), a saved copy is reopened instead.
    """
    if theme.template is not None:  # imported only for decks on a template
        from generator.backends.deck.theme_part import template_deck

        return template_deck(theme)
    saved = _TEMPLATES.get(theme)
    if saved is not None:
        return pptx.Presentation(io.BytesIO(saved))
    prs = _new_themed_deck(theme)
    if theme in _TEMPLATES:  # the second deck in this theme: keep a copy for the rest
        buffer = io.BytesIO()
        prs.save(buffer)
        _TEMPLATES[theme] = buffer.getvalue()
        return prs
    if len(_TEMPLATES) >= _TEMPLATES_KEPT:
        _TEMPLATES.pop(next(iter(_TEMPLATES)))
    _TEMPLATES[theme] = None
    return prs


_TEMPLATES: dict[Theme, bytes | None] = {}  # None: built once, not saved yet
_TEMPLATES_KEPT = 8


def _new_themed_deck(theme: Theme) -> Presentation:
    """Return python-pptx's default deck resized, recoloured and retyped for `theme`."""
    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = Pt(theme.slide_width), Pt(theme.slide_height)
    apply_theme(prs, theme)
    background(prs, theme)
    return prs


def _pages(deck: Deck, section: Section) -> list[Page]:
    """Return the pages (slides to be) that one section needs, measured."""
    kind = section.kind
    if deck.theme.template is not None:
        from generator.backends.deck.templated import plan_on_template

        return plan_on_template(deck, section)
    if kind == SectionKind.COVER:
        return [Page(lambda slide: draw_cover(deck, slide, section), section.notes, section.loc)]
    if kind == SectionKind.GLANCE:
        return plan_glance(deck, section)
    if kind == SectionKind.AGENDA:
        from generator.backends.deck.agenda import plan_agenda

        return plan_agenda(deck, section)
    if kind == SectionKind.SPEAKERS_OVERVIEW:
        return plan_cards(deck, section, SPEAKER_CARD, SPEAKERS_PER_SLIDE)
    if kind == SectionKind.SPEAKER:
        return plan_speaker(deck, section)
    if kind == SectionKind.PRIORITIES:
        return plan_cards(deck, section, PRIORITY_CARD, PRIORITIES_PER_SLIDE)
    return plan_list(deck, section)
