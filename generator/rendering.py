"""Render a prepared brief in each requested format, several formats at once where it pays.

A cold build spends most of its time importing python-pptx and reportlab and drawing with
them; on a machine with more than one core, the formats after the first are rendered in forked
children, so their imports and drawing overlap the first one's.
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


def render_all(prepared, names: tuple[str, ...], split: bool = True) -> list[Rendered]:
    """Return every format of `prepared`, in the order of `names`."""
    if not (split and len(names) > 1 and _can_fork()):
        return [render_one(prepared, name) for name in names]
    children = [_spawn(prepared, name) for name in names[1:]]
    first = render_one(prepared, names[0])
    return [first, *(_collect(child, name) for child, name in zip(children, names[1:], strict=True))]


def render_one(prepared, name: str) -> Rendered:
    """Return one format of `prepared`; problems become located errors, never exceptions."""
    from .backends.base import RenderError
    from .backends.registry import BackendError, get_backend

    rendered = Rendered(name)
    try:
        backend = get_backend(name)
    except BackendError as exc:
        rendered.errors.append(Problem("briefgen", 0, 0, str(exc)))
        return rendered
    rendered.suffix = backend.suffix
    buffer = io.BytesIO()
    try:
        notices = backend.render(prepared.story, prepared.theme, buffer)
    except RenderError as exc:
        rendered.errors = located(prepared, exc.notices, "error", name)
        return rendered
    except Exception as exc:  # a backend bug must not lose the other formats or show a traceback
        rendered.errors.append(Problem(display_path(prepared.loaded.path), 0, 0,
                                       f"the {name} backend failed: {type(exc).__name__}: {exc}"))
        return rendered
    rendered.warnings = located(prepared, notices or [], "warning", name)
    rendered.data = buffer.getvalue()
    return rendered


def located(prepared, notices, severity: str, fmt: str) -> list[Problem]:
    """Return backend notices as Problems placed at their field in the brief."""
    problems = []
    for notice in notices:
        message = f"{fmt}: {notice.message}"
        problems.append(prepared.loaded.problem(tuple(notice.loc), message, severity)
                        if notice.loc else prepared.loaded.source.problem((), message, severity))
    return problems


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


def _spawn(prepared, name: str) -> tuple[int, int]:
    """Start a child that renders `name` and sends the pickled Rendered back; return (pid, fd)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send, and leave without running the parent's cleanup
        os.close(read_end)
        code = 0
        try:
            payload = pickle.dumps(render_one(prepared, name))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int], name: str) -> Rendered:
    """Return what a child rendered, or an error if it died without answering."""
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    try:
        return pickle.loads(payload)
    except Exception:  # an empty or cut pipe: the child was killed or crashed
        return Rendered(name, errors=[Problem("briefgen", 0, 0,
                                              f"the {name} backend stopped without a result")])
