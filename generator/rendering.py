"""Render a brief in each requested format, several formats at once where it pays.

A cold build spends most of its time importing pydantic, python-pptx and reportlab, then
drawing. On a machine with more than one core, each format gets a child process forked before
the brief is parsed: it imports its backend while the parent reads and checks the brief, then
receives the story and theme, draws, and sends the document back. The parent turns the
backend's notices into located messages, so children never need the brief model.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from dataclasses import dataclass, field

from .errors import Problem, display_path


@dataclass
class Rendered:
    """One format's document, or why there is none, with its located warnings."""

    name: str
    suffix: str = ""
    data: bytes | None = None
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


@dataclass
class Child:
    """A forked process that will render one format: its pid and its two pipes."""

    name: str
    pid: int
    to_child: int
    from_child: int


def render_one(prepared, name: str) -> Rendered:
    """Return one format of `prepared`; problems become located errors, never exceptions."""
    outcome = _draw(name, prepared.story, prepared.theme)
    return _as_rendered(prepared, name, outcome)


def start_children(names: tuple[str, ...]) -> list[Child]:
    """Fork one child per format, each importing its backend and then waiting for the story.

    Returns no children where forking does not pay (one core, not Linux, a single format).
    """
    if len(names) < 2 or not _can_fork():
        return []
    children: list[Child] = []
    for name in names:
        children.append(_spawn(name, children))
    return children


def finish(children: list[Child], prepared) -> list[Rendered]:
    """Send every child the story, then return what each rendered, in order."""
    payload = pickle.dumps((prepared.story, prepared.theme))
    for child in children:
        _send(child, payload)
    return [_as_rendered(prepared, child.name, _receive(child)) for child in children]


def stop(children: list[Child]) -> None:
    """Release children whose work is not needed (the brief failed, or nothing changed)."""
    for child in children:
        _send(child, b"")
        _receive(child)


def located(prepared, notices, severity: str, fmt: str) -> list[Problem]:
    """Return backend notices as Problems placed at their field in the brief."""
    problems = []
    for notice in notices:
        message = f"{fmt}: {notice.message}"
        problems.append(prepared.loaded.problem(tuple(notice.loc), message, severity)
                        if notice.loc else prepared.loaded.source.problem((), message, severity))
    return problems


def _draw(name: str, story, theme) -> tuple:
    """Return ('ok', suffix, bytes, notices), ('refused', notices) or ('failed', message)."""
    from .backends.base import RenderError
    from .backends.registry import BackendError, get_backend

    try:
        backend = get_backend(name)
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


def _spawn(name: str, siblings: list[Child]) -> Child:
    """Fork a child that loads the backend for `name`, then renders the story it is sent."""
    down_read, down_write = os.pipe()
    up_read, up_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup
        # A sibling's pipe ends held here would keep that sibling from ever seeing end-of-file.
        for fd in [down_write, up_read, *(f for c in siblings for f in (c.to_child, c.from_child))]:
            os.close(fd)
        _child(name, down_read, up_write)
    os.close(down_read)
    os.close(up_write)
    return Child(name, pid, down_write, up_read)


def _child(name: str, inbox: int, outbox: int) -> None:
    code = 0
    try:
        from .backends.registry import BackendError, get_backend

        try:
            get_backend(name)  # import the backend and its library while the parent works
        except BackendError:
            pass  # reported when drawing
        with os.fdopen(inbox, "rb") as pipe:
            payload = pipe.read()
        result = _draw(name, *pickle.loads(payload)) if payload else ("stopped",)
        with os.fdopen(outbox, "wb") as pipe:
            pipe.write(pickle.dumps(result))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _send(child: Child, payload: bytes) -> None:
    try:
        with os.fdopen(child.to_child, "wb") as pipe:
            pipe.write(payload)
    except OSError:
        pass  # the child is gone; _receive reports it


def _receive(child: Child) -> tuple:
    """Return a child's outcome, or a failure if it died without answering."""
    with os.fdopen(child.from_child, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(child.pid, 0)
    try:
        return pickle.loads(payload)
    except Exception:  # an empty or cut pipe: the child was killed or crashed
        return ("failed", f"the {child.name} backend stopped without a result")
