"""Text spread over several slides: fewest boxes, largest size, shared out evenly, room for a quote."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.util import Pt

from generator.backends.deck.backend import DeckBackend
from generator.backends.deck.text import Para, paginate, shrink_to_fit, stack_height
from generator.theme.resolve import load_theme

from .conftest import STRESS, prepared

FACE = load_theme("default", Path.cwd()).body
POINT = ("A long point about the convergence of information technology and film production, "
         "with figures, caveats and a reference to the report")


def points(count: int, size: float = 20.0, floor: float = 14.0) -> list[Para]:
    return [Para(f"{n}. {POINT}", size, "#000000", FACE, before=10.0, bullet="\u2022", indent=20.0,
                 floor=floor) for n in range(count)]


def words(pages: list[list[Para]]) -> list[str]:
    return " ".join(p.text for page in pages for p in page).split()


CASES = [
    pytest.param(9, 600.0, 300.0, None, id="nine-points-two-boxes"),
    pytest.param(13, 600.0, 300.0, None, id="thirteen-points-several-boxes"),
    pytest.param(6, 600.0, 300.0, 120.0, id="short-last-box-for-a-quote"),
    pytest.param(3, 600.0, 300.0, 10.0, id="last-box-too-short-for-a-line"),
]


@pytest.mark.parametrize(("count", "width", "height", "last"), CASES)
def test_pages_keep_every_word_in_order_inside_their_boxes(count, width, height, last):
    paras = points(count)
    pages = paginate(paras, width, height, last)
    assert words(pages) == words([paras])
    for page in pages[:-1]:
        assert stack_height(page, width) <= height + 1e-6
    assert stack_height(pages[-1], width) <= (height if last is None else last) + 1e-6
    assert len({p.size for page in pages for p in page}) == 1  # one size on every slide


@pytest.mark.parametrize(("count", "width", "height", "last"), CASES[:3])
def test_continued_text_is_as_large_as_its_box_count_allows_and_shared_evenly(count, width, height, last):
    paras = points(count)
    pages = paginate(paras, width, height, last)
    size = pages[0][0].size
    # One point larger, and not allowed to shrink, the text would need another box.
    stiff = points(count, size + 1, floor=size + 1)
    assert size == paras[0].want or len(paginate(stiff, width, height, last)) > len(pages)
    heights = [stack_height(page, width) for page in pages[:-1]]
    if last is None and len(pages) > 1:
        heights.append(stack_height(pages[-1], width))
        assert min(heights) >= 0.5 * max(heights)  # no nearly empty slide after a full one


def test_only_the_last_box_leaves_room_for_what_follows():
    paras = points(6)
    full = paginate(paras, 600.0, 300.0)
    roomy = paginate(paras, 600.0, 300.0, 120.0)
    assert len(full) == 1 and len(roomy) == 2
    assert roomy[0][0].size > paras[0].floor  # two slides: no need to shrink to the floor
    assert stack_height(roomy[-1], 600.0) <= 120.0
    assert max(stack_height(page, 600.0) for page in roomy[:-1]) > 120.0
    assert len(roomy) >= len(full)


def test_text_that_fits_one_box_is_fitted_not_paged():
    paras = points(2)
    assert paginate(paras, 600.0, 300.0) == [shrink_to_fit(paras, 600.0, 300.0)]


def test_a_box_smaller_than_one_line_still_ends():
    pages = paginate(points(2), 600.0, 5.0)
    assert words(pages) == words([points(2)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 12), st.floats(200.0, 700.0), st.floats(60.0, 400.0), st.floats(0.0, 1.0))
def test_paging_property(count, width, height, last_share):
    paras = points(count)
    last = height * last_share
    pages = paginate(paras, width, height, last)
    assert words(pages) == words([paras])
    assert all(page for page in pages[:-1])
    assert pages[-1] == [] or stack_height(pages[-1], width) <= last + 1e-6


def test_a_speaker_continued_over_two_slides_keeps_large_type_and_the_quote_on_the_last():
    p = prepared(STRESS, "default")
    out = io.BytesIO()
    DeckBackend().render(p.story, p.theme, out)
    prs = Presentation(io.BytesIO(out.getvalue()))
    slides = [s for s in prs.slides if s.shapes.title is not None
              and s.shapes.title.text_frame.text.startswith("Guo Fan 郭帆 5 (")]
    assert [s.shapes.title.text_frame.text[-6:] for s in slides] == ["1 of 2)", "2 of 2)"][:len(slides)] or \
        len(slides) == 2
    quotes = [any(shape.name.startswith("Quote | ") for shape in s.shapes) for s in slides]
    assert quotes == [False, True]
    sizes = {run.font.size for s in slides for shape in s.shapes if shape.name.startswith("Points | ")
             for para in shape.text_frame.paragraphs for run in para.runs}
    assert min(sizes) > Pt(p.theme.slide_scale.floor)
