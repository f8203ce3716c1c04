"""`briefgen check FILE...`: decks get the accessibility and legibility rules, briefs the quote
check; one line per finding (or a JSON array), and whether any finding is an error."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.workflow.check.findings import ERROR, Finding, as_json, as_lines, has_errors

MAX_DECK_BYTES = 100 * 2**20  # a deck file larger than this is refused before it is opened
BRIEF_SUFFIXES = (".yaml", ".yml")


def check_deck(data: bytes, name: str) -> list[Finding]:
    """Return the findings of the deck `data` (shown as `name`), slide by slide; a deck that
    cannot be read gives one error saying why."""
    from generator.ooxml.package import Package
    from generator.ooxml.parse import PackageError
    from generator.workflow.check.legibility import legibility_findings
    from generator.workflow.check.office import office_findings
    from generator.workflow.check.read import read_checked

    try:
        with Package(data) as package:
            deck = read_checked(package)
            found = [*office_findings(deck, name), *legibility_findings(deck, name, package.read)]
    except PackageError as exc:
        return [Finding(name, 0, "", "unreadable", ERROR, f"cannot be checked: {exc}")]
    return sorted(found, key=lambda f: f.slide)


def check_file(path: Path, root: Path | None = None) -> list[Finding]:
    """Return the findings of one file: a brief's quotes, or a deck's rules."""
    from generator.errors import display_path

    shown = display_path(path)
    if path.suffix.lower() in BRIEF_SUFFIXES:
        from generator.workflow.check.quotes import check_brief

        return check_brief(path, root)
    data = _read(path, shown)
    if isinstance(data, Finding):
        return [data]
    return check_deck(data, shown)


def check_paths(paths: Iterable[Path | str], json_format: bool = False,
                echo: Callable[[str], None] = print, root: Path | None = None) -> int:
    """Check every file, print the findings (lines, or one JSON array with `json_format`) with
    `echo`, and return the exit status: 1 when any finding is an error, else 0."""
    from generator.errors import display_path

    findings: list[Finding] = []
    for path in map(Path, paths):
        found = check_file(path, root)
        findings += found
        if not found and not json_format:
            echo(f"{display_path(path)}: no problems found")
        elif not json_format:
            echo(as_lines(found))
    if json_format:
        echo(as_json(findings))
    return 1 if has_errors(findings) else 0


def _read(path: Path, shown: str) -> bytes | Finding:
    """Return a deck file's bytes, or the finding that says why it cannot be read."""
    def refused(why: str) -> Finding:
        return Finding(shown, 0, "", "unreadable", ERROR, why)

    try:
        info = os.stat(path)
    except FileNotFoundError:
        return refused("no such file")
    except OSError as exc:
        return refused(f"cannot read: {exc.strerror}")
    if not stat.S_ISREG(info.st_mode):
        return refused("not a regular file")
    if info.st_size > MAX_DECK_BYTES:
        return refused(f"file is {info.st_size / 2**20:.0f} MB; a deck checked may be at most "
                       f"{MAX_DECK_BYTES // 2**20} MB")
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_DECK_BYTES + 1)
    except OSError as exc:
        return refused(f"cannot read: {exc.strerror}")
