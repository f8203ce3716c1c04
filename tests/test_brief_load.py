"""The brief's schema (version 1): what a user sees for each mistake, and what is accepted."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.brief.load import load_brief
from generator.brief.model import SUPPORTED_VERSIONS
from generator.errors import InputError

HEAD = "event:\n  title: T\n  summary: S\n"


def write(tmp_path, content: str):
    """Return the path of a brief file holding `content`."""
    path = tmp_path / "brief.yaml"
    path.write_text(content, encoding="utf-8")
    return path


def located(tmp_path, content: str) -> list[str]:
    """Return the problems a user sees for a brief holding `content`, one line each."""
    with pytest.raises(InputError) as caught:
        load_brief(write(tmp_path, content))
    return [str(problem) for problem in caught.value.problems]


def title(text: str) -> str:
    """Return a brief whose event title is written as `text`."""
    return f"event:\n  title: {text}\n  summary: S\n"


def dated(text: str) -> str:
    """Return a brief whose event date is written as `text`."""
    return HEAD + f"  date: {text}\n"


def link(url: str) -> str:
    """Return a brief with one source whose url is written as `url`."""
    return HEAD + f"sources:\n  - title: A\n    url: '{url}'\n"


WRONG = [
    # YAML 1.1 reads these as something other than text; the message shows what was written.
    pytest.param(title("no"), 2, 3, ["event.title", "'no'", "yes/no", 'quotes: "no"'], id="no"),
    pytest.param(title("on"), 2, 3, ["'on'", "yes/no", '"on"'], id="on"),
    pytest.param(title("yes"), 2, 3, ["'yes'", "yes/no", '"yes"'], id="yes"),
    pytest.param(title("9:30"), 2, 3, ["'9:30'", "number", '"9:30"'], id="sexagesimal-9:30"),
    pytest.param(title("3.10"), 2, 3, ["'3.10'", "number", '"3.10"'], id="version-3.10"),
    pytest.param(title("01234"), 2, 3, ["'01234'", "number", '"01234"'], id="leading-zero"),
    pytest.param(title("1.0e+3"), 2, 3, ["'1.0e+3'", "number", '"1.0e+3"'], id="exponent"),
    pytest.param(title("2024-05-17"), 2, 3, ["'2024-05-17'", "date", '"2024-05-17"'],
                 id="date-as-title"),
    pytest.param(title("null"), 2, 3, ["event.title", "empty"], id="null-required"),
    pytest.param(title("~"), 2, 3, ["event.title", "empty"], id="tilde-required"),
    pytest.param(title(""), 2, 3, ["event.title", "empty"], id="nothing-required"),
    pytest.param(title('"   "'), 2, 3, ["event.title", "blank"], id="blank-required"),
    pytest.param(HEAD + "takeaways:\n  - fine\n  - off\n", 6, 5,
                 ["takeaways[1]", "'off'", "yes/no"], id="bool-in-list"),
    pytest.param(HEAD + "speakers:\n  - name: Yes\n", 5, 5, ["speakers[0].name", "'Yes'"],
                 id="bool-nested"),
    # dates
    pytest.param(dated("2024-02-30"), 4, 3, ["event.date", "not a real date", "YYYY-MM-DD"],
                 id="february-30"),
    pytest.param(dated("2024-13-01"), 4, 3, ["event.date", "not a real date"], id="month-13"),
    pytest.param(dated("2024-05-17T10:00:00"), 4, 3, ["event.date", "YYYY-MM-DD"],
                 id="iso-datetime"),
    pytest.param(dated("2024-05-17 10:00"), 4, 3, ["event.date", "YYYY-MM-DD"],
                 id="date-and-time"),
    pytest.param(dated("17/05/2024"), 4, 3, ["event.date", "YYYY-MM-DD"], id="day-first"),
    pytest.param(dated("2024-05-17T00:00:00"), 4, 3, ["event.date", "YYYY-MM-DD"], id="midnight-datetime"),
    pytest.param(dated("0"), 4, 3, ["event.date", "YYYY-MM-DD"],
                 id="number-as-date"),
    pytest.param(dated("'86400'"), 4, 3, ["event.date", "YYYY-MM-DD"],
                 id="numeric-text-as-date"),
    # keys
    pytest.param(HEAD + "speakrs:\n  - name: A\n", 4, 1,
                 ["speakrs", "unknown key", "did you mean 'speakers'?"], id="near-miss-top"),
    pytest.param(HEAD + "speakers:\n  - name: A\n    nme: B\n", 6, 5,
                 ["speakers[0].nme", "did you mean 'name'?"], id="near-miss-nested"),
    pytest.param(HEAD + "colour: red\n", 4, 1, ["colour", "unknown key"], id="unknown-key"),
    pytest.param("version: 1\nevent:\n  subtitle: x\n  summary: S\n", 2, 1,
                 ["event.title", "field required"], id="missing-title"),
    pytest.param("version: 1\nevent:\n  title: T\n", 2, 1,
                 ["event.summary", "field required"], id="missing-summary"),
    pytest.param("version: 1\nhosts: [A]\n", 1, 1, ["event", "field required"], id="missing-event"),
    # version
    pytest.param("version: 2\n" + HEAD, 1, 1, ["version", "reads brief version 1", "2"],
                 id="version-2"),
    pytest.param("version: true\n" + HEAD, 1, 1, ["version", "reads brief version 1", "says true"],
                 id="version-bool"),
    pytest.param("version: '1'\n" + HEAD, 1, 1, ["version", "reads brief version 1", "says '1'"],
                 id="version-string"),
    # links
    pytest.param(link("javascript:alert(1)"), 6, 5, ["sources[0].url", "'javascript:'"],
                 id="javascript-link"),
    pytest.param(link("JavaScript:alert(1)"), 6, 5, ["'javascript:'"], id="javascript-mixed-case"),
    pytest.param(link("file:///etc/passwd"), 6, 5, ["'file:'"], id="file-link"),
    pytest.param(link("data:text/html,hi"), 6, 5, ["'data:'"], id="data-link"),
    pytest.param(link("ftp://example.org/a"), 6, 5, ["'ftp:'"], id="ftp-link"),
    pytest.param(link("\\\\server\\share"), 6, 5, ["backslashes"], id="unc-path"),
    pytest.param(link("https://example.org/a b"), 6, 5, ["spaces"], id="space-in-url"),
    pytest.param(link("mailto:"), 6, 5, ["mailto:", "address"], id="mailto-without-address"),
    pytest.param(link("https:///path"), 6, 5, ["host"], id="https-without-host"),
    pytest.param(link("example.org/page"), 6, 5, ["no scheme"], id="no-scheme"),
    pytest.param(HEAD + "hosts:\n  - name: A\n    url: 'vbscript:x'\n", 6, 5,
                 ["hosts[0].url", "'vbscript:'"], id="host-link"),
    # cross-field
    pytest.param(HEAD + "speakers:\n  - name: Lu Liang\npriorities:\n  - title: P\n"
                 "    raised_by: Lu Lian\n", 8, 5,
                 ["priorities[0].raised_by", "'Lu Lian'", "not one of the speakers",
                  "did you mean 'Lu Liang'?"], id="raised-by-near-miss"),
    pytest.param(HEAD + "speakers:\n  - name: A\npriorities:\n  - title: P\n    raised_by: Zed\n",
                 8, 5, ["'Zed' is not one of the speakers", "A"], id="raised-by-stranger"),
    # shapes
    pytest.param(HEAD + "hosts: 12\n", 4, 1, ["hosts", "expected a list"], id="hosts-number"),
    pytest.param(HEAD + "speakers:\n  - name: A\n    points: {a: b}\n", 6, 5,
                 ["speakers[0].points", "expected a list"], id="points-mapping"),
    pytest.param("event: [T]\n", 1, 1, ["event", "mapping"], id="event-list"),
]


@pytest.mark.parametrize(("content", "line", "col", "words"), WRONG)
def test_schema_mistake_is_located(in_tmp, content, line, col, words):
    problems = located(in_tmp, content)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"brief.yaml:{line}:{col}: "), problems
    for word in words:
        assert word in problems[0], problems[0]


@pytest.mark.parametrize(("content", "expected"), [
    pytest.param("event:\n  title: T\n  sumary: S\n",
                 ["brief.yaml:3:3: event.sumary: unknown key 'sumary'; did you mean 'summary'?"],
                 id="misspelt-required-key"),
    pytest.param("event:\n  titel: T\n  summary: S\nspeakers:\n  - nmae: A\n",
                 ["brief.yaml:2:3: event.titel: unknown key 'titel'; did you mean 'title'?",
                  "brief.yaml:5:5: speakers[0].nmae: unknown key 'nmae'; did you mean 'name'?"],
                 id="misspelt-in-two-places"),
    pytest.param("event:\n  title: T\n  colour: red\n",
                 ["brief.yaml:1:1: event.summary: field required",
                  "brief.yaml:3:3: event.colour: unknown key 'colour'"],
                 id="unrelated-unknown-key-and-missing-field"),
])
def test_a_misspelt_required_key_is_one_line_at_the_misspelling(in_tmp, content, expected):
    assert located(in_tmp, content) == expected


def test_version_message_names_what_this_release_reads(in_tmp):
    (problem,) = located(in_tmp, "version: 3\n" + HEAD)
    assert ", ".join(str(v) for v in SUPPORTED_VERSIONS) in problem and "3" in problem


def test_version_written_as_1_0_is_read_with_a_warning_to_write_1(in_tmp):
    path = in_tmp / "b.yaml"
    path.write_text("version: 1.0\n" + HEAD)
    loaded = load_brief(path)
    assert loaded.brief.version == 1
    assert [(w.line, w.col, w.severity, w.message) for w in loaded.warnings] == [
        (1, 1, "warning", "version: write 1, not 1.0; a later release will not read it")]
    path.write_text("version: 1\n" + HEAD)
    assert load_brief(path).warnings == ()


def test_every_problem_at_once_sorted_by_line(in_tmp):
    content = ("speakers:\n  - name: A\n    nme: B\n"   # 1-3
               "colour: red\n"                          # 4
               "event:\n  title: no\n"                  # 5-6: summary missing
               "sources:\n  - title: S\n    url: 'file:///x'\n"  # 7-9
               "takeaways:\n  - 3.10\n")                # 10-11
    problems = located(in_tmp, content)
    places = [tuple(int(n) for n in p.split(":")[1:3]) for p in problems]
    assert places == sorted(places)
    lines = [line for line, _ in places]
    assert {3, 4, 5, 6, 9, 11} <= set(lines), problems
    assert any("event.summary: field required" in p for p in problems)


ACCEPTED = [
    pytest.param(HEAD + "hosts: China Film Administration\n",
                 lambda b: [h.name for h in b.hosts] == ["China Film Administration"],
                 id="hosts-bare-string"),
    pytest.param(HEAD + "hosts: [A, B]\n", lambda b: [h.name for h in b.hosts] == ["A", "B"],
                 id="hosts-list-of-strings"),
    pytest.param(HEAD + "hosts:\n  - name: A\n    role: Host\n    url: https://a.example\n",
                 lambda b: (b.hosts[0].name, b.hosts[0].role, b.hosts[0].url)
                 == ("A", "Host", "https://a.example"), id="hosts-list-of-mappings"),
    pytest.param(HEAD + "organizers:\n  - A\n  - name: B\n",
                 lambda b: [o.name for o in b.organizers] == ["A", "B"], id="organizers-mixed"),
    pytest.param(link("http://example.org"), lambda b: b.sources[0].url == "http://example.org",
                 id="http-link"),
    pytest.param(link("https://example.org/p?q=1#x"),
                 lambda b: b.sources[0].url == "https://example.org/p?q=1#x", id="https-link"),
    pytest.param(link("mailto:press@example.org"),
                 lambda b: b.sources[0].url == "mailto:press@example.org", id="mailto-link"),
    pytest.param(dated("2024-05-17"), lambda b: b.event.date == dt.date(2024, 5, 17), id="iso-date"),
    pytest.param(dated("'2024-05-17'"), lambda b: b.event.date == dt.date(2024, 5, 17),
                 id="quoted-iso-date"),
    pytest.param(dated("2024-02-29"), lambda b: b.event.date == dt.date(2024, 2, 29), id="leap-day"),
    pytest.param(title("1e3"), lambda b: b.event.title == "1e3", id="1e3-is-text-in-yaml-1.1"),
    pytest.param(title('"no"'), lambda b: b.event.title == "no", id="quoted-no"),
    pytest.param(title("'9:30'"), lambda b: b.event.title == "9:30", id="quoted-9:30"),
    pytest.param(title("'  padded  '"), lambda b: b.event.title == "padded", id="trimmed"),
    pytest.param("version: 1\n" + HEAD, lambda b: b.version == 1, id="version-1"),
    pytest.param(HEAD + "speakers:\n  - name: A\npriorities:\n  - title: P\n    raised_by: A\n",
                 lambda b: b.priorities[0].raised_by == "A", id="raised-by-speaker"),
]


@pytest.mark.parametrize(("content", "check"), ACCEPTED)
def test_accepted(in_tmp, content, check):
    assert check(load_brief(write(in_tmp, content)).brief)


def test_loaded_brief_locates_fields_for_later_warnings(in_tmp):
    loaded = load_brief(write(in_tmp, HEAD + "speakers:\n  - name: A\n    points:\n      - one\n"))
    problem = loaded.problem(("speakers", 0, "points", 0), "too long for a slide")
    assert str(problem) == "brief.yaml:7:9: warning: speakers[0].points[0]: too long for a slide"
