"""The programme (`agenda:`) and the key figures (`figures:`): what a user sees for each mistake,
and what the story makes of a programme."""

from __future__ import annotations

import pytest

from generator.brief.load import load_brief
from generator.errors import InputError

HEAD = "event:\n  title: T\n  summary: S\nspeakers:\n  - name: Ada Lovelace\n  - name: Alan Turing\n"


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


def warned(tmp_path, content: str) -> list[str]:
    """Return the warnings a valid brief holding `content` gets, one line each."""
    return [str(problem) for problem in load_brief(write(tmp_path, content)).warnings]


def agenda(*sessions: str) -> str:
    """Return a brief whose agenda holds `sessions`, each a flow mapping's inside."""
    return HEAD + "agenda:\n" + "".join(f"  - {{{s}}}\n" for s in sessions)


WRONG = [
    pytest.param(HEAD + "agenda:\n  - title: A\n    time: 9:30\n", "brief.yaml:9:5:",
                 ["agenda[0].time", "'9:30'", "number", '"9:30"'], id="unquoted-9:30"),
    pytest.param(agenda('title: A, time: "25:00"'), "brief.yaml:8:",
                 ["agenda[0].time", "'25:00'", "not a time of day", '"09:30"'], id="hour-25"),
    pytest.param(agenda('title: A, time: "9:30"'), "brief.yaml:8:",
                 ["agenda[0].time", "'9:30'", "HH:MM"], id="one-digit-hour"),
    pytest.param(agenda('title: A, time: "09:60"'), "brief.yaml:8:",
                 ["'09:60'", "not a time of day"], id="minute-60"),
    pytest.param(agenda('title: A, time: "9.30am"'), "brief.yaml:8:",
                 ["'9.30am'", "not a time of day"], id="am-pm"),
    pytest.param(agenda('title: A, time: "10:00", end: "09:30"'), "brief.yaml:8:",
                 ["agenda[0].end", "ends at 09:30", "not after its start at 10:00"],
                 id="end-before-time"),
    pytest.param(agenda('title: A, time: "10:00", end: "10:00"'), "brief.yaml:8:",
                 ["agenda[0].end", "not after"], id="end-equals-time"),
    pytest.param(agenda('title: A, end: "10:00"'), "brief.yaml:8:",
                 ["agenda[0].end", "needs a start"], id="end-without-time"),
    pytest.param(agenda("title: A, speakers: [Ada Lovelance]"), "brief.yaml:8:",
                 ["agenda[0].speakers[0]", "'Ada Lovelance'", "did you mean 'Ada Lovelace'"],
                 id="unknown-speaker-suggested"),
    pytest.param(agenda("title: A, speakers: Grace Hopper"), "brief.yaml:8:",
                 ["agenda[0].speakers[0]", "'Grace Hopper'", "Ada Lovelace, Alan Turing"],
                 id="unknown-speaker-listed"),
    pytest.param(agenda("title: A, day: 2025-02-30"), "brief.yaml:8:",
                 ["agenda[0].day", "not a real date"], id="impossible-day"),
    pytest.param(agenda("title: A, room: R, hall: H"), "brief.yaml:8:",
                 ["agenda[0].hall"], id="unknown-key"),
    pytest.param(agenda("time: '09:00'"), "brief.yaml:8:",
                 ["agenda[0].title"], id="title-required"),
    pytest.param(HEAD + "figures:\n  - value: 9\n    label: keynotes\n", "brief.yaml:8:",
                 ["figures[0].value", "'9'", "number", '"9"'], id="figure-unquoted"),
    pytest.param(HEAD + f"figures:\n  - value: '{'9' * 30}'\n    label: keynotes\n",
                 "brief.yaml:8:", ["figures[0].value", "24 characters at most"],
                 id="figure-too-long"),
    pytest.param(HEAD + "figures:\n  - value: '9'\n", "brief.yaml:8:",
                 ["figures[0].label"], id="figure-without-label"),
]


@pytest.mark.parametrize(("content", "where", "parts"), WRONG)
def test_each_mistake_is_one_located_line(tmp_path, content: str, where: str,
                                          parts: list[str]) -> None:
    lines = located(tmp_path, content)
    assert len(lines) == 1, lines
    line = lines[0]
    assert where in line, line
    for part in parts:
        assert part in line, line


WARNED = [
    pytest.param(agenda('title: A, time: "10:00"', 'title: B, time: "09:00"'),
                 ["brief.yaml:9:", "agenda[1].time", "starts at 09:00", "agenda[0] ('A', 10:00)"],
                 id="out-of-order"),
    pytest.param(agenda("title: A, day: 2025-03-02", "title: B, day: 2025-03-01"),
                 ["brief.yaml:9:", "agenda[1].day", "2025-03-01 comes before", "2025-03-02"],
                 id="days-out-of-order"),
    pytest.param(agenda('title: A, time: "10:00", end: "11:00", room: Hall',
                        'title: B, time: "10:30", room: Hall'),
                 ["brief.yaml:9:", "agenda[1].time", "overlaps agenda[0] ('A', 10:00-11:00)",
                  "'Hall'"], id="overlap-in-a-room"),
]


@pytest.mark.parametrize(("content", "parts"), WARNED)
def test_likely_slips_are_one_located_warning(tmp_path, content: str, parts: list[str]) -> None:
    lines = warned(tmp_path, content)
    assert len(lines) == 1, lines
    for part in parts:
        assert part in lines[0], lines[0]


FINE = [
    pytest.param(agenda('title: A, time: "10:00", end: "11:00", room: Hall',
                        'title: B, time: "11:00", room: Hall'), id="back-to-back"),
    pytest.param(agenda('title: A, time: "10:00", end: "11:00", room: Hall',
                        'title: B, time: "10:30", room: Annex'), id="parallel-rooms"),
    pytest.param(agenda('title: A, time: "10:00", end: "11:00", room: Hall, day: 2025-03-01',
                        'title: B, time: "09:00", room: Hall, day: 2025-03-02'), id="next-day"),
    pytest.param(agenda('title: A, time: "10:00", day: 2025-03-01', 'title: B, time: "11:00"',
                        'title: C, time: "09:00", day: 2025-03-02'), id="day-carried"),
    pytest.param(agenda("title: A", "title: B, kind: keynote"), id="no-times"),
]


@pytest.mark.parametrize("content", FINE)
def test_a_programme_in_order_gets_no_warning(tmp_path, content: str) -> None:
    assert warned(tmp_path, content) == []


def test_a_full_session_loads(tmp_path) -> None:
    brief = load_brief(write(tmp_path, HEAD + (
        "agenda:\n  - title: Opening\n    time: '09:30'\n    end: '10:15'\n    day: 2025-03-01\n"
        "    speakers: [Ada Lovelace, Alan Turing]\n    room: Hall A\n    kind: keynote\n"
        "figures:\n  - value: '1,200'\n    label: guests\n"))).brief
    session = brief.agenda[0]
    assert (session.time, session.end, session.day.isoformat()) == ("09:30", "10:15", "2025-03-01")
    assert session.speakers == ["Ada Lovelace", "Alan Turing"]
    assert (session.room, session.kind) == ("Hall A", "keynote")
    assert (brief.figures[0].value, brief.figures[0].label) == ("1,200", "guests")


# -- the story and the Markdown summary ----------------------------------------------------------

PROGRAMME = HEAD + """\
hosts:
  - name: Ministry | of Fiction
    url: https://example.org/
  - Second Host
sponsors: [Sponsor One]
figures:
  - {value: '9', label: keynote speeches}
agenda:
  - {title: Opening, time: '09:00', end: '09:30', day: 2025-03-01, speakers: [Ada Lovelace],
     room: Hall, kind: Keynote}
  - {title: Break, time: '09:30'}
  - {title: Day two, time: '09:00', day: 2025-03-02, speakers: [Ada Lovelace, Alan Turing]}
"""


def _prepared(tmp_path, content: str = PROGRAMME):
    """Return the prepared brief holding `content`."""
    from generator.workflow.prepare import prepare

    return prepare(write(tmp_path, content))


def test_the_story_holds_the_programme_in_the_briefs_words(tmp_path) -> None:
    story = _prepared(tmp_path).story
    assert story.agenda is not None
    first, second, third = story.agenda.sessions
    assert (first.when, first.day, first.keynote, first.loc) == (
        "09:00\u201309:30", "1 March 2025", True, ("agenda", 0))
    assert (second.when, second.day, second.keynote) == ("09:30", "1 March 2025", False)
    assert third.speakers == ("Ada Lovelace", "Alan Turing")
    assert story.agenda.days and story.agenda.rooms
    assert story.agenda.notes.splitlines() == [
        "1 March 2025", "09:00\u201309:30: Opening (Ada Lovelace, Hall)", "09:30: Break",
        "2 March 2025", "09:00: Day two (Ada Lovelace; Alan Turing)"]
    ada = next(s.person for s in story.sections if s.person and s.person.name == "Ada Lovelace")
    assert ada.session == "Opening, 09:00\u201309:30; Day two, 09:00"
    assert [(f.value, f.label) for f in story.figures] == [("9", "keynote speeches")]
    assert [(o.name, o.group) for o in story.organisations] == [
        ("Ministry | of Fiction", "hosts"), ("Second Host", "hosts"), ("Sponsor One", "sponsors")]


def test_the_programme_speaks_the_briefs_language(tmp_path) -> None:
    story = _prepared(tmp_path, "language: fr\n" + PROGRAMME).story
    assert story.agenda is not None
    assert (story.agenda.title, story.agenda.sessions[0].day) == ("Programme", "1 mars 2025")
    glance = story.sections[1]
    assert "Avec le soutien de" in [fact.label for fact in glance.items]  # type: ignore[union-attr]


def test_a_brief_without_a_programme_has_none(tmp_path) -> None:
    story = _prepared(tmp_path, HEAD).story
    assert (story.agenda, story.organisations, story.figures) == (None, (), ())


def test_markdown_shows_the_programme_as_a_table_with_a_header_row(tmp_path) -> None:
    from generator.backends.markdown import MarkdownBackend

    lines = MarkdownBackend().lines(_prepared(tmp_path).story)
    start = lines.index("## Programme")
    assert lines[start + 2:start + 7] == [
        "| Day | Time | Session | Speakers | Room |",
        "| --- | --- | --- | --- | --- |",
        "| 1 March 2025 | 09:00\u201309:30 | Opening *(Keynote)* | Ada Lovelace | Hall |",
        "|  | 09:30 | Break |  |  |",
        "| 2 March 2025 | 09:00 | Day two | Ada Lovelace; Alan Turing |  |"]
    assert "- **Hosted by:** [Ministry \\| of Fiction](<https://example.org/>); Second Host" in lines
    assert "- **9** keynote speeches" in lines
    assert lines.index("## Key figures") < start < lines.index("## Speakers")


def test_markdown_leaves_out_columns_no_session_fills(tmp_path) -> None:
    from generator.backends.markdown import MarkdownBackend

    lines = MarkdownBackend().lines(_prepared(tmp_path, agenda("title: A", "title: B")).story)
    start = lines.index("## Programme")
    assert lines[start + 2:start + 6] == ["| Session |", "| --- |", "| A |", "| B |"]
    assert "## Key figures" not in lines
