"""Fonts and measurement: which font draws each character, and that wrapped text stays in its box."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.theme.model import Typeface
from generator.theme.resolve import load_theme
from generator.typeset import fonts, measure

from .conftest import THEMES, require_cjk_faces


def face(theme: str = "default") -> Typeface:
    """Return the body typeface of a built-in theme."""
    return load_theme(theme, Path.cwd()).body


RUNS = [
    pytest.param("default", "Zhang Wei 张伟", False,
                 [("Helvetica", "Zhang Wei "), ("zh-Hans", "张伟")], id="latin-then-chinese"),
    pytest.param("default", "Zhang Wei 张伟", True,
                 [("Helvetica-Bold", "Zhang Wei "), ("zh-Hans", "张伟")], id="bold-latin"),
    pytest.param("print", "Zhang Wei 张伟", False,
                 [("Times-Roman", "Zhang Wei "), ("zh-Hans", "张伟")], id="theme-serif"),
    pytest.param("default", "ひらがな", False, [("ja", "ひらがな")], id="hiragana"),
    pytest.param("default", "カタカナ", False, [("ja", "カタカナ")], id="katakana"),
    pytest.param("default", "한국어 Seoul", False,
                 [("ko", "한국어"), ("Helvetica", " Seoul")], id="hangul"),
    pytest.param("default", "东京 (Tokyo)", False,
                 [("zh-Hans", "东京"), ("Helvetica", " (Tokyo)")], id="han-with-latin"),
    pytest.param("default", "東京で映画", False, [("ja", "東京で映画")],
                 id="kanji-among-kana"),
    pytest.param("default", "張偉在台北發表", False, [("zh-Hant", "張偉在台北發表")],
                 id="traditional-han"),
    pytest.param("default", "서울", True, [("ko", "서울")], id="bold-hangul"),
    pytest.param("default", "café – “quoted” €5", False,
                 [("Helvetica", "café – “quoted” €5")], id="cp1252-stays-in-face"),
    pytest.param("default", "co\u00adoperate", False, [("Helvetica", "cooperate")],
                 id="soft-hyphen-takes-no-room"),
    pytest.param("default", "two\nlines", False, [("Helvetica", "two\nlines")], id="line-break-kept"),
    pytest.param("default", "", False, [], id="empty"),
]


def drawn_by(font: str, bold: bool) -> str:
    """Return the font a region's name in RUNS stands for: the region's embeddable face."""
    return (fonts.cjk_face(font, bold) or font) if font in ("zh-Hans", "zh-Hant", "ja", "ko") else font


@pytest.mark.parametrize(("theme", "text", "bold", "expected"), RUNS)
def test_runs_choose_a_font_per_script(theme, text, bold, expected):
    require_cjk_faces(*(font for font, _ in expected), bold=bold)
    assert fonts.runs(text, face(theme), bold=bold) == [(drawn_by(f, bold), t) for f, t in expected]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(codec="cp1252", exclude_categories=("Cc",)) | st.sampled_from(
    ["\n", "\u00ad", "\u200b", "张", "\u0416", "\ue000"]), max_size=30), st.booleans(), st.booleans(),
       st.sampled_from(THEMES))
def test_plain_text_shortcut_gives_the_same_runs_as_each_character(text, bold, italic, theme):
    """Most text skips the per-character font lookup; it must cut exactly the same runs."""
    typeface = face(theme)
    assert fonts.runs(text, typeface, bold, italic) == fonts.runs_by_character(text, typeface, bold, italic)
    by_character = [ch for ch in dict.fromkeys(text) if fonts.font_for(ch, typeface) is None]
    assert fonts.missing_glyphs(text, typeface) == by_character


@pytest.mark.parametrize(("ch", "script"), [
    ("张", "zh"), ("。", "zh"), ("あ", "ja"), ("ア", "ja"), ("ｱ", "ja"), ("한", "ko"), ("ㄱ", "ko"),
    ("a", None), ("é", None), ("Ж", None),
], ids=lambda v: v if v is None or len(v) == 2 else f"U+{ord(v):04X}")
def test_cjk_script(ch, script):
    assert fonts.cjk_script(ch) == script


def test_runs_cover_every_character():
    text = "Lu Liang 张伟 ひらがな 한국어 Ελληνικά Кириллица"
    assert "".join(part for _font, part in fonts.runs(text, face())) == text
    assert fonts.missing_glyphs(text, face()) == []


LONG_URL = "https://example.org/" + "/".join(f"segment{i}" for i in range(30)) + "?q=" + "x" * 40
TEXTS = [
    pytest.param(LONG_URL, id="300-char-url"),
    pytest.param("https://example.org/" + "a" * 280, id="url-without-punctuation"),
    pytest.param("x" * 300, id="one-long-word"),
    pytest.param("中国电影" * 60, id="cjk-without-spaces"),
    pytest.param("ひらがなとカタカナ" * 20, id="kana"),
    pytest.param("Lu Liang 张伟 talked about 电影技术 and self-reliance. " * 8, id="mixed"),
    pytest.param("Ünïcödé wörds ľike Łódź and Ελληνικά " * 10, id="accents-and-fallback"),
    pytest.param("W" * 50 + " " + "i" * 200, id="wide-and-narrow"),
    pytest.param("first paragraph\n\nsecond " + "y" * 120, id="paragraphs"),
]


def visible(text: str) -> str:
    """Return `text` without white space, to compare what wrapping kept."""
    return "".join(text.split())


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize("text", TEXTS)
def test_wrap_never_exceeds_the_box_and_loses_nothing(text, bold, theme):
    body = face(theme)
    lines = measure.wrap(text, body, 12, 150, bold=bold)
    widest = max(measure.width(line, body, 12, bold=bold) for line in lines)
    assert widest <= 150 + 1e-6
    assert visible("".join(lines)) == visible(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("aW i.-/:?=&_中文かな한 \n") + ["é", "Ω"]),
                    max_size=200),
       box=st.floats(min_value=20, max_value=400))
def test_wrap_property(text, box):
    body = face()
    lines = measure.wrap(text, body, 10, box)
    assert all(measure.width(line, body, 10) <= box + 1e-6 for line in lines)
    assert visible("".join(lines)) == visible(text)


def test_line_height_uses_the_shared_leading():
    assert measure.line_height(10) == pytest.approx(10 * measure.LEADING)


def test_width_grows_with_size_and_bold():
    body = face()
    assert measure.width("Briefing", body, 20) == pytest.approx(2 * measure.width("Briefing", body, 10))
    assert measure.width("Briefing", body, 10, bold=True) > measure.width("Briefing", body, 10)
