"""What `build` and `watch` print: one line per output, located warnings, a summary."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from types import TracebackType

    from click._termui_impl import ProgressBar

from generator.errors import display_path
from generator.workflow.build import Result


def _size(size: int) -> str:
    return f"{size / 1000:.0f} kB" if size >= 1000 else f"{size} B"


def _pages(suffix: str, pages: int | None) -> str:
    if pages is None:
        return ""
    unit = "slide" if suffix == ".pptx" else "page"
    return f", {pages} {unit}{'s' if pages != 1 else ''}"


def print_result(result: Result, quiet: bool = False) -> None:
    """Print what building one brief wrote, then its warnings and errors."""
    for problem in sorted(result.warnings):
        click.echo(str(problem), err=True)
    for problem in sorted(result.errors):
        click.echo(str(problem), err=True)
    if quiet:
        return
    if result.skipped:
        click.echo(f"{display_path(result.brief)}: unchanged, skipped (use --force to rebuild)",
                   err=True)
    for out in result.written:
        note = "" if out.changed else " (unchanged)"
        click.echo(f"{display_path(result.brief)} -> {display_path(out.path)} "
                   f"({_size(out.size)}{_pages(out.path.suffix, out.pages)}){note}")


def summary(results: list[Result]) -> str:
    """Return one line counting built, skipped and failed briefs."""
    failed = sum(1 for r in results if not r.ok)
    skipped = sum(1 for r in results if r.skipped)
    built = len(results) - failed - skipped
    parts = [f"{built} built"]
    if skipped:
        parts.append(f"{skipped} unchanged")
    if failed:
        parts.append(f"{failed} failed")
    noun = "brief" if len(results) == 1 else "briefs"
    return f"{len(results)} {noun}: " + ", ".join(parts)


class Progress:
    """A progress bar on a terminal's stderr for batches; silent otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: ProgressBar[int] | None = None

    def __enter__(self) -> Progress:
        if self.total > 1 and sys.stderr.isatty():
            self.bar = click.progressbar(length=self.total, label="building", file=sys.stderr)
            self.bar.__enter__()
        return self

    def advance(self) -> None:
        """Count one brief as done."""
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.__exit__(kind, error, trace)
