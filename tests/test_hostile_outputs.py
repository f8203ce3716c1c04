"""Hostile text and hostile output folders: what a brief says comes back literally, saves stay whole.

Every trap here is described, with its expected answer, in docs/security.md.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

import generator
from generator.paths import AssetPolicy
from generator.workflow.build import Options, build_one

from .conftest import SAMPLE, markdown_body

# ---- reading text back the way a reader sees it ---------------------------------------------------


def deck_text(data: bytes) -> str:
    """Return every piece of text on the deck's slides and in its notes, one shape per line."""
    deck = Presentation(io.BytesIO(data))
    texts = []
    for slide in deck.slides:
        texts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


def pdf_text(data: bytes) -> str:
    """Return the handout's text as pdfplumber extracts it, page after page."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


_MD_ESCAPE = re.compile(r"\\([\\`*_\[\]<>|~&#+=.)!-])")


def md_text(data: bytes) -> str:
    """Return the Markdown as the text a reader sees: escapes undone, hard breaks as newlines."""
    return _MD_ESCAPE.sub(r"\1", data.decode("utf-8").replace("  \n", "\n"))


def squeezed(text: str) -> str:
    """Return `text` without any whitespace, so line wrapping cannot hide a match."""
    return "".join(text.split())


def found_in(fmt: str, data: bytes, text: str) -> bool:
    """Return True when `text` can be read back from a document in format `fmt`."""
    if fmt == "pptx":
        return squeezed(text) in squeezed(deck_text(data))
    if fmt == "pdf":
        return squeezed(text) in squeezed(pdf_text(data))
    return squeezed(text) in squeezed(md_text(data))


def brief_with(text: str) -> dict:
    """Return a brief that carries `text` in every kind of text field a document shows."""
    return {
        "event": {"title": f"Title {text}", "summary": f"Summary {text}", "location": text},
        "hosts": [text],
        "speakers": [{"name": f"Ann {text}", "topic": text, "points": [text], "quote": text}],
        "priorities": [{"title": text, "detail": text}],
        "takeaways": [text],
        "sources": [{"title": text, "url": "https://example.org/", "publisher": text}],
    }


# ---- text that looks like markup, escapes or templates --------------------------------------------

LITERAL = [
    pytest.param("<b>bold</b>", id="html-bold"),
    pytest.param("&amp; &lt; &#65; &#x41;", id="entities"),
    pytest.param("<font size=40>big</font>", id="reportlab-font-tag"),
    pytest.param('<img src="/etc/passwd"/>', id="img-tag"),
    pytest.param('<a href="javascript:x">click</a>', id="anchor-tag"),
    pytest.param("A & B < C > D", id="bare-ampersand-and-angles"),
    pytest.param("_x0041_ _x000B_", id="ooxml-escape"),
    pytest.param("]]> <!-- --> <?xml?>", id="xml-syntax"),
    pytest.param("{{title}} ${HOME} $(ls) %s %n {0}", id="templates-and-formats"),
    pytest.param("\\ \\\\ `code` *em* __u__ [x](y) # h | t |", id="markdown-syntax"),
    pytest.param("1. not a list; - nor this; > nor a quote", id="markdown-line-starts"),
    pytest.param("Ünïcödé café 中文 テスト 한국어 Ελληνικά", id="non-latin"),
    pytest.param("x" * 180, id="very-long-word"),
]


@pytest.mark.parametrize("fmt", ["pptx", "pdf", "md"])
@pytest.mark.parametrize("text", LITERAL)
def test_markup_looking_text_comes_back_literally(fmt, text):
    data = generator.render(brief_with(text), format=fmt)
    assert found_in(fmt, data, text)


def test_ooxml_escape_form_is_written_as_seven_literal_characters():
    data = generator.render(brief_with("_x0041_"), format="pptx")
    assert "_x0041_" in deck_text(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        runs = [t for name in archive.namelist() if name.startswith("ppt/slides/slide")
                for t in re.findall(r"<a:t>([^<]*)</a:t>", archive.read(name).decode())]
    # <a:t> is xsd:string, where _xHHHH_ means nothing: the seven characters stand as written.
    assert any("_x0041_" in t for t in runs)
    assert not any("_x005F_" in t for t in runs)


ZERO_WIDTH = "a\u200bb\u200dc\ufeffd\u2060e"


@pytest.mark.parametrize("fmt", ["pptx", "md", "pdf"])
def test_zero_width_characters_are_invisible(fmt):
    data = generator.render(brief_with(ZERO_WIDTH), format=fmt)
    text = {"pptx": deck_text, "pdf": pdf_text, "md": md_text}[fmt](data)
    assert ZERO_WIDTH in text or "abcde" in text


def test_bidi_override_cannot_reorder_the_rest_of_a_document():
    text = "\u202eevil\u202c fine"
    for fmt in ("pptx", "md"):
        data = generator.render(brief_with(text), format=fmt)
        shown = deck_text(data) if fmt == "pptx" else md_text(data)
        assert text in shown


# ---- saving: only OUT/<stem>.<suffix> and OUT/.briefgen/<stem>.json, whole or not at all -----------


@pytest.fixture
def brief(in_tmp) -> Path:
    path = in_tmp / "sample.yaml"
    path.write_text(SAMPLE.read_text())
    return path


def _built(brief: Path, out: Path, *formats: str):
    return build_one(brief, Options(out, formats or ("md",), policy=AssetPolicy(brief.parent)))


def test_build_writes_only_its_outputs_and_record(brief, in_tmp):
    out = in_tmp / "out"
    result = _built(brief, out, "md", "pdf")
    assert result.ok, result.errors
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert written == [".briefgen", ".briefgen/sample.json", "sample.md", "sample.pdf"]


def test_output_folder_symlinked_elsewhere_receives_only_the_named_outputs(brief, in_tmp):
    elsewhere = in_tmp / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("untouched")
    (in_tmp / "out").symlink_to(elsewhere)  # the folder given with --out is the user's choice
    assert _built(brief, in_tmp / "out").ok
    assert sorted(p.name for p in elsewhere.iterdir()) == [".briefgen", "keep.txt", "sample.md"]
    assert (elsewhere / "keep.txt").read_text() == "untouched"


def test_output_that_is_a_folder_is_one_error_and_the_folder_survives(brief, in_tmp):
    (in_tmp / "out" / "sample.md").mkdir(parents=True)
    (in_tmp / "out" / "sample.md" / "inside.txt").write_text("mine")
    result = _built(brief, in_tmp / "out")
    assert not result.ok
    (error,) = result.errors
    assert str(error).startswith("out/sample.md: ")
    assert (in_tmp / "out" / "sample.md" / "inside.txt").read_text() == "mine"
    assert [p.name for p in (in_tmp / "out").iterdir() if p.name.endswith(".tmp")] == []


def test_output_that_is_a_fifo_is_replaced_without_blocking(brief, in_tmp):
    (in_tmp / "out").mkdir()
    os.mkfifo(in_tmp / "out" / "sample.md")  # reading it to compare bytes would block forever
    assert _built(brief, in_tmp / "out").ok
    assert markdown_body((in_tmp / "out" / "sample.md").read_text()).startswith("# Film Technology")


def test_record_folder_that_is_a_file_does_not_fail_the_build(brief, in_tmp):
    (in_tmp / "out").mkdir()
    (in_tmp / "out" / ".briefgen").write_text("not a folder")
    result = _built(brief, in_tmp / "out")
    assert result.ok and (in_tmp / "out" / "sample.md").is_file()


def test_title_of_one_300_letter_word_builds_a_deck():
    data = generator.render(brief_with("w" * 300), format="pptx")
    assert "w" * 100 in deck_text(data)


def test_lone_hangul_jamo_is_drawn_or_reported(in_tmp):
    (in_tmp / "brief.yaml").write_text("event:\n  title: T\n  summary: x \u1100 y\n")
    result = build_one(in_tmp / "brief.yaml", Options(in_tmp / "out", ("pdf",), policy=AssetPolicy(in_tmp)))
    drawn = "\u1100" in pdf_text((in_tmp / "out" / "brief.pdf").read_bytes())
    assert drawn or any("U+1100" in str(w) for w in result.warnings)
