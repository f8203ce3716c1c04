"""Text hygiene: which characters reach a document, what harmless ones become, where bad ones are."""

from __future__ import annotations

import pytest

from generator.brief.load import load_brief
from generator.errors import InputError
from generator.text import (
    clean_text,
    closest,
    did_you_mean,
    first_invisible_in_key,
    initials,
    is_blank,
    mixed_scripts,
)


def brief_with_title(tmp_path, written: str):
    """Return the path of a brief whose title line is `  title: <written>` (line 2, value col 10)."""
    path = tmp_path / "brief.yaml"
    path.write_text(f"event:\n  title: {written}\n  summary: S\n", encoding="utf-8",
                    errors="surrogatepass")
    return path


def refused(tmp_path, written: str) -> str:
    """Return the one problem a user sees for a title written as `written`."""
    with pytest.raises(InputError) as caught:
        load_brief(brief_with_title(tmp_path, written))
    (problem,) = caught.value.problems
    return str(problem)


REFUSED = [
    # Escapes inside double quotes: the place is the quoted value.
    pytest.param(r'"a\x01b"', 2, 10, "control character U+0001", id="escaped-x01"),
    pytest.param(r'"a\x1b[31mred"', 2, 10, "control character U+001B", id="escaped-ansi-escape"),
    pytest.param(r'"a\x7fb"', 2, 10, "control character U+007F", id="escaped-delete"),
    pytest.param(r'"a\x9bb"', 2, 10, "control character U+009B", id="escaped-c1-csi"),
    pytest.param(r'"a\0b"', 2, 10, "control character U+0000", id="escaped-nul"),
    pytest.param(r'"a\ud800b"', 2, 10, "lone surrogate U+D800", id="escaped-lone-surrogate"),
    pytest.param(r'"a\ufffeb"', 2, 10, "non-character U+FFFE", id="escaped-fffe"),
    pytest.param(r'"a\uffffb"', 2, 10, "non-character U+FFFF", id="escaped-ffff"),
    pytest.param(r'"a\ufdd0b"', 2, 10, "non-character U+FDD0", id="escaped-fdd0"),
    pytest.param(r'"a\U0001FFFEb"', 2, 10, "non-character U+1FFFE", id="escaped-astral-nonchar"),
    # Raw in the file: the place is the character itself.
    pytest.param("a\x01b", 2, 11, "control character U+0001", id="raw-x01"),
    pytest.param("ab\x1b[0m", 2, 12, "control character U+001B", id="raw-escape"),
    pytest.param("a\x7f", 2, 11, "control character U+007F", id="raw-delete"),
    pytest.param("a\x00b", 2, 11, "control character U+0000", id="raw-nul"),
    pytest.param("a\ufffeb", 2, 11, "non-character U+FFFE", id="raw-fffe"),
    pytest.param("a\uffffb", 2, 11, "non-character U+FFFF", id="raw-ffff"),
    pytest.param("T # note\x07", 2, 18, "control character U+0007", id="raw-in-comment"),
    # Vertical tab, form feed and next line are refused too, with their names and a line break
    # suggested: tests/test_hostile_input.py::test_control_character_is_refused_where_written.
]


@pytest.mark.parametrize(("written", "line", "col", "reason"), REFUSED)
def test_bad_code_point_is_refused_where_it_stands(in_tmp, written, line, col, reason):
    problem = refused(in_tmp, written)
    assert problem == f"brief.yaml:{line}:{col}: {reason}; remove it"


TRANSLATED = [
    pytest.param(r'"a\u2028b"', "a\nb", id="escaped-line-separator"),
    pytest.param(r'"a\rb"', "a\nb", id="carriage-return"),
    pytest.param(r'"a\tb"', "a b", id="escaped-tab-is-space"),
    pytest.param('"a\tb"', "a b", id="raw-tab-in-quotes-is-space"),
    pytest.param("|-\n    a\tb", "a b", id="raw-tab-in-block-is-space"),
    pytest.param("a\tb", "a b", id="raw-tab-in-plain-value-is-space"),
    pytest.param(r'"Cafe\u0301"', "Caf\u00e9", id="nfc-e-combining-acute"),
    pytest.param("Cafe\u0301", "Caf\u00e9", id="nfc-raw"),
    pytest.param("'\u1100\u1161'", "\uac00", id="nfc-hangul-jamo"),
    pytest.param('"<b>bold</b> &amp; <img src=x onerror=alert(1)>"',
                 "<b>bold</b> &amp; <img src=x onerror=alert(1)>", id="markup-kept-literally"),
    pytest.param("_x0041_ and &#65; and %41", "_x0041_ and &#65; and %41",
                 id="escapes-of-other-formats-kept"),
    pytest.param("'{{title}} ${HOME} $(ls)'", "{{title}} ${HOME} $(ls)", id="templates-kept"),
    pytest.param("a\u00a0b\u200bc", "a\u00a0b\u200bc", id="nbsp-and-zero-width-kept"),
    pytest.param("张伟 · Zhang Wei", "张伟 · Zhang Wei", id="cjk-and-middle-dot"),
]


@pytest.mark.parametrize(("written", "expected"), TRANSLATED)
def test_text_reaches_the_brief_as(in_tmp, written, expected):
    assert load_brief(brief_with_title(in_tmp, written)).brief.event.title == expected


def test_all_problems_in_text_are_reported_together(in_tmp):
    path = in_tmp / "brief.yaml"
    path.write_text('event:\n  title: "a\\x01"\n  summary: "b\\x02"\ntakeaways: ["\\x7f"]\n',
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_brief(path)
    assert [(p.line, p.col) for p in caught.value.problems] == [(2, 10), (3, 12), (4, 13)]


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("plain", "plain", id="ascii-unchanged"),
    pytest.param("a\r\nb", "a\nb", id="crlf"),
    pytest.param("e\u0301", "\u00e9", id="nfc"),
    pytest.param("a\u2029b", "a\nb", id="paragraph-separator"),
])
def test_clean_text(value, expected):
    assert clean_text(value) == expected


@pytest.mark.parametrize(("name", "expected"), [
    pytest.param("Lu Liang", "LL", id="two-words"),
    pytest.param("Jean-Luc Godard", "JG", id="hyphenated"),
    pytest.param("张伟", "张", id="cjk"),
    pytest.param("Madonna", "M", id="one-word"),
    pytest.param("  ", "?", id="blank"),
])
def test_initials(name, expected):
    assert initials(name) == expected


KEYS = ["version", "theme", "event", "speakers", "priorities", "takeaways", "sources", "notes"]


@pytest.mark.parametrize(("word", "choices", "expected"), [
    pytest.param("speakers", KEYS, "speakers", id="exact"),
    pytest.param("speakrs", KEYS, "speakers", id="letter-missing"),
    pytest.param("sepakers", KEYS, "speakers", id="letters-swapped"),
    pytest.param("Lu Lang", ["Ada Lovelace", "Lu Liang"], "Lu Liang", id="person-name"),
    pytest.param("slide-sise", ["slide-size", "page-size", "paper"], "slide-size", id="best-of-several"),
    pytest.param("colour", KEYS, None, id="nothing-close"),
    pytest.param("ab", ["abcdef"], None, id="below-cutoff"),
    pytest.param("SPEAKERS", KEYS, "speakers", id="other-case"),
    pytest.param("Title", ["TITLE", "title"], "title", id="close-spelling-before-other-case"),
    pytest.param("speakers", [], None, id="no-choices"),
    pytest.param("nme", (c for c in ["title", "name"]), "name", id="choices-iterated-once"),
])
def test_closest(word, choices, expected):
    assert closest(word, choices) == expected


@pytest.mark.parametrize(("word", "choices", "any_case", "expected"), [
    pytest.param("speakrs", KEYS, True, "; did you mean 'speakers'?", id="near-miss"),
    pytest.param("colour", KEYS, True, "", id="nothing-close"),
    pytest.param("SPEAKERS", KEYS, True, "; did you mean 'speakers'?", id="other-case"),
    pytest.param("SPEAKERS", KEYS, False, "", id="other-case-not-wanted"),
    pytest.param("speakrs", KEYS, False, "; did you mean 'speakers'?", id="near-miss-any-case-off"),
])
def test_did_you_mean(word, choices, any_case, expected):
    assert did_you_mean(word, choices, any_case=any_case) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("", True, id="empty"),
    pytest.param(" \t\n", True, id="whitespace"),
    pytest.param("\u200b\u2060\ufeff\u00a0\u202f\u2007\u180e\u2800\u3164\u115f\u1160\uffa0", True,
                 id="every-invisible-kind"),
    pytest.param("\u200ba", False, id="one-letter"),
    pytest.param("\u0301", False, id="lone-combining-mark-shows"),
    pytest.param("\u3000\ufe0f\U000E0100", True, id="ideographic-space-and-selectors"),
])
def test_is_blank(text, expected):
    assert is_blank(text) is expected


@pytest.mark.parametrize(("key", "expected"), [
    pytest.param("title", -1, id="plain"),
    pytest.param("slide size", -1, id="space"),
    pytest.param("\u0622\u0628\u06cc\u200c\u0631\u0648\u0634\u0646", -1, id="joiner-inside-a-word"),
    pytest.param("\u200dsources", 0, id="joiner-at-start"),
    pytest.param("a\u200c\u200bb", 1, id="joiner-beside-an-invisible"),
    pytest.param("title\u00a0", 5, id="no-break-space"),
])
def test_first_invisible_in_key(key, expected):
    assert first_invisible_in_key(key) == expected


@pytest.mark.parametrize(("word", "expected"), [
    pytest.param("p\u0430ypal", ["Latin", "Cyrillic"], id="cyrillic-in-latin"),
    pytest.param("b\u00fccher", [], id="latin-only"),
    pytest.param("\u043f\u0440\u0438\u043c\u0435\u0440", [], id="cyrillic-only"),
    pytest.param("\u6771\u4eac\u30bf\u30ef\u30fc", [], id="japanese"),
    pytest.param("\uc11c\uc6b8\u5927", [], id="korean"),
    pytest.param("\uff50ay", [], id="fullwidth-latin-is-latin"),
    pytest.param("a1-\u0628", ["Latin", "Arabic"], id="digits-and-hyphen-ignored"),
])
def test_mixed_scripts(word, expected):
    assert mixed_scripts(word) == expected
