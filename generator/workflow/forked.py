"""Draw the formats in parallel processes, forked as the build starts, so imports overlap checking.

A cold build spends most of its time importing pydantic, python-pptx and reportlab, then
drawing. On a machine with more than one core, one child is forked as the build starts and
imports the first format's backend while the parent reads and checks the brief; only then does
it fork a helper that imports the next format's backend, and so on. Staging the imports keeps
two processes busy on two cores instead of three competing, so the first (slowest) format is
ready to draw the moment the story arrives. Each process receives the story on its own pipe,
draws its format and sends its Outcome back on another. The parent places the notices in the
brief, so children never need the brief model.

Forking copies only the thread that forks: a lock another thread holds at that moment (in lxml,
in the allocator) stays locked in the child for ever. So a process that runs other threads (the
preview, or any host application's) never forks here; it draws in-process instead. And no wait
for a child is unbounded: one that has not answered within `ANSWER_S` is killed and its format
reported as failed.

This module is an optimisation only: without it, `render.InProcessRenderer` draws the same
documents (the tests compare them byte for byte).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING

from generator.workflow import collector
from generator.workflow.render import Outcome, draw

if TYPE_CHECKING:
    from generator.story import Story
    from generator.theme.model import Theme

# The longest the processes may take, from the story sent to the last outcome back: far beyond
# the largest brief's drawing, short of a hang.
ANSWER_S = 120.0
CHUNK = 1 << 16


def may_fork() -> bool:
    """Return True when this process runs no other thread, so a forked child inherits no lock
    that some other thread holds."""
    return threading.active_count() == 1


def start(formats: tuple[str, ...], now: bool = True) -> ForkedRenderer | None:
    """Return a renderer for `formats` (distinct, as Options keeps them), forked now or at its
    first render; None where forking does not pay (one core, or not Linux) or is not safe now
    (other threads run)."""
    if not formats or not (sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1):
        return None
    renderer = ForkedRenderer(formats)
    if now and not renderer.fork():
        return None
    return renderer


class ForkedRenderer:
    """The processes that import the backends and draw the formats: the first one's pid, and
    per format the pipe the story goes down and the pipe its outcome comes back on."""

    def __init__(self, formats: tuple[str, ...]):
        self.formats = formats
        self.pid = 0
        self.stories: dict[str, int] = {}
        self.results: dict[str, int] = {}

    def fork(self) -> bool:
        """Fork the first process, which imports the first backend and forks the next; return
        False, forking nothing, while other threads run."""
        if not may_fork():
            return False
        down = {name: os.pipe() for name in self.formats}
        up = {name: os.pipe() for name in self.formats}
        pid = os.fork()
        if pid == 0:  # the child: never returns, never runs the parent's cleanup
            with contextlib.suppress(OSError):  # without it, close() waits for the imports instead
                os.setpgid(0, 0)  # a group of its own, so close() can end it and its helpers at once
            _close([w for _, w in down.values()] + [r for r, _ in up.values()])
            _serve(list(self.formats), {n: r for n, (r, _) in down.items()},
                   {n: w for n, (_, w) in up.items()})
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)  # also here, so the group exists whichever process runs first
        _close([r for r, _ in down.values()] + [w for _, w in up.values()])
        self.pid = pid
        self.stories = {n: w for n, (_, w) in down.items()}
        self.results = {n: r for n, (r, _) in up.items()}
        return True

    def render(self, story: Story, theme: Theme) -> list[Outcome]:
        """Send every process the story, then return what each drew within `ANSWER_S`, in the
        formats' order; drawn here instead when forking is not safe now."""
        if not self.pid and not self.fork():
            collector.resume()
            return [draw(name, story, theme) for name in self.formats]
        try:
            answers = _exchange(pickle.dumps((story, theme)), self.stories, self.results,
                                time.monotonic() + ANSWER_S)
        finally:  # done, late or interrupted: nothing the processes still do is needed
            self.close()
        return [_outcome(name, answers.get(name)) for name in self.formats]

    def close(self) -> None:
        """End processes whose work is not needed (the brief failed, or nothing changed) at once,
        rather than wait for them to finish importing: they hold nothing worth keeping."""
        if not self.pid:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)  # the first process and every helper it forked
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGKILL)  # in case it never got a group of its own
        _close([*self.stories.values(), *self.results.values()])
        self.stories.clear()
        self.results.clear()
        self._reap()

    def _reap(self) -> None:
        """Wait for the first process, and for any helper of its group handed to this process
        (as to a container's first process when its parent is gone), so none is left a zombie."""
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        with contextlib.suppress(ChildProcessError):
            while True:
                os.waitpid(-self.pid, 0)
        self.pid = 0


def _serve(names: list[str], stories: dict[str, int], results: dict[str, int]) -> None:
    """In a forked process: import the first format's backend, fork a helper for the rest, then
    draw the first format once the story arrives. Never returns."""
    code = 0
    try:
        name, rest = names[0], names[1:]
        _load(name)
        helper = os.fork() if rest else 0
        if rest and helper == 0:
            _close([stories.pop(name), results.pop(name)])
            _serve(rest, stories, results)
        _close([stories[n] for n in rest] + [results[n] for n in rest])
        collector.resume()  # the backend is loaded (and any helper forked)
        with os.fdopen(stories[name], "rb") as pipe:
            payload = pipe.read()
        if payload:  # empty when the parent ended without sending the story
            outcome = draw(name, *pickle.loads(payload))
            with os.fdopen(results[name], "wb") as pipe:
                pipe.write(pickle.dumps(outcome))
        if helper:
            os.waitpid(helper, 0)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _load(name: str) -> None:
    """Import the backend for `name` now; a broken one is reported when drawing."""
    from generator.backends.registry import get_backend

    with contextlib.suppress(Exception):  # whatever a broken module raises, draw() reports it
        get_backend(name)


def _close(fds: list[int]) -> None:
    for fd in fds:
        os.close(fd)


def _exchange(payload: bytes, stories: dict[str, int], results: dict[str, int],
              deadline: float) -> dict[str, bytes]:
    """Write `payload` down every story pipe and read every result pipe to its end, all at once,
    until `deadline`; return the whole answers (a format missing from them did not finish).
    Closes every pipe it was given."""
    sending = {fd: memoryview(payload) for fd in stories.values()}
    names = {fd: name for name, fd in results.items()}
    received: dict[int, list[bytes]] = {fd: [] for fd in names}
    answers: dict[str, bytes] = {}
    poller = select.poll()
    for fd in sending:
        os.set_blocking(fd, False)  # a child that reads slowly never blocks this process
        poller.register(fd, select.POLLOUT)
    for fd in names:
        poller.register(fd, select.POLLIN)
    try:
        while (sending or received) and (left := deadline - time.monotonic()) > 0:
            for fd, _event in poller.poll(left * 1000):
                if fd in sending:
                    _write_some(fd, sending, poller)
                elif not (chunk := os.read(fd, CHUNK)):  # the end: the child closed its pipe
                    poller.unregister(fd)
                    os.close(fd)
                    answers[names[fd]] = b"".join(received.pop(fd))
                else:
                    received[fd].append(chunk)
    finally:
        stories.clear()
        results.clear()
        _close([*sending, *received])
    return answers


def _write_some(fd: int, sending: dict[int, memoryview], poller: select.poll) -> None:
    """Write what a pipe takes now; close it when the whole story is sent or its reader is gone."""
    try:
        sending[fd] = sending[fd][os.write(fd, sending[fd]):]
    except BlockingIOError:
        return
    except OSError:  # the process is gone: its result pipe tells
        sending[fd] = sending[fd][:0]
    if not sending[fd]:
        poller.unregister(fd)
        del sending[fd]
        os.close(fd)


def _outcome(name: str, payload: bytes | None) -> Outcome:
    """Return one format's outcome from its answer: a failure if its process died or was late."""
    if payload is None:
        return Outcome(name, failure=f"the {name} backend did not answer within {ANSWER_S:g} s")
    try:
        outcome = pickle.loads(payload)
    except Exception:  # an empty or cut answer: the process was killed or crashed
        return Outcome(name, failure=f"the {name} backend stopped without a result")
    return outcome if isinstance(outcome, Outcome) else Outcome(name, failure="garbled result")
