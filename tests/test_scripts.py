"""Every script as its readers expect: CJK line-breaking rules, Arabic shaped and ordered, lang tags."""

from __future__ import annotations

import io
import subprocess
import zipfile

import arabic_reshaper
import pdfplumber
import pytest
from lxml import etree

from generator import InputError, render
from generator.theme.model import Typeface
from generator.typeset import breaks, measure
from tests.conftest import ROOT, TEST_BRIEFS, needs_programs, soffice

ARABIC = TEST_BRIEFS / "arabic.yaml"
CHINESE = TEST_BRIEFS / "chinese.yaml"
# No line may start with these (UAX #14 classes CL, CP, EX, IS, NS) nor end with an opener.
CLOSING = "。，、）」』】！？：；ー・ァィゥェォッャュョ"
OPENING = "（「『【"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FACE = Typeface("Arial")
PARAGRAPH = ("中国电影科技发展迅速，（包括）「数字影院」、虚拟制作和AI技术等。专家们表示：未来将更加智能！"
             "我们需要English words保持完整；观众？当然。カタカナーのテスト、ァィ。")


@pytest.mark.parametrize("width", [40, 55, 70, 90, 120, 160], ids=lambda w: f"{w}pt")
def test_wrapped_cjk_lines_follow_the_rules(width: float) -> None:
    lines = measure.wrap(PARAGRAPH, FACE, 10, width)
    assert "".join(lines) == PARAGRAPH.replace(" ", "") or " ".join(lines).replace(" ", "") == \
        PARAGRAPH.replace(" ", "")
    for line in lines[1:]:
        assert line[0] not in CLOSING, lines
    for line in lines[:-1]:
        assert line[-1] not in OPENING, lines
    assert all("English" in line or "Engl" not in line for line in lines), lines


@pytest.mark.parametrize("text", ["The quick brown fox jumps over the lazy dog", "naïve café — “quoted”"],
                         ids=["ascii", "latin-1"])
def test_plain_latin_takes_the_fast_path(text: str) -> None:
    assert breaks.simple(text)


def _pdf_lines(data: bytes) -> list[str]:
    """Return the text lines of the handout as pdfplumber extracts them."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


def test_handout_lines_never_start_with_closing_punctuation() -> None:
    lines = [line.strip() for line in _pdf_lines(render(CHINESE, format="pdf", root=ROOT)) if line.strip()]
    starts = [line for line in lines if line[0] in CLOSING]
    assert not starts, starts
    assert all("English" in line or "Engl" not in line for line in lines), lines


def test_handout_draws_arabic_joined_in_visual_order() -> None:
    text = "\n".join(_pdf_lines(render(ARABIC, format="pdf", root=ROOT)))
    # What a reader sees: the title's words joined, its first word at the right, read leftwards.
    first, second, third = (arabic_reshaper.reshape(w) for w in ["ندوة", "تقنيات", "السينما"])
    assert f"{third[::-1]} {second[::-1]} {first[::-1]}" in text
    assert "ندوة" not in text  # no unjoined letters in logical order


def _runs(pptx: bytes) -> list[etree._Element]:
    """Return every a:rPr of the deck's slides."""
    out = []
    with zipfile.ZipFile(io.BytesIO(pptx)) as archive:
        for name in archive.namelist():
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                out += etree.fromstring(archive.read(name)).iter(f"{A}rPr")
    return out


@pytest.mark.parametrize(("brief", "lang"), [(ARABIC, "ar"), (CHINESE, "zh-Hans")], ids=["arabic", "chinese"])
def test_every_deck_run_has_the_brief_language(brief, lang: str) -> None:
    runs = _runs(render(brief, root=ROOT))
    assert runs and all(r.get("lang") for r in runs)
    assert any(r.get("lang") == lang for r in runs)


def test_arabic_paragraphs_are_right_to_left_with_a_complex_script_face() -> None:
    pptx = render(ARABIC, root=ROOT)
    with zipfile.ZipFile(io.BytesIO(pptx)) as archive:
        slide = etree.fromstring(archive.read("ppt/slides/slide2.xml"))
    rtl = [p for p in slide.iter(f"{A}pPr") if p.get("rtl") == "1"]
    assert rtl and all(p.get("algn") == "r" for p in rtl)
    assert any(cs.get("typeface") for cs in slide.iter(f"{A}cs"))


def test_a_script_the_handout_cannot_shape_is_a_located_error() -> None:
    brief = "event:\n  title: फ़िल्म तकनीक\n  summary: A summary.\n"
    with pytest.raises(InputError) as caught:
        render(brief, format="pdf", root=ROOT)
    assert "2:" in str(caught.value.problems[0]) and "shape" in str(caught.value.problems[0])


@needs_programs("soffice")
@pytest.mark.parametrize("brief", [ARABIC, CHINESE], ids=["arabic", "chinese"])
def test_libreoffice_keeps_the_text_inside_its_boxes(brief, tmp_path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(render(brief, root=ROOT))
    subprocess.run([soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                   check=True, capture_output=True, timeout=180)
    with pdfplumber.open(tmp_path / "deck.pdf") as pdf:
        for page in pdf.pages:
            for ch in page.chars:
                assert ch["x0"] >= 0 and ch["x1"] <= page.width + 0.5, ch["text"]
                assert ch["top"] >= 0 and ch["bottom"] <= page.height + 0.5, ch["text"]


@pytest.mark.parametrize("text", [
    pytest.param("中国电影科技在整个产业链上取得了进展。「自主创新」（核心技术）！", id="chinese"),
    pytest.param("「日本語」のテキスト、ちょっと長い。ーーテスト！ァィゥ", id="japanese"),
    pytest.param("한국어 문장입니다。（괄호）", id="korean"),
    pytest.param("中文English混合文本，包括（括号）和“引号”。", id="mixed"),
])
def test_cutting_between_ideographs_gives_uniseg_s_own_units(text):
    """The fast path in breaks._rules must equal uniseg's rules run on the whole word."""
    from uniseg.linebreak import line_break_units

    from generator.typeset import breaks

    for word in breaks._WORDS.findall(text):
        assert breaks._rules.__wrapped__(word) == tuple(line_break_units(word))
