"""`briefgen watch`: rebuild a brief whenever it, its theme, or a file it uses is saved."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from generator.workflow import collector
from generator.workflow.batch import warm_up
from generator.workflow.build import Options, Result, build_one
from generator.workflow.report import print_result

# Editors save in bursts (write, rename, chmod); changes closer together than this are one save.
QUIET_MS = 40


def watch_briefs(paths: list[Path], options: Options, quiet: bool = False,
                 stop: threading.Event | None = None,
                 on_result: Callable[[Result], None] | None = None) -> None:
    """Build every brief, then rebuild the affected ones on each save until Ctrl-C or `stop`."""
    import watchfiles

    options = replace(options, force=False)
    warm_up(options.formats)  # every rebuild's children then start with the backends loaded
    collector.resume()  # a long-running process
    deps = {path: _build(path, options, quiet, on_result) for path in paths}
    click.echo(f"watching {len(paths)} brief{'s' if len(paths) != 1 else ''}; Ctrl-C stops",
               err=True)
    try:
        while not (stop and stop.is_set()):
            folders = sorted({str(f.parent) for files in deps.values() for f in files})
            for changes in watchfiles.watch(*folders, step=QUIET_MS, debounce=1000, recursive=False,
                                            stop_event=stop, raise_interrupt=True,
                                            rust_timeout=200, yield_on_timeout=False):
                noticed = time.perf_counter()
                saved = {Path(p).resolve() for _change, p in changes}
                affected = [b for b, files in deps.items() if saved & files]
                for brief in affected:
                    deps[brief] = _build(brief, options, quiet, on_result)
                if affected and not quiet:
                    click.echo(f"rebuilt in {time.perf_counter() - noticed:.3f} s", err=True)
                new_folders = sorted({str(f.parent) for files in deps.values() for f in files})
                if new_folders != folders:
                    break  # a theme or picture moved to another folder: watch the new set
            else:
                return
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)


def _build(brief: Path, options: Options, quiet: bool,
           on_result: Callable[[Result], None] | None) -> set[Path]:
    """Build one brief and return the files its outputs depend on (the brief itself at least)."""
    result = build_one(brief, options)
    print_result(result, quiet)
    if on_result:
        on_result(result)
    return {brief.resolve(), *result.inputs}
