"""Grafting an edited deck's slides and shapes into a newly built deck (ooxml.graft): an editor
adds a slide with a picture and notes, a text box with a link, moves a title and makes it bold;
the new deck gets them, opens in python-pptx, passes the package check and the Open XML
validator, and LibreOffice draws one page per slide. What cannot be carried is left out, named."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from openxml_audit import validate_pptx
from pptx import Presentation
from pptx.util import Emu

from generator.backends.deck import DeckBackend
from generator.ooxml.graft import Graft
from generator.ooxml.package import check_package
from generator.ooxml.parse import PackageError
from tests import templates as T
from tests.conftest import SAMPLE, needs_programs, prepared, require_soffice, saved_by_libreoffice

STAMP = (2026, 1, 2, 3, 4, 6)
ADDED_TITLE = "Added by the editor"
NOTES = "Say this about the green picture"
COLOUR = (37, 201, 99)  # the picture's, a green no look of briefgen's draws
BOX_TEXT = "A note the editor added"
LINK = "https://example.org/programme"
MOVED = (Emu(300000), Emu(200000), Emu(6000000))  # left, top, width
ADDED_AFTER = 3  # the editor's slide follows slide 3


def png() -> bytes:
    """Return a small PNG of one colour made with Pillow."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (96, 64), COLOUR).save(out, "PNG")
    return out.getvalue()


def build(template: Path | None = None) -> bytes:
    """Return the sample deck, in the built-in look or on `template`."""
    prep = prepared(SAMPLE, str(template) if template else None)
    out = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, out)
    return out.getvalue()


def edited(data: bytes) -> bytes:
    """Return the deck as an editor leaves it: a slide with a picture and notes after slide 3,
    a text box with a link on slide 2, slide 1's title moved, widened and bold."""
    prs = Presentation(io.BytesIO(data))
    layout = next(lay for lay in prs.slide_layouts if lay._element.get("type") == "titleOnly")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = ADDED_TITLE
    slide.shapes.add_picture(io.BytesIO(png()), Emu(914400), Emu(1828800), Emu(3657600))
    slide.notes_slide.notes_text_frame.text = NOTES
    entries = prs.slides._sldIdLst
    entry = entries[-1]
    entries.remove(entry)
    entries.insert(ADDED_AFTER, entry)
    box = prs.slides[1].shapes.add_textbox(Emu(914400), Emu(5200000), Emu(4000000), Emu(500000))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = BOX_TEXT
    run.hyperlink.address = LINK
    title = prs.slides[0].shapes.title
    title.left, title.top, title.width = MOVED
    title.text_frame.paragraphs[0].runs[0].font.bold = True
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Found:
    """Where the editor's changes are in an old deck, by shape id (a save may renumber them)."""

    box: int
    title: int
    new_title: int


def found(old: bytes, new: bytes) -> Found:
    """Return the ids of the text box on slide 2 and the titles of slide 1 (old and new)."""
    old_deck, new_deck = Presentation(io.BytesIO(old)), Presentation(io.BytesIO(new))
    box = next(s for s in old_deck.slides[1].shapes if s.has_text_frame and s.text_frame.text == BOX_TEXT)
    return Found(box.shape_id, old_deck.slides[0].shapes.title.shape_id,
                 new_deck.slides[0].shapes.title.shape_id)


def grafted(old: bytes, new: bytes) -> tuple[bytes, Graft]:
    """Return the new deck with the editor's slide, text box and title brought in."""
    at = found(old, new)
    graft = Graft(new, old)
    graft.add_slide(ADDED_AFTER + 1, ADDED_AFTER)
    graft.add_shapes(2, [at.box], 2)
    graft.restyle(1, at.title, 1, at.new_title, text=True)
    return graft.result(STAMP), graft


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, tuple[bytes, bytes]]:
    """Return (old, new) decks by case: the built-in look, the same deck saved by LibreOffice,
    and decks on two templates."""
    folder = tmp_path_factory.mktemp("graft")
    builtin = build()
    default_template, renamed = T.default_template(folder), T.renamed_template(folder)
    return {"builtin": (edited(builtin), build()),
            "libreoffice": (saved_by_libreoffice(edited(builtin), folder / "lo"), build()),
            "default-template": (edited(build(default_template)), build(default_template)),
            "renamed-template": (edited(build(renamed)), build(renamed))}


CASES = ["builtin", "libreoffice", "default-template", "renamed-template"]


@pytest.fixture(scope="module")
def results(decks) -> dict[str, tuple[bytes, Graft]]:
    """Return each case's grafted deck."""
    return {case: grafted(*decks[case]) for case in CASES}


def titles(data: bytes) -> list[str]:
    """Return each slide's title text ('' for a slide without one)."""
    deck = Presentation(io.BytesIO(data))
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in deck.slides]


@pytest.mark.parametrize("case", CASES)
def test_the_added_slide_takes_its_place(case, decks, results):
    data, _graft = results[case]
    new_titles = titles(decks[case][1])
    assert titles(data) == [*new_titles[:ADDED_AFTER], ADDED_TITLE, *new_titles[ADDED_AFTER:]]


@pytest.mark.parametrize("case", CASES)
def test_the_added_picture_and_notes_are_carried(case, results):
    slide = Presentation(io.BytesIO(results[case][0])).slides[ADDED_AFTER]
    pictures = [s for s in slide.shapes if s.shape_type == 13]
    assert [p.image.blob for p in pictures] == [png()]
    assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text == NOTES


@pytest.mark.parametrize("case", CASES)
def test_the_text_box_is_on_its_slide_with_its_link(case, results):
    deck = Presentation(io.BytesIO(results[case][0]))
    boxes = [s for s in deck.slides[1].shapes if s.has_text_frame and s.text_frame.text == BOX_TEXT]
    assert len(boxes) == 1
    assert boxes[0].text_frame.paragraphs[0].runs[0].hyperlink.address == LINK
    assert not any(s.has_text_frame and s.text_frame.text == BOX_TEXT
                   for i, slide in enumerate(deck.slides) if i != 1 for s in slide.shapes)
    ids = [s.shape_id for s in deck.slides[1].shapes]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES)
def test_the_restyled_title_is_where_the_editor_put_it(case, decks, results):
    """Where the edited deck holds it (LibreOffice keeps positions in hundredths of a mm)."""
    title = Presentation(io.BytesIO(results[case][0])).slides[0].shapes.title
    moved = Presentation(io.BytesIO(decks[case][0])).slides[0].shapes.title
    assert (title.left, title.top, title.width) == (moved.left, moved.top, moved.width)
    placed = (title.left, title.top, title.width)
    assert all(abs(got - want) < 360 for got, want in zip(placed, MOVED, strict=True))
    assert title.text_frame.paragraphs[0].runs[0].font.bold is True


@pytest.mark.parametrize("case", CASES)
def test_the_grafted_deck_is_whole_and_valid(case, results, tmp_path):
    data, graft = results[case]
    check_package(data)
    path = tmp_path / "grafted.pptx"
    path.write_bytes(data)
    report = validate_pptx(path)
    assert report.is_valid, [str(e) for e in report.errors][:10]
    assert not [line for line in graft.lost if "layout" not in line]


def picture_pixels(pdf: Path, page: int) -> int:
    """Return how many pixels of `page` of `pdf`, drawn by poppler, have the picture's colour."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", str(page), "-l", str(page), str(pdf),
                    str(pdf.with_suffix(""))], check=True, capture_output=True, timeout=60)
    drawn = next(pdf.parent.glob(f"{pdf.stem}-*{page}.png"))
    with Image.open(drawn) as image:
        colours = image.convert("RGB").getcolors(image.width * image.height) or []
    return sum(count for count, rgb in colours
               if all(abs(got - want) <= 12 for got, want in zip(rgb, COLOUR, strict=True)))


@needs_programs("soffice", "pdftoppm")
@pytest.mark.parametrize("case", ["builtin", "renamed-template"])
def test_libreoffice_draws_one_page_per_slide_and_the_picture(case, results, tmp_path):
    from tests.pdfs import reader

    data = results[case][0]
    (tmp_path / "deck.pptx").write_bytes(data)
    subprocess.run([require_soffice(), f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "deck.pptx")], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "deck.pdf"
    assert len(reader(pdf.read_bytes()).pages) == len(Presentation(io.BytesIO(data)).slides)
    assert picture_pixels(pdf, ADDED_AFTER + 1) > 100
    assert picture_pixels(pdf, ADDED_AFTER) < 10  # the check can fail: not on the slide before


def test_the_validator_and_check_catch_a_dangling_reference(results, tmp_path):
    """The checks above can fail: the grafted deck with its picture's relationship removed."""
    data = results["builtin"][0]
    broken = T.rewrite(data, {"ppt/slides/_rels/slide9.xml.rels": lambda x: re.sub(
        rb'<Relationship Id="rId\d+"[^>]*image[^>]*/>', b"", x)})
    with pytest.raises(PackageError, match="missing relationship"):
        check_package(broken)
