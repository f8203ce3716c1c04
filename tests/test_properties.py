"""Properties: any text in any field, and any bytes as a brief, build or come back as a located error.

Budgets (2 cores, under two minutes for the file): validation and Markdown run on 300 examples per
field, because they take milliseconds; the deck and the handout take 20-300 ms each, so they run on
60 examples per field. Every example is checked the same way: the documents are built and the
text is read back from each, or the brief is refused with an InputError whose problems have a line.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import generator
from generator.typeset.fonts import missing_glyphs, runs
from generator.workflow.prepare import prepare
from generator.workflow.render import draw, located

from .conftest import markdown_body
from .test_hostile_outputs import deck_text, md_text, pdf_text, squeezed

# Code points that have tripped text pipelines: controls, separators, invisible and bidi marks,
# non-characters, combining marks, astral and private-use characters.
TRAPS = ("\x00", "\x07", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\xa0", "\xad", "\u0301", "\u0338",
         "\u200b", "\u200d", "\u202e", "\u2028", "\u2060", "\ufeff", "\ufffd", "\ufffe", "\U0001F600",
         "\U0001F1FA", "\U000F0000", "\U0010FFFF", "\u05d0", "\u0627", "\u4e2d", "&", "<", ">", "\\",
         "_x0041_", "'", '"', ":", "#", "- ", "{", "}", "[", "]", "*", "!", "|", "%")
TEXT = st.one_of(
    st.text(st.characters(), max_size=40),
    st.lists(st.sampled_from(TRAPS) | st.text(max_size=4), max_size=12).map("".join),
    st.text(st.characters(categories=("L", "M", "N")), min_size=80, max_size=400),  # long words
)
FIELDS = {
    "event.title": ("event", "title"),
    "event.summary": ("event", "summary"),
    "event.location": ("event", "location"),
    "speakers[0].name": ("speakers", 0, "name"),
    "speakers[0].points[0]": ("speakers", 0, "points", 0),
    "speakers[0].quote": ("speakers", 0, "quote"),
    "priorities[0].title": ("priorities", 0, "title"),
    "takeaways[0]": ("takeaways", 0),
    "sources[0].title": ("sources", 0, "title"),
}
# The one-page handout shows names and topics, not each speaker's points or quote.
HANDOUT_FIELDS = {name: loc for name, loc in FIELDS.items() if loc[-2:] not in (("points", 0),)
                  and loc[-1] != "quote"}
READERS = {"pptx": deck_text, "pdf": pdf_text, "md": md_text}


def brief_with(loc: tuple, text: str) -> dict:
    """Return a small valid brief with `text` placed at the field `loc`."""
    brief = {
        "event": {"title": "T", "summary": "S", "location": "L"},
        "speakers": [{"name": "Ann Lee", "points": ["P"], "quote": "Q"}],
        "priorities": [{"title": "Pr"}],
        "takeaways": ["Tk"],
        "sources": [{"title": "So", "url": "https://example.org/"}],
    }
    holder = brief
    for part in loc[:-1]:
        holder = holder[part]
    holder[loc[-1]] = text
    return brief


def value_at(brief, loc: tuple) -> str:
    """Return the value of the loaded brief at `loc` (after trimming and normalising)."""
    value = brief
    for part in loc:
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def assert_located(error: generator.InputError) -> None:
    """Fail unless every problem of a refusal names the brief and a line in it."""
    assert error.problems
    for problem in error.problems:
        assert problem.path == "<brief>" and problem.line > 0, str(problem)


def comparable(text: str) -> str:
    """Return `text` without whitespace or invisible format characters (the deck adds U+200B
    after long runs of letters so that PowerPoint may break them)."""
    return "".join(ch for ch in squeezed(text) if unicodedata.category(ch) != "Cf")


def drawable(text: str, face) -> str:
    """Return the characters of `text` a PDF reader can give back as written.

    A handout leaves out characters no installed font draws (and says so in a notice), and text
    extraction cannot return marks, invisible format characters or characters beyond the BMP
    exactly, so the comparison is made on the rest.
    """
    missing = set(missing_glyphs(text, face))
    kept = "".join(ch for ch in squeezed(text) if ch not in missing and ord(ch) <= 0xFFFF
                   and unicodedata.category(ch)[0] not in "MC" and not _cid_drawn(ch, face)
                   and ch not in UNMAPPED_BY_PDFMINER)
    # Arabic is drawn in its joined (presentation) forms, which NFKC maps back to the letters,
    # and right-to-left text mirrors its brackets, so a bracket counts as its pair.
    letters = unicodedata.normalize("NFKC", kept)
    return "".join(MIRRORED.get(ch, ch) for ch in letters if unicodedata.category(ch)[0] not in "MCZ")


MIRRORED = {")": "(", "]": "[", "}": "{", ">": "<", "\u00bb": "\u00ab", "\u203a": "\u2039"}


# ReportLab writes U+2022 BULLET in the standard fonts as code 127, which poppler (pdftotext)
# and Acrobat read back as a bullet but pdfminer, under pdfplumber, reports as '(cid:127)'.
UNMAPPED_BY_PDFMINER = frozenset("\u2022")


def _cid_drawn(ch: str, face) -> bool:
    """Return True for a character drawn with a built-in CJK (CID) font: pdfplumber cannot map
    every CID glyph of a mixed-script line back to its character, so these are not compared."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    return any(isinstance(pdfmetrics.getFont(name), UnicodeCIDFont) for name, _ in runs(ch, face))


def check_field(loc: tuple, text: str, formats: tuple[str, ...]) -> None:
    """Build `formats` from a brief with `text` at `loc`; the text must be found in each."""
    try:
        prepared = prepare(brief_with(loc, text))
    except generator.InputError as error:
        assert_located(error)
        return
    written = value_at(prepared.loaded.brief, loc)
    for fmt in formats:
        rendered = located(prepared, draw(fmt, prepared.story, prepared.theme))
        if rendered.data is None:  # a backend refusal is located at the field too
            assert rendered.errors and all(p.line > 0 for p in rendered.errors), rendered.errors
            continue
        data = rendered.data
        shown = READERS[fmt](data)
        if fmt == "pdf":
            face = prepared.theme.body
            # Two columns interleave lines when extracted, so the handout is checked for every
            # character of the text, not for the text as one run.
            assert Counter(drawable(written, face)) <= Counter(drawable(shown, face))
        else:
            assert comparable(written) in comparable(shown)


FAST = settings(max_examples=300, deadline=2000, database=None)
# Rendering is slow by nature; shrinking a failure would render hundreds of times, so the slow
# properties report the first failing example as found.
SLOW = settings(max_examples=60, deadline=5000, database=None,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("loc", FIELDS.values(), ids=FIELDS.keys())
@FAST
@given(text=TEXT)
def test_any_text_validates_and_reaches_markdown(loc, text):
    check_field(loc, text, ("md",))


@pytest.mark.parametrize("loc", FIELDS.values(), ids=FIELDS.keys())
@SLOW
@given(text=TEXT)
def test_any_text_reaches_the_deck(loc, text):
    check_field(loc, text, ("pptx",))


@pytest.mark.parametrize("loc", HANDOUT_FIELDS.values(), ids=HANDOUT_FIELDS.keys())
@SLOW
@given(text=TEXT)
def test_any_text_reaches_the_handout(loc, text):
    check_field(loc, text, ("pdf",))


VALID = b"event:\n  title: T\n  summary: S\nspeakers:\n  - name: A\n    points: [x]\n"
BYTES = st.one_of(
    st.binary(max_size=400),
    st.tuples(st.integers(0, len(VALID)), st.binary(max_size=40)).map(
        lambda cut: VALID[: cut[0]] + cut[1] + VALID[cut[0]:]),
    st.text(st.sampled_from("event:title summary -[]{}&*!|>'\"#\n :?,@`%"), max_size=200).map(str.encode),
)


@settings(max_examples=300, deadline=2000, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # the folder is reused
@given(data=BYTES)
def test_any_bytes_as_a_brief_build_or_give_a_located_error(in_tmp, data):
    path = in_tmp / "brief.yaml"
    path.write_bytes(data)
    try:
        document = generator.render(path, format="md", root=in_tmp)
    except generator.InputError as error:
        assert error.problems
        assert all(p.path == "brief.yaml" and p.line > 0 for p in error.problems), error
        return
    assert markdown_body(document.decode()).startswith("# ")


@pytest.mark.parametrize("key", ["([event", "a[b"])
def test_key_with_a_bracket_is_a_located_error(in_tmp, key):
    (in_tmp / "brief.yaml").write_text(f"{key}:\n  title: T\nevent:\n  title: T\n  summary: S\n")
    with pytest.raises(generator.InputError) as caught:
        generator.render(in_tmp / "brief.yaml", format="md", root=in_tmp)
    assert str(caught.value).startswith(f"brief.yaml:1:1: {key}: unknown key")
