"""Formats rendered in forked processes: same documents as in one process, no process left behind."""

from __future__ import annotations

import gc
import os
import threading
import time
from pathlib import Path

import pytest

from generator.paths import AssetPolicy
from generator.workflow import collector, forked
from generator.workflow.build import Options, build_one

from .conftest import SAMPLE

forking = pytest.mark.skipif(forked.start(("md",), now=False) is None,
                             reason="formats split only on Linux with 2+ cores")

ALL = ("pptx", "pdf", "md")


def options(tmp: Path, out: str, formats=ALL, split: bool = True) -> Options:
    return Options(tmp / out, formats, force=True, policy=AssetPolicy(tmp), split_formats=split)


def no_children_left() -> bool:
    """Return True when this process has no child, running or unreaped."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def brief(in_tmp) -> Path:
    path = in_tmp / "sample.yaml"
    path.write_text(SAMPLE.read_text())
    return path


@forking
@pytest.mark.parametrize("formats", [ALL, ("pdf", "pptx"), ("md",), ("md", "pdf", "md")],
                         ids=["three", "two-reversed", "one", "one-asked-twice"])
def test_forked_formats_match_one_process_byte_for_byte(brief, in_tmp, formats, monkeypatch):
    forks = counted_forks(monkeypatch)
    split = build_one(brief, options(in_tmp, "split", formats))
    assert forks, "a build in a process of one thread did not fork: the cold build lost its speed"
    alone = build_one(brief, options(in_tmp, "alone", formats, split=False))
    assert split.ok and alone.ok, (split.errors, alone.errors)
    assert [w.path.name for w in split.written] == [w.path.name for w in alone.written]
    assert len(split.written) == len(set(formats))
    for written in split.written:
        assert written.path.read_bytes() == (in_tmp / "alone" / written.path.name).read_bytes()
    assert no_children_left()


def counted_forks(monkeypatch) -> list[int]:
    """Count the forks this process makes from now on (children fork as they please)."""
    forks: list[int] = []
    real, parent = os.fork, os.getpid()

    def fork() -> int:
        if os.getpid() == parent:
            forks.append(1)
        return real()

    monkeypatch.setattr(os, "fork", fork)
    return forks


def build_now(brief: Path, tmp: Path, others_start) -> list[str]:
    """Start the other thread, then build `brief` in every format with forking allowed; return
    what it wrote."""
    others_start()
    result = build_one(brief, options(tmp, "out"))
    assert result.ok, result.errors
    return sorted(w.path.name for w in result.written)


def render_later(brief: Path, tmp: Path, others_start) -> list[str]:
    """Open the forking renderer (deferred) alone, start the other thread, then draw: return the
    formats drawn."""
    from generator.workflow.render import open_renderer
    from tests.conftest import prepared

    prep = prepared(brief)
    renderer = open_renderer(ALL, start_now=False)
    others_start()
    try:
        return sorted(o.name for o in renderer.render(prep.story, prep.theme) if o.ok)
    finally:
        renderer.close()


WHEN = [("at-the-start", build_now, ["sample.md", "sample.pdf", "sample.pptx"]),
        ("deferred-to-drawing", render_later, ["md", "pdf", "pptx"])]


@forking
@pytest.mark.parametrize(("run", "drawn"), [w[1:] for w in WHEN], ids=[w[0] for w in WHEN])
def test_no_fork_while_another_thread_runs(brief, in_tmp, monkeypatch, run, drawn):
    """A fork copies only its own thread: a lock another holds would stay locked in the child."""
    def refuse() -> int:
        raise AssertionError("forked while another thread ran")

    release = threading.Event()
    other = threading.Thread(target=release.wait)

    def others_start() -> None:
        other.start()
        monkeypatch.setattr(os, "fork", refuse)

    try:
        assert run(brief, in_tmp, others_start) == drawn
    finally:
        release.set()
        if other.is_alive():
            other.join()
    assert no_children_left()


@forking
def test_a_format_that_does_not_answer_in_time_fails_in_one_line(brief, in_tmp, monkeypatch):
    real = forked.draw

    def hangs_on_pdf(name, *story_and_theme):
        if name == "pdf":
            time.sleep(60)  # as if deadlocked
        return real(name, *story_and_theme)

    monkeypatch.setattr(forked, "draw", hangs_on_pdf)
    monkeypatch.setattr(forked, "ANSWER_S", 3.0)
    began = time.monotonic()
    result = build_one(brief, options(in_tmp, "out"))
    assert time.monotonic() - began < 15
    assert [e.message for e in result.errors] == ["the pdf backend did not answer within 3 s"]
    assert sorted(w.path.name for w in result.written) == ["sample.md", "sample.pptx"]
    assert no_children_left()


@forking
def test_a_format_whose_process_dies_is_an_error_and_the_others_are_written(brief, in_tmp, monkeypatch):
    real = forked.draw

    def dies_on_pdf(name, *story_and_theme):
        if name == "pdf":
            os._exit(9)  # as if the process were killed mid-draw
        return real(name, *story_and_theme)

    monkeypatch.setattr(forked, "draw", dies_on_pdf)  # forked processes inherit the patch
    result = build_one(brief, options(in_tmp, "out"))
    assert [e.message for e in result.errors] == ["the pdf backend stopped without a result"]
    assert sorted(w.path.name for w in result.written) == ["sample.md", "sample.pptx"]
    assert not (in_tmp / "out" / "sample.pdf").exists()
    assert no_children_left()


@forking
@pytest.mark.parametrize("text", ["event:\n  title: no\n", "event: [\n"], ids=["invalid", "unparsable"])
def test_a_wrong_brief_stops_every_process(in_tmp, text):
    bad = in_tmp / "bad.yaml"
    bad.write_text(text)
    result = build_one(bad, options(in_tmp, "out"))
    assert result.errors and not result.written
    assert no_children_left()


@forking
def test_an_unchanged_brief_stops_every_process(brief, in_tmp):
    first = build_one(brief, options(in_tmp, "out"))
    again = build_one(brief, Options(in_tmp / "out", ALL, policy=AssetPolicy(in_tmp)))
    assert first.ok and again.skipped and not again.written
    assert no_children_left()


@forking
def test_a_story_larger_than_a_pipe_buffer_travels_whole(in_tmp):
    speakers = "".join(f"  - name: Speaker {i}\n    title: {'Head of a department ' * 6}\n"
                       f"    points:\n      - {'A point about the film industry and its tools. ' * 8}\n"
                       for i in range(120))
    path = in_tmp / "big.yaml"
    path.write_text(f"event:\n  title: Big\n  summary: Many speakers.\nspeakers:\n{speakers}")
    result = build_one(path, options(in_tmp, "out", ("md", "pptx")))
    assert result.ok, result.errors
    summary = (in_tmp / "out" / "big.md").read_text()
    assert summary.count("Speaker 1") > 1 and "Speaker 119" in summary
    assert next(w for w in result.written if w.path.suffix == ".pptx").pages > 100
    assert no_children_left()


def test_resuming_the_collector_leaves_library_callers_alone():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    collector.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_paused_collector_resumes_with_what_exists_set_aside():
    collector.pause()
    try:
        assert not gc.isenabled()
        collector.resume()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_host_that_turned_collection_off_keeps_it_off():
    gc.disable()
    try:
        collector.resume()
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


@forking
def test_many_builds_leak_no_file_descriptors(brief, in_tmp):
    bad = in_tmp / "bad.yaml"
    bad.write_text("event: [\n")
    before = len(os.listdir("/proc/self/fd"))
    for path in (brief, bad, brief, bad):
        build_one(path, options(in_tmp, "out"))
    assert len(os.listdir("/proc/self/fd")) == before
    assert no_children_left()


SUBREAPER = """
import ctypes, os, sys, time
from pathlib import Path
from generator.workflow import build as builder
from generator.workflow.build import Options, build_one
from generator.paths import AssetPolicy

# As when briefgen is a container's first process: orphaned helpers come back to it.
assert ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER

from generator.errors import InputError, Problem
from generator.workflow import prepare as preparing

def slow_and_failed(*_args, **_kwargs):
    time.sleep(1.0)  # long enough for the renderer to fork its helpers
    raise InputError([Problem("x", 1, 1, "failed")])

preparing.prepare = slow_and_failed
folder = Path(sys.argv[1])
build_one(folder / "sample.yaml", Options(folder / "o", ("pptx", "pdf", "md"), force=True,
                                          policy=AssetPolicy(folder)))
time.sleep(0.3)
try:
    os.waitpid(-1, os.WNOHANG)
    print("children left")
except ChildProcessError:
    print("none left")
"""


@forking
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's prctl")
def test_a_stopped_renderer_leaves_no_zombie_even_for_a_subreaper(brief, in_tmp):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", SUBREAPER, str(in_tmp)], capture_output=True,
                          text=True, timeout=60, cwd=in_tmp)
    assert done.stdout.strip() == "none left", done.stderr


@forking
def test_an_unchanged_brief_starts_no_renderer(brief, in_tmp, monkeypatch):
    first = build_one(brief, options(in_tmp, "out"))
    assert first.ok

    def no_fork(_self):
        raise AssertionError("a renderer was started for a brief that is skipped")

    monkeypatch.setattr(forked.ForkedRenderer, "fork", no_fork)
    again = build_one(brief, Options(in_tmp / "out", ALL, policy=AssetPolicy(in_tmp)))
    assert again.skipped and not again.errors


@forking
def test_an_unchanged_brief_whose_theme_changed_is_built_all_the_same(in_tmp):
    theme = in_tmp / "brand.yml"
    theme.write_text('color:\n  primary: "#224488"\n')
    path = in_tmp / "themed.yaml"
    path.write_text("theme: brand.yml\nevent:\n  title: Themed\n  summary: A brief with its own theme.\n")
    assert build_one(path, options(in_tmp, "out")).ok
    theme.write_text('color:\n  primary: "#884422"\n')
    again = build_one(path, Options(in_tmp / "out", ALL, policy=AssetPolicy(in_tmp)))
    assert again.ok and not again.skipped
    fresh = build_one(path, options(in_tmp, "fresh", split=False))
    assert len(fresh.written) == len(again.written) == len(ALL)
    for written in again.written:
        assert written.path.read_bytes() == (in_tmp / "fresh" / written.path.name).read_bytes()
    assert no_children_left()
