"""Surgical edits of a brief: new values written in place, every other byte of the file kept."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.brief.edit import EditError, apply, unified_diff
from generator.brief.edit_spans import content_end, index_nodes
from generator.strict_yaml import parse
from generator.text import clean_text, is_blank

from .conftest import SAMPLE, TEST_BRIEFS

HEAD = "event:\n  title: T\n  summary: S\n"
NAME = "brief.yaml"


def edited(text: str, changes: dict) -> str:
    """Return `text` after `apply`, checked to read back with the new values."""
    return apply(text, changes, NAME)


EDITS = [
    # Each style kept when the new text can be written in it.
    pytest.param("event:\n  title: Old title\n  summary: S\n", ("event", "title"), "New title",
                 "event:\n  title: New title\n  summary: S\n", id="plain"),
    pytest.param("event:\n  title: 'Old'\n  summary: S\n", ("event", "title"), "It's new",
                 "event:\n  title: 'It''s new'\n  summary: S\n", id="single-quoted"),
    pytest.param('event:\n  title: "Old"\n  summary: S\n', ("event", "title"), 'Say "hi" \\ now',
                 'event:\n  title: "Say \\"hi\\" \\\\ now"\n  summary: S\n', id="double-quoted"),
    pytest.param('event:\n  title: "Old"\n  summary: S\n', ("event", "title"), "One\nTwo",
                 'event:\n  title: "One\\nTwo"\n  summary: S\n', id="double-quoted-line-break"),
    pytest.param("event:\n  title: T\n  summary: |-\n    Old one\n    Old two\nnotes: N\n",
                 ("event", "summary"), "New one\n\nNew two",
                 "event:\n  title: T\n  summary: |-\n    New one\n\n    New two\nnotes: N\n",
                 id="block-literal"),
    pytest.param("event:\n  title: T\n  summary: |\n    Old\n\nnotes: N\n",
                 ("event", "summary"), "New\n",
                 "event:\n  title: T\n  summary: |\n    New\n\nnotes: N\n", id="block-literal-clip"),
    pytest.param("event:\n  title: T\n  summary: |-\n    Old\nnotes: N\n",
                 ("event", "summary"), "  indented\nnext",
                 "event:\n  title: T\n  summary: |2-\n      indented\n    next\nnotes: N\n",
                 id="block-literal-leading-spaces"),
    pytest.param("event:\n  title: T\n  summary: >-\n    Old words that\n    were folded\n",
                 ("event", "summary"), " ".join(["word"] * 24),
                 "event:\n  title: T\n  summary: >-\n    " + " ".join(["word"] * 15) + "\n    "
                 + " ".join(["word"] * 9) + "\n", id="folded-rewrapped"),
    pytest.param("event:\n  title: T\n  summary: >-\n    Old\nnotes: N\n",
                 ("event", "summary"), "First\nSecond",
                 "event:\n  title: T\n  summary: >-\n    First\n\n    Second\nnotes: N\n",
                 id="folded-paragraphs"),
    pytest.param("event:\n  title: T\n  summary: >- # what happened\n    Old\nnotes: N\n",
                 ("event", "summary"), "  code\nline",
                 "event:\n  title: T\n  summary: |2- # what happened\n      code\n    line\nnotes: N\n",
                 id="folded-to-literal-for-indented-lines"),
    pytest.param("event:\n  title: T\n  summary: Old text that\n    goes on\nnotes: N\n",
                 ("event", "summary"), "Short", "event:\n  title: T\n  summary: Short\nnotes: N\n",
                 id="multi-line-plain"),
    pytest.param('event:\n  title: T\n  summary: "Old text that\n    goes on"\n', ("event", "summary"),
                 " ".join(["word"] * 20),
                 'event:\n  title: T\n  summary: "' + " ".join(["word"] * 13) + '\n    '
                 + " ".join(["word"] * 7) + '"\n', id="multi-line-double-rewrapped"),
    pytest.param(HEAD + "speakers:\n  - {name: Ann, points: [a, b]} # flow\n",
                 ("speakers", 0, "name"), "Bo Li",
                 HEAD + "speakers:\n  - {name: Bo Li, points: [a, b]} # flow\n", id="flow-mapping"),
    pytest.param(HEAD + "speakers:\n  - {name: Ann, points: [a, b]}\n",
                 ("speakers", 0, "points", 1), "c, d",
                 HEAD + "speakers:\n  - {name: Ann, points: [a, 'c, d']}\n", id="flow-sequence"),
    pytest.param(HEAD + "takeaways: [one, two]\n", ("takeaways", 0), "x\ny",
                 HEAD + 'takeaways: ["x\\ny", two]\n', id="flow-line-break"),
    pytest.param("event:\n  title: Old # keep this\n  summary: S\n", ("event", "title"), "New",
                 "event:\n  title: New # keep this\n  summary: S\n", id="comment-after"),
    pytest.param(HEAD + "takeaways:\n  - one\n  - two", ("takeaways", 1), "three",
                 HEAD + "takeaways:\n  - one\n  - three", id="end-without-newline"),
    pytest.param(HEAD + "takeaways:\n  - one\n  - two", ("takeaways", 1), "a\nb",
                 HEAD + "takeaways:\n  - one\n  - |-\n    a\n    b", id="end-without-newline-block"),
    pytest.param(HEAD.replace("\n", "\r\n") + "takeaways:\r\n  - one\r\n", ("takeaways", 0), "a\nb",
                 HEAD.replace("\n", "\r\n") + "takeaways:\r\n  - |-\r\n    a\r\n    b\r\n", id="crlf"),
    pytest.param("\ufeff" + HEAD, ("event", "title"), "New", "\ufeffevent:\n  title: New\n  summary: S\n",
                 id="byte-order-mark"),
    pytest.param(HEAD + "speakers:\n  - name: Ann\n", ("speakers", 0, "name"), "Zoë Müller",
                 HEAD + "speakers:\n  - name: Zoë Müller\n", id="non-ascii"),
    pytest.param("language: ar\n" + HEAD, ("event", "title"), "ندوة تقنيات السينما",
                 "language: ar\nevent:\n  title: ندوة تقنيات السينما\n  summary: S\n", id="right-to-left"),
    pytest.param(HEAD, ("event", "summary"), "电影技术：创新与合作",
                 "event:\n  title: T\n  summary: 电影技术：创新与合作\n", id="cjk"),
    pytest.param("event:\n  title: T\n  subtitle:\n  summary: S\n", ("event", "subtitle"), "Sub",
                 "event:\n  title: T\n  subtitle: Sub\n  summary: S\n", id="empty-value"),
    pytest.param("event:\n  title: T\n  subtitle: ~\n  summary: S\n", ("event", "subtitle"), "Sub",
                 "event:\n  title: T\n  subtitle: Sub\n  summary: S\n", id="null-value"),
    # Values that must change style to keep their meaning.
    pytest.param(HEAD, ("event", "title"), "Film: the future",
                 "event:\n  title: 'Film: the future'\n  summary: S\n", id="colon-space"),
    pytest.param(HEAD, ("event", "title"), "#1 event", "event:\n  title: '#1 event'\n  summary: S\n",
                 id="leading-hash"),
    pytest.param(HEAD, ("event", "title"), "a # b", "event:\n  title: 'a # b'\n  summary: S\n",
                 id="space-hash"),
    pytest.param(HEAD, ("event", "title"), "yes", "event:\n  title: 'yes'\n  summary: S\n", id="yes"),
    pytest.param(HEAD, ("event", "title"), "1.0", "event:\n  title: '1.0'\n  summary: S\n", id="float"),
    pytest.param(HEAD, ("event", "title"), "It's: on", "event:\n  title: \"It's: on\"\n  summary: S\n",
                 id="apostrophe-and-colon"),
    pytest.param(HEAD, ("event", "title"), " padded ", "event:\n  title: ' padded '\n  summary: S\n",
                 id="outer-spaces"),
    pytest.param(HEAD, ("event", "summary"), "Line one\nLine two",
                 "event:\n  title: T\n  summary: |-\n    Line one\n    Line two\n", id="multi-line"),
    pytest.param("event:\n  title: T\n  summary: S # note\n", ("event", "summary"), "a\nb",
                 "event:\n  title: T\n  summary: |- # note\n    a\n    b\n", id="multi-line-comment-kept"),
    pytest.param(HEAD + "speakers:\n  - name: Ann\n    points:\n      - old\n",
                 ("speakers", 0, "points", 0), "a\nb",
                 HEAD + "speakers:\n  - name: Ann\n    points:\n      - |-\n        a\n        b\n",
                 id="multi-line-list-item"),
    pytest.param(HEAD, ("event", "title"), "tab\there", "event:\n  title: tab here\n  summary: S\n",
                 id="tab-as-the-loader-reads-it"),
]


@pytest.mark.parametrize(("text", "loc", "value", "expected"), EDITS)
def test_edit_writes_exactly(text: str, loc: tuple, value: str, expected: str) -> None:
    result = edited(text, {loc: value})
    assert result == expected
    assert_untouched_lines_kept(text, result, [loc])


REMOVALS = [
    pytest.param(HEAD + "takeaways:\n  - one # first\n  - two\n  - three\n", [("takeaways", 0)],
                 HEAD + "takeaways:\n  - two\n  - three\n", id="block-first"),
    pytest.param(HEAD + "takeaways:\n  - one\n  # about two\n  - two\n  - three\n", [("takeaways", 1)],
                 HEAD + "takeaways:\n  - one\n  # about two\n  - three\n", id="block-middle"),
    pytest.param(HEAD + "takeaways:\n  - one\n  - two\n  - |-\n    three\n    lines\nnotes: N\n",
                 [("takeaways", 2)], HEAD + "takeaways:\n  - one\n  - two\nnotes: N\n", id="block-last"),
    pytest.param(HEAD + "takeaways:\n  - one\n  - two", [("takeaways", 1)], HEAD + "takeaways:\n  - one",
                 id="block-last-without-newline"),
    pytest.param(HEAD + "takeaways: # kept\n  - one\n", [("takeaways", 0)],
                 HEAD + "takeaways: # kept\n  []\n", id="block-only-item-after-comment"),
    pytest.param(HEAD + "takeaways:\n  - one\n  - two\nnotes: N\n", [("takeaways", 0), ("takeaways", 1)],
                 HEAD + "takeaways: []\nnotes: N\n", id="block-every-item"),
    pytest.param(HEAD + "speakers:\n  - name: A\n\n  - name: B\n    points:\n      - p\n\n  - name: C\n",
                 [("speakers", 1)], HEAD + "speakers:\n  - name: A\n\n  - name: C\n",
                 id="block-mapping-item"),
    pytest.param(HEAD + "takeaways: [one, two, three]\n", [("takeaways", 0)],
                 HEAD + "takeaways: [two, three]\n", id="flow-first"),
    pytest.param(HEAD + "takeaways: [one, two, three]\n", [("takeaways", 1)],
                 HEAD + "takeaways: [one, three]\n", id="flow-middle"),
    pytest.param(HEAD + "takeaways: [one, two, three]\n", [("takeaways", 2)],
                 HEAD + "takeaways: [one, two]\n", id="flow-last"),
    pytest.param(HEAD + "takeaways: [one, two, three]\n", [("takeaways", 1), ("takeaways", 2)],
                 HEAD + "takeaways: [one]\n", id="flow-two-last"),
    pytest.param(HEAD + "takeaways: [one]\n", [("takeaways", 0)], HEAD + "takeaways: []\n",
                 id="flow-only"),
    pytest.param(HEAD + "speakers:\n  - {name: A, points: [p, q]}\n", [("speakers", 0, "points", 0)],
                 HEAD + "speakers:\n  - {name: A, points: [q]}\n", id="flow-inside-flow-mapping"),
    pytest.param(HEAD.replace("\n", "\r\n") + "takeaways:\r\n  - one\r\n  - two\r\n", [("takeaways", 0)],
                 HEAD.replace("\n", "\r\n") + "takeaways:\r\n  - two\r\n", id="crlf"),
    pytest.param("event:\n  title: T\n  subtitle: Sub\n  summary: S\n", [("event", "subtitle")],
                 HEAD, id="optional-key"),
]


@pytest.mark.parametrize(("text", "locs", "expected"), REMOVALS)
def test_removal_takes_the_whole_entry(text: str, locs: list[tuple], expected: str) -> None:
    assert edited(text, dict.fromkeys(locs)) == expected


def test_several_changes_at_once_keep_the_old_places() -> None:
    text = HEAD + "takeaways:\n  - one\n  - two\n  - three\n"
    changes = {("takeaways", 0): None, ("takeaways", 2): "3: three", ("event", "title"): "New"}
    assert edited(text, changes) == ("event:\n  title: New\n  summary: S\ntakeaways:\n  - two\n"
                                     "  - '3: three'\n")


REFUSED = [
    pytest.param(HEAD, {("event", "date"): "x"}, "1:1", "event.date: no such value", id="missing-key"),
    pytest.param(HEAD, {("takeaways", 5): "x"}, "1:1", "takeaways[5]: no such value", id="missing-item"),
    pytest.param(HEAD, {("event",): "x"}, "1:1", "event: is a mapping in the brief, not a text",
                 id="mapping"),
    pytest.param(HEAD + "takeaways:\n  - a\n", {("takeaways",): "x"}, "4:1",
                 "takeaways: is a list in the brief, not a text", id="list"),
    pytest.param(HEAD, {("event", "title"): "bell\x07"}, "2:3",
                 "event.title: the new text holds a control character U+0007", id="control"),
    pytest.param(HEAD, {("event", "title"): "\u200b\u200b"}, "2:3",
                 "event.title: the new text is empty or only invisible characters", id="invisible"),
    pytest.param(HEAD, {("event", "title"): None}, "2:3",
                 "after this edit the brief would not be valid: event.title", id="required-removed"),
    pytest.param(HEAD, {("event", "title"): "x" * 401}, "2:3",
                 "after this edit the brief would not be valid", id="too-long"),
    pytest.param(HEAD + "speakers:\n  - name: A\n    points: [p]\n",
                 {("speakers", 0): None, ("speakers", 0, "name"): "B"}, "5:5",
                 "speakers[0].name: this change overlaps the change of speakers[0]", id="overlap"),
    pytest.param("event:\n  title: T\n", {("event", "title"): "x"}, "1:1",
                 "the brief is not valid before the edit", id="invalid-before"),
]


@pytest.mark.parametrize(("text", "changes", "where", "words"), REFUSED)
def test_refused_changes_name_the_field(text: str, changes: dict, where: str, words: str) -> None:
    with pytest.raises(EditError) as caught:
        edited(text, changes)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{NAME}:{where}: ")
    assert words in message


def test_a_removed_speaker_still_named_is_refused() -> None:
    text = HEAD + "speakers:\n  - name: A\n  - name: B\npriorities:\n  - title: P\n    raised_by: B\n"
    with pytest.raises(EditError, match="raised_by: 'B' is not one of the speakers"):
        edited(text, {("speakers", 1): None})


def test_a_value_given_unchanged_keeps_its_writing() -> None:
    text = 'event:\n  title: T\n  summary: "Two\n    lines"  # as written\n'
    assert edited(text, {("event", "summary"): "Two lines"}) == text


def test_unified_diff_shows_the_change() -> None:
    new = edited(HEAD, {("event", "title"): "New"})
    diff = unified_diff(HEAD, new, NAME)
    assert diff.splitlines() == ["--- a/brief.yaml", "+++ b/brief.yaml", "@@ -1,3 +1,3 @@", " event:",
                                 "-  title: T", "+  title: New", "   summary: S"]
    assert unified_diff(HEAD, HEAD, NAME) == ""


# -- property: random new texts in random fields of real briefs -----------------------------------

BRIEFS = [SAMPLE, *sorted(TEST_BRIEFS.glob("*.yaml"))]
# Fields whose text is checked beyond being text (links, names a priority or a session refers
# to, language tags, paths, label templates, dates and times, a figure's short value) are left
# out: the brief would rightly refuse most new texts.
_CHECKED_KEYS = {"url", "language", "theme", "photo", "raised_by", "labels", "version", "logo",
                 "text", "date", "accessed", "day", "time", "end", "value"}
ALPHABET = st.sampled_from(list("aZ09 '\":#-?,[]{}|>&*!%@`\\\n\t\r") +
                           ["é", "ß", "中", "文", "ع", "ر", "\u200f", "\u00a0", "—", "😀", "ё"])
NEW_TEXT = st.text(ALPHABET, min_size=1, max_size=50).filter(lambda t: not is_blank(clean_text(t)))


@cache
def text_fields(path: Path) -> list[tuple]:
    """Return the paths of `path`'s text values that any visible text may replace."""
    data, _ = parse(path.read_text(encoding="utf-8"), path)
    named = {p.get("raised_by") for p in data.get("priorities", []) if isinstance(p, dict)}
    named |= {name for session in data.get("agenda", []) for name in session.get("speakers", [])}
    found: list[tuple] = []

    def walk(value: object, loc: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in _CHECKED_KEYS and not (key == "name" and item in named) and not (
                        key == "speakers" and loc[:1] == ("agenda",)):
                    walk(item, loc + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, loc + (i,))
        elif isinstance(value, str):
            found.append(loc)

    walk(data, ())
    return found


@st.composite
def random_edits(draw: st.DrawFn) -> tuple[Path, dict]:
    """Draw a brief and one to three of its text fields with new texts."""
    path = draw(st.sampled_from(BRIEFS))
    fields = draw(st.lists(st.sampled_from(text_fields(path)), min_size=1, max_size=3, unique=True))
    return path, {loc: draw(NEW_TEXT) for loc in fields}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_edits())
def test_random_edits_read_back_exactly_and_touch_nothing_else(case: tuple[Path, dict]) -> None:
    path, changes = case
    text = path.read_text(encoding="utf-8")
    result = apply(text, changes, str(path))
    old, _ = parse(text, path)
    new, _ = parse(result, path)
    for loc, value in changes.items():
        assert value_at(new, loc) == clean_text(value)
        set_at(new, loc, value_at(old, loc))
    assert new == old
    assert_untouched_lines_kept(text, result, list(changes))


def value_at(data: object, loc: tuple) -> object:
    for part in loc:
        data = data[part]  # type: ignore[index]
    return data


def set_at(data: object, loc: tuple, value: object) -> None:
    value_at(data, loc[:-1])[loc[-1]] = value  # type: ignore[index]


def assert_untouched_lines_kept(old: str, new: str, locs: list[tuple]) -> None:
    """Assert that every line of `old` outside the edited values' lines is in `new` unchanged."""
    spots = index_nodes(old, Path(NAME))
    edited_lines: set[int] = set()
    for loc in locs:
        node = spots[loc].node
        first = old.count("\n", 0, node.start_mark.index)
        last = old.count("\n", 0, max(content_end(old, node), node.start_mark.index))
        edited_lines.update(range(first, last + 1))
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed = set(range(i1, i2)) or {i1 - 1}  # lines inserted follow an edited line
        assert changed <= edited_lines, f"lines {sorted(changed - edited_lines)} changed: {tag}"
