"""Builds that never lose work: atomic replacement, crashes, symlinks, concurrency, reproducibility."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import generator
from generator.paths import AssetPolicy
from generator.workflow.build import Options, build_one
from generator.workflow.outputs import OutputError, write_atomic

from .conftest import ROOT, SAMPLE, markdown_body


@pytest.fixture
def brief(in_tmp) -> Path:
    """Return a copy of the sample brief inside a temporary project folder."""
    path = in_tmp / "sample.yaml"
    path.write_text(SAMPLE.read_text())
    return path


def md_options(tmp: Path, **extra) -> Options:
    return Options(tmp / "out", ("md",), policy=AssetPolicy(tmp), **extra)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_write_atomic_replaces_and_reports_unchanged(tmp_path):
    target = tmp_path / "a.bin"
    assert write_atomic(target, b"one") is True
    assert write_atomic(target, b"one") is False
    assert write_atomic(target, b"two") is True
    assert target.read_bytes() == b"two"
    assert leftovers(tmp_path) == []


def test_crash_mid_write_keeps_previous_output(tmp_path, monkeypatch):
    target = tmp_path / "deck.bin"
    target.write_bytes(b"previous good output")

    def crash(_fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OutputError):
        write_atomic(target, b"new output that never lands")
    assert target.read_bytes() == b"previous good output"
    assert leftovers(tmp_path) == []


def test_interrupt_mid_write_keeps_previous_output(tmp_path, monkeypatch):
    target = tmp_path / "deck.bin"
    target.write_bytes(b"previous")

    def interrupt(_fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert leftovers(tmp_path) == []


def test_kill_9_during_save_keeps_previous_output(tmp_path):
    target = tmp_path / "deck.bin"
    target.write_bytes(b"previous")
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from generator.workflow import outputs\n"
        "real = os.replace\n"
        "def slow(a, b):\n"
        "    print('ready', flush=True); time.sleep(30); real(a, b)\n"
        "os.replace = slow\n"
        f"outputs.write_atomic(Path({str(target)!r}), b'x' * 1000000)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert target.read_bytes() == b"previous"


def test_symlinked_output_is_replaced_not_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    out = tmp_path / "out"
    out.mkdir()
    (out / "deck.bin").symlink_to(victim)
    write_atomic(out / "deck.bin", b"fresh")
    assert victim.read_text() == "do not touch"
    assert not (out / "deck.bin").is_symlink()
    assert (out / "deck.bin").read_bytes() == b"fresh"


def test_unwritable_output_folder_is_one_located_error(brief, in_tmp, monkeypatch):
    out = in_tmp / "out"
    out.mkdir()
    out.chmod(0o500)
    if os.geteuid() == 0:  # root writes into read-only folders; refuse the way the kernel would
        def refuse(*_args, **_kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("generator.workflow.outputs.tempfile.mkstemp", refuse)
    try:
        result = build_one(brief, md_options(in_tmp))
    finally:
        out.chmod(0o700)
    assert not result.ok
    assert str(result.errors[0]) == "out/sample.md: cannot write here: Permission denied"
    assert list(out.iterdir()) == []


def test_output_folder_that_is_a_file_is_one_located_error(brief, in_tmp):
    (in_tmp / "out").write_text("a file, not a folder")
    result = build_one(brief, md_options(in_tmp))
    assert not result.ok
    assert "cannot write" in str(result.errors[0])


def test_two_builds_at_once_leave_a_whole_file(brief, in_tmp):
    args = [sys.executable, "-m", "generator", "build", str(brief), "-f", "md", "-o", "out",
            "--force", "--quiet"]
    children = [subprocess.Popen(args, cwd=in_tmp) for _ in range(4)]
    assert [c.wait() for c in children] == [0, 0, 0, 0]
    text = (in_tmp / "out" / "sample.md").read_text()
    assert markdown_body(text).startswith("# Film Technology") and text.endswith("\n")
    assert leftovers(in_tmp / "out") == []


def test_same_brief_gives_identical_bytes_a_second_apart(brief, in_tmp):
    first = generator.render(brief, format="md")
    time.sleep(1.1)
    assert generator.render(brief, format="md") == first


def test_library_render_accepts_yaml_text_and_mappings(in_tmp):
    text = "event:\n  title: Board breakfast\n  summary: A short meeting.\n"
    from_text = generator.render(text, format="md")
    from_dict = generator.render({"event": {"title": "Board breakfast", "summary": "A short meeting."}},
                                 format="md")
    assert from_text == from_dict
    assert markdown_body(from_text.decode()).startswith("# Board breakfast")
    with pytest.raises(generator.InputError) as caught:
        generator.render("event:\n  title: no\n  summary: x\n", format="md")
    assert "<brief>:2:3: event.title" in str(caught.value)


def test_library_build_returns_results(brief, in_tmp):
    (result,) = generator.build([brief], out=in_tmp / "out", formats=["md"])
    assert result.ok and result.written[0].path.name == "sample.md"


def test_watch_rebuilds_on_save_and_keeps_last_good_output(brief, in_tmp):
    from generator.workflow.watch import watch_briefs

    stop = threading.Event()
    seen: list = []
    options = md_options(in_tmp)
    worker = threading.Thread(target=watch_briefs, args=([brief], options),
                              kwargs={"quiet": True, "stop": stop, "on_result": seen.append})
    worker.start()
    try:
        wait_for(lambda: len(seen) == 1)
        out = in_tmp / "out" / "sample.md"
        assert "Pingyao" in out.read_text()
        time.sleep(0.3)
        brief.write_text(brief.read_text().replace("Pingyao, Shanxi", "Pingyao (saved)"))
        wait_for(lambda: len(seen) == 2)
        assert "Pingyao (saved)" in out.read_text()
        good = out.read_bytes()
        brief.write_text(brief.read_text().replace("event:", "event:\n  bogus: 1", 1))
        wait_for(lambda: len(seen) == 3)
        assert not seen[-1].ok and "bogus" in str(seen[-1].errors[0])
        assert out.read_bytes() == good
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()


def wait_for(condition, timeout: float = 15.0) -> None:
    """Wait until `condition()` holds, failing the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the watcher")
        time.sleep(0.05)


def test_third_party_backend_installs_and_builds(brief, in_tmp):
    target = in_tmp / "site"
    source = in_tmp / "plugin_pkg"
    shutil.copytree(ROOT / "tests" / "plugin_pkg", source)  # building writes into the source
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(source)],
        capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT)])}
    listed = subprocess.run([sys.executable, "-m", "generator", "backends"], env=env,
                            capture_output=True, text=True, cwd=in_tmp)
    assert "txt" in listed.stdout and "briefgen-txt" in listed.stdout
    built = subprocess.run([sys.executable, "-m", "generator", "build", str(brief), "-f", "txt"],
                           env=env, capture_output=True, text=True, cwd=in_tmp)
    assert built.returncode == 0, built.stderr
    lines = (in_tmp / "output" / "sample.txt").read_text().splitlines()
    assert lines[0] == "Film Technology Development and Innovation Symposium"
    assert "Priorities" in lines


def test_two_backends_claiming_one_name_is_an_error_naming_both(brief, in_tmp, monkeypatch):
    import importlib.metadata
    from importlib.metadata import EntryPoint

    from generator.backends import registry

    fake = [EntryPoint("md", "generator.backends.markdown:MarkdownBackend", registry.GROUP),
            EntryPoint("md", "other_pkg.md:Backend", registry.GROUP)]
    registry._installed.cache_clear()
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: fake)
    try:
        with pytest.raises(registry.BackendError) as caught:
            registry.get_backend("md")
    finally:
        registry._installed.cache_clear()
    assert "generator.backends.markdown:MarkdownBackend" in str(caught.value)
    assert "other_pkg.md:Backend" in str(caught.value)


@pytest.mark.parametrize(("name", "module"), [("pptx", "generator.backends.deck"),
                                              ("pdf", "generator.backends.handout"),
                                              ("md", "generator.backends.markdown")],
                         ids=["pptx", "pdf", "md"])
def test_built_in_formats_are_registered_like_plugins(name, module):
    from generator.backends import registry

    (claim,) = [i for i in registry.available() if i.name == name]
    assert claim.distribution == "briefgen"
    assert claim.entry_point.value.partition(":")[0] == module
    backend = registry.get_backend(name)
    assert backend.name == name and backend.suffix == f".{name}"


def briefgen(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the real command (formats render in parallel children); a hang fails the test."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_parallel_formats_write_both_outputs_then_skip_unchanged(brief, in_tmp):
    built = briefgen(in_tmp, "build", str(brief), "-o", "out")
    assert built.returncode == 0, built.stderr
    assert "out/sample.pptx (" in built.stdout and "9 slides" in built.stdout
    assert "out/sample.pdf (" in built.stdout and "1 page" in built.stdout
    deck = (in_tmp / "out" / "sample.pptx").read_bytes()
    again = briefgen(in_tmp, "build", str(brief), "-o", "out")
    assert again.returncode == 0 and "unchanged, skipped" in again.stderr
    assert (in_tmp / "out" / "sample.pptx").read_bytes() == deck


def test_parallel_formats_stop_cleanly_when_the_brief_is_wrong(in_tmp):
    bad = in_tmp / "bad.yaml"
    bad.write_text("event:\n  title: no\n  summary: fine\n")
    done = briefgen(in_tmp, "build", str(bad), "-o", "out")
    assert done.returncode == 1
    assert done.stderr.startswith("bad.yaml:2:3: event.title:")
    assert not (in_tmp / "out").exists() or not any((in_tmp / "out").glob("bad.*"))


# The handout condenses long lists of speakers and sources to fit; the event's own priorities
# it does not, so these are what overflow its page.
PRIORITIES = "".join(f"  - title: Priority number {i}, stated at some length\n"
                     f"    detail: {'A detail described at length, with caveats and examples. ' * 5}\n"
                     for i in range(40))


def test_a_format_refused_in_a_child_is_located_and_the_other_is_written(in_tmp):
    (in_tmp / "long.yaml").write_text("event:\n  title: Long\n  summary: Many priorities.\n"
                                      f"priorities:\n{PRIORITIES}")
    done = briefgen(in_tmp, "build", "long.yaml", "-o", "out")
    assert done.returncode == 1
    assert "long.yaml:4:1: priorities: pdf: the handout is" in done.stderr
    assert (in_tmp / "out" / "long.pptx").is_file()
    assert not (in_tmp / "out" / "long.pdf").exists()


def _photo(path: Path, shade: int) -> None:
    from PIL import Image

    Image.new("RGB", (40, 40), (shade, 90, 120)).save(path, "PNG")


def _edit_comment(folder: Path, _env: pytest.MonkeyPatch) -> None:
    brief = folder / "b.yaml"
    brief.write_text("# a comment that changes nothing drawn\n" + brief.read_text())


def _edit_title(folder: Path, _env: pytest.MonkeyPatch) -> None:
    brief = folder / "b.yaml"
    brief.write_text(brief.read_text().replace("title: Skip test", "title: Skip test, renamed"))


def _edit_photo(folder: Path, _env: pytest.MonkeyPatch) -> None:
    _photo(folder / "face.png", 200)


def _touch_photo(folder: Path, _env: pytest.MonkeyPatch) -> None:
    os.utime(folder / "face.png", (time.time() + 5, time.time() + 5))


def _stamp_a_date(_folder: Path, env: pytest.MonkeyPatch) -> None:
    env.setenv("SOURCE_DATE_EPOCH", "1700000000")


SKIPS = [
    pytest.param(lambda _folder, _env: None, True, id="nothing-changed"),
    pytest.param(_edit_comment, True, id="a-yaml-comment-is-not-drawn"),
    pytest.param(_touch_photo, True, id="photo-touched-not-changed"),
    pytest.param(_edit_title, False, id="title-changed"),
    pytest.param(_edit_photo, False, id="photo-changed"),
    pytest.param(_stamp_a_date, False, id="source-date-epoch-set"),
]


@pytest.mark.parametrize(("change", "skipped"), SKIPS)
def test_a_build_is_skipped_exactly_when_it_would_draw_the_same(in_tmp, monkeypatch, change, skipped):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _photo(in_tmp / "face.png", 40)
    (in_tmp / "b.yaml").write_text("event:\n  title: Skip test\n  summary: S.\n"
                                   "speakers:\n  - name: Ada\n    photo: face.png\n")
    options = Options(in_tmp / "out", ("md", "pptx"), policy=AssetPolicy(in_tmp))
    first = build_one(in_tmp / "b.yaml", options)
    assert first.ok and not first.skipped and len(first.written) == 2
    before = (in_tmp / "out" / "b.pptx").read_bytes()
    change(in_tmp, monkeypatch)
    again = build_one(in_tmp / "b.yaml", options)
    assert again.ok and again.skipped is skipped
    assert ((in_tmp / "out" / "b.pptx").read_bytes() == before) is skipped


def test_a_format_that_fails_removes_its_earlier_file_and_the_others_are_written(in_tmp):
    brief = in_tmp / "long.yaml"
    brief.write_text("event:\n  title: Long\n  summary: A few speakers.\n"
                     "speakers:\n  - name: Ann\n    topic: Tools\n")
    options = Options(in_tmp / "out", ("pptx", "pdf"), policy=AssetPolicy(in_tmp))
    assert build_one(brief, options).ok
    brief.write_text(f"event:\n  title: Long\n  summary: Many priorities.\npriorities:\n{PRIORITIES}")
    failed = build_one(brief, options)
    assert not failed.ok
    assert any("pdf: the handout is" in e.message for e in failed.errors)
    assert [w.path.name for w in failed.written] == ["long.pptx"]
    assert not (in_tmp / "out" / "long.pdf").exists()
    assert [str(w) for w in failed.warnings if "earlier build" in w.message] == [
        "long.yaml: warning: pdf: removed out/long.pdf, from an earlier build, so that it is not "
        "taken for this one"]
