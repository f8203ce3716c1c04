"""The PowerPoint deck as a reader sees it: titles, text, notes, pictures, fonts, bounds, bytes."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from functools import cache

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Pt

from generator.backends.deck import backend as pptx_deck
from generator.backends.deck import package as deck_package
from generator.backends.deck.backend import DeckBackend
from generator.story import Picture
from generator.typeset import fonts
from tests.conftest import BRIEFS, SAMPLE, STRESS, THEMES, prepared

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CASES = [(brief, theme) for brief in BRIEFS for theme in THEMES]
IDS = [f"{brief}-{theme}" for brief, theme in CASES]


@cache
def deck_bytes(brief: str, theme: str) -> bytes:
    """Return the deck rendered for a named test brief under a built-in theme."""
    p = prepared(BRIEFS[brief], theme)
    out = io.BytesIO()
    DeckBackend().render(p.story, p.theme, out)
    return out.getvalue()


def render(story, theme) -> tuple[Presentation, list]:
    """Return the reopened deck and the notices for a story."""
    out = io.BytesIO()
    notices = DeckBackend().render(story, theme, out)
    return Presentation(io.BytesIO(out.getvalue())), notices


def clean(text: str) -> str:
    """Return text as a reader reads it (zero-width break hints removed)."""
    return text.replace("\u200b", "")


def titles(prs) -> list[str]:
    """Return each slide's title, read from its title placeholder."""
    return [clean(slide.shapes.title.text_frame.text) for slide in prs.slides]


def all_text(prs) -> str:
    """Return all the text on all slides."""
    return clean("\n".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                           if shape.has_text_frame))


def png(width: int, height: int, colour: str = "#3366AA") -> bytes:
    """Return a small PNG image."""
    buf = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buf, "PNG")
    return buf.getvalue()


def test_sample_titles_in_story_order():
    prs = Presentation(io.BytesIO(deck_bytes("sample", "default")))
    assert titles(prs) == [
        "Film Technology Development and Innovation Symposium", "At a glance", "Programme",
        "Lu Liang", "Guo Fan", "Zhang Wei", "Priorities", "Key takeaways", "Sources",
    ]


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_titles_unique_and_in_placeholders(brief, theme):
    prs = Presentation(io.BytesIO(deck_bytes(brief, theme)))
    names = titles(prs)
    assert all(names) and len(names) == len(set(names))
    for slide in prs.slides:
        assert slide.shapes.title.is_placeholder


@pytest.mark.parametrize("brief", list(BRIEFS), ids=list(BRIEFS))
def test_every_speaker_and_priority_is_on_a_slide(brief):
    p = prepared(BRIEFS[brief], "default")
    text = all_text(Presentation(io.BytesIO(deck_bytes(brief, "default"))))
    for speaker in p.loaded.brief.speakers:
        assert speaker.name in text
    for priority in p.loaded.brief.priorities:
        assert priority.title in text


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_notes_on_every_slide(brief, theme):
    prs = Presentation(io.BytesIO(deck_bytes(brief, theme)))
    for slide in prs.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_every_shape_inside_the_slide(brief, theme):
    prs = Presentation(io.BytesIO(deck_bytes(brief, theme)))
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_text_is_sized_spaced_and_never_autofitted(brief, theme):
    p = prepared(BRIEFS[brief], theme)
    prs = Presentation(io.BytesIO(deck_bytes(brief, theme)))
    families = {p.theme.heading.family, p.theme.body.family}
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            body = shape.text_frame._txBody.bodyPr
            assert body.find(f"{A}normAutofit") is None and body.find(f"{A}spAutoFit") is None
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    assert run.font.size is not None and run.font.name in families
                    small = shape.name.split(" | ")[0] in ("Footer", "Slide number") or shape.name.startswith(
                        ("Initials", "Number"))
                    assert small or run.font.size >= Pt(p.theme.slide_scale.floor), shape.name
                if para.runs:
                    assert para.line_spacing is not None


def test_cjk_runs_carry_east_asian_typeface_and_language():
    p = prepared(STRESS, "default")
    prs = Presentation(io.BytesIO(deck_bytes("stress", "default")))
    seen = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for run in (r for para in shape.text_frame.paragraphs for r in para.runs):
                scripts = {fonts.cjk_script(ch) for ch in run.text} - {None}
                if not scripts:
                    continue
                seen += 1
                rpr = run._r.rPr
                assert rpr.find(f"{A}ea").get("typeface") == p.theme.cjk_family
                assert rpr.get("lang") == fonts.CJK_LANG[scripts.pop()]
    assert seen > 10


def test_core_properties():
    prs = Presentation(io.BytesIO(deck_bytes("sample", "default")))
    props = prs.core_properties
    assert props.title == "Film Technology Development and Innovation Symposium"
    assert props.subject == "Embracing innovation in China's film industry"
    assert "Film Tech Symposium" in props.keywords
    assert props.author == "China Film Administration"
    assert props.created == props.modified == props.last_printed


@pytest.mark.parametrize("epoch", [None, "1700000000"], ids=["no-epoch", "epoch"])
def test_two_renders_are_byte_identical(monkeypatch, epoch):
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    p = prepared(SAMPLE, "cinema")
    # The first deck in a theme builds its template, the second saves a copy, the third reopens it.
    monkeypatch.setattr(pptx_deck, "_TEMPLATES", {})
    decks = [io.BytesIO() for _ in range(3)]
    for deck in decks:
        DeckBackend().render(p.story, p.theme, deck)
    assert decks[0].getvalue() == decks[1].getvalue() == decks[2].getvalue()
    assert isinstance(pptx_deck._TEMPLATES[p.theme], bytes)
    created = Presentation(io.BytesIO(decks[0].getvalue())).core_properties.created
    assert created.year == (2023 if epoch else 1980)


def test_deck_zip_is_the_same_bytes_without_python_pptx_internals(monkeypatch):
    """The zip is written from python-pptx's serializer when its internals are there, else from
    a saved copy: both must give the same file."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    p = prepared(SAMPLE)
    direct, saved = io.BytesIO(), io.BytesIO()
    DeckBackend().render(p.story, p.theme, direct)
    monkeypatch.setattr(deck_package, "_members", deck_package.saved_members)
    DeckBackend().render(p.story, p.theme, saved)
    assert direct.getvalue() == saved.getvalue()
    with zipfile.ZipFile(io.BytesIO(direct.getvalue())) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_four_by_three_slides():
    p = prepared(SAMPLE, "default")
    prs, _ = render(p.story, dataclasses.replace(p.theme, slide_size="4:3"))
    assert (prs.slide_width, prs.slide_height) == (Pt(720), Pt(540))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width


def test_photos_are_cropped_and_pictures_have_alt_text():
    p = prepared(SAMPLE, "default")
    photo = Picture(png(300, 600), 300, 600, "png", "portrait")
    logo = Picture(png(400, 100, "#AA3311"), 400, 100, "png", "Symposium logo")
    sections = tuple(
        dataclasses.replace(s, person=dataclasses.replace(s.person, photo=photo)) if s.person else s
        for s in p.story.sections)
    story = dataclasses.replace(p.story, sections=sections, logo=logo)
    prs, _ = render(story, p.theme)
    pictures = [shape for slide in prs.slides for shape in slide.shapes if shape.shape_type == 13]
    alts = [pic._element._nvXxPr.cNvPr.get("descr") for pic in pictures]
    assert all(alts)
    # The deck writes the alt text the story gave each picture (the story says who it shows).
    assert alts.count("portrait") == sum(1 for s in story.sections if s.person)
    assert alts.count("Symposium logo") == len(prs.slides)
    portrait = next(pic for pic in pictures if pic.name == "Photo: Lu Liang")
    assert portrait.crop_top == pytest.approx(0.25) and portrait.crop_bottom == pytest.approx(0.25)


def test_initials_badge_without_photo():
    prs = Presentation(io.BytesIO(deck_bytes("sample", "default")))
    lu_liang = next(s for s in prs.slides if s.shapes.title.text == "Lu Liang")
    badges = [shape for shape in lu_liang.shapes if shape.name.startswith("Initials")]
    assert [b.text_frame.text for b in badges] == ["LL"]


def test_source_links_are_clickable():
    prs = Presentation(io.BytesIO(deck_bytes("stress", "default")))
    links = [run.hyperlink.address for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame for para in shape.text_frame.paragraphs for run in para.runs
             if run.hyperlink.address]
    assert links and all(link.startswith(("http://", "https://", "mailto:")) for link in links)


def test_long_points_continue_on_a_numbered_slide_with_a_notice():
    p = prepared(STRESS, "default")
    prs, notices = render(p.story, p.theme)
    continued = [t for t in titles(prs) if t.endswith("(2 of 2)") and t.startswith("Guo Fan")]
    assert continued
    assert any(n.loc[0] == "speakers" and "continue" in n.message for n in notices)


def test_long_words_get_break_hints_only_inside_words():
    prs = Presentation(io.BytesIO(deck_bytes("stress", "default")))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame and "\u200b" in shape.text_frame.text]
    assert texts
    for text in texts:
        for at in (i for i, ch in enumerate(text) if ch == "\u200b"):
            assert not text[at - 1].isspace() and not text[at + 1].isspace()


@pytest.mark.parametrize("theme_name", ["default", "cinema", "print"])
def test_pptx_theme_part_carries_the_theme_colours_and_fonts(theme_name):
    """Text someone adds later in PowerPoint starts in the theme's typefaces and colours."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    ready = prepared(SAMPLE, theme_name)
    prs, _notices = render(ready.story, ready.theme)
    xml = prs.slide_master.part.part_related_by(RT.THEME).blob.decode()
    palette = ready.theme.palette
    assert f'<a:dk1><a:srgbClr val="{palette.text[1:]}"/></a:dk1>' in xml
    assert f'<a:lt1><a:srgbClr val="{palette.background[1:]}"/></a:lt1>' in xml
    assert f'<a:accent1><a:srgbClr val="{palette.primary[1:]}"/></a:accent1>' in xml
    assert f'<a:majorFont><a:latin typeface="{ready.theme.heading.family}"/>' in xml
    assert f'<a:minorFont><a:latin typeface="{ready.theme.body.family}"/>' in xml
