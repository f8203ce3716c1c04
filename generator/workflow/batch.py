"""Build many briefs at once, across the machine's cores, with progress on a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Problem, display_path
from generator.workflow.build import Options, Result, build_one

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

# Below this many briefs a pool costs more to start than it saves.
PARALLEL_FROM = 4


def find_briefs(folder: Path | None = None) -> list[Path]:
    """Return every briefs/*.yaml (and .yml) under `folder` (default: the current folder)."""
    base = (folder or Path.cwd()) / "briefs"
    return sorted([*base.glob("*.yaml"), *base.glob("*.yml")])


def clashing_stems(paths: list[Path], formats: tuple[str, ...] = ()) -> list[Problem]:
    """Return a problem for each brief whose outputs would overwrite another brief's: the same
    name, or a name that one of the `formats` extends into another's file ('x-script.yaml'
    drawn as pdf and 'x.yaml' drawn as script both write x-script.pdf)."""
    seen: dict[str, Path] = {}
    problems = []
    suffixes = _suffixes(formats) if len(paths) > 1 else []
    for path in paths:
        first = seen.setdefault(path.stem, path)
        if first != path and first.resolve() != path.resolve():
            problems.append(Problem(display_path(path), 0, 0,
                                    f"has the same name as {display_path(first)}, so both would "
                                    f"write {path.stem}.*; rename one of them"))
    written: dict[str, Path] = {}
    for path in (p for p in paths if not any(q.path == display_path(p) for q in problems)):
        for suffix in suffixes:
            first = written.setdefault(path.stem + suffix, path)
            if first.stem != path.stem:
                problems.append(Problem(display_path(path), 0, 0,
                                        f"would write {path.stem + suffix}, as "
                                        f"{display_path(first)} does; rename one of them"))
                break
    return problems


def _suffixes(formats: tuple[str, ...]) -> list[str]:
    """Return the file suffixes of the installed `formats` (an unknown one is reported later)."""
    from generator.backends.registry import BackendError, get_backend

    found = []
    for name in formats:
        try:
            found.append(get_backend(name).suffix)
        except BackendError:
            continue
    return found


def build_many(paths: list[Path], options: Options, jobs: int | None = None,
               on_done: Callable[[Result], None] | None = None) -> list[Result]:
    """Build every brief in `paths`; return one Result each, in the order given."""
    paths = list(dict.fromkeys(paths))
    clashing = clashing_stems(paths, options.formats)
    clashes = {Path(p.path) for p in clashing}
    results: dict[Path, Result] = {}
    for problem in clashing:
        results[Path(problem.path)] = _report(Result(Path(problem.path), errors=[problem]), on_done)
    todo = [p for p in paths if p not in clashes and Path(display_path(p)) not in clashes]
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1 or len(todo) < PARALLEL_FROM:
        for path in todo:
            results[path] = _report(build_one(path, options), on_done)
    else:
        warm_up(options.formats)
        from concurrent.futures import ProcessPoolExecutor, as_completed

        options = replace(options, split_formats=False)  # the pool already uses every core
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
            futures = {pool.submit(build_one, path, options): path for path in todo}
            for future in as_completed(futures):
                results[futures[future]] = _report(future.result(), on_done)
    return [results.get(p) or results[Path(display_path(p))] for p in paths]


def _pool_context() -> BaseContext | None:
    """Return how the pool starts its workers: as the platform does (forked, on Linux, with the
    backends loaded) while no other thread runs here, else spawned, since a fork copies no
    thread and a lock one of them held would stay locked in the worker."""
    import multiprocessing

    from generator.workflow.forked import may_fork

    return None if may_fork() else multiprocessing.get_context("spawn")


def _report(result: Result, on_done: Callable[[Result], None] | None) -> Result:
    if on_done:
        on_done(result)
    return result


def warm_up(formats: tuple[str, ...]) -> None:
    """Import the backends before forking, so every worker starts with them loaded."""
    if sys.platform == "win32":
        return
    from generator.backends.registry import BackendError, get_backend

    for name in formats:
        try:
            get_backend(name)  # imports the backend and keeps its class for the process
        except BackendError:
            pass  # reported per brief when drawing
