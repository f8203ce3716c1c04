"""The presenter's script (`-f script`): every slide's number, title and notes, in order, large."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main

from .conftest import (
    ROOT,
    SAMPLE,
    TEST_BRIEFS,
    needs_programs,
    prepared,
    require_cjk_faces,
    require_latin_twins,
)
from .pdfs import font_names, letter_sizes, page_text, unembedded_fonts

CHINESE_SAMPLE = ROOT / "briefs" / "film-tech-symposium.zh-Hans.yaml"
SAMPLES = [pytest.param(SAMPLE, id="sample"), pytest.param(CHINESE_SAMPLE, id="zh-Hans")]


def build(brief: Path, out: Path, *formats: str) -> str:
    """Build `brief` into `out` with the given formats; return the command's output."""
    args = ["build", str(brief), "-o", str(out)] + [a for f in formats for a in ("-f", f)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def script_of(brief: Path, out: Path) -> Path:
    """Build the script of `brief` into `out`; return its path."""
    build(brief, out, "script")
    path = out / f"{brief.stem}-script.pdf"
    assert path.is_file()
    return path


def planned(brief: Path):
    """Return the deck's slide plan for `brief`."""
    from generator.backends.deck.backend import DeckBackend

    ready = prepared(brief)
    return DeckBackend().plan(ready.story, ready.theme)


def squeezed(text: str) -> str:
    """Return `text` without white space: wrapping moves line breaks, never letters."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Build the script of each sample once for the module."""
    out = tmp_path_factory.mktemp("script")
    return {brief.stem: script_of(brief, out) for brief in (SAMPLE, CHINESE_SAMPLE)}


@pytest.mark.parametrize("brief", SAMPLES)
def test_every_slide_is_there_in_order_with_its_number_title_and_notes(built, brief):
    reader = PdfReader(built[brief.stem])
    text = squeezed("".join(page.extract_text() for page in reader.pages))
    slides = planned(brief)
    assert len(slides) == 9  # cover, glance, programme, three speakers, priorities, takeaways, sources
    position = 0
    for slide in slides:
        for part in [squeezed(str(slide.number)), squeezed(slide.title),
                     *(squeezed(line) for line in slide.notes.split("\n") if line.strip())]:
            found = text.find(part, position)
            assert found >= 0, f"slide {slide.number}: {part[:40]!r} missing or out of order"
            position = found + len(part)


@pytest.mark.parametrize("brief", SAMPLES)
def test_every_letter_is_at_least_14_pt(built, brief):
    sizes = letter_sizes(built[brief.stem].read_bytes())
    assert sizes
    assert min(sizes) >= 14 - 0.01


def test_each_slide_is_labelled_in_the_briefs_language(built):
    english = squeezed(page_text(built[SAMPLE.stem].read_bytes()))
    chinese = squeezed(page_text(built[CHINESE_SAMPLE.stem].read_bytes()))
    assert "Slide1" in english and "Speakernotes:" in english
    assert "幻灯片1" in chinese and "演讲者备注" in chinese
    assert "Slide1" not in chinese


@pytest.mark.parametrize("brief", SAMPLES)
def test_a_bookmark_per_slide_a_title_and_a_language(built, brief):
    reader = PdfReader(built[brief.stem])
    slides = planned(brief)
    outline = [item.title for item in reader.outline]
    assert outline == [f"{s.number}. {s.title}" for s in slides]
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]) == prepared(brief).story.meta.language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert prepared(brief).story.meta.title in reader.metadata.title


def test_pages_are_numbered_in_the_footer(built):
    reader = PdfReader(built[SAMPLE.stem])
    count = len(reader.pages)
    assert count > 1
    for n, page in enumerate(reader.pages, 1):
        assert f"{n} / {count}" in page.extract_text()


@pytest.mark.parametrize("brief", SAMPLES)
def test_every_font_is_embedded(built, brief):
    require_latin_twins()
    require_cjk_faces(prepared(brief).story.meta.cjk_region)
    data = built[brief.stem].read_bytes()
    assert font_names(data)
    assert unembedded_fonts(data) == set()


@needs_programs("pdftoppm")
def test_printed_on_white_with_dark_text_whatever_the_theme(built, tmp_path):
    # The sample's theme is the dark `cinema`.
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-singlefile", str(built[SAMPLE.stem]),
                    str(tmp_path / "page")], check=True)
    from PIL import Image

    with Image.open(tmp_path / "page.png") as image:
        levels = image.convert("L").histogram()  # how many pixels at each grey, black to white
    assert sum(levels[251:]) / sum(levels) > 0.8  # the paper
    assert sum(levels[:60]) > 0  # the ink


def test_the_same_story_gives_the_same_bytes(tmp_path):
    first = script_of(SAMPLE, tmp_path / "a").read_bytes()
    second = script_of(SAMPLE, tmp_path / "b").read_bytes()
    assert first == second


def test_listed_by_briefgen_backends():
    result = CliRunner().invoke(main, ["backends"], catch_exceptions=False)
    assert result.exit_code == 0
    assert any(line.split()[0] == "script" for line in result.output.splitlines() if line.strip())


def test_a_default_build_does_not_write_it(tmp_path):
    build(SAMPLE, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "film-tech-symposium.pdf", "film-tech-symposium.pptx"]


def test_the_build_reports_its_pages(tmp_path):
    output = build(SAMPLE, tmp_path, "script")
    assert "film-tech-symposium-script.pdf (" in output and " pages)" in output


def test_a_slide_without_notes_says_so():
    from generator.backends.script.layout import Slide, draw

    ready = prepared(SAMPLE)
    buffer = io.BytesIO()
    draw(buffer, [Slide(1, "Only a title", "")], ready.story, ready.theme)
    text = page_text(buffer.getvalue())
    assert "Only a title" in text and "No notes for this slide" in text


def test_right_to_left_notes_render(tmp_path):
    path = script_of(TEST_BRIEFS / "arabic.yaml", tmp_path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        arabic = [ch for ch in page.chars if "\u0600" <= ch["text"] <= "\u06ff"
                  or "\ufe70" <= ch["text"] <= "\ufeff"]
        assert arabic
        # Right-to-left paragraphs start at the right margin.
        assert max(ch["x1"] for ch in arabic) > page.width * 0.8


@pytest.mark.parametrize("template", [False, True], ids=["theme", "template"])
def test_slides_number_and_read_as_in_the_deck(tmp_path, template):
    """Continued slides and template layouts: the script follows the deck slide for slide."""
    import pptx

    from .conftest import STRESS
    from .templates import default_template

    args = ["-t", str(default_template(tmp_path))] if template else []
    result = CliRunner().invoke(main, ["build", str(STRESS), "-o", str(tmp_path / "out"), "-f", "pptx",
                                       "-f", "script", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    deck = pptx.Presentation(str(tmp_path / "out" / f"{STRESS.stem}.pptx"))
    titles = [slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
              for slide in deck.slides]
    outline = [item.title for item in PdfReader(tmp_path / "out" / f"{STRESS.stem}-script.pdf").outline]
    assert len(outline) == len(titles) > 8  # the stress brief continues slides
    for n, (entry, title) in enumerate(zip(outline, titles, strict=True), 1):
        assert entry.startswith(f"{n}. ")
        if title:
            assert squeezed(entry.split(". ", 1)[1]) == squeezed(title)


@pytest.mark.parametrize(("brief", "slides"), [pytest.param(TEST_BRIEFS / "programme.yaml", 2,
                                                            id="programme"),
                                               pytest.param(TEST_BRIEFS / "stress.yaml", 0,
                                                            id="stress")])
def test_the_programme_slides_are_read_out_with_their_sessions(tmp_path, brief, slides):
    """The script follows the deck: each programme slide, titled as in the deck, with the notes
    that read out the sessions it shows (each session once over all of them)."""
    plan = [s for s in planned(brief) if s.kind == "agenda"]
    assert len(plan) == slides or (not slides and len(plan) > 1)
    reader = PdfReader(script_of(brief, tmp_path))
    text = squeezed("".join(page.extract_text() for page in reader.pages))
    position = 0
    for slide in plan:
        for part in [squeezed(slide.title), *(squeezed(line) for line in slide.notes.split("\n"))]:
            found = text.find(part, position)
            assert found >= 0, f"{slide.title}: {part[:40]!r} missing or out of order"
            position = found + len(part)
    session_lines = [line for s in plan for line in s.notes.split("\n") if ": " in line]
    assert len(session_lines) == len(prepared(brief).story.agenda.sessions)
