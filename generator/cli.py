"""The `briefgen` command line: a thin switchboard over the library."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from generator import __version__
from generator.errors import InputError, Problem
from generator.workflow import collector

if TYPE_CHECKING:
    from generator.paths import AssetPolicy
    from generator.workflow.build import Result

_BRIEF = click.Path(path_type=Path, dir_okay=False)
F = TypeVar("F", bound=Callable[..., Any])


class Failed(click.ClickException):
    """Problems already printed; exit with status 1 and nothing more to say."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__("")

    def show(self, file: IO[Any] | None = None) -> None:
        """Print nothing: the problems were printed where they were found."""


def emit(problems: Iterable[Problem], err: bool = True) -> None:
    """Print located problems, one line each."""
    for problem in problems:
        click.echo(str(problem), err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected failures.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn a YAML brief about an event into a PowerPoint deck and a one-page PDF handout."""
    ctx.obj = {"debug": debug}


def _policy(root: Path | None, allow_outside: bool) -> AssetPolicy:
    from generator.paths import AssetPolicy

    return AssetPolicy((root or Path.cwd()).resolve(), allow_outside)


def build_options(f: F) -> F:
    """Add the options shared by `build` and `watch`."""
    options = [
        click.option("-o", "--out", "out", type=click.Path(path_type=Path, file_okay=False),
                     default=Path("output"), show_default=True, help="Folder for the outputs."),
        click.option("-f", "--format", "formats", multiple=True, metavar="NAME",
                     help="Output format (repeatable; default: pptx and pdf). See `briefgen backends`."),
        click.option("-t", "--theme", metavar="NAME|PATH", help="Theme overriding the brief's `theme:`."),
        click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors."),
        click.option("--root", type=click.Path(path_type=Path, file_okay=False, exists=True),
                     help="Project folder that files named in briefs must stay inside [default: .]."),
        click.option("--allow-outside-files", is_flag=True,
                     help="Trust the briefs: let them name pictures and fonts outside the root."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@main.command()
@click.argument("briefs", nargs=-1, type=_BRIEF)
@build_options
@click.option("--force", is_flag=True,
              help="Rebuild even when nothing changed, and replace a deck edited since it was "
                   "built (keeping it as NAME.edited.pptx).")
@click.option("--keep-edits", is_flag=True,
              help="Merge the edits made on a deck since it was built into the rebuilt deck.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Briefs built at once [default: cores].")
def build(briefs: tuple[Path, ...], out: Path, formats: tuple[str, ...], theme: str | None, quiet: bool,
          root: Path | None, allow_outside_files: bool, force: bool, keep_edits: bool,
          jobs: int | None) -> None:
    """Render each BRIEF (default: every briefs/*.yaml) to OUT/<name>.pptx and OUT/<name>.pdf."""
    from generator.workflow.batch import build_many, find_briefs
    from generator.workflow.build import DEFAULT_FORMATS, Options
    from generator.workflow.report import Progress, print_result, summary

    if keep_edits and force:
        raise click.UsageError("--force and --keep-edits exclude each other: --force replaces an "
                               "edited deck, --keep-edits merges it")
    paths = list(briefs) or find_briefs()
    if not paths:
        raise click.UsageError("no briefs given and no briefs/*.yaml in this folder")
    options = Options(out, tuple(formats) or DEFAULT_FORMATS, theme, force,
                      _policy(root, allow_outside_files), keep_edits=keep_edits)
    with Progress(len(paths)) as progress:
        def done(result: Result) -> None:
            progress.advance()
            print_result(result, quiet)
        results = build_many(paths, options, jobs=jobs, on_done=done)
    if len(results) > 1:
        click.echo(summary(results), err=True)
    if not all(r.ok for r in results):
        raise Failed()


@main.command()
@click.argument("briefs", nargs=-1, required=True, type=_BRIEF)
@click.option("-t", "--theme", metavar="NAME|PATH", help="Check against this theme instead.")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Project folder that files named in briefs must stay inside [default: .].")
@click.option("--allow-outside-files", is_flag=True, help="Let briefs name files outside the root.")
def validate(briefs: tuple[Path, ...], theme: str | None, root: Path | None,
             allow_outside_files: bool) -> None:
    """Check each BRIEF and the theme it names, without rendering."""
    from generator.workflow.prepare import prepare

    failed = False
    for path in briefs:
        try:
            checked = prepare(path, theme, _policy(root, allow_outside_files), decode_pictures=False)
        except InputError as exc:
            emit(exc.problems)
            failed = True
            continue
        emit(checked.warnings)
        click.echo(f"{path}: ok", err=True)
    if failed:
        raise Failed()


@main.command()
@click.argument("briefs", nargs=-1, type=_BRIEF)
@build_options
def watch(briefs: tuple[Path, ...], out: Path, formats: tuple[str, ...], theme: str | None, quiet: bool,
          root: Path | None, allow_outside_files: bool) -> None:
    """Rebuild each BRIEF whenever it, its theme, or a file it uses is saved (Ctrl-C stops)."""
    from generator.workflow.batch import find_briefs
    from generator.workflow.build import DEFAULT_FORMATS, Options
    from generator.workflow.watch import watch_briefs

    paths = list(briefs) or find_briefs()
    if not paths:
        raise click.UsageError("no briefs given and no briefs/*.yaml in this folder")
    options = Options(out, tuple(formats) or DEFAULT_FORMATS, theme, False,
                      _policy(root, allow_outside_files))
    watch_briefs(paths, options, quiet=quiet)


@main.command()
@click.argument("briefs", nargs=-1, type=_BRIEF)
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port to serve on (0: a free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on; anything but 127.0.0.1 lets others on the network see the briefs.")
@click.option("--no-browser", is_flag=True, help="Print the address without opening a browser.")
@build_options
def preview(briefs: tuple[Path, ...], port: int, host: str, no_browser: bool, out: Path,
            formats: tuple[str, ...], theme: str | None, quiet: bool, root: Path | None,
            allow_outside_files: bool) -> None:
    """Show each BRIEF's slides and handout in the browser, redrawn on every save (Ctrl-C stops)."""
    from generator.workflow.batch import find_briefs
    from generator.workflow.build import DEFAULT_FORMATS, Options
    from generator.workflow.preview.session import serve_preview

    paths = list(briefs) or find_briefs()
    if not paths:
        raise click.UsageError("no briefs given and no briefs/*.yaml in this folder")
    options = Options(out, tuple(formats) or DEFAULT_FORMATS, theme, False,
                      _policy(root, allow_outside_files))
    try:
        serve_preview(paths, options, host=host, port=port, open_browser=not no_browser, quiet=quiet)
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise click.UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


@main.command()
@click.argument("deck", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--brief", type=_BRIEF, help="The brief to pull into [default: the one that built DECK].")
@click.option("--dry-run", is_flag=True, help="Write nothing; print the change as a unified diff.")
@click.option("--allow-removals", is_flag=True,
              help="Remove the list entries whose text was deleted on the deck.")
def pull(deck: Path, brief: Path | None, dry_run: bool, allow_removals: bool) -> None:
    """Bring the text edits made on DECK back into the brief it was built from."""
    from generator.workflow.pull import pull as pull_edits

    pulled = pull_edits(deck, brief, dry_run=dry_run, allow_removals=allow_removals)
    for line in pulled.errors:
        click.echo(line, err=True)
    for line in pulled.lines:
        click.echo(line, err=dry_run)  # a dry run's standard output is the diff alone
    if pulled.diff:
        click.echo(pulled.diff, nl=False)
    if not pulled.ok:
        raise Failed()


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="One line per finding, or one JSON array (for CI).")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Project folder that the source texts briefs name must stay inside [default: .].")
def check(files: tuple[Path, ...], output_format: str, root: Path | None) -> None:
    """Check decks (.pptx) for accessibility and legibility, and briefs' quotes against their sources."""
    from generator.workflow.check.run import check_paths

    if check_paths(files, json_format=output_format == "json", echo=click.echo,
                   root=(root or Path.cwd())):
        raise Failed()


@main.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
def new(path: Path) -> None:
    """Write a commented starter brief to PATH (never overwrites)."""
    from generator.brief.starter import write_starter

    try:
        write_starter(path)
    except FileExistsError:
        emit([Problem(str(path), 0, 0, "already exists; choose another name or delete it first")])
        raise Failed() from None
    click.echo(f"wrote {path}; edit it, then run: briefgen build {path}", err=True)


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the schema to this file instead of printing it.")
def schema(output: Path | None) -> None:
    """Print the brief's JSON Schema (for editors' autocompletion and checks)."""
    from generator.brief.schema import schema_text

    text = schema_text()
    if output:
        from generator.workflow.outputs import write_atomic

        write_atomic(output, text.encode())
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--root", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Project folder whose themes/ to list [default: .].")
def themes(root: Path | None) -> None:
    """List the built-in themes and the project's own (themes/NAME.yml, themes/NAME/_brand.yml)."""
    from generator.theme.locate import all_themes

    listed = all_themes(_policy(root, False))
    width = max(10, *(len(theme.name) + 2 for theme in listed))
    for theme in listed:
        origin = "project" if theme.project else "built-in"
        click.echo(f"{theme.name:<{width}}{origin:<10}{theme.note or theme.description}".rstrip())


@main.command()
@click.argument("file", metavar="FILE")
def template(file: str) -> None:
    """Show how the PowerPoint template FILE (or a brand.yml naming one) will be used."""
    from generator.workflow.template_report import template_report

    try:
        lines, warnings = template_report(file)
    except InputError as exc:
        emit(exc.problems)
        raise Failed() from None
    for line in lines:
        click.echo(line)
    emit(warnings)


@main.command()
def backends() -> None:
    """List the installed output formats and the distribution that provides each."""
    from generator.backends.registry import available

    for item in available():
        click.echo(f"{item.name:<6} {item.entry_point.value:<48} ({item.distribution})")


def run() -> None:
    """Run the command line and exit with its status, skipping the interpreter's teardown."""
    collector.pause()  # resumed where a process has finished importing (see collector.py)
    code = _run()
    # Every output is already written, flushed and renamed; tearing down pydantic, lxml and
    # reportlab module by module would only add tens of milliseconds to every command.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)


def _run() -> int:
    """Return the exit status of the command line, turning unexpected failures into one line."""
    debug = "--debug" in sys.argv[1:]
    try:
        main.main(standalone_mode=False, prog_name="briefgen")
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("stopped", err=True)
        return 130
    except InputError as exc:
        emit(exc.problems)
        return 1
    except Exception as exc:
        if debug:
            raise
        click.echo(f"briefgen: internal error: {type(exc).__name__}: {exc} "
                   "(run with --debug for details)", err=True)
        return 1
    return 0
