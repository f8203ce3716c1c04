"""The edit guard: a deck edited since briefgen wrote it, or a file that is not briefgen's deck,
is never replaced by build, watch or preview; --force replaces it and keeps it beside the new one."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.paths import AssetPolicy
from generator.workflow.build import Options, Result, build_one
from generator.workflow.records import STATE_DIR

from .conftest import SAMPLE, with_sources
from .editing import rebuilt_texts
from .pdfs import page_text

SAVED = time.mktime((2026, 3, 4, 5, 6, 0, 0, 0, -1))  # when the editor saved the deck
SAVED_TEXT = "saved 2026-03-04 05:06"
EDITED_TITLE = "Retitled by the director"


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder holding the sample brief and its first build (built once, copied)."""
    folder = tmp_path_factory.mktemp("built")
    shutil.copyfile(SAMPLE, folder / "sample.yaml")
    with_sources(folder)
    built = build_one(folder / "sample.yaml", options(folder))
    assert built.ok, built.errors
    return folder


@pytest.fixture
def project(first_build: Path, in_tmp: Path) -> Path:
    """Return a project folder (the current one) with the sample brief built into out/."""
    shutil.copyfile(first_build / "sample.yaml", in_tmp / "sample.yaml")
    with_sources(in_tmp)
    shutil.copytree(first_build / "out", in_tmp / "out")
    return in_tmp


def options(folder: Path, force: bool = False) -> Options:
    return Options(folder / "out", ("pptx", "pdf"), force=force, policy=AssetPolicy(folder))


def deck_of(folder: Path) -> Path:
    return folder / "out" / "sample.pptx"


def slide_title(data: bytes) -> str:
    """Return the text of the first slide's title, as PowerPoint would show it."""
    from pptx import Presentation

    return str(Presentation(io.BytesIO(data)).slides[0].shapes.title.text)


# -- what an editor, or someone else, leaves at the deck's path --------------------------------

def retitle(path: Path) -> None:
    """Retitle the deck's first slide in place, as an editor would, and save it."""
    from pptx import Presentation

    deck = Presentation(str(path))
    deck.slides[0].shapes.title.text = EDITED_TITLE
    deck.save(str(path))


def edit_title(folder: Path) -> None:
    retitle(deck_of(folder))


def plain_text(folder: Path) -> None:
    deck_of(folder).write_text("minutes of the meeting, not a deck\n")


def someone_elses_deck(folder: Path) -> None:
    from pptx import Presentation

    Presentation().save(str(deck_of(folder)))


def zip_of_something_else(folder: Path) -> None:
    import zipfile

    with zipfile.ZipFile(deck_of(folder), "w") as package:
        package.writestr("word/document.xml", "<w:document/>")


def no_record(folder: Path) -> None:
    shutil.rmtree(folder / "out" / STATE_DIR)


def change_brief(folder: Path) -> None:
    brief = folder / "sample.yaml"
    brief.write_text(brief.read_text().replace("Pingyao, Shanxi", "Pingyao (confirmed)"))


def saved_at_a_known_time(folder: Path) -> None:
    os.utime(deck_of(folder), (SAVED, SAVED))


EDITED = (f"out/sample.pptx: edited since briefgen wrote it (event.title on slide 1; {SAVED_TEXT}); "
          "not replaced: bring "
          "the edits into the brief with 'briefgen pull out/sample.pptx', merge them into the "
          "rebuilt deck with --keep-edits, or rebuild with --force (keeps yours as "
          "sample.edited.pptx)")
NOT_OURS = ("out/sample.pptx: not a deck briefgen wrote (it has no record of writing it here); "
            "not replaced: move it away, or rebuild with --force (keeps it as sample.edited.pptx)")


def unreadable(reason: str) -> str:
    return (f"out/sample.pptx: not a deck briefgen can read ({reason}); not replaced: move it "
            "away, or rebuild with --force (keeps it as sample.edited.pptx)")


Change = Callable[[Path], None]

LEFT_IN_PLACE: list[tuple[list[Change], str]] = [
    ([edit_title], EDITED),
    ([plain_text], unreadable("not a zip package")),
    ([zip_of_something_else], unreadable("a zip package without ppt/presentation.xml")),
    ([no_record, someone_elses_deck], NOT_OURS),
    ([no_record, plain_text], unreadable("not a zip package")),
    ([no_record], NOT_OURS),  # briefgen's own deck, but nothing says so: not told from another's
]
LEFT_IDS = ["edited title", "text file", "zip of something else", "someone else's deck",
            "text file, no record", "a deck with no record"]


@pytest.mark.parametrize(("changes", "line"), LEFT_IN_PLACE, ids=LEFT_IDS)
def test_build_leaves_the_deck_says_why_and_fails_after_writing_the_rest(
        project: Path, changes: list[Change], line: str) -> None:
    for change in [*changes, saved_at_a_known_time, change_brief]:
        change(project)
    before = deck_of(project).read_bytes()
    result = build_one(project / "sample.yaml", options(project))
    assert [str(e) for e in result.errors] == [line]
    assert deck_of(project).read_bytes() == before
    assert [w.path.name for w in result.written] == ["sample.pdf"]
    assert "Pingyao (confirmed)" in page_text((project / "out" / "sample.pdf").read_bytes())
    assert not list((project / "out").glob("*.edited*"))
    again = build_one(project / "sample.yaml", options(project))  # and so on, every build
    assert [str(e) for e in again.errors] == [line] and not again.skipped


def save_unchanged(folder: Path) -> None:
    """Open and save the deck without changing a word, as an editor checking it might."""
    from pptx import Presentation

    Presentation(str(deck_of(folder))).save(str(deck_of(folder)))


def retitle_and_add_a_slide(folder: Path) -> None:
    from pptx import Presentation

    edit_title(folder)
    deck = Presentation(str(deck_of(folder)))
    added = deck.slides.add_slide(deck.slide_layouts[6])
    added.shapes.add_textbox(0, 0, 914400, 914400).text_frame.text = "Last week's figures"
    deck.save(str(deck_of(folder)))


@pytest.mark.parametrize(("change", "described"), [
    (edit_title, f"event.title on slide 1; {SAVED_TEXT}"),
    (retitle_and_add_a_slide, f"event.title on slide 1; 1 change that maps to no field; {SAVED_TEXT}"),
    (save_unchanged, f"no text changed; {SAVED_TEXT}"),
    (plain_text, SAVED_TEXT),  # nothing can be read back from it
], ids=["a title", "a title and a slide added", "saved unchanged", "not a deck"])
def test_the_line_says_what_was_edited(project: Path, change: Change, described: str) -> None:
    from generator.workflow.guard import OnDisk, describe_edit

    change(project)
    saved_at_a_known_time(project)
    found = OnDisk("edited", stamp=(0, deck_of(project).stat().st_size, int(SAVED * 1e9)))
    assert describe_edit(deck_of(project), found) == described


def test_the_command_exits_1_with_the_one_line(project: Path) -> None:
    edit_title(project)
    saved_at_a_known_time(project)
    change_brief(project)
    before = deck_of(project).read_bytes()
    done = subprocess.run([sys.executable, "-m", "generator", "build", "sample.yaml", "-o", "out"],
                          cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [EDITED]
    assert done.stdout.startswith("sample.yaml -> out/sample.pdf (")
    assert deck_of(project).read_bytes() == before


@pytest.mark.parametrize("changes", [[edit_title], [plain_text]], ids=["edited", "not a deck"])
def test_with_the_brief_unchanged_the_deck_is_left_with_a_warning(
        project: Path, changes: list[Change]) -> None:
    for change in [*changes, saved_at_a_known_time]:
        change(project)
    before = deck_of(project).read_bytes()
    result = build_one(project / "sample.yaml", options(project))
    assert result.ok and not result.skipped
    said = [str(w) for w in result.warnings if "sample.pptx" in w.path]
    assert len(said) == 1 and said[0].startswith("out/sample.pptx: warning: ")
    assert "; left as it is, since the brief still makes the deck briefgen wrote: " in said[0]
    assert deck_of(project).read_bytes() == before


EDITED_AND_REPLACED = ("out/sample.pptx: warning: edited since briefgen wrote it (event.title on "
                       f"slide 1; {SAVED_TEXT}); "
                       "replaced (--force), keeping it as out/{kept}")


@pytest.mark.parametrize(("changes", "already_kept", "kept"), [
    ([edit_title, change_brief], [], "sample.edited.pptx"),
    ([edit_title], [], "sample.edited.pptx"),
    ([edit_title, change_brief], ["sample.edited.pptx"], "sample.edited-2.pptx"),
    ([edit_title, change_brief], ["sample.edited.pptx", "sample.edited-2.pptx"],
     "sample.edited-3.pptx"),
], ids=["brief changed", "brief unchanged", "one kept before", "two kept before"])
def test_force_replaces_the_deck_and_keeps_the_edited_one_beside_it(
        project: Path, changes: list[Change], already_kept: list[str], kept: str) -> None:
    for change in [*changes, saved_at_a_known_time]:
        change(project)
    for number, name in enumerate(already_kept):
        (project / "out" / name).write_bytes(f"kept before, {number}".encode())
    edited = deck_of(project).read_bytes()
    result = build_one(project / "sample.yaml", options(project, force=True))
    assert result.ok, result.errors
    assert [str(w) for w in result.warnings if "sample.pptx" in w.path] == [
        EDITED_AND_REPLACED.format(kept=kept)]
    assert (project / "out" / kept).read_bytes() == edited
    assert slide_title(edited) == EDITED_TITLE
    assert slide_title(deck_of(project).read_bytes()) != EDITED_TITLE
    for number, name in enumerate(already_kept):
        assert (project / "out" / name).read_bytes() == f"kept before, {number}".encode()
    assert build_one(project / "sample.yaml", options(project)).ok  # the new deck is briefgen's


@pytest.mark.parametrize("changes", [[plain_text], [no_record, someone_elses_deck]],
                         ids=["not a deck", "someone else's deck"])
def test_force_keeps_a_file_that_is_not_briefgens_too(
        first_build: Path, project: Path, changes: list[Change]) -> None:
    for change in changes:
        change(project)
    theirs = deck_of(project).read_bytes()
    result = build_one(project / "sample.yaml", options(project, force=True))
    assert result.ok, result.errors
    assert (project / "out" / "sample.edited.pptx").read_bytes() == theirs
    assert deck_of(project).read_bytes() == deck_of(first_build).read_bytes()


@pytest.mark.parametrize(("change", "written"), [
    (change_brief, ["sample.pptx", "sample.pdf"]),
    (lambda folder: deck_of(folder).unlink(), ["sample.pptx", "sample.pdf"]),
    (lambda folder: (change_brief(folder), deck_of(folder).unlink()), ["sample.pptx", "sample.pdf"]),
], ids=["unedited deck, brief changed", "deck deleted", "deck deleted, brief changed"])
def test_a_deck_briefgen_wrote_or_one_deleted_is_simply_written(
        project: Path, change: Change, written: list[str]) -> None:
    change(project)
    result = build_one(project / "sample.yaml", options(project))
    assert result.ok and not result.warnings and not result.held, result.errors
    assert sorted(w.path.name for w in result.written) == sorted(written)
    assert slide_title(deck_of(project).read_bytes()) != EDITED_TITLE
    assert not list((project / "out").glob("*.edited*"))


def test_nothing_changed_and_nothing_edited_is_still_skipped(project: Path) -> None:
    before = deck_of(project).read_bytes()
    result = build_one(project / "sample.yaml", options(project))
    assert result.skipped and result.ok and not result.warnings
    assert deck_of(project).read_bytes() == before


@pytest.mark.parametrize(("changes", "left", "said"), [
    ([edit_title, saved_at_a_known_time], True,
     ["out/sample.pptx: warning: edited since briefgen wrote it (event.title on slide 1; "
      f"{SAVED_TEXT}); left in place "
      "although this build drew no deck"]),
    ([], False, ["sample.yaml: warning: pptx: removed out/sample.pptx, from an earlier build, so "
                 "that it is not taken for this one"]),
], ids=["edited: left", "briefgen's: removed as before"])
def test_a_deck_that_fails_to_draw_never_removes_an_edited_one(
        project: Path, monkeypatch: pytest.MonkeyPatch, changes: list[Change], left: bool,
        said: list[str]) -> None:
    from generator.backends.deck.backend import DeckBackend

    def broken(*_args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(DeckBackend, "render", broken)
    for change in [*changes, change_brief]:
        change(project)
    before = deck_of(project).read_bytes()
    result = build_one(project / "sample.yaml", Options(
        project / "out", ("pptx", "pdf"), policy=AssetPolicy(project), split_formats=False))
    assert [e.message for e in result.errors] == [
        "the pptx backend failed: RuntimeError: a bug"]
    assert [str(w) for w in result.warnings if "sample.pptx" in w.message + w.path] == said
    assert deck_of(project).exists() is left
    if left:
        assert deck_of(project).read_bytes() == before


def test_keep_edits_merges_the_edited_deck_instead(project: Path) -> None:
    edit_title(project)
    edited_title = slide_title(deck_of(project).read_bytes())
    change_brief(project)
    done = subprocess.run([sys.executable, "-m", "generator", "build", "sample.yaml", "-o", "out",
                           "--keep-edits"], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "event.title: kept as edited on slide 1" in done.stderr
    merged = deck_of(project).read_bytes()
    assert slide_title(merged) == edited_title
    assert "Pingyao (confirmed)" in rebuilt_texts(deck_of(project))


# -- watch and preview: left in place, said once, the rest built -------------------------------

def wait_for(condition: Callable[[], object], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the watcher")
        time.sleep(0.05)


def test_watch_leaves_the_deck_says_it_once_and_builds_the_rest(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.workflow.watch import watch_briefs

    edit_title(project)
    saved_at_a_known_time(project)
    change_brief(project)
    before = deck_of(project).read_bytes()
    brief = project / "sample.yaml"
    seen: list[Result] = []
    stop = threading.Event()
    worker = threading.Thread(target=watch_briefs, args=([brief], options(project)),
                              kwargs={"quiet": True, "stop": stop, "on_result": seen.append})
    worker.start()
    try:
        wait_for(lambda: len(seen) == 1)
        for n in range(2):
            time.sleep(0.3)
            brief.write_text(brief.read_text().replace("Pingyao (", f"Pingyao ({n}, "))
            wait_for(lambda n=n: len(seen) == 2 + n)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive()
    assert [[str(e) for e in r.errors] for r in seen] == [[EDITED]] * 3  # the page shows each
    printed = capsys.readouterr().err
    assert printed.count("out/sample.pptx: ") == 1 and EDITED in printed
    assert deck_of(project).read_bytes() == before
    assert "Pingyao (1, 0, confirmed)" in page_text((project / "out" / "sample.pdf").read_bytes())


def test_preview_shows_the_deck_left_in_place_and_the_slides_it_drew(tmp_path: Path) -> None:
    from tests.test_preview import drawn, finish, start
    from tests.test_preview import wait_for as wait_in_preview

    running = start(tmp_path)
    try:
        deck = tmp_path / "out" / f"{SAMPLE.stem}.pptx"
        retitle(deck)
        before = deck.read_bytes()
        build = running.board.views[0].build
        text = running.brief.read_text(encoding="utf-8")
        running.brief.write_text(text.replace("Pingyao, Shanxi", "Pingyao (confirmed)"),
                                 encoding="utf-8")
        wait_in_preview(lambda: running.board.views[0].build > build and drawn(running)
                        and running.board.views[0].errors, "the build with the deck left in place")
        state = running.state()
        errors = state["errors"]
        assert isinstance(errors, list) and len(errors) == 1
        assert errors[0].startswith(f"{deck}: edited since briefgen wrote it (")
        assert not state["stale"]
        titles = [slide.title for slide in running.board.views[0].slides]
        assert EDITED_TITLE not in titles
        assert deck.read_bytes() == before
    finally:
        finish(running)
