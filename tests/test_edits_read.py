"""Reading a built deck back: the record of what each output was when written, the base the deck
carries, and each field's text now on the deck after an editor's changes."""

from __future__ import annotations

import hashlib
import json

from generator.paths import AssetPolicy
from generator.workflow.build import Options, build_one
from generator.workflow.records import STATE_DIR, BuildRecord

from .conftest import SAMPLE


def test_record_keeps_the_digest_of_each_output_as_written(in_tmp):
    brief = in_tmp / "sample.yaml"
    brief.write_text(SAMPLE.read_text())
    out = in_tmp / "out"
    result = build_one(brief, Options(out, ("md", "pptx"), policy=AssetPolicy(in_tmp)))
    assert result.ok, result.errors
    written = {w.path.name: w.digest for w in result.written}
    on_disk = {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in written}
    assert written == on_disk
    record = BuildRecord(out, "sample")
    assert record.written_digests() == on_disk
    assert record.written_digest(out / "sample.pptx") == on_disk["sample.pptx"]
    state = json.loads((out / STATE_DIR / "sample.json").read_text())
    assert state["written_digests"] == on_disk


def test_record_without_digests_reads_as_unknown(tmp_path):
    (tmp_path / STATE_DIR).mkdir()
    (tmp_path / STATE_DIR / "x.json").write_text(json.dumps({"digest": "d", "sizes": {"x.md": 1},
                                                             "written_digests": {"x.md": 5}}))
    assert BuildRecord(tmp_path, "x").written_digests() == {}
    assert BuildRecord(tmp_path, "x").written_digest(tmp_path / "x.md") is None


# -- a deck edited as an editor would, then saved again by LibreOffice ---------------------------

import io  # noqa: E402
import zipfile  # noqa: E402

import pytest  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Pt  # noqa: E402

import generator  # noqa: E402
from generator.workflow.edits import BuiltDeckError, field_edits, read_built  # noqa: E402

from .conftest import ROOT, TEST_BRIEFS, saved_by_libreoffice  # noqa: E402

TEMPLATE = str(ROOT / "docs" / "examples" / "corporate-template.potx")
LOOKS = [(SAMPLE, "default"), (SAMPLE, "cinema"), (SAMPLE, TEMPLATE),
         (TEST_BRIEFS / "chinese.yaml", "default"), (TEST_BRIEFS / "chinese.yaml", TEMPLATE),
         (TEST_BRIEFS / "arabic.yaml", "print"), (TEST_BRIEFS / "arabic.yaml", TEMPLATE)]
LOOK_IDS = ["sample-default", "sample-cinema", "sample-template", "chinese-default",
            "chinese-template", "arabic-print", "arabic-template"]
# The fields an editor changes: the first three of these the deck shows in one piece.
TARGETS = ("takeaways[0]", "speakers[0].points[0]", "event.summary", "priorities[0].title",
           "takeaways[1]", "speakers[1].points[0]", "event.title")


def set_text(paragraph, text: str) -> None:
    """Replace a paragraph's text as typing over it does: the first run keeps its format."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def one_piece(record, path: str) -> tuple[int, str] | None:
    """Return the slide and text of a field the deck wrote in one piece, or None."""
    found = [(s.number, p) for s in record.slides for sh in s.shapes for p in sh.paras if p.field == path]
    if not found or any(p.piece for _, p in found):
        return None
    return found[0][0], found[0][1].text


def edit_deck(data: bytes) -> tuple[bytes, dict[str, tuple[str, int]]]:
    """Return the deck edited: three fields and a note changed, a text box added to a slide, a
    slide with a text box added, a shape deleted; and the fields changed, with text and slide."""
    record = read_built(data).record
    prs = Presentation(io.BytesIO(data))
    changed: dict[str, tuple[str, int]] = {}
    for path in [p for p in TARGETS if one_piece(record, p) is not None][:3]:
        number, old = one_piece(record, path)
        paragraph = next(par for shape in prs.slides[number - 1].shapes if shape.has_text_frame
                         for par in shape.text_frame.paragraphs
                         if par.text.replace("\u200b", "") == old)
        new = f"{old[: len(old) // 2].rstrip()} (revised {len(changed)})"
        set_text(paragraph, new)
        changed[path] = (new, number)
    noted = next((s for s in record.slides if s.notes is not None and s.notes.field
                  and s.notes.field not in changed), None)
    if noted is not None:  # a brief whose notes are all derived has none of its own to edit
        frame = prs.slides[noted.number - 1].notes_slide.notes_text_frame
        frame.text = "Say this instead.\nAnd this."
        changed[noted.notes.field] = ("Say this instead.\nAnd this.", noted.number)
    last = prs.slides[len(prs.slides) - 1]
    last.shapes.add_textbox(Pt(20), Pt(20), Pt(200), Pt(40)).text_frame.text = "A remark of mine"
    added = prs.slides.add_slide(prs.slide_layouts[len(prs.slide_layouts) - 1])
    added.shapes.add_textbox(Pt(40), Pt(40), Pt(300), Pt(60)).text_frame.text = "Last week's figures"
    title = prs.slides[1].shapes.title
    # Not a key figure's tile: the deck shows a figure only there, so deleting it deletes a field.
    victim = next(s for s in reversed(list(prs.slides[1].shapes)) if s != title and not (
        s.has_text_frame and any(new in s.text_frame.text for new, _ in changed.values()))
        and not s.name.startswith("Figure"))
    victim._element.getparent().remove(victim._element)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue(), changed


@pytest.mark.parametrize(("brief", "theme"), LOOKS, ids=LOOK_IDS)
def test_edits_made_on_the_deck_are_found_after_libreoffice_saved_it(brief, theme, tmp_path):
    built = generator.render(brief, theme=theme, root=ROOT)
    assert field_edits(built).edited == [] and field_edits(built).unmapped == []
    edited, changed = edit_deck(built)
    saved = saved_by_libreoffice(edited, tmp_path)
    edits = field_edits(saved, "deck.pptx")
    found = {f.path: (f.now, f.slides[0]) for f in edits.edited}
    assert found == changed and len(changed) >= 3
    kinds = {(u.what, u.slide) for u in edits.unmapped}
    slides = len(read_built(built).record.slides)
    assert ("added slide", slides + 1) in kinds
    assert ("added shape", slides) in kinds
    assert any(what == "deleted shape" and slide == 2 for what, slide in kinds)
    assert {what for what, _ in kinds} <= {"added slide", "added shape", "deleted shape"}, kinds


def test_a_deck_briefgen_built_reads_back_unchanged():
    built = generator.render(SAMPLE, root=ROOT)
    deck = read_built(built, "sample.pptx")
    assert deck.record.format == 1 and deck.record.version == generator.__version__
    assert len(deck.slides) == len(deck.record.slides)
    named = {shape.path for slide in deck.slides for shape in slide.shapes if shape.path}
    assert ("speakers", 0) in named and ("event", "title") in named
    edits = field_edits(built)
    assert edits.edited == [] and edits.unmapped == []
    summary = next(f for f in edits.fields if f.path == "event.summary")
    assert summary.slides == (2,) and summary.now == summary.base


# -- hostile decks: one line each, naming the deck ------------------------------------------------

def _with_members(data: bytes, change) -> bytes:
    """Return the deck with its members changed by `change(members)`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    return out.getvalue()


def _renamed(old: str, new: str):
    """Return a change renaming the first shape called `old`, on whichever slide it is."""
    def change(members):
        part = next(name for name in sorted(members)
                    if name.startswith("ppt/slides/slide") and old.encode() in members[name])
        members[part] = members[part].replace(old.encode(), new.encode(), 1)
    return change


def _no_record(members):
    del members["docProps/custom.xml"]


def _record_format(members):
    import re
    text = members["docProps/custom.xml"].decode()
    members["docProps/custom.xml"] = re.sub(r'\{"briefgen"', '{"briefgen"', text).replace(
        '"format":1', '"format":9').encode()


def _many_shapes(members):
    shape = ('<p:sp><p:nvSpPr><p:cNvPr id="9" name="x"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
             '<p:spPr/></p:sp>')
    xml = members["ppt/slides/slide3.xml"].decode()
    members["ppt/slides/slide3.xml"] = xml.replace("</p:spTree>", shape * 25_000 + "</p:spTree>",
                                                   1).encode()


def _long_text(members):
    xml = members["ppt/slides/slide3.xml"].decode()
    at = xml.index("<a:t>") + len("<a:t>")
    members["ppt/slides/slide3.xml"] = (xml[:at] + "x" * 3_000_000 + xml[at:]).encode()


HOSTILE = [
    (lambda data: b"not a zip at all", "not a zip package", "not-a-zip"),
    (lambda data: _with_members(data, _no_record), "not a deck briefgen built", "no-record"),
    (lambda data: _with_members(data, _record_format), "was changed after it was written",
     "record-tampered"),
    (lambda data: _with_members(data, _renamed("Points | briefgen:speakers[0]",
                                               "Points | briefgen:speakers[7].points")),
     "never showed", "forged-field"),
    (lambda data: _with_members(data, _renamed("Points | briefgen:speakers[0]",
                                               "Points | briefgen:../event.title")),
     "does not start with a field name", "parent-path"),
    (lambda data: _with_members(data, _renamed("Points | briefgen:speakers[0]",
                                               "Points | briefgen:speakers[123456789]")),
     "is not a brief path", "huge-index"),
    (lambda data: _with_members(data, _many_shapes), "", "many-shapes"),
    (lambda data: _with_members(data, _long_text), "characters", "megabytes-in-a-shape"),
]


@pytest.fixture(scope="module")
def sample_deck() -> bytes:
    return generator.render(SAMPLE, root=ROOT)


@pytest.mark.parametrize(("make", "says"), [(m, s) for m, s, _ in HOSTILE],
                         ids=[i for _, _, i in HOSTILE])
def test_hostile_decks_are_refused_in_one_line_naming_the_deck(make, says, sample_deck):
    with pytest.raises(BuiltDeckError) as caught:
        field_edits(make(sample_deck), "bad.pptx")
    message = str(caught.value)
    assert message.startswith("bad.pptx: ") and "\n" not in message and says in message


def _format_nine(members):
    from generator.ooxml.custom import BASE_PROPERTY, long_text, with_properties
    from generator.ooxml.deck import read_contents

    data = _zip(members)
    text = read_contents(data).properties
    from generator.ooxml.custom import read_long_text

    _version, record = read_long_text(text, BASE_PROPERTY)
    with_properties(members, long_text(BASE_PROPERTY, record.replace('"format":1', '"format":9'), 9),
                    BASE_PROPERTY)


def _zip(members) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    return out.getvalue()


def test_a_record_of_a_later_format_is_refused_naming_the_update(sample_deck):
    with pytest.raises(BuiltDeckError, match=r"^new\.pptx: its record is in format 9, .*update briefgen$"):
        read_built(_with_members(sample_deck, _format_nine), "new.pptx")


AMBIGUOUS = [
    (("Alpha beta gamma 1", "Alpha beta gamma 2"), None, "two-alike"),
    (("Alpha beta gamma", "Something else entirely"), 0, "one-alike"),
    (("Nothing like it", "Something else entirely"), None, "none-alike"),
]


@pytest.mark.parametrize(("texts", "chosen", "_id"), AMBIGUOUS, ids=[i for *_, i in AMBIGUOUS])
def test_shapes_without_names_match_by_text_or_are_reported(texts, chosen, _id):
    from generator.workflow.edits.match import match_shapes
    from generator.workflow.edits.read import DeckShape, DeckSlide
    from generator.workflow.edits.record import BasePara, BaseShape, BaseSlide

    base = BaseSlide(1, "takeaways", (BaseShape("Text | briefgen:takeaways", "body", "sp",
                                                (BasePara("Alpha beta gamma", "takeaways[0]"),)),))
    deck = DeckSlide(1, tuple(DeckShape(n + 1, f"PlaceHolder {n + 1}", None, "body", "sp", (t,))
                              for n, t in enumerate(texts)), "", None)
    match = match_shapes(base, deck)
    found = match.shapes[0][1]
    assert (found.paras[0] if found else None) == (texts[chosen] if chosen is not None else None)
    assert bool(match.ambiguous) == (_id == "two-alike")


@pytest.mark.parametrize(("recorded", "kept"), [
    ("../briefs/x.yaml", "../briefs/x.yaml"),
    ("x.yml", "x.yml"),
    ("/etc/briefs/x.yaml", ""),
    ("C:/briefs/x.yaml", ""),
    ("..\\briefs\\x.yaml", ""),
    ("../briefs/x.txt", ""),
    ("a/" * 600 + "x.yaml", ""),
    (7, ""),
], ids=["relative", "beside", "absolute", "drive", "backslashes", "not-yaml", "too-long", "number"])
def test_the_brief_a_deck_records_is_only_a_short_relative_yaml_path(recorded, kept):
    from generator.workflow.edits.record import parse_record

    text = json.dumps({"format": 1, "briefgen": "1", "story": "s", "fields": {}, "slides": [],
                       "brief": recorded})
    assert parse_record(text).brief == kept
