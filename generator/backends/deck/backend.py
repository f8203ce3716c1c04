"""The PowerPoint briefing deck: one editable slide per story section, fitted by measurement."""

from __future__ import annotations

import io
from typing import BinaryIO, ClassVar

from pptx import Presentation
from pptx.util import Pt

from generator.backends.base import Notice
from generator.backends.deck.layout import Deck, Page, background, new_slide
from generator.backends.deck.package import package_bytes, set_properties
from generator.backends.deck.people import person_card, plan_cards, plan_speaker, priority_card
from generator.backends.deck.slides import draw_cover, plan_glance, plan_list
from generator.backends.deck.theme_part import apply_theme
from generator.story import Section, Story, part_titles
from generator.theme.model import Theme


class DeckBackend:
    """Render the story as an editable .pptx briefing deck in the theme's colours and type."""

    name: ClassVar[str] = "pptx"
    suffix: ClassVar[str] = ".pptx"
    description: ClassVar[str] = "PowerPoint briefing deck (editable, fitted to the slide)"

    def render(self, story: Story, theme: Theme, out: BinaryIO) -> list[Notice]:
        """Write the deck for `story` drawn with `theme` to `out`; return fit notices."""
        prs = themed_deck(theme)
        deck = Deck(prs, story, theme)
        number = 0
        for base, sections, pages in plan(deck):
            titles = part_titles(base, len(pages))
            for title, page in zip(titles, pages, strict=True):
                number += 1
                cover = sections[0].kind == "cover"
                slide = new_slide(deck, title, page.notes, number, page.loc, cover)
                page.draw(slide)
        set_properties(prs, story.meta)
        out.write(package_bytes(prs))
        return deck.notices


def themed_deck(theme: Theme):
    """Return an empty deck in the theme's size, colours and fonts.

    Stretching the master's placeholders and writing the theme part cost as much as a slide.
    A process that draws one deck (a cold build) just builds it; from the second deck in a
    theme on (a batch, a watch), a saved copy is reopened instead.
    """
    saved = _TEMPLATES.get(theme)
    if saved is not None:
        return Presentation(io.BytesIO(saved))
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


def _new_themed_deck(theme: Theme):
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(theme.slide_width), Pt(theme.slide_height)
    apply_theme(prs, theme)
    background(Deck(prs, None, theme))
    return prs


def plan(deck: Deck) -> list[tuple[str, list[Section], list[Page]]]:
    """Return (base title, sections, pages) for each run of sections that shares a title."""
    planned = []
    for sections in _groups(deck.story.sections):
        first = sections[0]
        base = first.base_title or first.title
        planned.append((base, sections, _pages(deck, first.kind, sections)))
    return planned


def _pages(deck: Deck, kind: str, sections: list[Section]) -> list[Page]:
    first = sections[0]
    if kind == "cover":
        return [Page(lambda slide: draw_cover(deck, slide, first), first.notes, first.loc)]
    if kind == "glance":
        return plan_glance(deck, first)
    if kind == "speakers-overview":
        return plan_cards(deck, sections, person_card)
    if kind == "speaker":
        return plan_speaker(deck, first)
    if kind == "priorities":
        return plan_cards(deck, sections, priority_card)
    return plan_list(deck, sections)


def _groups(sections) -> list[list[Section]]:
    """Return the story's sections grouped: parts of one split list travel together."""
    groups: list[list[Section]] = []
    for section in sections:
        previous = groups[-1][0] if groups else None
        if (previous is not None and section.base_title and previous.kind == section.kind
                and previous.base_title == section.base_title):
            groups[-1].append(section)
        else:
            groups.append([section])
    return groups
