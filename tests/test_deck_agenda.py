"""The programme, the organisations' logos and the key figures on the built-in deck, as a reader
finds them: a native table whose header row is marked and repeated on every slide it continues
on, drawn by LibreOffice inside its slide; every logo drawn on the cover with its name as alt
text; the figures as tiles on the glance; each speaker's session under their role; every deck
clean in openxml-audit and in `briefgen check`."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from pptx import Presentation

from generator.backends.deck import DeckBackend
from tests.conftest import STRESS, TEST_BRIEFS, THEMES, prepared

PROGRAMME = TEST_BRIEFS / "programme.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@cache
def deck_bytes(brief: Path, theme: str = "default") -> bytes:
    """Return the built-in deck of `brief` in `theme`, drawn once per test run."""
    prep = prepared(brief, theme)
    out = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, out)
    return out.getvalue()


def tables(data: bytes) -> list[tuple[int, str, object]]:
    """Return every table of the deck: (slide number, slide title, the python-pptx table shape)."""
    found = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, start=1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        found += [(number, title, shape) for shape in slide.shapes if shape.has_table]
    return found


def rows_text(shape) -> list[list[str]]:
    """Return a table's cells' text, row by row."""
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


CASES = [pytest.param(theme, id=theme) for theme in THEMES]


@pytest.mark.parametrize("theme", CASES)
def test_the_programme_is_a_table_with_its_header_row_marked(theme: str) -> None:
    found = tables(deck_bytes(PROGRAMME, theme))
    assert found, "no table in the programme's deck"
    sessions = [row for _, _, shape in found for row in rows_text(shape)[1:]]
    assert len(sessions) == 20, "every session is a row, once"
    for _, _, shape in found:
        properties = shape._element.find(f".//{A}tblPr")
        assert properties.get("firstRow") == "1"
        assert rows_text(shape)[0] == ["Day", "Time", "Session", "Speakers", "Room"]
        assert shape._element.find(f".//{A}tblPr").get("rtl") is None  # an English deck


def test_only_the_columns_sessions_fill_are_drawn() -> None:
    """The sample-like case: sessions with titles and speakers only get two columns."""
    import dataclasses

    from generator.backends.deck.agenda import columns
    from generator.story import Session

    bare = (Session("Opening", speakers=("A",)), Session("Close"))
    assert columns(bare) == ("session", "speakers")
    timed = (dataclasses.replace(bare[0], when="09:00", room="Hall"), bare[1])
    assert columns(timed) == ("time", "session", "speakers", "room")


def test_a_long_programme_continues_with_its_header_repeated() -> None:
    found = tables(deck_bytes(STRESS))
    assert len(found) >= 2, "the stress brief's 24 sessions need more than one slide"
    count = len(found)
    titles = [title for _, title, _ in found]
    assert titles == [f"Programme ({n} of {count})" for n in range(1, count + 1)]
    heads = {tuple(rows_text(shape)[0]) for _, _, shape in found}
    assert len(heads) == 1 and "Session" in next(iter(heads))
    numbers = [n for n, _, _ in found]
    assert numbers == list(range(numbers[0], numbers[0] + count)), "its slides follow each other"
    rows = sum(len(rows_text(shape)) - 1 for _, _, shape in found)
    assert rows == 24


@pytest.mark.parametrize(("brief", "theme"), [pytest.param(b, t, id=f"{b.stem}-{t}")
                                              for b in (PROGRAMME, STRESS) for t in THEMES])
def test_briefgen_check_finds_nothing(brief: Path, theme: str) -> None:
    from generator.workflow.check.run import check_deck

    assert [str(f) for f in check_deck(deck_bytes(brief, theme), "deck.pptx")] == []


def test_briefgen_check_would_find_a_table_without_its_header() -> None:
    """The check above can fail: the same deck with the header mark taken off is an error."""
    from generator.workflow.check.run import check_deck

    data = deck_bytes(PROGRAMME)
    unmarked = _rewritten(data, b'<a:tblPr firstRow="1">', b"<a:tblPr>")
    rules = {f.rule for f in check_deck(unmarked, "deck.pptx")}
    assert "table-header" in rules


def _rewritten(data: bytes, old: bytes, new: bytes) -> bytes:
    """Return the deck with `old` replaced by `new` in every slide part."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename.startswith("ppt/slides/slide"):
                part = part.replace(old, new)
            target.writestr(item, part)
    return out.getvalue()


@pytest.mark.parametrize("theme", CASES)
def test_the_deck_passes_openxml_audit(theme: str, tmp_path: Path) -> None:
    from openxml_audit import validate_pptx

    path = tmp_path / "deck.pptx"
    path.write_bytes(deck_bytes(PROGRAMME, theme))
    result = validate_pptx(path)
    assert result.is_valid, [str(e) for e in result.errors][:10]


def test_the_programme_notes_are_split_with_its_slides() -> None:
    deck = Presentation(io.BytesIO(deck_bytes(PROGRAMME)))
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides
             if any(shape.has_table for shape in slide.shapes)]
    assert len(notes) == 2
    assert "Day 1 session 1" in notes[0] and "Day 2 session 10" not in notes[0]
    assert "Day 2 session 10" in notes[1] and "Day 1 session 1" not in notes[1]


def slide_texts(data: bytes) -> list[list[tuple[str, str]]]:
    """Return each slide's text shapes as (name, text)."""
    deck = Presentation(io.BytesIO(data))
    return [[(shape.name, shape.text_frame.text) for shape in slide.shapes if shape.has_text_frame]
            for slide in deck.slides]


def test_each_speaker_slide_names_their_session_under_the_role() -> None:
    prep = prepared(PROGRAMME)
    slides = slide_texts(deck_bytes(PROGRAMME))
    people = [s.person for s in prep.story.sections if s.person is not None]
    assert all(person.session for person in people), "every speaker of this brief has a session"
    for person in people:
        slide = next(s for s in slides if any(text == person.name for _, text in s))
        role = [text for name, text in slide if name.startswith("Role")]
        assert role and person.session in " ".join(role[0].split()), person.name
    assert "Day 1 session 1, 09:00\u201309:45" in people[1].session  # Oskar Vell's first


@pytest.mark.parametrize("theme", CASES)
def test_the_key_figures_are_tiles_on_the_glance(theme: str) -> None:
    deck = Presentation(io.BytesIO(deck_bytes(PROGRAMME, theme)))
    glance = deck.slides[1]
    tiles = [s for s in glance.shapes if s.has_text_frame and "figures[" in s.name]
    assert [t.text_frame.text for t in tiles] == ["20\nsessions", "6\nspeakers", "2\ndays"]
    values = [t.text_frame.paragraphs[0].runs[0].font.size.pt for t in tiles]
    labels = [t.text_frame.paragraphs[1].runs[0].font.size.pt for t in tiles]
    assert min(values) >= 1.5 * max(labels), "the value is the large number"
    height = deck.slide_height
    for shape in glance.shapes:  # nothing overflows the slide
        assert shape.top + shape.height <= height, shape.name
    tops = {t.top for t in tiles}
    assert len(tops) == 1, "the tiles stand in one row"


def test_a_deck_without_figures_has_no_tiles() -> None:
    deck = Presentation(io.BytesIO(deck_bytes(STRESS)))
    assert not [s for slide in deck.slides for s in slide.shapes if "figures[" in s.name]


# -- the logos ---------------------------------------------------------------------------------
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def cover_logos(data: bytes) -> list:
    """Return the pictures on the cover named as organisations' logos, in reading order."""
    cover = Presentation(io.BytesIO(data)).slides[0]
    return [s for s in cover.shapes if s.shape_type == 13 and "Logo" in s.name]


@pytest.mark.parametrize("theme", CASES)
def test_the_cover_shows_every_logo_in_order_named_and_one_height(theme: str) -> None:
    prep = prepared(PROGRAMME, theme)
    logos = cover_logos(deck_bytes(PROGRAMME, theme))
    names = [o.name for o in prep.story.logos]
    assert [s._element._nvXxPr.cNvPr.get("descr") for s in logos] == names
    assert [s.left for s in logos] == sorted(s.left for s in logos), "in the brief's order"
    assert len({s.height for s in logos}) == 1, "what each shows is one height"
    assert len({s.top for s in logos}) == 1, "in one strip"
    height = Presentation(io.BytesIO(deck_bytes(PROGRAMME, theme))).slide_height
    assert all(s.top + s.height <= height for s in logos)


def test_a_logo_is_scaled_by_what_it_shows_not_its_canvas() -> None:
    """Cobalt Works' SVG draws on a third of its canvas's height: cropped to its ink, it is
    drawn as tall as the others (its canvas would make it a third smaller)."""
    logos = cover_logos(deck_bytes(PROGRAMME))
    cobalt = next(s for s in logos if "Cobalt" in s._element._nvXxPr.cNvPr.get("descr"))
    assert cobalt.crop_top + cobalt.crop_bottom > 0.5
    assert cobalt.width / cobalt.height > 3, "its visible content is wide and low"


def test_svg_logos_carry_the_svg_as_powerpoint_writes_it() -> None:
    import zipfile

    data = deck_bytes(PROGRAMME)
    svg_logos = 0
    for shape in cover_logos(data):
        blip = shape._element.find(f".//{A}blip")
        ext = blip.find(f"{A}extLst/{A}ext[@uri='{SVG_EXT}']")
        if ext is None:
            continue
        svg_logos += 1
        rel = shape.part.rels[ext.find(f"{ASVG}svgBlip").get(R_EMBED)]
        assert rel.target_part.content_type == "image/svg+xml"
        assert rel.target_part.blob.lstrip().startswith(b"<?xml")
        png = shape.part.rels[blip.get(R_EMBED)].target_part
        assert png.content_type == "image/png", "the fallback PowerPoint shows without SVG"
    assert svg_logos == 3
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert types.count('ContentType="image/svg+xml"') == 3


def test_a_logo_that_would_not_stand_out_is_set_on_a_plate() -> None:
    """On the cinema theme's dark cover, the dark blue logos get a light plate; on the default
    white cover, the same logos get none."""
    def plates(theme: str) -> int:
        cover = Presentation(io.BytesIO(deck_bytes(PROGRAMME, theme))).slides[0]
        return sum(1 for s in cover.shapes if s.name.startswith("Logo plate"))

    assert plates("cinema") >= 2
    assert plates("cinema") > plates("default")


def test_svg_logos_are_made_in_50_ms_each() -> None:
    import time

    from generator.backends.deck.logo_pictures import _MADE, logo_art
    from generator.svg import drawing

    svgs = [o.logo for o in prepared(PROGRAMME).story.logos if o.logo.format == "svg"]
    drawing(svgs[0].data)  # svglib imported once, as in any build
    for logo in svgs:
        best = 1.0
        for _ in range(3):
            _MADE.clear()
            start = time.perf_counter()
            logo_art(logo)
            best = min(best, time.perf_counter() - start)
        assert best < 0.05, f"{logo.alt}: {best * 1000:.0f} ms"


# -- right to left -----------------------------------------------------------------------------


def test_a_right_to_left_deck_mirrors_the_table_the_tiles_and_the_logos() -> None:
    import dataclasses

    prep = prepared(PROGRAMME)
    story = dataclasses.replace(prep.story, meta=dataclasses.replace(prep.story.meta, language="ar"))
    out = io.BytesIO()
    DeckBackend().render(story, prep.theme, out)
    rtl, ltr = (Presentation(io.BytesIO(d)) for d in (out.getvalue(), deck_bytes(PROGRAMME)))
    width = ltr.slide_width

    def mirrored(a, b) -> bool:
        return abs(a.left - (width - b.left - b.width)) <= 1 and a.top == b.top

    for number in (0, 1, 2):  # the cover's logos, the glance's tiles, the programme's table
        left = [s for s in ltr.slides[number].shapes if "briefgen:" in s.name]
        right = {s.name: s for s in rtl.slides[number].shapes}
        drawn = [s for s in left if s.name in right]
        assert drawn and all(mirrored(right[s.name], s) for s in drawn), number
    table = next(s for s in rtl.slides[2].shapes if s.has_table)
    assert table._element.find(f".//{A}tblPr").get("rtl") == "1"


# -- as LibreOffice draws them ------------------------------------------------------------------
LIBREOFFICE_CASES = [(PROGRAMME, t) for t in THEMES] + [(STRESS, "default")]


@pytest.fixture(scope="module")
def drawn_by_libreoffice(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Return the PDF LibreOffice draws of each case's deck, converted in one run."""
    import subprocess

    from tests.conftest import require_soffice

    command = require_soffice()
    folder = tmp_path_factory.mktemp("agenda")
    paths = {}
    for brief, theme in LIBREOFFICE_CASES:
        path = folder / f"{brief.stem}-{theme}.pptx"
        path.write_bytes(deck_bytes(brief, theme))
        paths[(brief.stem, theme)] = path
    subprocess.run([command, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, paths.values())],
                   check=True, capture_output=True, timeout=600)
    return {case: path.with_suffix(".pdf") for case, path in paths.items()}


@pytest.mark.parametrize(("brief", "theme"), [pytest.param(b, t, id=f"{b.stem}-{t}")
                                              for b, t in LIBREOFFICE_CASES])
def test_libreoffice_draws_every_table_inside_its_slide_and_its_cells(drawn_by_libreoffice,
                                                                      brief: Path, theme: str):
    import pdfplumber

    from tests.test_deck_libreoffice import cell_boxes, inside, overlap

    found = tables(deck_bytes(brief, theme))
    with pdfplumber.open(drawn_by_libreoffice[(brief.stem, theme)]) as pdf:
        for number, _, frame in found:
            page = pdf.pages[number - 1]
            words = page.extract_words()
            cells = cell_boxes(frame)
            session_words = [w for w in words if w["top"] >= frame.top / 12700 - 2]
            assert any(w["text"] == "Session" for w in session_words), "the header is drawn"
            for word in session_words:
                assert word["x0"] >= 0 and word["x1"] <= page.width, word["text"]
                assert word["top"] >= 0 and word["bottom"] <= page.height, word["text"]
                if word["bottom"] <= (frame.top + frame.height) / 12700:
                    assert any(inside(word, cell) for cell in cells), (number, word["text"])
            for i, a in enumerate(words):
                assert not any(overlap(a, b) for b in words[i + 1:]), (number, a["text"])


@pytest.mark.parametrize("theme", THEMES)
def test_libreoffice_draws_every_logo_on_the_cover(drawn_by_libreoffice, theme: str) -> None:
    import pdfplumber

    with pdfplumber.open(drawn_by_libreoffice[("programme", theme)]) as pdf:
        cover = pdf.pages[0]
        images = [i for i in cover.images
                  if i["x0"] >= 0 and i["x1"] <= cover.width and i["bottom"] <= cover.height]
        drawn = [i for i in images if i["x1"] - i["x0"] > 10 and i["bottom"] - i["top"] > 10]
        assert len(drawn) >= 8, f"{len(drawn)} logos drawn on the cover"
