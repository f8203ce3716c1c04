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

    Nothing is opened here: a folder, a FIFO, a device, and anything in /proc, /sys or /dev
    (whose files may call themselves regular) are refused from the path and `stat` alone.

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
        hint = _other_case(written, base_dir, policy)
        meant = f"; did you mean '{hint}'?" if hint else ""
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
    if not stat.S_ISREG(mode) or _in_pseudo_file_system(real):
        kind = "a folder" if stat.S_ISDIR(mode) else "a special file"
        raise AssetPathError(f"'{written}' is {kind}, not a regular file")
    if notes is not None:
        notes += _case_notes(written, base_dir, policy)
    return real


# Linux's kernel views, whose files call themselves regular (of size 0) while reading one runs
# kernel code and may hand out the process's environment: never a brief's photo or theme.
_PSEUDO_FILE_SYSTEMS = (Path("/proc"), Path("/sys"), Path("/dev"))


def _in_pseudo_file_system(real: Path) -> bool:
    """Return whether the resolved path `real` lies in /proc, /sys or /dev."""
    return any(real.is_relative_to(top) for top in _PSEUDO_FILE_SYSTEMS)


def _other_case(written: str, base_dir: Path, policy: AssetPolicy) -> str | None:
    """Return `written` spelt as on disk, when some of its parts differ only in letter case.

    The path is walked part by part from `base_dir` (from the root of an absolute path, from the
    home folder of `~`): a part missing from its folder is replaced by an entry that differs
    from it only in case (of several, the first in code point order that leads on). Only
    folders the brief may read from are listed (inside the project folder, or anywhere with
    --allow-outside-files), and the corrected path must lead, through any symlinks, to a file
    the brief may read: a hint never reveals what lies outside.
    """
    parts = written.replace(os.sep, "/").split("/")
    start, first = _walk_start(parts[0], base_dir)
    spelt = _respell(start, parts[first:], policy)
    if spelt is None or spelt == parts[first:]:
        return None
    return "/".join(parts[:first] + spelt)


def _walk_start(first: str, base_dir: Path) -> tuple[Path, int]:
    """Return the folder a written path starts from, and how many of its parts name it."""
    if first == "":  # an absolute path
        return Path(os.sep), 1
    if first.startswith("~"):
        return Path(os.path.expanduser(first)), 1
    return base_dir, 0


def _respell(folder: Path, parts: list[str], policy: AssetPolicy) -> list[str] | None:
    """Return `parts` as spelt on disk from `folder`, or None when no spelling leads to a file
    the brief may read."""
    if not parts:
        return [] if _readable(folder, policy) else None
    for step, spelt in _spellings(folder, parts[0], policy):
        rest = _respell(step, parts[1:], policy)
        if rest is not None:
            return [spelt, *rest]
    return None


def _spellings(folder: Path, part: str, policy: AssetPolicy) -> list[tuple[Path, str]]:
    """Return where `part` may lead from `folder`, and how it is spelt there: as written when
    the folder holds it (or may not be listed), else each entry differing only in case."""
    try:
        here = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return []
    if part in ("", ".", "..") or not _may_list(here, policy):
        return [(here / part, part)]  # taken as written: only the final check may accept it
    try:
        names = os.listdir(here)
    except OSError:
        return []
    if part in names:
        return [(here / part, part)]
    wanted = part.casefold()
    # Where the file system ignores case, the part as written opens the entry spelt otherwise.
    opens = os.path.lexists(here / part)
    return [(here / part if opens else here / name, name)
            for name in sorted(names) if name.casefold() == wanted]


def _may_list(folder: Path, policy: AssetPolicy) -> bool:
    """Return whether a brief may learn what `folder` holds."""
    return policy.allow_outside or folder.is_relative_to(policy.root)


def _readable(path: Path, policy: AssetPolicy) -> bool:
    """Return whether `path` exists and leads (through any symlinks) where a brief may read."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return _may_list(real, policy)


def _case_notes(written: str, base_dir: Path, policy: AssetPolicy) -> list[str]:
    """Return a warning when `written` exists only under another letter case (a file system
    that ignores case opened it), else nothing."""
    actual = _other_case(written, base_dir, policy)
    if actual is None:
        return []
    return [f"'{written}' is '{actual}' on disk; write it with the same letter "
            "case, or the brief will not find it on systems that tell case apart"]


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
