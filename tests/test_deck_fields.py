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


import generator  # noqa: E402
from generator.briefpaths import is_within, path_in_name  # noqa: E402
from generator.ooxml.custom import chunks  # noqa: E402
from generator.workflow.edits import read_built  # noqa: E402

from .conftest import BRIEFS, ROOT, TEST_BRIEFS  # noqa: E402

TEMPLATE = str(ROOT / "docs" / "examples" / "corporate-template.potx")
DECKS = [("sample", BRIEFS["sample"], "default"), ("stress", BRIEFS["stress"], "cinema"),
         ("sample-template", BRIEFS["sample"], TEMPLATE),
         ("stress-template", BRIEFS["stress"], TEMPLATE),
         ("arabic", TEST_BRIEFS / "arabic.yaml", "print")]


@pytest.mark.parametrize(("brief", "theme"), [(b, t) for _, b, t in DECKS], ids=[i for i, *_ in DECKS])
def test_every_shape_showing_a_field_is_named_by_it(brief, theme):
    deck = read_built(generator.render(brief, theme=theme, root=ROOT))
    assert len(deck.slides) == len(deck.record.slides)
    for slide, base in zip(deck.slides, deck.record.slides, strict=True):
        for shape in base.shapes:
            for para in shape.paras:
                if para.field:
                    named = path_in_name(shape.name)
                    assert named is not None and is_within(parse_path(para.field), named), shape.name
        if base.notes is not None and base.notes.field:
            assert slide.notes_path == parse_path(base.notes.field)


LONG_POINT = " ".join(f"Sentence {n} of a point too long for one slide, said at length." for n in range(70))


@pytest.mark.parametrize("theme", ["default", TEMPLATE], ids=["default", "template"])
def test_continued_text_is_recorded_in_pieces_that_join_back(theme, tmp_path):
    brief = tmp_path / "long.yaml"
    brief.write_text(BRIEFS["minimal"].read_text() + "speakers:\n  - name: Ada Li\n    points:\n"
                     f"      - {LONG_POINT}\n")
    deck = read_built(generator.render(brief, theme=theme, root=ROOT))
    pieces = [(s.number, p) for s in deck.record.slides for sh in s.shapes for p in sh.paras
              if p.piece]
    assert pieces, "the stress brief continues a text over slides"
    number, last = pieces[0]
    whole = deck.record.fields[last.field]
    parts = [p.text for s in deck.record.slides for sh in s.shapes for p in sh.paras
             if p.field == last.field]
    joined = parts[-len(whole.joins) - 1:]
    text = joined[0] + "".join(j + p for j, p in zip(whole.joins, joined[1:], strict=True))
    assert text == whole.pre + " ".join(whole.value.split("\n")) + whole.post


@pytest.mark.parametrize("text", ["", "a" * 600, "中文" * 300, "\U0001F600" * 200,
                                  "ab cd  " * 120 + "e", "a  b " * 120],
                         ids=["empty", "ascii", "cjk", "astral", "spaces", "no-cut"])
def test_record_chunks_fit_a_property_and_join_back(text):
    parts = chunks(text)
    assert "".join(parts) == text
    for part in parts:
        assert len(part.encode("utf-16-le")) // 2 <= 255
        assert part == part.strip() or text.startswith("a  b")  # where no cut avoids a space


def test_same_story_same_bytes():
    assert generator.render(BRIEFS["sample"], root=ROOT) == generator.render(BRIEFS["sample"], root=ROOT)
