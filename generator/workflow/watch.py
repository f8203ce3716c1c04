"""`briefgen watch`: rebuild a brief whenever it, its theme, or a file it uses is saved.

Everything is drawn in this process: watching runs threads (watchfiles' own, the preview's), and
a fork copies none of them, so a lock one of them held would stay locked in a forked child. A
folder the briefs use that disappears is reported for each brief in it and watched for: when it
comes back (or was deleted and re-created between two looks), its briefs are built again.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from generator.errors import Problem, display_path
from generator.workflow import collector
from generator.workflow.batch import warm_up
from generator.workflow.build import Options, Result, build_one
from generator.workflow.guard import held_keys
from generator.workflow.report import print_result

# Editors save in bursts (write, rename, chmod); changes closer together than this are one save.
QUIET_MS = 40
LOOK_MS = 200  # how often watching looks at `stop` and at the folders that are gone

Identity = tuple[int, int] | None  # a folder's (device, inode), None while it is gone


def watch_briefs(paths: list[Path], options: Options, quiet: bool = False,
                 stop: threading.Event | None = None,
                 on_result: Callable[[Result], None] | None = None) -> None:
    """Build every brief, then rebuild the affected ones on each save until Ctrl-C or `stop`."""
    options = replace(options, force=False, split_formats=False)
    warm_up(options.formats)  # every rebuild then finds the backends loaded
    collector.resume()  # a long-running process
    watching = Watching(options, quiet, on_result)
    for path in paths:
        watching.build(path)
    click.echo(f"watching {len(paths)} brief{'s' if len(paths) != 1 else ''}; Ctrl-C stops",
               err=True)
    try:
        while not (stop and stop.is_set()):
            watching.watch_until_folders_change(stop)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)


class Watching:
    """The watched briefs: the files each depends on, the folders that are gone, and the briefs
    to build once the next watch has started."""

    def __init__(self, options: Options, quiet: bool,
                 on_result: Callable[[Result], None] | None) -> None:
        self.options = options
        self.quiet = quiet
        self.on_result = on_result
        self.deps: dict[Path, set[Path]] = {}
        self.gone: set[Path] = set()
        self.pending: set[Path] = set()
        self.said_held: dict[Path, set[tuple[Path, str]]] = {}  # decks left in place, said once

    def folders(self) -> list[Path]:
        """Return the folders holding the files the briefs depend on."""
        return sorted({f.parent for files in self.deps.values() for f in files})

    def watch_until_folders_change(self, stop: threading.Event | None) -> None:
        """Rebuild on saves until the folders to watch change (one of them went, came back or was
        re-created, or a brief now uses another) or `stop` is set."""
        import watchfiles

        folders = self.folders()
        seen = {folder: _identity(folder) for folder in folders}
        self._report_gone([f for f, identity in seen.items() if identity is None])
        roots = sorted({str(f if seen[f] else _nearest_folder(f)) for f in folders})
        changes_seen = watchfiles.watch(*roots, step=QUIET_MS, debounce=1000, recursive=False,
                                        stop_event=stop, raise_interrupt=True,
                                        rust_timeout=LOOK_MS, yield_on_timeout=True)
        while True:
            try:
                changes = next(changes_seen)
            except StopIteration:
                return  # stopped
            except FileNotFoundError:
                time.sleep(LOOK_MS / 1000)  # a folder went as the watch started: look again
                return
            # The watch has started: what is built from here on misses no later save.
            saved = {Path(p).resolve() for _change, p in changes}
            affected = self.pending | {b for b, files in self.deps.items() if saved & files}
            moved = [f for f in folders if _identity(f) != seen[f] or f in saved]
            if moved:  # the next watch builds them, once it watches the folders as they are now
                self.pending |= affected
                self._came_back(moved)
                return
            self._rebuild(affected)
            if self.folders() != folders:
                return  # a theme or picture moved to another folder: watch the new set

    def build(self, brief: Path) -> None:
        """Build one brief, report it, and keep the files it depends on (after a failure, also
        those of its last build, so that fixing any of them rebuilds it)."""
        result = build_one(brief, self.options)
        self._report(result)
        files = {brief.resolve(), *result.inputs}
        self.deps[brief] = files if result.ok else files | self.deps.get(brief, set())

    def _rebuild(self, briefs: set[Path]) -> None:
        """Build `briefs` again (in the order given on the command line) and say how long it took."""
        self.pending -= briefs
        # A brief in a folder that is gone was said to be; it is built when the folder is back.
        briefs = {b for b in briefs if not any(f.parent in self.gone for f in self.deps[b])}
        if not briefs:
            return
        noticed = time.perf_counter()
        for brief in [b for b in self.deps if b in briefs]:
            self.build(brief)
        if not self.quiet:
            click.echo(f"rebuilt in {time.perf_counter() - noticed:.3f} s", err=True)

    def _came_back(self, moved: list[Path]) -> None:
        """Queue the briefs in `moved` folders that exist again for the next watch to build."""
        back = {f for f in moved if _identity(f) is not None}
        self.gone -= back
        self.pending |= {b for b, files in self.deps.items() if any(f.parent in back for f in files)}

    def _report_gone(self, folders: list[Path]) -> None:
        """Report each newly gone folder once, as an error of every brief that uses it."""
        for folder in sorted(set(folders) - self.gone):
            self.gone.add(folder)
            for brief, files in self.deps.items():
                if any(f.parent == folder for f in files):
                    message = (f"folder {display_path(folder)} is gone; it is watched for, and "
                               "the brief is built again when it is back")
                    self._report(Result(brief, errors=[Problem(display_path(brief), 0, 0, message)]))

    def _report(self, result: Result) -> None:
        print_result(self._unsaid(result), self.quiet)
        if self.on_result:
            self.on_result(result)

    def _unsaid(self, result: Result) -> Result:
        """Return `result` without the lines about decks left in place that were said already:
        each is said once while it stays, and again should it come back after a deck is written."""
        keys = held_keys(result.held)
        said = self.said_held.get(result.brief, set())
        if result.held or result.written:  # it got as far as writing: what it held is current
            self.said_held[result.brief] = keys
        repeated = {h.problem for h in result.held if (h.path, h.problem.severity) in said}
        if not repeated:
            return result
        return replace(result, errors=[e for e in result.errors if e not in repeated],
                       warnings=[w for w in result.warnings if w not in repeated])


def _identity(folder: Path) -> Identity:
    """Return the folder's (device, inode), or None when it is not a folder now."""
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISDIR(found.st_mode) else None


def _nearest_folder(path: Path) -> Path:
    """Return the nearest of `path`'s parents that exists, watched for `path` to come back."""
    for parent in path.parents:
        if parent.is_dir():
            return parent
    return Path(path.anchor or ".")
