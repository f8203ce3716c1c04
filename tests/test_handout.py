"""The PDF handout as a reader finds it: one page, every name, legible sizes, links, metadata."""

from __future__ import annotations

import dataclasses
import io
import re

import pdfplumber
import pypdf
import pytest

from generator.backends.handout.backend import HandoutBackend
from tests.conftest import BRIEFS, LATIN_TWINS, MINIMAL, SAMPLE, STRESS, THEMES, prepared, require_system
from tests.pdfs import letter_sizes, link_uris, page_text, unembedded_fonts

CASES = [(brief, theme) for brief in BRIEFS for theme in THEMES]
CASE_IDS = [f"{brief}-{theme}" for brief, theme in CASES]


def render(story, theme) -> bytes:
    """Return the handout's bytes for a story and theme."""
    buffer = io.BytesIO()
    HandoutBackend().render(story, theme, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def rendered():
    """Return the handout bytes and prepared brief for every brief under every built-in theme."""
    out = {}
    for brief, theme in CASES:
        prep = prepared(BRIEFS[brief], theme)
        out[(brief, theme)] = (render(prep.story, prep.theme), prep)
    return out


def squeeze(text: str) -> str:
    """Return `text` without whitespace, so wrapped lines compare equal to the source."""
    return re.sub(r"\s+", "", text)


def names_and_titles(prep) -> list[str]:
    """Return the event title, every speaker's name and every priority's title."""
    story = prep.story
    names = [story.meta.title]
    for section in story.sections:
        if section.kind == "speaker":
            names.append(section.person.name)
        if section.kind == "speakers-overview":
            names += [p.name for p in section.items]
        if section.kind == "priorities":
            names += [i.title for i in section.items]
    return list(dict.fromkeys(names))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_exactly_one_page(rendered, case):
    data, _prep = rendered[case]
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_names_priorities_and_title_are_text(rendered, case):
    data, prep = rendered[case]
    text = squeeze(page_text(data))
    missing = [name for name in names_and_titles(prep) if squeeze(name) not in text]
    assert not missing


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_character_is_on_the_page_and_legible(rendered, case):
    data, prep = rendered[case]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        outside = [c["text"] for c in chars if c["x0"] < -0.01 or c["top"] < -0.01
                   or c["x1"] > page.width + 0.01 or c["bottom"] > page.height + 0.01]
        assert chars and not outside
    sizes = letter_sizes(data)
    assert min(sizes) >= 7 - 0.01
    assert max(sizes) <= prep.theme.page_scale.title + 0.01


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_text_stays_inside_the_margins_below_the_band(rendered, case):
    data, prep = rendered[case]
    margin = prep.theme.page_margin
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        wide = [c["text"] for c in page.chars
                if c["x0"] < margin - 0.5 or c["x1"] > page.width - margin + 0.5
                or c["bottom"] > page.height - margin + 0.5]
    assert not wide


@pytest.mark.parametrize("paper, size", [("A4", (595.28, 841.89)), ("Letter", (612.0, 792.0))],
                         ids=["A4", "Letter"])
def test_paper_size_follows_the_theme(paper, size):
    prep = prepared(STRESS)
    theme = dataclasses.replace(prep.theme, paper=paper)
    reader = pypdf.PdfReader(io.BytesIO(render(prep.story, theme)))
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_same_story_gives_the_same_bytes():
    prep = prepared(STRESS, "cinema")
    assert render(prep.story, prep.theme) == render(prep.story, prep.theme)


def test_source_date_epoch_sets_the_dates(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1715904000")  # 2024-05-17 00:00 UTC
    prep = prepared(SAMPLE)
    info = pypdf.PdfReader(io.BytesIO(render(prep.story, prep.theme))).metadata
    assert info["/CreationDate"].startswith("D:20240517000000")
    assert info["/ModDate"] == info["/CreationDate"]


@pytest.mark.parametrize("brief", ["sample", "stress"])
def test_metadata_names_the_event(brief):
    prep = prepared(BRIEFS[brief])
    meta = prep.story.meta
    info = pypdf.PdfReader(io.BytesIO(render(prep.story, prep.theme))).metadata
    assert info.title == meta.title
    assert info.author == "; ".join(meta.hosts)
    assert info.subject == meta.subtitle
    assert all(k in info["/Keywords"] for k in meta.keywords)


def test_minimal_brief_has_metadata_too():
    prep = prepared(MINIMAL)
    info = pypdf.PdfReader(io.BytesIO(render(prep.story, prep.theme))).metadata
    assert info.title == "Quarterly Partners Breakfast"
    assert info.author and info.subject.startswith("A short gathering")


@pytest.mark.parametrize("brief", ["sample", "stress", "minimal"])
def test_sources_are_real_links(brief):
    prep = prepared(BRIEFS[brief])
    wanted = {i.url for s in prep.story.of_kind("sources") for i in s.items if i.url}
    assert set(link_uris(render(prep.story, prep.theme))) == wanted


def test_the_pdf_format_is_the_handout():
    from generator.backends.registry import get_backend

    backend = get_backend("pdf")
    assert isinstance(backend, HandoutBackend)
    assert (backend.name, backend.suffix) == ("pdf", ".pdf")


def test_points_and_quotes_stay_in_the_deck():
    # The README's condensing rule: the handout lists who spoke on what; points and quotes are the deck's.
    prep = prepared(SAMPLE)
    text = squeeze(page_text(render(prep.story, prep.theme)))
    people = [s.person for s in prep.story.of_kind("speaker")]
    assert all(squeeze(p.topic) in text for p in people)
    assert not any(squeeze(point) in text for p in people for point in p.points)


@pytest.mark.parametrize("brief", ["sample", "stress"])
def test_sections_appear_in_the_decks_order(brief):
    prep = prepared(BRIEFS[brief])
    text = page_text(render(prep.story, prep.theme))
    headings = ["Speakers", "Priorities", "Key takeaways", "Sources"]
    # a condensed list's heading counts its entries: 'Speakers (20)'
    positions = [re.search(rf"\n{h}( \(\d+\))?\n", text).start() for h in headings]
    assert positions == sorted(positions)


@pytest.mark.parametrize("theme", THEMES, ids=list(THEMES))
def test_the_handout_embeds_its_latin_fonts(theme):
    from generator.typeset import fonts

    if fonts.embedded("Helvetica") == "Helvetica":
        require_system("the Liberation fonts", [LATIN_TWINS])
    prep = prepared(SAMPLE, theme)
    assert unembedded_fonts(render(prep.story, prep.theme)) == set()
