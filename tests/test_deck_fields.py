"""Every shape the deck writes knows its brief field: paths written and parsed, shapes named,
and the record of what was written for each field, inside the deck."""

from __future__ import annotations

import pytest

from generator.briefpaths import MAX_INDEX, PathError, format_path, parse_path

PATHS = [
    ("event.title", ("event", "title")),
    ("speakers[2].points[1]", ("speakers", 2, "points", 1)),
    ("takeaways[0]", ("takeaways", 0)),
    ("speakers[0].notes", ("speakers", 0, "notes")),
    ("notes", ("notes",)),
    (f"sources[{MAX_INDEX}].url", ("sources", MAX_INDEX, "url")),
]


@pytest.mark.parametrize(("text", "loc"), PATHS, ids=[t for t, _ in PATHS])
def test_paths_are_written_and_read_back(text, loc):
    assert format_path(loc) == text
    assert parse_path(text) == loc


REFUSED = [
    ("", "empty"),
    ("..", "dots"),
    ("speakers[0]..name", "double-dot"),
    ("../event.title", "parent"),
    ("event/title", "slash"),
    ("speakers[1000]", "huge-index"),
    ("speakers[99999999999999999999]", "enormous-index"),
    ("speakers[-1]", "negative"),
    ("speakers[01]", "leading-zero"),
    ("speakers[ 1]", "space"),
    ("passwords.root", "unknown-root"),
    ("Event.title", "capitals"),
    ("event.title ", "trailing-space"),
    ("event." + "a" * 41, "long-key"),
    ("event" + ".a" * 10, "deep"),
    ("speakers[0].__class__", "dunder"),
    ("event\u200b.title", "invisible"),
]


@pytest.mark.parametrize("text", [t for t, _ in REFUSED], ids=[i for _, i in REFUSED])
def test_strict_parsing_refuses_what_is_no_brief_path(text):
    with pytest.raises(PathError):
        parse_path(text)


@pytest.mark.parametrize("loc", [(), ("nowhere",), ("speakers", -1), ("speakers", True),
                                 ("speakers", 1000), ("event", "Title")],
                         ids=["empty", "root", "negative", "bool", "huge", "capital"])
def test_formatting_refuses_what_is_no_brief_path(loc):
    with pytest.raises(PathError):
        format_path(loc)
