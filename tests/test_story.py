"""The story says what, whole; the deck decides how much goes on a slide and shows its plan."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation

from generator.backends.deck import DeckBackend
from generator.backends.markdown import MarkdownBackend
from generator.brief.load import load_brief
from generator.story import SectionKind, build_story

from .conftest import BRIEFS, MINIMAL, SAMPLE, STRESS, prepared

LISTS = [
    pytest.param(SectionKind.PRIORITIES, "priorities", id="priorities"),
    pytest.param(SectionKind.TAKEAWAYS, "takeaways", id="takeaways"),
    pytest.param(SectionKind.SOURCES, "sources", id="sources"),
]


@pytest.mark.parametrize(("kind", "key"), LISTS)
def test_a_list_is_one_section_holding_every_item(kind, key):
    loaded = load_brief(STRESS)
    sections = build_story(loaded.brief).of_kind(kind)
    assert len(sections) == 1
    assert len(sections[0].items) == len(getattr(loaded.brief, key))
    assert [item.loc for item in sections[0].items] == [(key, i) for i in range(len(sections[0].items))]


def test_the_overview_holds_every_speaker():
    loaded = load_brief(STRESS)
    (overview,) = build_story(loaded.brief).of_kind(SectionKind.SPEAKERS_OVERVIEW)
    assert [p.name for p in overview.items] == [s.name for s in loaded.brief.speakers]


def test_every_section_kind_is_a_kind_of_the_enum():
    story = build_story(load_brief(STRESS).brief)
    kinds = {section.kind for section in story.sections}
    assert kinds == set(SectionKind)
    assert all(type(section.kind) is SectionKind for section in story.sections)


@pytest.mark.parametrize("case", list(BRIEFS), ids=list(BRIEFS))
def test_the_deck_plan_is_the_deck_it_draws(case):
    prep = prepared(BRIEFS[case])
    backend = DeckBackend()
    plan = backend.plan(prep.story, prep.theme)
    buffer = io.BytesIO()
    backend.render(prep.story, prep.theme, buffer)
    slides = list(Presentation(buffer).slides)
    assert [p.number for p in plan] == list(range(1, len(slides) + 1))
    assert [p.title for p in plan] == [s.shapes.title.text_frame.text for s in slides]
    notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in slides]
    assert [p.notes for p in plan] == notes
    assert plan[0].kind == SectionKind.COVER


def test_continued_slides_are_numbered_parts_of_one_section():
    prep = prepared(STRESS)
    plan = DeckBackend().plan(prep.story, prep.theme)
    overview = [p.title for p in plan if p.kind == SectionKind.SPEAKERS_OVERVIEW]
    assert len(overview) > 1
    assert overview == [f"Speakers ({n} of {len(overview)})" for n in range(1, len(overview) + 1)]


@pytest.mark.parametrize("brief", [SAMPLE, STRESS, MINIMAL], ids=["sample", "stress", "minimal"])
def test_markdown_lists_are_not_broken_by_slide_splits(brief):
    prep = prepared(brief)
    buffer = io.BytesIO()
    MarkdownBackend().render(prep.story, prep.theme, buffer)
    text = buffer.getvalue().decode()
    # A blank line between two items would make a loose list, or two lists, in CommonMark.
    assert not re.search(r"^- .*\n\n- ", text, re.MULTILINE)
    assert text.count("## Speakers") <= 1


@pytest.mark.parametrize(("language", "alt"), [
    pytest.param("en", "Photo of Ada, Director, Archive", id="en"),
    pytest.param("fr", None, id="fr-not-english"),
])
def test_a_photo_says_who_it_shows_in_the_briefs_language(tmp_path, language, alt):
    from PIL import Image

    from generator.paths import AssetPolicy
    from generator.workflow.prepare import prepare

    Image.new("RGB", (20, 20), (10, 20, 30)).save(tmp_path / "ada.png")
    (tmp_path / "b.yaml").write_text(
        f"language: {language}\nevent:\n  title: T\n  summary: S.\nspeakers:\n"
        "  - name: Ada\n    title: Director\n    organization: Archive\n    photo: ada.png\n")
    story = prepare(tmp_path / "b.yaml", policy=AssetPolicy(tmp_path)).story
    (speaker,) = story.of_kind(SectionKind.SPEAKER)
    assert speaker.person is not None and speaker.person.photo is not None
    shown = speaker.person.photo.alt
    assert "Ada" in shown and "Archive" in shown
    assert shown == alt if alt else not shown.startswith("Photo of")
