"""The YAML layer of a brief: every trap in the file itself comes back as one located line."""

from __future__ import annotations

import os

import pytest

from generator.brief.load import load_brief
from generator.errors import InputError

HEAD = "event:\n  title: T\n  summary: S\n"

# The classic "billion laughs": nine levels of nine aliases, under 400 bytes of YAML.
BOMB = "l0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"l{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


def located(tmp_path, content: str | bytes, name: str = "brief.yaml") -> list[str]:
    """Return the problems a user sees for a brief holding `content`, one line each."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    with pytest.raises(InputError) as caught:
        load_brief(path)
    return [str(problem) for problem in caught.value.problems]


SYNTAX = [
    pytest.param("event:\n\ttitle: T\n", 2, 1, ["tab", "spaces"], id="tab-indentation"),
    pytest.param('event:\n  title: "T\n  summary: S\n', 2, 10, ["quoted", "never closed"],
                 id="unclosed-quote-at-opening"),
    pytest.param('event:\n  title: "T\n  summary: S\nnotes: "N"\n', 2, 10,
                 ["not closed on its line", "'summary:' on line 3", "noticed at 4:9"],
                 id="unclosed-quote-closed-by-a-later-one"),
    pytest.param("version: 1\nevent:\n  title: A\n  summary: S\n  title: B\n", 5, 3,
                 ["duplicate key 'title', first on line 3"], id="duplicate-key"),
    pytest.param(HEAD + "notes: !!python/name:os.system\n", 4, 8,
                 ["!!python/name:os.system", "not allowed"], id="python-name-tag"),
    pytest.param(HEAD + "notes: !!python/object:os.system {}\n", 4, 8,
                 ["!!python/object:os.system", "not allowed"],
                 id="python-object-tag"),
    pytest.param(HEAD + "notes: !!python/object/apply:os.system [ls]\n", 4, 8,
                 ["!!python/object/apply:os.system", "not allowed"],
                 id="python-object-apply-tag"),
    pytest.param(HEAD + "participants: !!set {a: null}\n", 4, 15, ["!!set", "not allowed"], id="set-tag"),
    pytest.param(HEAD + "notes: !!binary aGVsbG8=\n", 4, 8, ["!!binary", "not allowed"],
                 id="binary-tag"),
    pytest.param(HEAD + "notes: !brand hello\n", 4, 8, ["!brand", "not allowed"], id="custom-tag"),
    pytest.param("event:\n  title: &t T\n  summary: *t\n", 2, 10, ["anchors", "not allowed"],
                 id="anchor-and-alias"),
    pytest.param(HEAD + "notes: *nowhere\n", 4, 8, ["aliases", "not allowed"], id="alias-alone"),
    pytest.param(BOMB, 1, 5, ["anchors", "not allowed"], id="alias-bomb"),
    pytest.param("a: &a [*a]\n", 1, 4, ["anchors", "not allowed"], id="recursive-alias"),
    pytest.param(HEAD + "---\n" + HEAD, 4, 1, ["one YAML document", "---"], id="two-documents"),
    pytest.param("- a\n- b\n", 1, 1, ["mapping", "not a single value or a list"], id="top-list"),
    pytest.param("just words\n", 1, 1, ["mapping", "not a single value or a list"], id="top-scalar"),
    pytest.param("", 1, 1, ["empty", "event:"], id="empty-file"),
    pytest.param("# only a comment\n", 1, 1, ["empty"], id="only-comments"),
    pytest.param("x: " + "[" * 200 + "]" * 200 + "\n", 1, 15, ["nested", "levels"],
                 id="200-nested-flow-lists"),
    pytest.param("".join("  " * i + "-\n" for i in range(200)), 13, 25, ["nested", "levels"],
                 id="200-nested-block-lists"),
    pytest.param("x: " + "{a: " * 5000 + "}" * 5000 + "\n", 1, 45, ["nested", "levels"],
                 id="5000-nested-mappings"),
    pytest.param(HEAD + "? [a]\n: b\n", 4, 3, ["key must be plain text"], id="list-as-key"),
    pytest.param(HEAD + "hosts:\n  - <<: {name: x}\n", 5, 5, ["key must be plain text"],
                 id="merge-key"),
]


@pytest.mark.parametrize(("content", "line", "col", "words"), SYNTAX)
def test_yaml_trap_is_one_located_line(in_tmp, content, line, col, words):
    problems = located(in_tmp, content)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"brief.yaml:{line}:{col}: "), problems
    for word in words:
        assert word in problems[0]


ENCODING = [
    pytest.param(b"event:\n  title: caf\xe9 ok\n  summary: S\n", 2, 13, "0xe9", id="latin-1-byte"),
    pytest.param(b"\xef\xbb\xbfevent:\n  title: caf\xe9\n", 2, 13, "0xe9", id="latin-1-after-bom"),
    pytest.param(b"\xff\xfee\x00v\x00", 1, 1, "0xff", id="utf-16-file"),
    pytest.param(b"event:\n  title: \xe4\xbd\xa0\xe5\xa5\xbd \xc3\n", 2, 13, "0xc3",
                 id="truncated-sequence-after-cjk"),
    pytest.param(b"event:\n  title: a\xed\xa0\x80\n", 2, 11, "0xed", id="encoded-surrogate"),
    pytest.param(b"event:\n  title: \xc0\xaf\n", 2, 10, "0xc0", id="overlong-slash"),
]


@pytest.mark.parametrize(("content", "line", "col", "byte"), ENCODING)
def test_non_utf8_names_line_column_and_byte(in_tmp, content, line, col, byte):
    (problem,) = located(in_tmp, content)
    assert problem.startswith(f"brief.yaml:{line}:{col}: "), problem
    assert byte in problem and "UTF-8" in problem


def test_file_over_the_cap_is_refused_unread(in_tmp):
    (problem,) = located(in_tmp, HEAD + "notes: " + "x" * 1_100_000 + "\n")
    assert problem.startswith("brief.yaml: ")
    assert "1.1 MB" in problem and "limit" in problem


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_brief_must_be_a_regular_file(in_tmp, kind):
    path = in_tmp / "brief.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    with pytest.raises(InputError) as caught:
        load_brief(path)
    assert [str(p) for p in caught.value.problems] == ["brief.yaml: not a regular file"]


def test_missing_brief_says_so(in_tmp):
    with pytest.raises(InputError) as caught:
        load_brief(in_tmp / "gone.yaml")
    assert str(caught.value) == "gone.yaml: no such file"


READABLE = [
    pytest.param("\ufeffevent:\n  title: T\n  summary: S\n", id="bom"),
    pytest.param("event:\r\n  title: T\r\n  summary: S\r\n", id="crlf"),
    pytest.param("\ufeffevent:\r\n  title: T\r\n  summary: S\r\n", id="bom-and-crlf"),
    pytest.param("event:\n  title: T\n  summary: S", id="no-final-newline"),
]


@pytest.mark.parametrize("content", READABLE)
def test_bom_and_line_endings_load(in_tmp, content):
    path = in_tmp / "brief.yaml"
    path.write_bytes(content.encode("utf-8"))
    brief = load_brief(path).brief
    assert (brief.event.title, brief.event.summary) == ("T", "S")


POSITIONS = [
    pytest.param("event:\r\n  title: T\r\n  summary: S\r\n  title: X\r\n", 4, 3, id="crlf"),
    pytest.param("\ufeffevent:\n  title: T\n  summary: S\n  title: X\n", 4, 3, id="bom"),
]


def test_raw_line_separator_is_refused_where_it_stands(in_tmp):
    (problem,) = located(in_tmp, 'event:\n  title: "a\u2028b"\n  summary: S\n'.encode())
    assert problem.startswith("brief.yaml:2:12: line separator U+2028; use a real line break"), problem


@pytest.mark.parametrize(("content", "line", "col"), POSITIONS)
def test_positions_count_lines_as_editors_do(in_tmp, content, line, col):
    (problem,) = located(in_tmp, content.encode("utf-8"))
    assert problem.startswith(f"brief.yaml:{line}:{col}: duplicate key 'title'"), problem
