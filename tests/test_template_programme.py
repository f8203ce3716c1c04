"""The programme, the organisations' logos and the key figures on decks built on templates, as a
reader finds them: the programme a native table inside its layout's content area, continued with
its header repeated and each slide's notes its own; its text in the template's scheme colours
(no colour of briefgen's own), its header reaching 4.5:1 on its fill; the logos where no text
is; the figures as tiles; every deck clean in openxml-audit and `briefgen check`, and drawn by
LibreOffice with every table inside its slide and no word over another."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from generator.backends.deck import DeckBackend
from generator.story import SectionKind
from tests import templates as T
from tests.conftest import ROOT, STRESS, TEST_BRIEFS, prepared, require_soffice
from tests.test_deck_libreoffice import cell_boxes, inside, overlap, text_boxes

PROGRAMME = TEST_BRIEFS / "programme.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
BUILT = {"default": T.default_template, "renamed": T.renamed_template, "potx": T.potx_template,
         "two-masters": T.two_masters_template, "picture-background": T.picture_background_template,
         "band": T.band_template, "dark-layout": T.dark_layout_template,
         "tiny-placeholders": T.tiny_placeholders_template, "middle-title": T.middle_title_template,
         "pale-subtitle": T.pale_subtitle_template}
CORPORATE = ROOT / "docs" / "examples" / "corporate-template.potx"
CASES = [(PROGRAMME, name) for name in [*BUILT, "corporate"]] + [
    (STRESS, "default"), (STRESS, "corporate"), (STRESS, "picture-background")]
IDS = [f"{brief.stem}-{name}" for brief, name in CASES]


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    """Return every template by name."""
    folder = tmp_path_factory.mktemp("programme-templates")
    return {**{name: make(folder) for name, make in BUILT.items()}, "corporate": CORPORATE}


@cache
def built(brief: Path, template: Path, language: str = "") -> tuple[bytes, tuple[str, ...]]:
    """Return the deck of `brief` on `template` (in `language` when given) and its notices."""
    prep = prepared(brief, str(template))
    story = prep.story
    if language:
        story = dataclasses.replace(story, meta=dataclasses.replace(story.meta, language=language))
    out = io.BytesIO()
    notices = DeckBackend().render(story, prep.theme, out)
    return out.getvalue(), tuple(n.message for n in notices)


def tables(data: bytes) -> list[tuple[object, object]]:
    """Return every (slide, table frame) of a deck."""
    prs = Presentation(io.BytesIO(data))
    return [(slide, shape) for slide in prs.slides for shape in slide.shapes if shape.has_table]


def box(shape) -> tuple[float, float, float, float]:
    """Return a shape's (x0, top, x1, bottom) in points."""
    x, y = shape.left / 12700, shape.top / 12700
    return x, y, x + shape.width / 12700, y + shape.height / 12700


def meet(a, b, tolerance: float = 0.5) -> bool:
    """Return True when two boxes (x0, top, x1, bottom) overlap by more than the tolerance."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > tolerance
            and min(a[3], b[3]) - max(a[1], b[1]) > tolerance)


# -- the table -------------------------------------------------------------------------------


@pytest.mark.parametrize(("brief", "name"), CASES, ids=IDS)
def test_every_session_is_a_row_of_a_table_inside_the_layouts_content_area(templates, brief, name):
    data, _ = built(brief, templates[name])
    found = tables(data)
    assert found, "no table"
    story = prepared(brief, str(templates[name])).story
    sessions = story.of_kind(SectionKind.AGENDA)[0].items
    rows = [[c.text for c in row.cells] for _, frame in found for row in list(frame.table.rows)[1:]]
    assert len(rows) == len(sessions)
    theme = prepared(brief, str(templates[name])).theme
    choice = theme.template.choice("agenda")
    slot = choice.slots.bodies[0] if choice.fits else choice.area
    area = (slot.x, slot.y, slot.x + slot.w, slot.y + slot.h)
    heads = {tuple(c.text for c in frame.table.rows[0].cells) for _, frame in found}
    assert len(heads) == 1 and "Session" in next(iter(heads)), "the header repeated"
    for _slide, frame in found:
        assert frame.table._tbl.tblPr.get("firstRow") == "1"
        x0, top, x1, bottom = box(frame)
        assert x0 >= area[0] - 1 and x1 <= area[2] + 1 and top >= area[1] - 1, (x0, top, x1)
        assert bottom <= area[3] + 1, f"{bottom:.0f} > {area[3]:.0f}"


def test_a_continued_programme_is_titled_and_its_notes_split(templates):
    data, notices = built(PROGRAMME, templates["corporate"])
    found = tables(data)
    assert len(found) >= 2 and any("continues over" in n for n in notices)

    def said(title: str, notes: str) -> bool:
        return re.search(re.escape(title) + r"(?!\d)", notes) is not None

    shown = [[row.cells[2].text for row in list(frame.table.rows)[1:]] for _, frame in found]
    for n, (slide, _frame) in enumerate(found):
        assert slide.shapes.title.text_frame.text == f"Programme ({n + 1} of {len(found)})"
        notes = slide.notes_slide.notes_text_frame.text
        assert all(said(title, notes) for title in shown[n]), (n, notes)
        others = [t for m, titles in enumerate(shown) if m != n for t in titles if t != "Coffee break"]
        assert not any(said(title, notes) for title in others), (n, notes)


def scheme_colour(data: bytes, slide, element) -> str:
    """Return the colour a fill or run colour element names on `slide`, through its master's
    colour map and the deck's theme."""
    from generator.theme.template.colours import colour, scheme_of

    master = slide.slide_layout.slide_master
    theme_part = next(rel.target_part for rel in master.part.rels.values()
                      if rel.reltype.endswith("/theme"))
    theme = etree.fromstring(theme_part.blob)
    return colour(element, scheme_of(theme, master.element.find(f"{P}clrMap")))


def header_ratio(data: bytes) -> float:
    """Return the lowest contrast of the header's text on its fill over the deck's tables."""
    from generator.theme.colors import contrast

    ratios = []
    for slide, frame in tables(data):
        for tc in frame.table._tbl.tr_lst[0].tc_lst:
            fill = tc.tcPr.find(f"{A}solidFill")[0]
            for run_colour in tc.iter(f"{A}rPr"):
                ink = run_colour.find(f"{A}solidFill")[0]
                ratios.append(contrast(scheme_colour(data, slide, ink), scheme_colour(data, slide, fill)))
    return min(ratios)


@pytest.mark.parametrize(("brief", "name"), CASES, ids=IDS)
def test_the_table_names_only_the_templates_colours_and_its_header_reads(templates, brief, name):
    data, _ = built(brief, templates[name])
    for _, frame in tables(data):
        for rpr in frame._element.iter(f"{A}rPr"):
            assert rpr.find(f"{A}solidFill/{A}srgbClr") is None, "a colour of briefgen's own"
        assert frame._element.find(f".//{A}tcPr/{A}solidFill/{A}schemeClr") is not None
    assert header_ratio(data) >= 4.5


def test_the_header_check_can_fail(templates):
    """The header's contrast is measured: its text given its fill's slot reads 1:1."""
    data, _ = built(PROGRAMME, templates["corporate"])
    prs = Presentation(io.BytesIO(data))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                for tc in shape.table._tbl.tr_lst[0].tc_lst:
                    fill = tc.tcPr.find(f"{A}solidFill")[0].get("val")
                    for ink in tc.iter(f"{A}schemeClr"):
                        ink.set("val", fill)
    out = io.BytesIO()
    prs.save(out)
    assert header_ratio(out.getvalue()) < 1.01


def test_a_built_in_deck_names_its_own_colours_so_the_colour_check_can_fail():
    prep = prepared(PROGRAMME)
    out = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, out)
    frame = tables(out.getvalue())[0][1]
    assert frame._element.find(f".//{A}rPr/{A}solidFill/{A}srgbClr") is not None


# -- logos and figures -----------------------------------------------------------------------


def logos(slide) -> list:
    """Return the logo pictures of a slide, in drawing order."""
    return [s for s in slide.shapes if s.name.startswith("Logo") and "briefgen:" in s.name]


@pytest.mark.parametrize("name", [*BUILT, "corporate"])
def test_every_logo_is_drawn_where_no_text_is_or_left_out_with_a_notice(templates, name):
    data, notices = built(PROGRAMME, templates[name])
    prs = Presentation(io.BytesIO(data))
    with_logos = [slide for slide in prs.slides if logos(slide)]
    if not with_logos:
        assert any("no room clear of their text" in n for n in notices), notices
        return
    assert len(with_logos) == 1 and with_logos[0] in (prs.slides[0], prs.slides[1])
    slide = with_logos[0]
    drawn = logos(slide)
    assert [s.name.split(":")[-1] for s in drawn] == [
        "hosts[0]", "hosts[1]", "organizers[0]", "organizers[1]", "organizers[2]",
        "sponsors[0]", "sponsors[1]", "sponsors[2]"]
    heights = {round(s.height / 12700, 1) for s in drawn}
    assert len(heights) <= 2 and min(heights) >= 15.9, heights  # one height (rounded)
    texts = text_boxes(slide) + [box(s) for s in slide.placeholders]
    for logo in drawn:
        assert not any(meet(box(logo), t) for t in texts), logo.name
        x0, top, x1, bottom = box(logo)
        assert x0 >= 0 and top >= 0 and x1 <= prs.slide_width / 12700 and bottom <= prs.slide_height / 12700


def test_the_logo_check_can_fail(templates):
    """A logo moved onto the title is found over text."""
    data, _ = built(PROGRAMME, templates["corporate"])
    slide = Presentation(io.BytesIO(data)).slides[0]
    logo, title = logos(slide)[0], slide.shapes.title
    assert not meet(box(logo), box(title))
    logo.left, logo.top = title.left, title.top
    assert meet(box(logo), box(title))


@pytest.mark.parametrize("name", ["default", "corporate", "picture-background"])
def test_the_key_figures_are_tiles_at_the_foot_of_the_glance(templates, name):
    data, _ = built(PROGRAMME, templates[name])
    glance = Presentation(io.BytesIO(data)).slides[1]
    figures = [s for s in glance.shapes if "briefgen:figures" in s.name]
    assert [s.text_frame.text.split("\n")[0] for s in figures] == ["20", "6", "2"]
    body = [s for s in glance.placeholders if s.placeholder_format.type not in (13, 15, 16)
            and s != glance.shapes.title]
    for shape in figures:
        assert not any(meet(box(shape), box(b)) for b in body)
    for rpr in (r for s in figures for r in s._element.iter(f"{A}rPr")):
        assert rpr.find(f"{A}solidFill/{A}srgbClr") is None


@pytest.mark.parametrize("name", ["default", "corporate", "tiny-placeholders"])
def test_each_speakers_slide_names_their_sessions(templates, name):
    data, _ = built(PROGRAMME, templates[name])
    deck = Presentation(io.BytesIO(data))
    slide = next(s for s in deck.slides if s.shapes.title.text == "Mira Castellane")
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert any("Day 1 session 6, 12:00\u201312:30" in t for t in texts), texts


def test_a_right_to_left_deck_mirrors_what_briefgen_places_within_its_area(templates):
    ltr = Presentation(io.BytesIO(built(PROGRAMME, templates["corporate"])[0]))
    rtl = Presentation(io.BytesIO(built(PROGRAMME, templates["corporate"], "ar")[0]))

    def lefts(prs, number: int, prefix: str) -> list[float]:
        """Return the left edges of the shapes named `prefix`[0], [1], ... in that order."""
        named = {s.name.rpartition(prefix)[2]: s.left for s in prs.slides[number].shapes
                 if prefix in s.name}
        return [named[key] for key in sorted(named)]

    for number, prefix in ((0, "briefgen:hosts"), (1, "briefgen:figures")):
        left, right = lefts(ltr, number, prefix), lefts(rtl, number, prefix)
        assert len(left) >= 2 and left == sorted(left), prefix
        assert right == sorted(right, reverse=True), prefix
    frame = next(s for s in rtl.slides[2].shapes if s.has_table)
    assert frame.table._tbl.tblPr.get("rtl") == "1"


# -- checked and drawn -----------------------------------------------------------------------


@pytest.mark.parametrize(("brief", "name"), CASES, ids=IDS)
def test_briefgen_check_finds_no_error_and_openxml_audit_is_clean(templates, brief, name, tmp_path):
    from openxml_audit import validate_pptx

    from generator.workflow.check.run import check_deck

    data, _ = built(brief, templates[name])
    errors = [str(f) for f in check_deck(data, "deck.pptx") if f.severity == "error"]
    assert errors == []
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    result = validate_pptx(path)
    assert result.is_valid, [str(e) for e in result.errors][:10]


@pytest.fixture(scope="module")
def drawn(templates, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Return the PDF LibreOffice draws of every case's deck, converted in one run."""
    command = require_soffice()
    folder = tmp_path_factory.mktemp("programme-drawn")
    paths = {}
    for brief, name in CASES:
        path = folder / f"{brief.stem}-{name}.pptx"
        path.write_bytes(built(brief, templates[name])[0])
        paths[(brief.stem, name)] = path
    subprocess.run([command, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, paths.values())],
                   check=True, capture_output=True, timeout=600)
    return {case: path.with_suffix(".pdf") for case, path in paths.items()}


@pytest.mark.parametrize(("brief", "name"), CASES, ids=IDS)
def test_libreoffice_draws_each_table_inside_its_slide_and_no_word_over_another(
        templates, drawn, brief, name):
    import pdfplumber

    data, _ = built(brief, templates[name])
    prs = Presentation(io.BytesIO(data))
    numbers = {id(s): n for n, s in enumerate(prs.slides)}
    with pdfplumber.open(drawn[(brief.stem, name)]) as pdf:
        for slide, frame in ((s, f) for s in prs.slides for f in s.shapes if f.has_table):
            page = pdf.pages[numbers[id(slide)]]
            words = page.extract_words()
            cells = cell_boxes(frame)
            in_table = [w for w in words if any(inside(w, c) for c in cells)]
            assert any(w["text"] == "Session" for w in in_table), "the header is drawn"
            top, bottom = frame.top / 12700, (frame.top + frame.height) / 12700
            for word in words:
                assert word["x0"] >= 0 and word["x1"] <= page.width, word["text"]
                assert word["top"] >= 0 and word["bottom"] <= page.height, word["text"]
                if top <= word["top"] and word["bottom"] <= bottom and cells[0][0] <= word["x0"]:
                    assert any(inside(word, c) for c in cells), word["text"]
            for i, a in enumerate(words):
                assert not any(overlap(a, b) for b in words[i + 1:]), (a["text"], name)


@pytest.mark.parametrize("name", [*BUILT, "corporate"])
def test_libreoffice_draws_every_logo(templates, drawn, name):
    import pdfplumber

    data, _ = built(PROGRAMME, templates[name])
    prs = Presentation(io.BytesIO(data))
    number = next((n for n, s in enumerate(prs.slides) if logos(s)), None)
    if number is None:  # this template leaves no room for them: said, and tested above
        assert any("no room clear of their text" in n for n in built(PROGRAMME, templates[name])[1])
        return
    with pdfplumber.open(drawn[("programme", name)]) as pdf:
        page = pdf.pages[number]
        shown = [i for i in page.images if i["x0"] >= 0 and i["x1"] <= page.width
                 and i["bottom"] <= page.height and i["x1"] - i["x0"] > 8 and i["bottom"] - i["top"] > 8]
        assert len(shown) >= 8, f"{len(shown)} logos drawn"
