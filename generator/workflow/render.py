"""Render a brief in each requested format, several formats at once where it pays.

A cold build spends most of its time importing pydantic, python-pptx and reportlab, then
drawing. On a machine with more than one core, one child is forked as the build starts and
imports the first format's backend while the parent reads and checks the brief; only then does
it fork a helper that imports the next format's backend, and so on. Staging the imports keeps
two processes busy on two cores instead of three competing, so the first (slowest) format is
ready to draw the moment the story arrives. Each process receives the story on its own pipe,
draws its format and sends the document back on another. The parent turns the backends'
notices into located messages, so children never need the brief model.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
import sys
from dataclasses import dataclass, field
from importlib import import_module

from generator.errors import Problem, display_path
from generator.workflow import collector


@dataclass
class Rendered:
    """One format's document, or why there is none, with its located warnings."""

    name: str
    suffix: str = ""
    data: bytes | None = None
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


@dataclass
class Renderer:
    """The forked processes that will render the formats: the first one's pid, and per format
    the pipe the story goes down and the pipe its document comes back on."""

    pid: int
    stories: dict[str, int]
    results: dict[str, int]


def render_one(prepared, name: str) -> Rendered:
    """Return one format of `prepared`; problems become located errors, never exceptions."""
    collector.resume()
    outcome = _draw(name, prepared.story, prepared.theme)
    return _as_rendered(prepared, name, outcome)


def start_renderer(names: tuple[str, ...]) -> Renderer | None:
    """Fork the processes that import the backends for `names` (distinct, as Options keeps
    them) and later render them.

    Returns None where forking does not pay (one core, or not Linux).
    """
    if not names or not _can_fork():
        return None
    down = {name: os.pipe() for name in names}
    up = {name: os.pipe() for name in names}
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup
        with contextlib.suppress(OSError):  # without it, stop() waits for the imports instead
            os.setpgid(0, 0)  # a group of its own, so that stop() can end it and its helpers together
        _close([w for _, w in down.values()] + [r for r, _ in up.values()])
        _serve(list(names), {n: r for n, (r, _) in down.items()}, {n: w for n, (_, w) in up.items()})
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also here, so the group exists whichever process runs first
    _close([r for r, _ in down.values()] + [w for _, w in up.values()])
    return Renderer(pid, {n: w for n, (_, w) in down.items()}, {n: r for n, (r, _) in up.items()})


def finish(renderer: Renderer, prepared, targets: dict[str, tuple[str, str]]) -> list[Rendered]:
    """Send every format's process the story and where its backend is (`targets`: format ->
    (entry point, distribution), as the parent found them), then return what each rendered."""
    try:
        for name in list(renderer.stories):
            _send(renderer.stories.pop(name), pickle.dumps((prepared.story, prepared.theme,
                                                             targets[name])))
        outcomes = [(name, _receive(name, renderer.results.pop(name))) for name in list(renderer.results)]
    except BaseException:  # interrupted: end the processes rather than leave them waiting
        stop(renderer)
        raise
    _reap(renderer)
    return [_as_rendered(prepared, name, outcome) for name, outcome in outcomes]


def stop(renderer: Renderer | None) -> None:
    """End a renderer whose work is not needed (the brief failed, or nothing changed) at once,
    rather than wait for it to finish importing: it holds nothing worth keeping."""
    if renderer is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(renderer.pid, signal.SIGKILL)  # the renderer and any helper it forked
    _close([*renderer.stories.values(), *renderer.results.values()])
    renderer.stories.clear()
    renderer.results.clear()
    _reap(renderer)


def _reap(renderer: Renderer) -> None:
    """Wait for the renderer, and for any helper of its group handed to this process (as to a
    container's first process when its parent is gone), so none is left a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(renderer.pid, 0)
    with contextlib.suppress(ChildProcessError):
        while True:
            os.waitpid(-renderer.pid, 0)


def located(prepared, notices, severity: str, fmt: str) -> list[Problem]:
    """Return backend notices as Problems placed at their field in the brief."""
    problems = []
    for notice in notices:
        message = f"{fmt}: {notice.message}"
        problems.append(prepared.loaded.problem(tuple(notice.loc), message, severity)
                        if notice.loc else prepared.loaded.source.problem((), message, severity))
    return problems


def _draw(name: str, story, theme, target: tuple[str, str] | None = None) -> tuple:
    """Return ('ok', suffix, bytes, notices), ('refused', notices) or ('failed', message).

    `target` is (entry point, distribution) when the parent has already found the backend."""
    from generator.backends.base import RenderError
    from generator.backends.registry import BackendError, get_backend, instantiate

    try:
        backend = instantiate(name, *target) if target else get_backend(name)
    except BackendError as exc:
        return ("failed", str(exc))
    buffer = io.BytesIO()
    try:
        notices = backend.render(story, theme, buffer)
    except RenderError as exc:
        return ("refused", exc.notices)
    except Exception as exc:  # a backend bug must not lose the other formats or show a traceback
        return ("failed", f"the {name} backend failed: {type(exc).__name__}: {exc}")
    return ("ok", backend.suffix, buffer.getvalue(), list(notices or []))


def _as_rendered(prepared, name: str, outcome: tuple) -> Rendered:
    rendered = Rendered(name)
    if outcome[0] == "ok":
        _kind, rendered.suffix, rendered.data, notices = outcome
        rendered.warnings = located(prepared, notices, "warning", name)
    elif outcome[0] == "refused":
        rendered.errors = located(prepared, outcome[1], "error", name)
    else:
        rendered.errors = [Problem(display_path(prepared.loaded.path), 0, 0, outcome[1])]
    return rendered


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


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
            outcome = _draw(name, *pickle.loads(payload))
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
    from generator.backends.registry import BUILT_IN, get_backend

    try:
        if name in BUILT_IN:  # without reading the installed entry points
            import_module(BUILT_IN[name].partition(":")[0])
        else:
            get_backend(name)
    except Exception:  # whatever a broken module raises, drawing reports it as one line
        pass


def _close(fds: list[int]) -> None:
    for fd in fds:
        os.close(fd)


def _send(fd: int, payload: bytes) -> None:
    try:
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(payload)
    except OSError:
        pass  # the process is gone; _receive reports it


def _receive(name: str, fd: int) -> tuple:
    """Return one format's outcome from its pipe, or a failure if its process died first."""
    with os.fdopen(fd, "rb") as pipe:
        payload = pipe.read()
    try:
        return pickle.loads(payload)
    except Exception:  # an empty or cut pipe: the process was killed or crashed
        return ("failed", f"the {name} backend stopped without a result")
