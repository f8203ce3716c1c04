"""Documents every reader can use: alt text or a decorative mark, reading order, PDF outline and tags."""

from __future__ import annotations

import io
import zipfile

import pypdf
import pytest
from lxml import etree
from pptx import Presentation

from generator import render
from tests.conftest import BRIEFS, ROOT, THEMES

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"}
TEMPLATE = str(ROOT / "docs" / "examples" / "corporate-template.potx")
CASES = [(brief, theme) for brief in BRIEFS for theme in (*THEMES, TEMPLATE)]
IDS = [f"{brief}-{'template' if theme == TEMPLATE else theme}" for brief, theme in CASES]


@pytest.fixture(scope="module", params=CASES, ids=IDS)
def deck(request) -> bytes:
    brief, theme = request.param
    return render(BRIEFS[brief], theme=theme, root=ROOT)


def _slides(pptx: bytes) -> list[etree._Element]:
    """Return each slide's XML, in slide order."""
    with zipfile.ZipFile(io.BytesIO(pptx)) as archive:
        names = sorted((n for n in archive.namelist() if n.startswith("ppt/slides/slide")
                        and n.endswith(".xml")), key=lambda n: int(n[16:-4]))
        return [etree.fromstring(archive.read(n)) for n in names]


def test_every_shape_without_text_says_what_it_shows_or_is_decorative(deck: bytes) -> None:
    missing = []
    for number, slide in enumerate(_slides(deck), 1):
        for shape in slide.xpath("//p:sp | //p:pic | //p:grpSp", namespaces=NS):
            if shape.xpath("./*[1]/p:nvPr/p:ph", namespaces=NS):
                continue  # placeholders: the title, the notes
            if "".join(shape.xpath(".//a:t/text()", namespaces=NS)).strip():
                continue  # a text box is read as its text
            c_nv_pr = shape.xpath("./*[1]/p:cNvPr", namespaces=NS)[0]
            decorative = c_nv_pr.xpath(".//adec:decorative[@val='1']", namespaces=NS)
            if not (c_nv_pr.get("descr") or decorative):
                missing.append((number, c_nv_pr.get("name")))
    assert not missing


def test_title_comes_first_and_titles_are_unique(deck: bytes) -> None:
    titles = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        shapes = list(slide.shapes)
        assert shapes[0].is_placeholder and shapes[0] == slide.shapes.title
        titles.append(slide.shapes.title.text_frame.text)
    assert len(titles) == len(set(titles)), titles


def test_deck_core_properties_carry_the_language(deck: bytes) -> None:
    assert Presentation(io.BytesIO(deck)).core_properties.language == "en"


@pytest.mark.parametrize("brief", list(BRIEFS), ids=list(BRIEFS))
def test_handout_has_language_title_outline_and_described_links(brief: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render(BRIEFS[brief], format="pdf", root=ROOT)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    outline = [entry.title for entry in reader.outline]
    page_text = reader.pages[0].extract_text()
    assert all(title in page_text for title in outline)
    if brief != "minimal":
        assert "Speakers" in outline
    for annot in reader.pages[0].get("/Annots", []):
        annot = annot.get_object()
        if annot["/Subtype"] == "/Link":
            assert annot.get("/Contents"), annot
