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


def resolve_asset(written: str, base_dir: Path, policy: AssetPolicy) -> Path:
    """Return the regular file `written` names (relative to `base_dir`), or raise AssetPathError."""
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
        raise AssetPathError(f"'{written}' does not exist") from None
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
    return real


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
