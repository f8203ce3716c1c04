"""Every kind of section is drawn by every backend: a kind added to `generator/kinds.py` and made
by the story, but forgotten by a backend, fails here rather than vanishing from a document."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from generator.kinds import KINDS, SectionKind
from generator.story import Fact, Person, Section
from tests.conftest import STRESS, prepared
from tests.pdfs import page_text

# The story of the stress brief holds every kind of section (it has enough speakers for the
# overview); a new kind must appear in it, or in a brief added here.
STORY_BRIEF = STRESS


def _witness(section: Section) -> str:
    """Return a text that a reader of any document finds only if the section was drawn: its
    first entry (a fact's value, a person's name, an item's title), or its title."""
    if not section.items:
        return section.title
    first = section.items[0]
    if isinstance(first, Fact):
        return first.value
    if isinstance(first, Person):
        return first.name
    return first.title


def _deck_text(data: bytes) -> str:
    """Return the text of every shape of every slide of a deck, tables' cells included."""
    deck = Presentation(io.BytesIO(data))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(texts)


def _drawn(fmt: str) -> str:
    """Return what a reader sees of the stress brief's document in format `fmt`."""
    from generator.backends.registry import get_backend

    ready = prepared(STORY_BRIEF)
    out = io.BytesIO()
    get_backend(fmt).render(ready.story, ready.theme, out)
    data = out.getvalue()
    if fmt == "pptx":
        return _deck_text(data)
    if fmt == "pdf":
        return page_text(data)
    return data.decode("utf-8")


_TEXTS: dict[str, str] = {}


def drawn(fmt: str) -> str:
    """Return `_drawn(fmt)`, drawn once per test run."""
    if fmt not in _TEXTS:
        _TEXTS[fmt] = _drawn(fmt)
    return _TEXTS[fmt]


def test_the_kinds_are_listed_once_in_deck_order() -> None:
    assert tuple(kind.value for kind in SectionKind) == KINDS
    story = prepared(STORY_BRIEF).story
    seen = list(dict.fromkeys(section.kind.value for section in story.sections))
    assert seen == list(KINDS), "the stress brief must hold every kind of section, in deck order"


@pytest.mark.parametrize("fmt", ["pptx", "pdf", "md"])
@pytest.mark.parametrize("kind", list(SectionKind), ids=KINDS)
def test_every_backend_draws_every_kind(kind: SectionKind, fmt: str) -> None:
    section = prepared(STORY_BRIEF).story.of_kind(kind)[0]
    witness = " ".join(_witness(section).split()[:2])  # a short start: lines may wrap after it
    assert witness in " ".join(drawn(fmt).split()), f"{fmt} does not show the {kind} section"
