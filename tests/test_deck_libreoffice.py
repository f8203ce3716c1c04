"""The deck as LibreOffice draws it: one page per slide, no word off the page, inside its text
box, or on top of another word."""

from __future__ import annotations

import io
import subprocess

import pdfplumber
import pytest
from pptx import Presentation

from generator.backends.deck.backend import DeckBackend
from tests.conftest import BRIEFS, THEMES, prepared, require_soffice

CASES = [(brief, theme) for brief in BRIEFS for theme in THEMES]
IDS = [f"{brief}-{theme}" for brief, theme in CASES]
TOLERANCE = 1.5  # points; PDF word boxes include side bearings and ascender rounding


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[tuple[str, str], tuple]:
    """Return (pptx path, pdf path) for every case, converted in one LibreOffice run."""
    command = require_soffice()
    folder = tmp_path_factory.mktemp("decks")
    paths = {}
    for brief, theme in CASES:
        p = prepared(BRIEFS[brief], theme)
        out = io.BytesIO()
        DeckBackend().render(p.story, p.theme, out)
        path = folder / f"{brief}-{theme}.pptx"
        path.write_bytes(out.getvalue())
        paths[(brief, theme)] = path
    profile = folder / "profile"
    subprocess.run([command, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), *map(str, paths.values())],
                   check=True, capture_output=True, timeout=600)
    return {case: (path, path.with_suffix(".pdf")) for case, path in paths.items()}


def text_boxes(slide) -> list[tuple[float, float, float, float]]:
    """Return (x0, top, x1, bottom) in points of every shape on a slide that holds text, and
    of every cell of its tables."""
    boxes = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            x, y = shape.left / 12700, shape.top / 12700
            boxes.append((x, y, x + shape.width / 12700, y + shape.height / 12700))
        elif shape.has_table:
            boxes += cell_boxes(shape)
    return boxes


def cell_boxes(frame) -> list[tuple[float, float, float, float]]:
    """Return (x0, top, x1, bottom) in points of every cell of a table, from its column widths
    and row heights (columns from the right in a right-to-left table)."""
    widths = [column.width / 12700 for column in frame.table.columns]
    heights = [row.height / 12700 for row in frame.table.rows]
    if frame.table._tbl.tblPr.get("rtl") == "1":
        widths.reverse()
    boxes, top = [], frame.top / 12700
    for h in heights:
        left = frame.left / 12700
        for w in widths:
            boxes.append((left, top, left + w, top + h))
            left += w
        top += h
    return boxes


def inside(word, box) -> bool:
    """Return True when a PDF word lies within a box, give or take the tolerance."""
    x0, top, x1, bottom = box
    return (word["x0"] >= x0 - TOLERANCE and word["x1"] <= x1 + TOLERANCE
            and word["top"] >= top - TOLERANCE and word["bottom"] <= bottom + TOLERANCE)


def overlap(a, b) -> bool:
    """Return True when two word boxes overlap by more than the tolerance both ways."""
    wide = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    tall = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return wide > TOLERANCE and tall > TOLERANCE


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_libreoffice_draws_every_word_in_its_box(converted, brief, theme):
    pptx_path, pdf_path = converted[(brief, theme)]
    slides = list(Presentation(str(pptx_path)).slides)
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) == len(slides)
        for number, (page, slide) in enumerate(zip(pdf.pages, slides, strict=True), 1):
            words = page.extract_words()
            boxes = text_boxes(slide)
            for word in words:
                assert word["x0"] >= 0 and word["x1"] <= page.width, (number, word["text"])
                assert word["top"] >= 0 and word["bottom"] <= page.height, (number, word["text"])
                assert any(inside(word, box) for box in boxes), (number, word["text"], "outside")
            for i, a in enumerate(words):
                for b in words[i + 1:]:
                    assert not overlap(a, b), (number, a["text"], b["text"])
