"""Paths written inside briefs and themes: resolved against their file, confined to the project."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class AssetPolicy:
    """Where files named inside briefs and themes may live; outside `root` only when trusted."""

    root: Path = field(default_factory=lambda: Path.cwd().resolve())
    allow_outside: bool = False


class AssetPathError(ValueError):
    """A path in a brief or theme that may not or cannot be used."""


def resolve_asset(written: str, base_dir: Path, policy: AssetPolicy,
                  notes: list[str] | None = None) -> Path:
    """Return the regular file `written` names (relative to `base_dir`), or raise AssetPathError.

    With `notes`, a warning is added there when the file opened only because the file system
    ignores letter case ('grace.jpg' for 'Grace.jpg'): the brief breaks where it does not.
    """
    if "\x00" in written:
        raise AssetPathError("a path may not contain a NUL character")
    candidate = Path(os.path.expanduser(written)) if written.startswith("~") else Path(written)
    if not candidate.is_absolute():
        candidate = base_dir / candidate
    # Confinement is checked before existence, so a brief cannot probe which files exist outside.
    try:
        where = candidate.resolve(strict=False)
    except (OSError, RuntimeError) as exc:
        raise AssetPathError(f"'{written}' cannot be opened: {_reason(exc)}") from None
    if not policy.allow_outside and not where.is_relative_to(policy.root):
        raise AssetPathError(f"'{written}' is outside the project folder {policy.root.name}/; "
                             "move it inside, or pass --allow-outside-files for a trusted brief")
    try:
        real = candidate.resolve(strict=True)
    except FileNotFoundError:
        hint = _other_case(candidate, policy)
        meant = f"; did you mean '{_renamed(written, hint)}'?" if hint else ""
        raise AssetPathError(f"'{written}' does not exist{meant}") from None
    except (OSError, RuntimeError) as exc:
        raise AssetPathError(f"'{written}' cannot be opened: {_reason(exc)}") from None
    if not policy.allow_outside and not real.is_relative_to(policy.root):
        raise AssetPathError(f"'{written}' is outside the project folder {policy.root.name}/; "
                             "move it inside, or pass --allow-outside-files for a trusted brief")
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        raise AssetPathError(f"'{written}' cannot be opened: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a special file"
        raise AssetPathError(f"'{written}' is {kind}, not a regular file")
    if notes is not None:
        notes += _case_notes(written, candidate, policy)
    return real


def _other_case(candidate: Path, policy: AssetPolicy) -> str | None:
    """Return the name of a file beside `candidate` that differs from it only in letter case.

    Only the folder the path names is listed, and only when the brief may read files there,
    so a hint never reveals what lies outside the project folder.
    """
    try:
        folder = candidate.parent.resolve(strict=True)
        if not policy.allow_outside and not folder.is_relative_to(policy.root):
            return None
        names = os.listdir(folder)
    except (OSError, RuntimeError):
        return None
    wanted = candidate.name.casefold()
    if candidate.name in names:
        return None
    return min((name for name in names if name.casefold() == wanted), default=None)


def _case_notes(written: str, candidate: Path, policy: AssetPolicy) -> list[str]:
    """Return a warning when `candidate` exists only under another letter case (a file system
    that ignores case opened it), else nothing."""
    actual = _other_case(candidate, policy)
    if actual is None:
        return []
    return [f"'{written}' is '{_renamed(written, actual)}' on disk; write it with the same letter "
            "case, or the brief will not find it on systems that tell case apart"]


def _renamed(written: str, name: str) -> str:
    """Return the path `written` with its last part replaced by `name`, as the brief would write it."""
    last = Path(written).name
    return written[: len(written) - len(last)] + name if written.endswith(last) else name


def read_capped(path: Path, limit: int) -> bytes:
    """Return the bytes of `path`, raising AssetPathError when it holds more than `limit`."""
    with open(path, "rb") as handle:
        # The size is checked before reading, so an oversized file costs nothing to refuse;
        # the capped read still guards against a file that grows after the check.
        if os.fstat(handle.fileno()).st_size > limit:
            raise AssetPathError(_too_big(path, limit))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise AssetPathError(_too_big(path, limit))
    return data


def _too_big(path: Path, limit: int) -> str:
    return f"'{path.name}' is larger than {limit // 1_000_000} MB"


def _reason(exc: BaseException) -> str:
    """Return an OS error's reason in words (a symlink loop is a RuntimeError on older Pythons)."""
    return getattr(exc, "strerror", None) or str(exc)
