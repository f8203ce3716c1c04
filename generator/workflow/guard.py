"""The edit guard: a deck changed since briefgen wrote it is never replaced or removed silently.

Before a build replaces a deck, the file on disk is compared with the SHA-256 the build record
kept of what briefgen wrote there. A deck that differs (edited), one briefgen has no record of
writing (foreign) and one it cannot read as a deck (unreadable) are left in place with one line
saying why and the ways on; with `force` the file is first kept beside the new deck as
`NAME.edited.pptx` (`NAME.edited-2.pptx`, ... when that is taken), copied atomically and read
back before the new deck replaces it. PDFs and Markdown are drawn again freely.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Problem, display_path
from generator.workflow.outputs import OutputError, copy_new, remove_quietly
from generator.workflow.records import BuildRecord, bytes_digest

if TYPE_CHECKING:
    from generator.workflow.build import Result
    from generator.workflow.merge import Merge

DECK_SUFFIX = ".pptx"
FREE, OURS, EDITED, FOREIGN, UNREADABLE = "free", "ours", "edited", "foreign", "unreadable"
MERGED = "merged"  # the reason of an edited deck that is as briefgen wrote it, holding kept edits
MAX_KEPT = 1000  # NAME.edited-1000.pptx is the last name tried
MAX_DESCRIBED = 100_000_000  # a larger deck is named without reading what was edited on it
SAID_FIELDS = 3  # edited fields named in the line; the rest are counted


@dataclass(frozen=True)
class OnDisk:
    """What is at a deck's path now: its kind, the digest of its bytes and its stat stamp."""

    kind: str
    digest: str = ""
    stamp: tuple[int, int, int] = (0, 0, 0)  # inode, size, modification time (ns)
    reason: str = ""  # why an unreadable file is not a deck


@dataclass(frozen=True)
class Held:
    """A deck the guard left in place: where, the line that says so, and the deck the build
    drew instead (the preview shows that one)."""

    path: Path
    problem: Problem
    data: bytes


def inspect(path: Path, written: str | None, legacy_size: int | None = None) -> OnDisk:
    """Return what is at `path` compared with `written`, the digest briefgen wrote there (or,
    from a record that predates digests, the size it wrote)."""
    try:
        found = os.lstat(path)
    except OSError:
        return OnDisk(FREE)
    if not stat.S_ISREG(found.st_mode):
        # Nothing of anyone's is lost: a link is replaced, never written through, and what is
        # not a file cannot be replaced by one (the write says so).
        return OnDisk(FREE)
    try:
        digest, stamp = _digest_of(path)
    except OSError:
        return OnDisk(UNREADABLE, reason="it cannot be read")
    if digest == written or (written is None and legacy_size == stamp[1]):
        return OnDisk(OURS, digest, stamp)
    reason = _not_a_deck(path)
    if reason:
        return OnDisk(UNREADABLE, digest, stamp, reason)
    return OnDisk(EDITED if written else FOREIGN, digest, stamp)


def _digest_of(path: Path) -> tuple[str, tuple[int, int, int]]:
    """Return the SHA-256 of a regular file's bytes and its stamp, read through one descriptor."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        found = os.fstat(handle.fileno())
        if not stat.S_ISREG(found.st_mode):
            raise OSError("not a regular file")
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return digest, _stamp(found)


def _stamp(found: os.stat_result) -> tuple[int, int, int]:
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def _not_a_deck(path: Path) -> str:
    """Return why `path` is not a PowerPoint package briefgen can read, or '' when it is one."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        return "not a zip package"
    if "ppt/presentation.xml" not in names:
        return "a zip package without ppt/presentation.xml"
    return ""


def describe_edit(path: Path, data: OnDisk) -> str:
    """Return what can be said of an edited deck: the fields edited and on which slides, what
    maps to no field, and when it was saved (only that, when the deck cannot be read back)."""
    saved = "saved " + time.strftime("%Y-%m-%d %H:%M", time.localtime(data.stamp[2] / 1e9))
    if data.stamp[1] > MAX_DESCRIBED:
        return saved
    try:
        from generator.workflow.edits import field_edits

        edits = field_edits(path.read_bytes(), display_path(path))
    except Exception:  # noqa: BLE001 - describing is a courtesy: the deck is left in place anyway
        return saved
    said = [f"{f.path} on {_slides(f.slides)}" for f in edits.edited]
    if len(said) > SAID_FIELDS:
        said[SAID_FIELDS - 1:] = [f"{len(said) - SAID_FIELDS + 1} more fields"]
    if edits.unmapped:
        count = len(edits.unmapped)
        said.append(f"{count} change{'s' if count != 1 else ''} that map{'' if count != 1 else 's'} "
                    "to no field")
    return "; ".join([*(said or ["no text changed"]), saved])


def _slides(numbers: tuple[int, ...]) -> str:
    """Return 'slide 4' or 'slides 4, 5'."""
    return ("slide " if len(numbers) == 1 else "slides ") + ", ".join(map(str, numbers))


def what_it_is(path: Path, found: OnDisk) -> str:
    """Return the first words of the guard's line: what the file at `path` is to briefgen."""
    if found.kind == EDITED and found.reason == MERGED:
        return ("holding edits that a merge (--keep-edits) kept and the brief does not have "
                f"({describe_edit(path, found)})")
    if found.kind == EDITED:
        return f"edited since briefgen wrote it ({describe_edit(path, found)})"
    if found.kind == FOREIGN:
        return "not a deck briefgen wrote (it has no record of writing it here)"
    return f"not a deck briefgen can read ({found.reason})"


def edited_name(deck: Path, number: int) -> Path:
    """Return the name a replaced deck is kept under: NAME.edited.pptx, then NAME.edited-2.pptx."""
    tail = ".edited" if number == 1 else f".edited-{number}"
    return deck.with_name(f"{deck.stem}{tail}{deck.suffix}")


def ways_on(deck: Path, found: OnDisk, merging: bool = False) -> str:
    """Return what the user may do about a deck left in place (`merging`: a merge was tried)."""
    kept = edited_name(deck, 1).name
    if found.kind == EDITED:
        merge = "" if merging else "merge them into the rebuilt deck with --keep-edits, "
        return (f"bring the edits into the brief with 'briefgen pull {display_path(deck)}', "
                f"{merge}or rebuild with --force (keeps yours as {kept})")
    return f"move it away, or rebuild with --force (keeps it as {kept})"


class DeckGuard:
    """One build's guard: the digests the last build wrote, checked before a deck is replaced or
    removed, and what the record keeps afterwards."""

    def __init__(self, record: BuildRecord, force: bool) -> None:
        self.record = record
        self.force = force
        self.written = record.written_digests()  # read before the build forgets the record
        self.was_carrying = record.carrying()
        self.merged: dict[str, tuple[str, bool, bool]] = {}  # name -> digest read, lossy, carries

    def check(self, deck: Path) -> OnDisk:
        """Return what is at `deck` now, compared with what briefgen wrote there; a deck that
        carries edits a merge kept from an earlier one counts as edited."""
        found = inspect(deck, self.written.get(deck.name), self.record.recorded_size(deck))
        if found.kind == OURS and deck.name in self.was_carrying:
            return OnDisk(EDITED, found.digest, found.stamp, MERGED)
        return found

    def admit_merged(self, merge: Merge, data: bytes, rebuilt: bytes) -> None:
        """Let the merged deck `data` replace the edited one it was merged from, if that is
        still the file there when it is written."""
        self.merged[merge.deck.name] = (bytes_digest(merge.data), merge.lossy, data != rebuilt)

    def carrying(self, result: Result) -> list[str]:
        """Return the decks that hold edits the brief does not (kept by a merge): written so
        now, or left in place as they were."""
        now = {w.path.name for w in result.written}
        kept = [name for name, (_, _, carries) in self.merged.items() if carries and name in now]
        return sorted({*kept, *(n for n in self.was_carrying if n not in now)})

    def admit(self, target: Path, data: bytes, result: Result) -> bool:
        """Return True when `target` may now be replaced by `data`; when it may not, say why in
        `result`. With `force` a deck not briefgen's is kept aside first."""
        if target.suffix != DECK_SUFFIX:
            return True
        found = self.check(target)
        if found.kind in (FREE, OURS):
            return True
        if target.name in self.merged:
            return self._admit_merge(target, found, result)
        if self.force:
            return self._keep_aside(target, found, result)
        # The brief still makes the very deck briefgen wrote: keeping the edits loses nothing.
        same = bytes_digest(data) == self.written.get(target.name)
        unmerged = result.unmerged.get(target)
        line = (f"{what_it_is(target, found)}; "
                + (f"its edits cannot be merged ({unmerged}); " if unmerged else "")
                + ("left as it is, since the brief still makes the deck briefgen wrote: " if same
                   else "not replaced: ")
                + ways_on(target, found, merging=unmerged is not None))
        problem = Problem(display_path(target), 0, 0, line, "warning" if same else "error")
        (result.warnings if same else result.errors).append(problem)
        result.held.append(Held(target, problem, data))
        return False

    def allows_removal(self, target: Path, result: Result) -> bool:
        """Return True when an earlier `target` may be removed (its format failed this time);
        a deck not briefgen's stays, and `result` says so."""
        if target.suffix != DECK_SUFFIX:
            return True
        found = self.check(target)
        if found.kind in (FREE, OURS):
            return True
        line = f"{what_it_is(target, found)}; left in place although this build drew no deck"
        result.warnings.append(Problem(display_path(target), 0, 0, line, "warning"))
        return False

    def digests(self, result: Result) -> dict[str, str]:
        """Return the digests the record keeps: each output written now, and those of earlier
        outputs still there (a deck left in place keeps the digest of what briefgen wrote)."""
        now = {w.path.name: w.digest for w in result.written}
        out = self.record.out_dir
        earlier = {name: digest for name, digest in self.written.items()
                   if name not in now and (out / name).is_file()}
        return {**earlier, **now}

    def _admit_merge(self, deck: Path, found: OnDisk, result: Result) -> bool:
        """Return True when the merged deck may replace the one it was merged from: that deck is
        still there as read (kept aside first when something of it was not carried)."""
        digest, lossy, _ = self.merged[deck.name]
        if found.digest != digest:
            line = "changed while its edits were merged; not replaced: build again"
            result.errors.append(Problem(display_path(deck), 0, 0, line))
            return False
        if not lossy:
            return True
        return self._keep_aside(deck, found, result, "merged with --keep-edits")

    def _keep_aside(self, deck: Path, found: OnDisk, result: Result,
                    how: str = "replaced (--force)") -> bool:
        """Keep the file at `deck` as NAME.edited.pptx and return True when it may be replaced."""
        try:
            kept = keep_aside(deck, found)
        except OutputError as exc:
            line = f"{what_it_is(deck, found)}; not replaced: {str(exc).split(': ', 1)[-1]}"
            result.errors.append(Problem(display_path(deck), 0, 0, line))
            return False
        line = f"{what_it_is(deck, found)}; {how}, keeping it as {display_path(kept)}"
        result.warnings.append(Problem(display_path(deck), 0, 0, line, "warning"))
        return True


def keep_aside(deck: Path, found: OnDisk) -> Path:
    """Copy the file at `deck` to the first free NAME.edited*.pptx and read the copy back;
    return its path. Raise OutputError when it cannot be kept whole, or `deck` changed since
    `found` was seen (then it is not replaced)."""
    for number in range(1, MAX_KEPT + 1):
        kept = edited_name(deck, number)
        try:
            with open(deck, "rb") as source:
                copy_new(source, kept)
        except FileExistsError:
            continue
        except OSError as exc:
            reason = exc.strerror or str(exc).split(": ", 1)[-1]
            raise OutputError(f"{deck}: could not keep it as {kept.name}: {reason}") from None
        _check_kept(deck, kept, found)
        return kept
    raise OutputError(f"{deck}: could not keep it: {edited_name(deck, 1).name} to "
                      f"{edited_name(deck, MAX_KEPT).name} are all taken")


def _check_kept(deck: Path, kept: Path, found: OnDisk) -> None:
    """Raise OutputError (removing the copy) unless `kept` holds the bytes `found` saw and
    `deck` is still that file."""
    try:
        copied, _ = _digest_of(kept)
        now = _stamp(os.stat(deck))
    except OSError as exc:
        remove_quietly(kept)
        raise OutputError(f"{deck}: could not read back {kept.name}: {exc.strerror or exc}") from None
    if copied != found.digest or now != found.stamp:
        remove_quietly(kept)
        raise OutputError(f"{deck}: it changed while it was being kept; build again")


def held_keys(held: Iterable[Held]) -> set[tuple[Path, str]]:
    """Return what watching remembers of decks left in place, to say each one once."""
    return {(h.path, h.problem.severity) for h in held}
