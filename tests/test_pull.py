"""`briefgen pull`: a deck edited as an editor would (python-pptx, then saved again by
LibreOffice) gives back exactly its edited fields to the brief, every other byte kept; what maps
to no field is listed; hostile decks, conflicts and refused text are one line with nothing
written; the rebuilt deck holds the edits."""

from __future__ import annotations

import copy
import difflib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from generator import strict_yaml
from generator.workflow.edits import read_built
from generator.workflow.records import STATE_DIR

from .conftest import ROOT, SAMPLE, TEST_BRIEFS, saved_by_libreoffice
from .editing import (
    ZWSP,
    add_and_delete,
    edit_texts,
    one_piece_fields,
    project,
    rebuilt_texts,
    run,
    set_paragraph,
    theme_args,
)

TEMPLATE = str(ROOT / "docs" / "examples" / "corporate-template.potx")
CHINESE, ARABIC = TEST_BRIEFS / "chinese.yaml", TEST_BRIEFS / "arabic.yaml"


# -- what the brief should be: the old data with the new values, the other lines as they were -----

def value_at(data, loc):
    for step in loc:
        data = data[step]
    return data


def assert_only_fields_changed(old: str, new: str, changed: dict[str, str | None]) -> None:
    """Assert that `new` reads as `old` with the changed values (None: entry removed), and that
    every line outside the changed values' own lines is byte for byte as it was."""
    from generator.briefpaths import parse_path

    old_data, smap = strict_yaml.parse(old, Path("b.yaml"))
    new_data, _ = strict_yaml.parse(new, Path("b.yaml"))
    expected = copy.deepcopy(old_data)
    for path, value in sorted(changed.items(), key=lambda kv: parse_path(kv[0]), reverse=True):
        *parent, last = parse_path(path)
        holder = value_at(expected, parent)
        if value is None:
            del holder[last]
        else:
            holder[last] = value
    assert new_data == expected
    starts = sorted({place.line for place in smap.values.values()})
    allowed: set[int] = set()
    for path in changed:
        first = smap.value(parse_path(path)).line
        end = next((line for line in starts if line > first), len(old.splitlines()) + 1)
        allowed |= set(range(first - 1, end))
    matcher = difflib.SequenceMatcher(a=old.splitlines(True), b=new.splitlines(True), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert set(range(i1, max(i2, i1 + 1))) <= allowed, (tag, old.splitlines()[i1:i2])


# -- the editor's loop, after LibreOffice saved the deck, in three looks and three languages ------

LOOKS = [(SAMPLE, None), (SAMPLE, TEMPLATE), (CHINESE, "default"), (CHINESE, TEMPLATE),
         (ARABIC, "print"), (ARABIC, TEMPLATE)]
LOOK_IDS = ["sample-cinema", "sample-template", "chinese-default", "chinese-template",
            "arabic-print", "arabic-template"]


@pytest.mark.parametrize(("brief", "theme"), LOOKS, ids=LOOK_IDS)
def test_edits_saved_by_libreoffice_come_back_into_the_brief(brief, theme, in_tmp):
    deck = project(in_tmp, brief, theme)
    old = (in_tmp / "briefs" / "sample.yaml").read_text()
    edited, changed = edit_texts(deck.read_bytes(), 3, notes=True)
    deck.write_bytes(saved_by_libreoffice(add_and_delete(edited), in_tmp / "lo"))
    assert len(changed) >= 3

    pulled = run("pull", "output/sample.pptx")

    assert pulled.exit_code == 0, pulled.output
    new = (in_tmp / "briefs" / "sample.yaml").read_text()
    assert_only_fields_changed(old, new, changed)
    lines = pulled.stdout.splitlines()
    for path in changed:
        assert any(line.startswith("briefs/sample.yaml:") and f": {path}: changed on slide" in line
                   for line in lines), (path, lines)
    slides = len(read_built(edited).record.slides)
    assert (f"output/sample.pptx: slide {slides + 1}: added; it maps to no field of the brief "
            "and is not pulled") in lines
    assert any(f"slide {slides}: shape " in line and "added ('A remark of mine')" in line
               for line in lines), lines
    assert any("slide 2: shape " in line and " deleted" in line for line in lines), lines
    assert "the next build leaves it in place" in lines[-1]

    # What was not pulled is only on the deck: the guard keeps it until --force.
    held = run("build", "briefs/sample.yaml", "-f", "pptx", *theme_args(theme))
    assert held.exit_code == 1 and "not replaced" in held.stderr
    forced = run("build", "briefs/sample.yaml", "-f", "pptx", "--force", *theme_args(theme))
    assert forced.exit_code == 0, forced.output
    assert (in_tmp / "output" / "sample.edited.pptx").is_file()
    shown = rebuilt_texts(deck)
    for text in changed.values():
        assert text in shown, text


@pytest.mark.parametrize(("brief", "theme"), [(SAMPLE, "default"), (SAMPLE, TEMPLATE), (ARABIC, None)],
                         ids=["sample-default", "sample-template", "arabic-builtin"])
def test_a_complete_pull_lets_the_next_build_replace_the_deck(brief, theme, in_tmp):
    deck = project(in_tmp, brief, theme)
    edited, changed = edit_texts(deck.read_bytes(), 2, notes=True)
    deck.write_bytes(edited)

    pulled = run("pull", "output/sample.pptx")

    assert pulled.exit_code == 0, pulled.output
    assert pulled.stdout.splitlines()[-1].startswith(
        "output/sample.pptx: its text edits are all in the brief; the next build replaces it")
    rebuilt = run("build", "briefs/sample.yaml", "-f", "pptx", *theme_args(theme))
    assert rebuilt.exit_code == 0, rebuilt.output
    assert not (in_tmp / "output" / "sample.edited.pptx").exists()
    shown = rebuilt_texts(deck)
    assert all(text in shown for text in changed.values())
    again = run("pull", "output/sample.pptx")
    assert again.exit_code == 0 and "output/sample.pptx: no edits to pull" in again.stdout


def test_pulling_twice_changes_nothing_more(in_tmp):
    deck = project(in_tmp, SAMPLE)
    edited, _ = edit_texts(deck.read_bytes(), 2, notes=False)
    deck.write_bytes(add_and_delete(edited))
    assert run("pull", "output/sample.pptx").exit_code == 0
    once = (in_tmp / "briefs" / "sample.yaml").read_bytes()
    again = run("pull", "output/sample.pptx")
    assert again.exit_code == 0 and "no edits to pull" in again.stdout
    assert (in_tmp / "briefs" / "sample.yaml").read_bytes() == once


def test_dry_run_writes_nothing_and_prints_the_diff(in_tmp):
    deck = project(in_tmp, SAMPLE)
    edited, changed = edit_texts(deck.read_bytes(), 1, notes=False)
    deck.write_bytes(edited)
    brief = in_tmp / "briefs" / "sample.yaml"
    before, record = brief.read_bytes(), (in_tmp / "output" / STATE_DIR / "sample.json").read_bytes()

    pulled = run("pull", "output/sample.pptx", "--dry-run")

    assert pulled.exit_code == 0, pulled.output
    assert brief.read_bytes() == before
    assert (in_tmp / "output" / STATE_DIR / "sample.json").read_bytes() == record
    (new,) = changed.values()
    diff = pulled.stdout
    assert diff.startswith("--- a/briefs/sample.yaml\n+++ b/briefs/sample.yaml\n@@ ")
    assert any(line.startswith("+") and new in line for line in diff.splitlines())
    assert "dry run, nothing written" in pulled.stderr


def test_a_byte_order_mark_and_crlf_line_ends_are_kept(in_tmp):
    (in_tmp / "briefs").mkdir()
    text = SAMPLE.read_text().replace("\n", "\r\n")
    (in_tmp / "briefs" / "sample.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert run("build", "briefs/sample.yaml", "-f", "pptx", "-q").exit_code == 0
    deck = in_tmp / "output" / "sample.pptx"
    edited, changed = edit_texts(deck.read_bytes(), 2, notes=False)
    deck.write_bytes(edited)

    assert run("pull", "output/sample.pptx").exit_code == 0

    raw = (in_tmp / "briefs" / "sample.yaml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    assert_only_fields_changed(text, raw[3:].decode(), changed)


# -- what maps to no field, removals, conflicts and text the brief refuses -----------------------

def remove_paragraph(data: bytes, old: str, number: int) -> bytes:
    prs = Presentation(io.BytesIO(data))
    for shape in prs.slides[number - 1].shapes:
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                if paragraph.text.replace(ZWSP, "") == old:
                    paragraph._p.getparent().remove(paragraph._p)
                    out = io.BytesIO()
                    prs.save(out)
                    return out.getvalue()
    raise AssertionError(old)


@pytest.mark.parametrize(("flags", "removed"), [((), False), (("--allow-removals",), True)],
                         ids=["reported", "removed"])
def test_a_deleted_list_entry_is_removed_only_when_allowed(in_tmp, flags, removed):
    deck = project(in_tmp, SAMPLE)
    number, old = one_piece_fields(deck.read_bytes())["takeaways[1]"]
    deck.write_bytes(remove_paragraph(deck.read_bytes(), old, number))
    brief = in_tmp / "briefs" / "sample.yaml"
    before = brief.read_text()

    pulled = run("pull", "output/sample.pptx", *flags)

    assert pulled.exit_code == 0, pulled.output
    if removed:
        assert_only_fields_changed(before, brief.read_text(), {"takeaways[1]": None})
        assert f": takeaways[1]: removed (its text was deleted on slide {number})" in pulled.stdout
    else:
        assert brief.read_text() == before
        assert "takeaways[1]: its text was deleted on slide" in pulled.stdout
        assert "pull with --allow-removals to remove it" in pulled.stdout


def edit_location_twice(data: bytes) -> bytes:
    """Return the deck with the event's location typed differently on the two slides showing it."""
    prs = Presentation(io.BytesIO(data))
    old = read_built(data).record.fields["event.location"].value
    set_paragraph(prs, 1, old, "Pingyao")
    set_paragraph(prs, 2, old, "Shanxi")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def edit_field(path: str, text: str):
    def edit(data: bytes) -> bytes:
        number, old = one_piece_fields(data)[path]
        prs = Presentation(io.BytesIO(data))
        set_paragraph(prs, number, old, text)
        out = io.BytesIO()
        prs.save(out)
        return out.getvalue()
    return edit


def change_brief_too(folder: Path) -> None:
    brief = folder / "briefs" / "sample.yaml"
    brief.write_text(brief.read_text().replace("  - Self-reliance in core film technology",
                                               "  - Independence in core film technology"))


REFUSED = [
    (edit_location_twice, None, "event.location: edited differently where the deck shows it "
                                "(slides 1, 2): 'Pingyao' / 'Shanxi'"),
    (edit_field("takeaways[0]", "Rewritten on the deck"), change_brief_too,
     "takeaways[0]: changed both in the brief and on the deck (slide "),  # its slide: the sample's
    (edit_field("takeaways[0]", "A bell\x7f rings"), None,
     "takeaways[0]: the new text holds a control character U+007F"),
    (edit_field("takeaways[0]", "\u2063\u2063"), None,
     "takeaways[0]: the new text is empty or only invisible characters"),
    (edit_field("speakers[2].name", "Somebody Else"), None,
     "after this edit the brief would not be valid: "),  # the first of the references it breaks
]


@pytest.mark.parametrize(("edit", "also", "message"), REFUSED,
                         ids=["conflicting-edits", "changed-in-both", "control", "invisible-only",
                              "breaks-a-reference"])
def test_conflicts_and_refused_text_stop_the_pull_with_nothing_written(in_tmp, edit, also, message):
    deck = project(in_tmp, SAMPLE)
    deck.write_bytes(edit(deck.read_bytes()))
    if also:
        also(in_tmp)
    line = refused_with_nothing_written(in_tmp, "briefs/sample.yaml:", message)
    assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit()


# -- hostile or foreign decks: one line, nothing written ----------------------------------------

def rename_shape(name: str):
    """Return an edit giving the title of the deck's first slide the name `name`."""
    def edit(data: bytes) -> bytes:
        prs = Presentation(io.BytesIO(data))
        prs.slides[0].shapes.title.name = name
        out = io.BytesIO()
        prs.save(out)
        return out.getvalue()
    return edit


def huge_text(data: bytes) -> bytes:
    prs = Presentation(io.BytesIO(data))
    prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].text = "word " * 600_000
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def many_shapes(data: bytes) -> bytes:
    """Return the deck with 100,000 copies of a small shape on its first slide, in its XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    slide = parts["ppt/slides/slide1.xml"].decode()
    shape = ('<p:sp><p:nvSpPr><p:cNvPr id="9999" name="x"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
             '<p:spPr/></p:sp>')
    parts["ppt/slides/slide1.xml"] = slide.replace("</p:spTree>", shape * 100_000 + "</p:spTree>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, body in parts.items():
            package.writestr(name, body)
    return out.getvalue()


def blank_deck(_: bytes) -> bytes:
    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


def other_brief_deck(_: bytes) -> bytes:
    import generator

    return generator.render(CHINESE, root=ROOT)


HOSTILE = [
    (lambda _: b"minutes of the meeting, not a deck\n", "output/sample.pptx: "),
    (blank_deck, "output/sample.pptx: not a deck briefgen built"),
    (other_brief_deck, "output/sample.pptx: built from another brief: 0 of the 4 texts"),
    (rename_shape("Title 1 | briefgen:speakers[7].name"),
     "points at speakers[7].name, which the deck never showed"),
    (rename_shape("Title 1 | briefgen:../../etc/passwd"), "'../../etc/passwd' does not start with a"),
    (rename_shape("Title 1 | briefgen:takeaways[100000]"), "'takeaways[100000]' is not a brief path"),
    (huge_text, "holds more than 100000 characters"),
    (many_shapes, "too large: ppt/slides/slide1.xml holds more than"),
]
HOSTILE_IDS = ["not-a-zip", "not-briefgens", "another-brief", "forged-path", "forged-dotdot",
               "forged-huge-index", "huge-text", "many-shapes"]


def refused_with_nothing_written(folder: Path, starts: str, message: str) -> str:
    """Pull the sample's deck in `folder`; assert it is refused in one line starting with
    `starts` and saying `message`, with the brief and the record untouched; return the line."""
    brief = folder / "briefs" / "sample.yaml"
    record = folder / "output" / STATE_DIR / "sample.json"
    before = brief.read_bytes(), record.read_bytes()

    pulled = run("pull", "output/sample.pptx")

    assert pulled.exit_code == 1
    (line,) = pulled.stderr.splitlines()
    assert line.startswith(starts) and message in line, line
    assert "Traceback" not in pulled.output and pulled.stdout == ""
    assert (brief.read_bytes(), record.read_bytes()) == before
    return line


@pytest.mark.parametrize(("make", "message"), HOSTILE, ids=HOSTILE_IDS)
def test_hostile_decks_are_one_line_and_nothing_is_written(in_tmp, make, message):
    deck = project(in_tmp, SAMPLE)
    deck.write_bytes(make(deck.read_bytes()))
    refused_with_nothing_written(in_tmp, "output/sample.pptx: ", message)


@pytest.mark.parametrize(("args", "message"), [
    (["pull", "nowhere.pptx"], "nowhere.pptx: no such file"),
    (["pull", "pipe.pptx"], "pipe.pptx: not a regular file"),
    (["pull", "loose.pptx"], "loose.pptx: which brief? no build record in its folder, nor the "
                             "deck itself, says which brief wrote it; name it with --brief BRIEF"),
    (["pull", "output/sample.pptx", "--brief", "briefs/other.yaml"],
     "output/sample.pptx: built from another brief: 0 of the"),
], ids=["missing", "a-pipe", "no-record", "another-brief-named"])
def test_which_deck_and_which_brief(in_tmp, args, message):
    deck = project(in_tmp, SAMPLE)
    shutil.copyfile(deck, in_tmp / "loose.pptx")
    shutil.copyfile(CHINESE, in_tmp / "briefs" / "other.yaml")
    os.mkfifo(in_tmp / "pipe.pptx")
    pulled = run(*args)
    assert pulled.exit_code == 1
    (line,) = pulled.stderr.splitlines()
    assert line.startswith(message), line


def test_a_deck_moved_with_its_project_finds_its_brief_by_what_it_records(in_tmp):
    deck = project(in_tmp, SAMPLE)
    assert read_built(deck.read_bytes()).record.brief == "../briefs/sample.yaml"
    moved = in_tmp / "elsewhere"
    shutil.copytree(in_tmp / "briefs", moved / "briefs")
    (moved / "output").mkdir()
    edited, changed = edit_texts(deck.read_bytes(), 1, notes=False)
    (moved / "output" / "sample.pptx").write_bytes(edited)  # no build record came with it

    pulled = run("pull", "elsewhere/output/sample.pptx")

    assert pulled.exit_code == 0, pulled.output
    ((path, text),) = changed.items()
    assert text in (moved / "briefs" / "sample.yaml").read_text()
    assert (in_tmp / "briefs" / "sample.yaml").read_text() == SAMPLE.read_text()


def test_a_deck_without_record_pulls_into_the_brief_named(in_tmp):
    deck = project(in_tmp, SAMPLE)
    edited, changed = edit_texts(deck.read_bytes(), 1, notes=False)
    (in_tmp / "emailed.pptx").write_bytes(edited)
    before = (in_tmp / "briefs" / "sample.yaml").read_text()
    pulled = run("pull", "emailed.pptx", "--brief", "briefs/sample.yaml")
    assert pulled.exit_code == 0, pulled.output
    assert_only_fields_changed(before, (in_tmp / "briefs" / "sample.yaml").read_text(), changed)
    assert "emailed.pptx: not written by a build of briefs/sample.yaml" in pulled.stdout


# -- speed and imports -------------------------------------------------------------------------

def test_pull_imports_neither_pptx_nor_reportlab(in_tmp):
    deck = project(in_tmp, SAMPLE)
    edited, _ = edit_texts(deck.read_bytes(), 1, notes=False)
    deck.write_bytes(edited)
    probe = ("import sys; from generator.cli import _run; sys.argv = ['briefgen', 'pull', "
             "'output/sample.pptx', '--dry-run']; code = _run(); "
             "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'pptx', 'reportlab'}))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=in_tmp, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr
    assert "takeaways" in done.stdout or "event" in done.stdout or "speakers" in done.stdout


# -- random edits to random fields: pulled, rebuilt, on the deck exactly ------------------------

# Words a brief takes for any field (a name must start with a letter, so every text does).
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 ,.-éü漢字", max_size=50
                ).map(lambda t: " ".join(f"Edited {t}".split()))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # a build per example: no shrinking
@given(data=st.data())
def test_random_edits_are_on_the_rebuilt_deck_exactly(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            deck = project(folder, SAMPLE, "default")
            built = deck.read_bytes()
            fields = one_piece_fields(built)
            # A speaker renamed on the deck alone leaves the priorities raised by the old name:
            # the brief refuses that pull (tested above), so names are left to the other tests;
            # so are the speakers a session names, which must be speakers' names.
            free = sorted(path for path in fields
                          if not path.endswith(".name") and ".speakers[" not in path)
            chosen = data.draw(st.lists(st.sampled_from(free), min_size=1, max_size=4,
                                        unique=True))
            prs = Presentation(io.BytesIO(built))
            changed = {}
            for path in chosen:
                text = data.draw(WORDS.filter(lambda t, old=fields[path][1]: t != old))
                set_paragraph(prs, *fields[path], text)
                changed[path] = text
            prs.save(str(deck))
            assert run("pull", "output/sample.pptx").exit_code == 0
            assert run("build", "briefs/sample.yaml", "-f", "pptx", "-q", "-t", "default").exit_code == 0
            record = read_built(deck.read_bytes()).record
            for path, text in changed.items():
                assert record.fields[path].value == text
            shown = rebuilt_texts(deck)
            for path, text in changed.items():
                if path in one_piece_fields(deck.read_bytes()):
                    assert text in shown.splitlines(), (path, text)
        finally:
            os.chdir(cwd)


def test_the_build_record_names_the_brief_it_read(in_tmp):
    project(in_tmp, SAMPLE)
    state = json.loads((in_tmp / "output" / STATE_DIR / "sample.json").read_text())
    assert state["source"] == str((in_tmp / "briefs" / "sample.yaml").resolve())


def test_a_short_slide_retitled_whole_is_still_matched_after_its_title_was_renamed(in_tmp):
    deck = project(in_tmp, CHINESE, "default")
    prs = Presentation(str(deck))
    title = prs.slides[0].shapes.title
    title.text_frame.paragraphs[0].runs[0].text = "A new title, written over the old one"
    title.name = "PlaceHolder 1"  # as LibreOffice renames placeholders
    prs.save(str(deck))
    pulled = run("pull", "output/sample.pptx")
    assert pulled.exit_code == 0, pulled.output
    assert "briefs/sample.yaml:4:10: event.title: changed on slide 1" in pulled.stdout
    assert "A new title, written over the old one" in (in_tmp / "briefs" / "sample.yaml").read_text()


def test_the_brief_check_can_fail():
    old = SAMPLE.read_text()
    with pytest.raises(AssertionError):  # a comment changed besides the value
        assert_only_fields_changed(old, old.replace("# ", "#  ", 1), {})
    with pytest.raises(AssertionError):  # a value not named changed
        assert_only_fields_changed(old, old.replace("Pingyao", "Taiyuan", 1), {})


# -- the programme's table: a session's title or room edited in its cell -----------------------

PROGRAMME = TEST_BRIEFS / "programme.yaml"


def programme_project(folder: Path, theme: str | None) -> Path:
    """Build the programme brief (with its logos) into `folder` as sample.yaml; return the deck."""
    shutil.copytree(TEST_BRIEFS / "logos", folder / "briefs" / "logos")
    shutil.copyfile(PROGRAMME, folder / "briefs" / "sample.yaml")
    built = run("build", "briefs/sample.yaml", "-f", "pptx", "-q", *theme_args(theme))
    assert built.exit_code == 0, built.output
    return folder / "output" / "sample.pptx"


def edit_cells(data: bytes, edits: dict[str, str]) -> bytes:
    """Return the deck with the table cells that read each key of `edits` set to its value,
    through python-pptx's cell text frame, as an editor would type it."""
    prs = Presentation(io.BytesIO(data))
    found = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            for row in shape.table.rows:
                for cell in row.cells:
                    if cell.text in edits:
                        found.add(cell.text)
                        cell.text_frame.paragraphs[0].runs[0].text = edits[cell.text]
    assert found == set(edits), found
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


TABLE_EDITS = [(theme, lo) for theme in (None, TEMPLATE) for lo in (False, True)]


@pytest.mark.parametrize(("theme", "libreoffice"), TABLE_EDITS,
                         ids=[f"{'template' if t else 'builtin'}{'-libreoffice' if lo else ''}"
                              for t, lo in TABLE_EDITS])
def test_a_session_edited_in_the_programme_table_comes_back_into_the_brief(theme, libreoffice,
                                                                           in_tmp):
    deck = programme_project(in_tmp, theme)
    old = (in_tmp / "briefs" / "sample.yaml").read_text()
    edited = edit_cells(deck.read_bytes(), {"Day 1 session 3": "Opening of the harbour archive",
                                            "Day 2 session 7": "Closing remarks"})
    deck.write_bytes(saved_by_libreoffice(edited, in_tmp / "lo") if libreoffice else edited)

    pulled = run("pull", "output/sample.pptx")

    assert pulled.exit_code == 0, pulled.output
    new = (in_tmp / "briefs" / "sample.yaml").read_text()
    assert_only_fields_changed(old, new, {"agenda[2].title": "Opening of the harbour archive",
                                          "agenda[16].title": "Closing remarks"})
    assert "agenda[2].title: changed on slide" in pulled.stdout


def test_a_room_edited_in_the_programme_table_comes_back_and_nothing_else(in_tmp):
    deck = programme_project(in_tmp, None)
    old = (in_tmp / "briefs" / "sample.yaml").read_text()
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    table = next(s for s in prs.slides[2].shapes if s.has_table).table
    room = table.cell(1, len(table.columns) - 1)
    assert room.text == "Main hall"
    room.text_frame.paragraphs[0].runs[0].text = "Harbour hall"
    out = io.BytesIO()
    prs.save(out)
    deck.write_bytes(out.getvalue())

    pulled = run("pull", "output/sample.pptx")

    assert pulled.exit_code == 0, pulled.output
    assert_only_fields_changed(old, (in_tmp / "briefs" / "sample.yaml").read_text(),
                               {"agenda[0].room": "Harbour hall"})


def test_a_table_renamed_to_point_at_a_session_the_deck_never_showed_is_refused(in_tmp):
    deck = programme_project(in_tmp, None)
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    frame = next(s for s in prs.slides[2].shapes if s.has_table)
    frame.name = "Programme briefgen:agenda[40].title"
    out = io.BytesIO()
    prs.save(out)
    deck.write_bytes(out.getvalue())
    before = (in_tmp / "briefs" / "sample.yaml").read_text()

    pulled = run("pull", "output/sample.pptx")

    assert pulled.exit_code == 1
    assert "agenda[40].title, which the deck never showed" in pulled.output
    assert (in_tmp / "briefs" / "sample.yaml").read_text() == before
