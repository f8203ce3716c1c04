"""The handout's programme, key figures and organisations' logos, read back as a reader meets
them: one page in every built-in theme, the programme condensed step by step and named in the
build's notices, each logo a figure named after its organisation, mirrored right to left, and
PDF/UA-1 still passing."""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image

from generator.backends.handout.backend import HandoutBackend, draw
from generator.backends.handout.condense import (
    PROGRAMME_COUNTED,
    PROGRAMME_FULL,
    PROGRAMME_KEYNOTES,
    PROGRAMME_TITLES,
    Cut,
    notices,
)
from generator.backends.handout.content import gather
from generator.backends.handout.onepage import plan
from generator.backends.handout.text import shrink_steps
from generator.kinds import SectionKind
from generator.story import Organisation, Picture
from tests.conftest import STRESS, TEST_BRIEFS, prepared
from tests.pdfs import drawn_pieces, page_text, pdfua_problems, reader, structure, ua_failures

PROGRAMME = TEST_BRIEFS / "programme.yaml"
BRIEFS = {"programme": PROGRAMME, "stress": STRESS}
THEMES = ["default", "cinema", "print"]
CASES = [(brief, theme) for brief in BRIEFS for theme in THEMES]
IDS = [f"{brief}-{theme}" for brief, theme in CASES]
# What a reader finds of each brief's programme however far it is condensed: its first
# session, a keynote (the first words: a title may wrap after them).
FIRST_SESSION = {"programme": "Day 1 session 1", "stress": "Session 1.1:"}

_BUILT: dict[tuple[str, str], tuple[bytes, list]] = {}


def built(brief: str, theme: str) -> tuple[bytes, list]:
    """Return the handout of `brief` in `theme` and the build's notices, drawn once a run."""
    if (brief, theme) not in _BUILT:
        ready = prepared(BRIEFS[brief], theme)
        out = io.BytesIO()
        said = HandoutBackend().render(ready.story, ready.theme, out)
        _BUILT[(brief, theme)] = (out.getvalue(), said)
    return _BUILT[(brief, theme)]


def _flat(text: str) -> str:
    """Return `text` with every run of white space made one space."""
    return " ".join(text.split())


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_the_handout_is_one_page_with_its_programme(brief, theme):
    data, _said = built(brief, theme)
    assert len(reader(data).pages) == 1
    text = _flat(page_text(data))
    assert "Programme" in text and FIRST_SESSION[brief] in text


@pytest.mark.parametrize("theme", THEMES)
def test_the_stress_programme_is_condensed_and_the_build_says_so(theme):
    data, said = built("stress", theme)
    programme = [n.message for n in said if n.loc == ("agenda",)]
    assert len(programme) == 1 and programme[0].startswith("to fit one page the handout")
    assert "Programme (24)" in _flat(page_text(data))  # the heading counts what it shortened


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_pdf_ua_validators_pass(brief, theme, tmp_path):
    data, _said = built(brief, theme)
    assert ua_failures(data) == []
    assert pdfua_problems(data, tmp_path) == []


def _programme_table_heads(data: bytes) -> list[str]:
    """Return the scope of each column header cell in the structure tree."""
    return [e.get("/Scope", "") for _d, role, e in structure(data) if role == "TH"
            and e.get("/Scope") == "/Column"]


@pytest.mark.parametrize("theme", THEMES)
def test_the_programme_is_a_table_with_column_headers_per_day(theme):
    data, _said = built("programme", theme)
    roles = [role for _d, role, _e in structure(data)]
    # Two days: two tables, each headed 'Time' and the day; the key facts are the first table.
    assert roles.count("Table") == 3
    assert len(_programme_table_heads(data)) == 4
    assert roles.count("TD") >= 2 * 10


# Each step of condensing the programme, and what the page then shows or leaves out.
STEPS = [
    (PROGRAMME_FULL, ["Day 1 session 2", "Ines Farrow, Annex"], ["Programme (20)"], ""),
    (PROGRAMME_TITLES, ["Day 1 session 2", "09:45–10:15"], ["Ines Farrow, Annex"],
     "times and titles only"),
    (PROGRAMME_KEYNOTES, ["Day 1 session 1", "Day 1 session 6", "Programme (20)", "and 16 more"],
     ["Day 1 session 2"], "lists the 4 keynotes of the programme's 20 sessions"),
    (PROGRAMME_COUNTED, ["Programme (20)", "09:00–15:00"], ["Day 1 session 1"],
     "counts the programme's 20 sessions"),
]


@pytest.mark.parametrize(("step", "shown", "left_out", "said"), STEPS, ids=[s[0] for s in STEPS])
def test_each_step_of_condensing_the_programme(step, shown, left_out, said):
    ready = prepared(PROGRAMME)
    handout = gather(ready.story)
    theme = dataclasses.replace(ready.theme, palette=ready.theme.handout_palette)
    cut = Cut(programme=step)
    layout = plan(handout, theme, shrink_steps(theme.page_scale)[0], cut, quick=False)
    text = _flat(page_text(draw(handout, theme, layout)))
    assert all(words in text for words in shown), text
    assert not any(words in text for words in left_out), text
    messages = [n.message for n in notices(handout, cut) if n.loc == ("agenda",)]
    assert messages == ([] if not said else [messages[0]]) and all(said in m for m in messages)


def _logo_figures(data: bytes) -> list[str]:
    """Return the alternative text of every Figure in the structure, in reading order."""
    return [e.get("/Alt", "") for _d, role, e in structure(data) if role == "Figure"]


@pytest.mark.parametrize("theme", THEMES)
def test_every_logo_is_drawn_as_a_figure_named_after_its_organisation(theme):
    data, _said = built("programme", theme)
    story = prepared(PROGRAMME, theme).story
    names = [o.name for o in story.organisations]
    assert len(names) == 8 and _logo_figures(data) == names
    pieces = drawn_pieces(data)
    assert len(pieces["images"]) == 5  # the PNG and JPEG logos
    # The three SVG logos are drawn as vectors: curves under the notes, above the footer.
    footer_top = reader(data).pages[0].mediabox.height * 0.9
    assert any(c["top"] > footer_top for c in pieces["curves"])


def test_a_handout_without_logos_draws_no_strip():
    ready = prepared(PROGRAMME)
    story = dataclasses.replace(ready.story, organisations=())
    out = io.BytesIO()
    HandoutBackend().render(story, ready.theme, out)
    data = out.getvalue()
    footer_top = reader(data).pages[0].mediabox.height * 0.9
    assert _logo_figures(data) == []
    assert drawn_pieces(data)["images"] == []
    assert not any(c["top"] > footer_top for c in drawn_pieces(data)["curves"])


def _picture(canvas: tuple[int, int], ink: tuple[int, int, int, int], name: str) -> Picture:
    """Return a PNG logo: a red block `ink` (left, top, right, bottom) on a transparent canvas."""
    image = Image.new("RGBA", canvas, (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), ink)
    png = io.BytesIO()
    image.save(png, "PNG")
    return Picture(png.getvalue(), *canvas, "png", name, name)


@pytest.mark.parametrize("padded", [(400, 200), (100, 50)], ids=["wide-canvas", "tight-canvas"])
def test_logos_are_scaled_by_what_they_show_not_their_canvas(padded):
    ready = prepared(PROGRAMME)
    tight = _picture((100, 50), (0, 0, 100, 50), "tight")
    # The same 100 by 50 block, on a canvas that may be larger around it.
    left, top = (padded[0] - 100) // 2, (padded[1] - 50) // 2
    other = _picture(padded, (left, top, left + 100, top + 50), "other")
    organisations = tuple(Organisation(p.alt, "hosts", logo=p, loc=("hosts", i))
                          for i, p in enumerate((tight, other)))
    story = dataclasses.replace(ready.story, organisations=organisations)
    out = io.BytesIO()
    HandoutBackend().render(story, ready.theme, out)
    first, second = drawn_pieces(out.getvalue())["images"]
    # Drawn whole and clipped to the block: the canvas scales with the block's height.
    assert second["height"] / first["height"] == pytest.approx(padded[1] / 50, rel=0.01)


@pytest.mark.parametrize("theme", THEMES)
def test_the_key_figures_are_in_the_key_facts(theme):
    data, _said = built("programme", theme)
    text = _flat(page_text(data))
    assert all(words in text for words in ("20 sessions", "6 speakers", "2 days")), text
    tree = structure(data)
    lists = [e for _d, role, e in tree if role == "L"]
    assert lists and lists[0].get("/ListNumbering") == "/None"


def _right_to_left(story):
    """Return the story told in Arabic's direction (its words unchanged)."""
    return dataclasses.replace(story, meta=dataclasses.replace(story.meta, language="ar"))


@pytest.mark.parametrize("rtl", [False, True], ids=["left-to-right", "right-to-left"])
def test_a_right_to_left_handout_mirrors_the_programme_figures_and_logos(rtl, tmp_path):
    ready = prepared(PROGRAMME)
    story = _right_to_left(ready.story) if rtl else ready.story
    out = io.BytesIO()
    HandoutBackend().render(story, ready.theme, out)
    data = out.getvalue()
    words = drawn_pieces(data)["words"]
    time = next(w for w in words if w["text"].startswith("09:00"))
    title = next(w for w in words if w["text"] == "Day" and abs(w["top"] - time["top"]) < 2)
    assert (time["x0"] > title["x1"]) == rtl  # the time column on the start side
    first, second = (next(w for w in words if w["text"] == v) for v in ("20", "6"))
    assert (first["x0"] > second["x0"]) == rtl  # the first figure on the start side
    images = drawn_pieces(data)["images"]  # drawn in the organisations' order
    assert (images[0]["x0"] > images[-1]["x0"]) == rtl
    assert ua_failures(data) == [] and pdfua_problems(data, tmp_path) == []


def test_a_story_without_a_programme_has_no_programme_section():
    story = prepared(PROGRAMME).story
    kept = tuple(s for s in story.sections if s.kind != SectionKind.AGENDA)
    handout = gather(dataclasses.replace(story, sections=kept, agenda=None))
    assert handout.part("agenda") is None
    assert gather(story).part("agenda") is not None
