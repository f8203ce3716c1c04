"""Brief + theme + backends -> files: rendered in memory, written atomically, skipped when unchanged."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import InputError, Problem, display_path
from .outputs import OutputError, forget, inputs_digest, is_current, page_count, remember, write_atomic
from .paths import AssetPolicy

DEFAULT_FORMATS = ("pptx", "pdf")


@dataclass(frozen=True)
class Options:
    """How to build: where to, which formats, which theme, and what to trust."""

    out_dir: Path = Path("output")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    theme: str | None = None
    force: bool = False
    policy: AssetPolicy = field(default_factory=AssetPolicy)


@dataclass(frozen=True)
class Written:
    """One output of a build: where it is, its size, its pages, and whether it changed."""

    path: Path
    size: int
    pages: int | None
    changed: bool


@dataclass
class Result:
    """What building one brief did: outputs written, warnings, errors, or skipped as unchanged."""

    brief: Path
    written: list[Written] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    skipped: bool = False
    inputs: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        """Return True when the brief built without errors."""
        return not self.errors


def build_one(brief: Path, options: Options) -> Result:
    """Build every requested format of `brief`; never raises for problems with the input."""
    from .backends.registry import BackendError, get_backend
    from .pipeline import prepare

    result = Result(brief)
    try:
        backends = [get_backend(name) for name in options.formats]
    except BackendError as exc:
        result.errors.append(Problem("briefgen", 0, 0, str(exc)))
        return result
    try:
        prepared = prepare(brief, options.theme, options.policy)
    except InputError as exc:
        result.errors.extend(exc.problems)
        return result
    result.warnings.extend(prepared.warnings)
    result.inputs = prepared.inputs
    stem = brief.stem
    targets = [options.out_dir / f"{stem}{b.suffix}" for b in backends]
    digest = inputs_digest(prepared.inputs, f"{__version__}|{options.formats}|{options.theme}")
    if not options.force and is_current(options.out_dir, stem, digest, targets):
        result.skipped = True
        return result
    forget(options.out_dir, stem)
    for backend, target in zip(backends, targets, strict=True):
        _render_and_write(backend, prepared, target, result)
    if result.ok:
        remember(options.out_dir, stem, digest, targets)
    return result


def _render_and_write(backend, prepared, target: Path, result: Result) -> None:
    """Render one format into memory, then write it atomically; record what happened."""
    from .backends.base import RenderError

    buffer = io.BytesIO()
    try:
        notices = backend.render(prepared.story, prepared.theme, buffer)
    except RenderError as exc:
        result.errors.extend(_located(prepared, exc.notices, "error", backend.name))
        return
    except Exception as exc:  # a backend bug must not lose the other formats or show a traceback
        result.errors.append(Problem(display_path(result.brief), 0, 0,
                                     f"the {backend.name} backend failed: {type(exc).__name__}: {exc}"))
        return
    result.warnings.extend(_located(prepared, notices or [], "warning", backend.name))
    data = buffer.getvalue()
    try:
        changed = write_atomic(target, data)
    except OutputError as exc:
        result.errors.append(Problem(display_path(target), 0, 0, str(exc).split(": ", 1)[-1]))
        return
    result.written.append(Written(target, len(data), page_count(backend.suffix, data), changed))


def _located(prepared, notices, severity: str, fmt: str) -> list[Problem]:
    """Return backend notices as Problems placed at their field in the brief."""
    problems = []
    for notice in notices:
        message = f"{fmt}: {notice.message}"
        problems.append(prepared.loaded.problem(tuple(notice.loc), message, severity)
                        if notice.loc else prepared.loaded.source.problem((), message, severity))
    return problems


def render_bytes(prepared, fmt: str) -> bytes:
    """Return the document for a prepared brief in format `fmt`; raise InputError on failure."""
    from .backends.base import RenderError
    from .backends.registry import get_backend

    buffer = io.BytesIO()
    try:
        get_backend(fmt).render(prepared.story, prepared.theme, buffer)
    except RenderError as exc:
        raise InputError(_located(prepared, exc.notices, "error", fmt)) from None
    return buffer.getvalue()
