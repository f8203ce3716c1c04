"""`serve_preview`: build, serve the page, and redraw the pictures on every save until stopped."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import click

from generator.errors import Problem, display_path
from generator.workflow.build import Options, Result
from generator.workflow.preview.board import Board
from generator.workflow.preview.pictures import (
    Drawer,
    Stopped,
    attach_warnings,
    outline,
    renderer_note,
)
from generator.workflow.preview.server import PreviewServer

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class SlideJob:
    """A deck waiting to be drawn: its bytes and the build's warnings to attach to its slides."""

    pptx: bytes
    warnings: list[Problem]


class SlideQueue:
    """Latest-wins queue of decks per brief: a save during a drawing replaces the waiting deck."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._jobs: dict[int, SlideJob] = {}

    def put(self, index: int, job: SlideJob) -> None:
        """Queue `job` for brief `index`, dropping any deck of that brief not yet drawn."""
        with self._cond:
            self._jobs[index] = job
            self._cond.notify_all()

    def take(self, stop: threading.Event) -> tuple[int, SlideJob] | None:
        """Return the next (brief, job), or None once `stop` is set."""
        with self._cond:
            while not self._jobs:
                if stop.is_set():
                    return None
                self._cond.wait(0.25)
            index = next(iter(self._jobs))
            return index, self._jobs.pop(index)

    def wake(self) -> None:
        """Wake the waiting worker (used when stopping)."""
        with self._cond:
            self._cond.notify_all()


class Preview:
    """The running parts of one preview: board, drawer, slide worker and the build callback."""

    def __init__(self, paths: list[Path], options: Options, workdir: Path,
                 stop: threading.Event, quiet: bool = False) -> None:
        self.paths = paths
        self.options = options
        self.quiet = quiet
        self.board = Board(paths)
        self.drawer = Drawer(workdir)
        self.queue = SlideQueue()
        self.stop = stop

    def on_result(self, result: Result) -> None:
        """Show a build: its problems at once, the handout picture next, the slides queued."""
        index = next(i for i, p in enumerate(self.paths) if p == result.brief)
        # A deck left in place by the edit guard is a problem on the page, but the build drew
        # everything: its pictures are shown, from the deck it drew rather than the edited one.
        self.board.show_problems(index, result.warnings, result.errors, stale=not result.drawn)
        if not result.drawn:
            return  # keep the last good pictures; the board marks them out of date
        if result.skipped and self.board.views[index].build:
            return  # the same drawing as the pictures shown (an undo, a touched file)
        stem = self.options.out_dir / result.brief.stem
        drawn_deck = next((h.data for h in result.held), None)
        try:
            pdf = stem.with_suffix(".pdf").read_bytes()
            pptx = drawn_deck or stem.with_suffix(".pptx").read_bytes()
            handout = self.drawer.handout(pdf)
        except (OSError, Stopped):
            return
        self.board.show_handout(index, handout)
        self.queue.put(index, SlideJob(pptx, result.warnings))

    def watch(self) -> None:
        """Build and rebuild on saves until stopped (the watch thread's body); should watching
        itself fail, say so on the page rather than leave it silently out of date."""
        from generator.workflow.watch import watch_briefs

        try:
            watch_briefs(self.paths, self.options, self.quiet, self.stop, self.on_result)
        except Exception as exc:
            message = (f"the preview stopped watching ({type(exc).__name__}: {exc}); "
                       "restart it to see later saves")
            for index, path in enumerate(self.paths):
                self.board.show_problems(index, [], [Problem(display_path(path), 0, 0, message)])
            raise

    def draw_slides(self) -> None:
        """Draw queued decks until stopped (the worker thread's body)."""
        while (item := self.queue.take(self.stop)) is not None:
            index, job = item
            slides = outline(job.pptx)
            try:
                drawn = self.drawer.slides(job.pptx)
            except Stopped:
                return
            attach_warnings(slides, [str(w) for w in job.warnings])
            note = renderer_note(self.drawer.missing(), bool(drawn))
            self.board.show_slides(index, slides, drawn, note)
            if drawn:
                self.drawer.start_spare()  # after showing: the next save's deck finds it started


def serve_preview(paths: list[Path], options: Options, host: str = "127.0.0.1", port: int = 0,
                  open_browser: bool = True, stop: threading.Event | None = None,
                  ready: Callable[[str, Board], None] | None = None, quiet: bool = False) -> None:
    """Serve the live preview of `paths` until Ctrl-C or `stop`, then end every thread and child."""
    stop = stop or threading.Event()
    formats = tuple(dict.fromkeys((*options.formats, "pptx", "pdf")))  # the pictures need both
    # Drawn in this process: a fork from here would copy none of the threads below, and a lock
    # one of them held (in lxml, say) would stay locked in the child for ever.
    options = replace(options, formats=formats, split_formats=False)
    workdir = Path(tempfile.mkdtemp(prefix="briefgen-preview-"))
    preview = Preview(paths, options, workdir, stop, quiet)
    server = PreviewServer(host, port, preview.board, stop)
    # Daemon threads, joined when the preview stops: a caller that leaves without stopping it
    # (an exception in the thread that started it) must not keep the interpreter alive.
    threads = [
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                         name="preview-http", daemon=True),
        threading.Thread(target=preview.draw_slides, name="preview-slides", daemon=True),
        threading.Thread(target=preview.watch, name="preview-watch", daemon=True),
    ]
    restore = _stop_on_signals(stop)
    # The LibreOffice kept started runs in a session of its own: end it even then.
    atexit.register(preview.drawer.stop)
    try:
        for thread in threads:
            thread.start()
        url = _announce(host, server.port)
        if ready:
            ready(url, preview.board)
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        _shut_down(stop, preview, server, threads)
        shutil.rmtree(workdir, ignore_errors=True)
        atexit.unregister(preview.drawer.stop)
        restore()


def _stop_on_signals(stop: threading.Event) -> Callable[[], None]:
    """Make SIGTERM and SIGHUP stop the preview as Ctrl-C does (main thread only); return an undo.

    SIGHUP is a closed terminal: without this the LibreOffice kept started, in a session of its
    own, would outlive the preview.
    """
    import signal

    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    signals = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {number: signal.signal(number, lambda _signum, _frame: stop.set()) for number in signals}

    def restore() -> None:
        """Put back the handlers there were before."""
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


def _announce(host: str, port: int) -> str:
    """Print the address (and a warning off loopback) and return it."""
    # Serving on every address: the browser here still opens the loopback one.
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, f"[{host}]" if ":" in host else host)
    url = f"http://{shown}:{port}/"
    if host not in LOOPBACK:
        click.echo(f"warning: serving on {host}: anyone who can reach this address sees the briefs",
                   err=True)
    click.echo(f"preview at {url} (Ctrl-C stops)", err=True)
    return url


def _shut_down(stop: threading.Event, preview: Preview, server: PreviewServer,
               threads: list[threading.Thread]) -> None:
    """Stop every part: children killed, threads joined, the port closed."""
    stop.set()
    preview.drawer.stop()
    preview.queue.wake()
    preview.board.wake()
    server.shutdown()
    for thread in threads:
        if thread.is_alive():
            thread.join()
    server.server_close()  # joins the request threads, event streams included
    click.echo("preview stopped", err=True)
