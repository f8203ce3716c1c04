"""New slides and notes pages, copied from blank XML or made with python-pptx's public API: the
deck is the same file either way (the public API is the reference)."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from generator.backends.deck import backend, pages
from generator.backends.deck.backend import DeckBackend
from tests.conftest import BRIEFS, prepared

CASES = ["sample", "stress", "minimal"]


def render(case: str, copying: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, int, int]:
    """Return the deck for a test brief made with (or without) copying, and the blanks kept.

    The counts are of blank slides and blank notes pages kept to copy from.
    """
    p = prepared(BRIEFS[case])
    blank_slides: dict[int, object] = {}
    blank_notes: list[object] = []
    # Each deck starts from nothing cached: no blank slides or notes, no saved themed template.
    monkeypatch.setattr(pages, "COPYING", copying)
    monkeypatch.setattr(pages, "_BLANK_SLIDES", blank_slides)
    monkeypatch.setattr(pages, "_BLANK_NOTES", blank_notes)
    monkeypatch.setattr(backend, "_TEMPLATES", {})
    out = io.BytesIO()
    DeckBackend().render(p.story, p.theme, out)
    return out.getvalue(), len(blank_slides), len(blank_notes)


def notes(deck: bytes) -> list[str]:
    """Return the notes text of each slide of a deck, in order."""
    prs = Presentation(io.BytesIO(deck))
    return [slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            for slide in prs.slides]


def test_this_python_pptx_has_what_the_copies_use():
    """Otherwise every deck takes the slower public path, and the test below compares nothing."""
    assert pages.COPYING


@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_copied_pages_are_the_same_bytes_as_public_api_pages(case, monkeypatch):
    """A deck made by copying blank XML is byte for byte the one python-pptx's API makes."""
    copied, copied_slides, copied_notes = render(case, True, monkeypatch)
    public, public_slides, public_notes = render(case, False, monkeypatch)
    # Each path really was taken: copying kept blanks to copy from, the public API kept none.
    assert copied_slides >= 1 and copied_notes == 1
    assert public_slides == public_notes == 0
    assert copied == public
    copied_text, public_text = notes(copied), notes(public)
    # From slide 2 on the notes pages are copies (and slides after the first on each layout).
    assert len(copied_text) == len(public_text) > 1
    assert copied_text == public_text
    assert copied_text[1].strip()
