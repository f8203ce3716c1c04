"""Brief + theme + backends -> files: rendered in memory, written atomically, skipped when unchanged."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.errors import InputError, Problem, display_path
from generator.paths import AssetPolicy
from generator.workflow.outputs import (
    OutputError,
    brief_as_recorded,
    current_outputs,
    forget,
    inputs_digest,
    page_count,
    remember,
    write_atomic,
)

DEFAULT_FORMATS = ("pptx", "pdf")


@dataclass(frozen=True)
class Options:
    """How to build: where to, which formats, which theme, and what to trust."""

    out_dir: Path = Path("output")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    theme: str | None = None
    force: bool = False
    policy: AssetPolicy = field(default_factory=AssetPolicy)
    split_formats: bool = True  # render formats in parallel children (off inside a batch pool)

    def __post_init__(self):
        # A format asked for twice is built once.
        object.__setattr__(self, "formats", tuple(dict.fromkeys(self.formats)))


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
    from generator.files import read_text
    from generator.workflow.render import finish, render_one, start_renderer, stop

    result = Result(brief)
    try:
        text = read_text(brief)
    except InputError as exc:
        result.errors.extend(exc.problems)
        return result
    # Forked now, so the backends' imports overlap everything the parent does from here on;
    # not for a brief that reads as its last build did, which will most likely be skipped.
    split = options.split_formats
    unchanged = not options.force and brief_as_recorded(options.out_dir, brief.stem, text)
    renderer = start_renderer(options.formats) if split and not unchanged else None
    from generator.backends.registry import BackendError, check_format

    try:
        claims = {name: check_format(name) for name in options.formats}
        prepared, digest = _prepare(brief, text, options, result)
    except BackendError as exc:
        result.errors.append(Problem("briefgen", 0, 0, str(exc)))
        prepared = None
    except InputError as exc:
        result.errors.extend(exc.problems)
        prepared = None
    except BaseException:
        stop(renderer)
        raise
    if prepared is None:
        stop(renderer)
        return result
    if split and renderer is None:  # the guess was wrong: the theme or a picture changed
        renderer = start_renderer(options.formats)
    if renderer:
        targets = {name: (c.entry_point.value, c.distribution) for name, c in claims.items()}
        rendered = finish(renderer, prepared, targets)
    else:
        rendered = [render_one(prepared, name) for name in options.formats]
    for item in rendered:
        _write(item, options.out_dir / f"{brief.stem}{item.suffix}", result)
    if result.ok:
        remember(options.out_dir, brief.stem, digest, [w.path for w in result.written], text)
    return result


def _digest_extra(options: Options) -> str:
    """Return what besides the input files decides the outputs: version, formats, options."""
    policy = options.policy
    return (f"{__version__}|{options.formats}|{options.theme}|{policy.root}|"
            f"{policy.allow_outside}")


def _prepare(brief: Path, text: str, options: Options, result: Result):
    """Return (prepared brief, inputs digest), or (None, '') when it failed or is unchanged."""
    from generator.workflow.prepare import prepare

    try:
        prepared = prepare(brief, options.theme, options.policy, text)
    except InputError as exc:
        result.errors.extend(exc.problems)
        return None, ""
    result.warnings.extend(prepared.warnings)
    result.inputs = prepared.inputs
    digest = inputs_digest(prepared.inputs, _digest_extra(options))
    if not options.force and current_outputs(options.out_dir, brief.stem, digest):
        result.skipped = True
        return None, ""
    forget(options.out_dir, brief.stem)
    return prepared, digest


def _write(rendered, target: Path, result: Result) -> None:
    """Write one rendered format atomically and record what happened."""
    result.warnings.extend(rendered.warnings)
    result.errors.extend(rendered.errors)
    if rendered.data is None:
        return
    try:
        changed = write_atomic(target, rendered.data)
    except OutputError as exc:
        result.errors.append(Problem(display_path(target), 0, 0, str(exc).split(": ", 1)[-1]))
        return
    size = len(rendered.data)
    result.written.append(Written(target, size, page_count(rendered.suffix, rendered.data), changed))


def render_bytes(prepared, fmt: str) -> bytes:
    """Return the document for a prepared brief in format `fmt`; raise InputError on failure."""
    from generator.backends.base import RenderError
    from generator.backends.registry import get_backend
    from generator.workflow.render import located

    buffer = io.BytesIO()
    try:
        get_backend(fmt).render(prepared.story, prepared.theme, buffer)
    except RenderError as exc:
        raise InputError(located(prepared, exc.notices, "error", fmt)) from None
    return buffer.getvalue()
