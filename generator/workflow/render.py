"""Drawing a story in each requested format: what one draw gives, and the renderers that draw.

A renderer is opened before the brief is prepared (so that one which works in other processes
can import the backends meanwhile), given the story once, and closed. The in-process renderer
here is the reference; `forked.py` draws the formats in parallel processes and must give the
same documents (the tests compare them byte for byte). Which one draws is the caller's choice
(`parallel`): a long-running process that runs threads (watch, the preview) asks for this one,
and the parallel one itself draws here whenever other threads run when it would fork.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from generator.backends.base import Notice, RenderError
from generator.errors import Problem, display_path
from generator.workflow import collector

if TYPE_CHECKING:
    from generator.story import Story
    from generator.theme.model import Theme
    from generator.workflow.prepare import Prepared

# The module of the parallel renderer; without it (deleted, or set to None), every format is
# drawn in this process.
PARALLEL: str | None = "generator.workflow.forked"


@dataclass(frozen=True)
class Outcome:
    """What drawing one format gave: the document and its notices, a refusal, or a failure."""

    name: str
    suffix: str = ""  # known whenever the backend loaded, drawn or not
    data: bytes | None = None
    notices: tuple[Notice, ...] = ()
    refused: bool = False  # the backend raised RenderError: `notices` say why
    failure: str = ""  # the backend could not be loaded, or broke

    @property
    def ok(self) -> bool:
        """Return True when there is a document."""
        return self.data is not None


@dataclass
class Rendered:
    """One format's document, or why there is none, with its notices placed in the brief."""

    name: str
    suffix: str = ""
    data: bytes | None = None
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


class Renderer(Protocol):
    """Draws a story in a fixed list of formats, once."""

    def render(self, story: Story, theme: Theme) -> list[Outcome]:
        """Return one outcome per format, in the order the formats were given."""
        ...

    def close(self) -> None:
        """Release what the renderer holds; safe to call whether or not it rendered."""
        ...


class InProcessRenderer:
    """Draws every format in this process, one after the other."""

    def __init__(self, formats: tuple[str, ...]):
        self.formats = formats

    def render(self, story: Story, theme: Theme) -> list[Outcome]:
        """Return one outcome per format, drawn here."""
        collector.resume()  # the libraries are loaded by now: collect as usual while drawing
        return [draw(name, story, theme) for name in self.formats]

    def close(self) -> None:
        """Hold nothing: nothing to release."""


def open_renderer(formats: tuple[str, ...], parallel: bool = True,
                  start_now: bool = True) -> Renderer:
    """Return a renderer for `formats`: in parallel processes where that pays, is safe (no other
    thread runs) and `parallel` allows, else in this one. `start_now=False` defers the parallel
    one's start to render()."""
    if parallel and PARALLEL:
        try:
            module = import_module(PARALLEL)
        except ModuleNotFoundError:
            module = None
        renderer = module.start(formats, start_now) if module else None
        if renderer is not None:
            return renderer  # type: ignore[no-any-return]
    return InProcessRenderer(formats)


def draw(name: str, story: Story, theme: Theme) -> Outcome:
    """Return the outcome of drawing `story` in format `name`; never raises for a bad backend."""
    from generator.backends.registry import BackendError, get_backend

    try:
        backend = get_backend(name)
    except BackendError as exc:
        return Outcome(name, failure=str(exc))
    buffer = io.BytesIO()
    try:
        notices = backend.render(story, theme, buffer)
    except RenderError as exc:
        return Outcome(name, backend.suffix, notices=tuple(exc.notices), refused=True)
    except Exception as exc:  # a backend bug must not lose the other formats or show a traceback
        return Outcome(name, backend.suffix,
                       failure=f"the {name} backend failed: {type(exc).__name__}: {exc}")
    return Outcome(name, backend.suffix, buffer.getvalue(), tuple(notices or ()))


def located(prepared: Prepared, outcome: Outcome) -> Rendered:
    """Return an outcome with its notices as Problems placed at their fields in the brief."""
    rendered = Rendered(outcome.name, outcome.suffix, outcome.data)
    if outcome.failure:
        rendered.errors = [Problem(display_path(prepared.loaded.path), 0, 0, outcome.failure)]
    elif outcome.refused:
        rendered.errors = _placed(prepared, outcome, "error")
    else:
        rendered.warnings = _placed(prepared, outcome, "warning")
    return rendered


def _placed(prepared: Prepared, outcome: Outcome, severity: str) -> list[Problem]:
    """Return the outcome's notices as Problems of `severity`, each at its field."""
    problems = []
    for notice in outcome.notices:
        message = f"{outcome.name}: {notice.message}"
        problems.append(prepared.loaded.problem(tuple(notice.loc), message, severity)
                        if notice.loc else prepared.loaded.source.problem((), message, severity))
    return problems
