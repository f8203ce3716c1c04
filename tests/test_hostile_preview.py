"""The preview and watch under a careless or hostile user: bursts of saves, slow and many clients,
and a brief's folder deleted and re-created. Loopback only, bounded in count and time.

The previews here draw slides as outlines (python-pptx reading the deck, in the slide thread) and
no LibreOffice pictures: what is tested is the real path from a save through watch and the build
to the board, as fast as it goes.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.paths import AssetPolicy
from generator.workflow.build import Options, Result
from generator.workflow.preview import pictures
from generator.workflow.preview.board import Board
from generator.workflow.preview.server import REQUEST_S
from generator.workflow.preview.session import serve_preview
from tests.conftest import ROOT

WAIT_S = 30.0  # the longest any single expected change may take on a busy two-core machine
BRIEF = "event:\n  title: {title}\n  summary: A short gathering to review the quarter.\n"


def wait_for(condition: Callable[[], object], what: str, timeout: float = WAIT_S,
             shown: Callable[[], object] = lambda: "") -> None:
    """Wait until `condition()` is true, or fail naming `what` and what is `shown` then."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; shown: {shown()}")
        time.sleep(0.02)


def save(path: Path, title: str, atomic: bool = True) -> None:
    """Save the brief as an editor does: a new file renamed over the old, or rewritten in place."""
    text = BRIEF.format(title=title)
    if not atomic:
        path.write_text(text, encoding="utf-8")
        return
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@dataclass
class Preview:
    """A preview serving one brief in a thread, without LibreOffice pictures."""

    brief: Path
    port: int
    board: Board
    stop: threading.Event
    thread: threading.Thread

    def title(self) -> str:
        """Return the first slide's title as the page lists it ('' before it is drawn)."""
        view = self.board.snapshot(0)
        return view.slides[0].title if view and view.slides and not view.slides_pending else ""

    def errors(self) -> list[str]:
        """Return the problems the page shows as errors."""
        view = self.board.snapshot(0)
        return view.errors if view else []

    def finish(self, within: float = 30.0) -> float:
        """Stop the preview; return how long it took to end, failing past `within` seconds."""
        began = time.monotonic()
        self.stop.set()
        self.thread.join(within)
        assert not self.thread.is_alive(), f"the preview was still running {within:.0f} s after stop"
        return time.monotonic() - began


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Preview]:
    """A preview of a small brief, shown once (stopped after the test if it still runs)."""
    found = pictures.Drawer.__init__

    def without_libreoffice(drawer: pictures.Drawer, workdir: Path) -> None:
        """Find the programs as usual, then leave LibreOffice out: slides are outlines."""
        found(drawer, workdir)
        drawer.soffice = None

    monkeypatch.setattr(pictures.Drawer, "__init__", without_libreoffice)
    brief = tmp_path / "briefs" / "breakfast.yaml"
    brief.parent.mkdir()
    save(brief, "Breakfast start")
    stop, ready = threading.Event(), dict[str, object]()
    options = Options(tmp_path / "out", policy=AssetPolicy(tmp_path.resolve()))
    thread = threading.Thread(target=serve_preview, args=([brief], options), daemon=True, kwargs={
        "open_browser": False, "stop": stop, "quiet": True,
        "ready": lambda url, board: ready.update(url=url, board=board)})
    thread.start()
    wait_for(lambda: "board" in ready, "the server")
    url = str(ready["url"])
    running = Preview(brief, int(url.rsplit(":", 1)[1].strip("/")), ready["board"], stop, thread)  # type: ignore[arg-type]
    try:
        wait_for(lambda: running.title() == "Breakfast start", "the first drawing")
        yield running
    finally:
        if thread.is_alive():
            running.finish()


# -- bursts of saves ------------------------------------------------------------------------------

BURSTS = 20
SAVES = 100
# Gaps between saves, in turn: some shorter than watch's quiet time (one save to it), some longer
# (a build starts mid-burst, as the next saves land). 100 saves take 2 s: well within 10 s.
GAPS = (0.0, 0.005, 0.02, 0.055)


def test_the_page_follows_twenty_bursts_of_a_hundred_saves(preview: Preview) -> None:
    for burst in range(BURSTS):
        for number in range(SAVES):
            save(preview.brief, f"Burst {burst} save {number}", atomic=number % 3 != 0)
            time.sleep(GAPS[number % len(GAPS)])
        last = f"Burst {burst} save {SAVES - 1}"
        wait_for(lambda last=last: preview.title() == last and not preview.errors(),  # type: ignore[misc]
                 f"burst {burst + 1} of {BURSTS} to show its last save",
                 shown=lambda: (preview.title(), preview.errors(), preview.thread.is_alive()))
    save(preview.brief, "After the bursts")
    wait_for(lambda: preview.title() == "After the bursts", "a save after the bursts")
    assert preview.finish() < 2.0


# -- slow and many clients ------------------------------------------------------------------------

class SlowClient(threading.Thread):
    """Sends a request one byte a second, never finishing it; notes when the server hangs up."""

    def __init__(self, port: int, give_up: threading.Event) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.give_up = give_up
        self.connected = threading.Event()
        self.began = 0.0
        self.cut_at: float | None = None  # when the server hung up

    @property
    def cut_after(self) -> float | None:
        """Return how long the server kept the connection, or None while it still does."""
        return None if self.cut_at is None else self.cut_at - self.began

    def run(self) -> None:
        """Trickle a request that never ends until the server closes the connection."""
        request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nX-Padding: {'a' * 200}"
        self.began = time.monotonic()
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
            self.connected.set()
            for byte in request.encode():
                try:
                    connection.sendall(bytes([byte]))
                    if connection.recv(1024) == b"":
                        break  # the server hung up
                except TimeoutError:
                    pass  # nothing to read: still connected; a second passed
                except OSError:
                    break
                if self.give_up.is_set():
                    return
        self.cut_at = time.monotonic()


@pytest.fixture
def give_up() -> Iterator[threading.Event]:
    """Tells the slow clients to stop trickling, whatever the test's outcome."""
    event = threading.Event()
    yield event
    event.set()


def test_it_stops_within_two_seconds_with_slow_clients_connected(preview: Preview,
                                                                 give_up: threading.Event) -> None:
    clients = [SlowClient(preview.port, give_up) for _ in range(5)]
    for client in clients:
        client.start()
        client.connected.wait(5)
    time.sleep(2.5)  # past the idle timeout of 2 s that a byte a second keeps resetting
    assert all(c.cut_at is None for c in clients), "a slow client was cut off before stopping"
    stopping = time.monotonic()
    assert preview.finish(within=10.0) < 2.0
    for client in clients:  # and nothing is left serving them
        client.join(2.0)
    hung_up = [round(c.cut_at - stopping, 1) if c.cut_at else None for c in clients]
    assert all(after is not None and after < 2.0 for after in hung_up), hung_up


def test_a_slow_client_is_cut_off_at_the_request_deadline(preview: Preview,
                                                          give_up: threading.Event) -> None:
    client = SlowClient(preview.port, give_up)
    client.start()
    client.join(REQUEST_S + 3.0)
    assert client.cut_after is not None and client.cut_after < REQUEST_S + 2.0
    other = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=5)
    try:
        other.request("GET", "/preview.css")
        assert other.getresponse().status == 200  # and the others are still served
    finally:
        other.close()


def test_three_hundred_simultaneous_requests_all_get_answers(preview: Preview) -> None:
    count = 300
    together = threading.Barrier(count)
    statuses: list[int | str] = []

    def ask() -> None:
        """Connect with all the others at once and note the answer's status, or why there was none."""
        together.wait()
        connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=5)
        try:
            connection.request("GET", "/state/0.json")
            statuses.append(connection.getresponse().status)
        except OSError as exc:
            statuses.append(type(exc).__name__)
        finally:
            connection.close()

    askers = [threading.Thread(target=ask, daemon=True) for _ in range(count)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(30)
    unanswered = [s for s in statuses if s != 200]
    assert len(statuses) == count and not unanswered, f"{len(unanswered)} of {count}: {unanswered[:5]}"


# -- a brief's folder deleted and re-created ------------------------------------------------------

@dataclass
class Watched:
    """A brief watched by `briefgen watch` (in a thread or as the command) or shown by the preview:
    what it shows as errors and the title it shows now."""

    brief: Path
    errors: Callable[[], str]
    title: Callable[[], str]
    stop: Callable[[], str] = field(default=lambda: "")  # returns what the command printed


def watched_in_thread(folder: Path) -> Watched:
    """Return a brief watched by watch_briefs in a thread, drawn in Markdown."""
    from generator.workflow.watch import watch_briefs

    brief = folder / "briefs" / "breakfast.yaml"
    results: list[Result] = []
    stop = threading.Event()
    options = Options(folder / "out", ("md",), policy=AssetPolicy(folder.resolve()))
    thread = threading.Thread(target=watch_briefs, args=([brief], options), daemon=True,
                              kwargs={"quiet": True, "stop": stop, "on_result": results.append})
    thread.start()

    def stopped() -> str:
        """Stop watching and say whether the thread ended."""
        alive = thread.is_alive()
        stop.set()
        thread.join(10)
        return "" if alive and not thread.is_alive() else "the watch thread had died or hung"

    return Watched(brief, lambda: " ".join(str(e) for r in results[-1:] for e in r.errors),
                   lambda: _markdown_title(folder), stopped)


def watched_by_command(folder: Path) -> Watched:
    """Return a brief watched by the `briefgen watch` command, its terminal read from a file."""
    brief = folder / "briefs" / "breakfast.yaml"
    terminal = folder / "terminal.txt"
    with terminal.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "generator", "watch", str(brief), "-f", "md",
                                    "-o", str(folder / "out")], cwd=folder, stdout=sink, stderr=sink,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)})

    def stopped() -> str:
        """Press Ctrl-C and return what the command printed if it did not end cleanly."""
        alive = process.poll() is None
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        text = terminal.read_text(errors="replace")
        clean = alive and code in (0, 130) and "internal error" not in text and "Traceback" not in text
        return "" if clean else f"exit {code}:\n{text}"

    return Watched(brief, lambda: terminal.read_text(errors="replace"),
                   lambda: _markdown_title(folder), stopped)


def _markdown_title(folder: Path) -> str:
    """Return the built Markdown's first heading ('' while there is none)."""
    try:
        lines = (folder / "out" / "breakfast.md").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return next((line[2:] for line in lines if line.startswith("# ")), "")


WATCHERS = [("watch", watched_in_thread), ("watch-command", watched_by_command), ("preview", None)]
AWAYS = [("gone-then-back", True), ("re-created-at-once", False)]


@pytest.mark.parametrize("reported", [a[1] for a in AWAYS], ids=[a[0] for a in AWAYS])
@pytest.mark.parametrize("make", [w[1] for w in WATCHERS], ids=[w[0] for w in WATCHERS])
def test_a_brief_folder_deleted_and_re_created_is_reported_and_picked_up(
        make: Callable[[Path], Watched] | None, reported: bool, tmp_path: Path,
        request: pytest.FixtureRequest) -> None:
    if make is None:
        running: Preview = request.getfixturevalue("preview")
        watched = Watched(running.brief, lambda: " ".join(running.errors()), running.title,
                          lambda: "" if running.finish() < 2.0 else "the preview was slow to stop")
    else:
        (tmp_path / "briefs").mkdir()
        save(tmp_path / "briefs" / "breakfast.yaml", "Breakfast start")
        watched = make(tmp_path)
    try:
        wait_for(lambda: watched.title() == "Breakfast start", "the first build")
        time.sleep(0.3)  # watching has started
        shutil.rmtree(watched.brief.parent)
        if reported:
            wait_for(lambda: "is gone" in watched.errors(), "the folder reported gone")
            # One located line, naming the folder as the brief's other messages name paths.
            assert re.search(r"breakfast\.yaml: folder (\S*/)?briefs is gone;", watched.errors())
        watched.brief.parent.mkdir()
        save(watched.brief, "Breakfast back")
        wait_for(lambda: watched.title() == "Breakfast back", "the brief built from its new folder")
        save(watched.brief, "Breakfast saved again")
        wait_for(lambda: watched.title() == "Breakfast saved again", "a later save")
    finally:
        trouble = watched.stop()
    assert trouble == ""
