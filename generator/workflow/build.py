"""Brief + theme + backends -> files, in the order of the job: read, prepare, skip or render, write.

Drawn in memory and written atomically; a build that would draw the same documents as the last
one (same story, theme, fonts, formats and version) writes nothing.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.errors import InputError, Problem, display_path
from generator.paths import AssetPolicy
from generator.workflow.guard import FREE, OURS, DeckGuard, Held
from generator.workflow.outputs import OutputError, page_count, write_atomic
from generator.workflow.records import BuildRecord, bytes_digest

if TYPE_CHECKING:
    from generator.story import Story
    from generator.theme.model import Theme
    from generator.workflow.merge import Merge
    from generator.workflow.render import Rendered

DEFAULT_FORMATS = ("pptx", "pdf")


@dataclass(frozen=True)
class Options:
    """How to build: where to, which formats, which theme, and what to trust."""

    out_dir: Path = Path("output")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    theme: str | None = None
    force: bool = False  # also replaces a deck edited since it was built, keeping it aside
    policy: AssetPolicy = field(default_factory=AssetPolicy)
    # Draw the formats in forked children (a cold build's speed). Off inside a batch pool, and in
    # watch and the preview: they keep running, with threads, and a fork copies no thread.
    split_formats: bool = True
    keep_edits: bool = False  # merges a deck edited since it was built into its rebuild

    def __post_init__(self) -> None:
        # A format asked for twice is built once.
        object.__setattr__(self, "formats", tuple(dict.fromkeys(self.formats)))


@dataclass(frozen=True)
class Written:
    """One output of a build: where it is, its size, its pages, whether it changed, and the
    SHA-256 (hex) of the bytes written."""

    path: Path
    size: int
    pages: int | None
    changed: bool
    digest: str = ""


@dataclass
class Result:
    """What building one brief did: outputs written, warnings, errors, or skipped as unchanged."""

    brief: Path
    written: list[Written] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    skipped: bool = False
    inputs: tuple[Path, ...] = ()
    held: list[Held] = field(default_factory=list)  # decks the edit guard left in place
    unmerged: dict[Path, str] = field(default_factory=dict)  # decks --keep-edits could not merge

    @property
    def ok(self) -> bool:
        """Return True when the brief built without errors."""
        return not self.errors

    @property
    def drawn(self) -> bool:
        """Return True when every format was drawn: the only errors are decks left in place."""
        held = {h.problem for h in self.held}
        return all(e in held for e in self.errors)


def build_one(brief: Path, options: Options) -> Result:
    """Build every requested format of `brief`; never raises for problems with the input."""
    from generator.files import read_text
    from generator.workflow.render import located, open_renderer

    result = Result(brief)
    try:
        text = read_text(brief)
    except InputError as exc:
        result.errors.extend(exc.problems)
        return result
    record = BuildRecord(options.out_dir, brief.stem)
    # A parallel renderer starts importing the backends now, so that overlaps preparing; for a
    # brief that reads as its last build did (most likely skipped) it waits until needed.
    early = options.force or not record.read_same_text(text)
    renderer = open_renderer(options.formats, options.split_formats, start_now=early)
    guard: DeckGuard | None = None
    merge: Merge | None = None
    try:
        from generator.workflow.prepare import prepare  # after the fork: it imports pydantic

        merge = _open_merge(brief, text, record, options, result)
        prepared = prepare(brief, options.theme, options.policy,
                           text=merge.text if merge is not None else text)
        result.warnings.extend(prepared.warnings)
        result.inputs = prepared.inputs
        story = _with_brief(prepared.story, brief, options.out_dir)
        digest = drawing_digest(story, prepared.theme, options.formats)
        if not options.force and record.is_current(digest):
            result.skipped = True
            return result
        guard = DeckGuard(record, options.force)  # reads what was written before it is forgotten
        record.forget()
        for outcome in renderer.render(story, prepared.theme):
            rendered = located(prepared, outcome)
            target = options.out_dir / f"{brief.stem}{outcome.suffix}"
            if merge is not None and target == merge.deck:
                merged = _merged(rendered, merge, guard, result)
                if merged is None:
                    continue
                rendered = merged
            _write(rendered, target, result, guard)
    except InputError as exc:
        result.errors.extend(exc.problems)
    finally:
        renderer.close()
    kept = guard.digests(result) if guard is not None else {}
    if kept:
        # A build that failed, or left a deck in place, is never current; what it wrote is
        # still recorded, so the guard knows its files next time.
        current = result.ok and not result.held
        record.remember(digest if current else "", [w.path for w in result.written], text, kept,
                        source=brief, carrying=guard.carrying(result) if guard else ())
    return result


def _open_merge(brief: Path, text: str, record: BuildRecord, options: Options,
                result: Result) -> Merge | None:
    """Return the merge of an edited deck with the brief, when `--keep-edits` asks for one and
    the deck at the target was edited (None otherwise, or when it cannot be merged: then the
    edit guard leaves it in place, saying why)."""
    deck = options.out_dir / f"{brief.stem}.pptx"
    if not options.keep_edits or "pptx" not in options.formats or \
            DeckGuard(record, False).check(deck).kind in (FREE, OURS):
        return None
    from generator.workflow.merge import MergeError, open_merge

    try:
        merge = open_merge(brief, text, deck, record)
    except MergeError as exc:
        result.unmerged[deck] = str(exc)
        return None
    result.warnings.extend(merge.said)
    result.errors.extend(merge.conflicts)
    return merge


def _merged(rendered: Rendered, merge: Merge, guard: DeckGuard, result: Result) -> Rendered | None:
    """Return the rebuilt deck with the edited one merged into it, or None when it must not be
    written (a conflict, or the edited deck cannot be carried from: then it is left in place)."""
    from generator.reproducible import build_time
    from generator.workflow.merge import MergeError

    if rendered.data is None or merge.conflicts:
        if merge.conflicts:
            result.held.append(Held(merge.deck, merge.conflicts[0], rendered.data or b""))
        return None if merge.conflicts else rendered
    try:
        data = merge.merged(rendered.data, build_time().timetuple()[:6])
    except MergeError as exc:
        result.unmerged[merge.deck] = str(exc)
        return rendered  # the guard leaves the edited deck in place, saying why
    result.warnings.extend(p for p in merge.said if p not in result.warnings)
    guard.admit_merged(merge, data, rendered.data)
    return replace(rendered, data=data)


def _with_brief(story: Story, brief: Path, out_dir: Path) -> Story:
    """Return the story with the brief's path relative to the output folder in its meta (the
    deck records it for `pull`); a brief that has no such path (another drive) records none."""
    try:
        relative = Path(os.path.relpath(brief.resolve(), out_dir.resolve())).as_posix()
    except ValueError:
        return story
    return replace(story, meta=replace(story.meta, brief=relative))


def drawing_digest(story: Story, theme: Theme, formats: tuple[str, ...]) -> str:
    """Return a digest of everything the documents are drawn from: the story (pictures by
    their digests), the resolved theme, the bytes of its font files, the formats, the build
    time stamped into them and this version."""
    from generator.reproducible import build_epoch

    digest = hashlib.sha256(f"{__version__}|{formats}|{build_epoch()}|".encode())
    digest.update(repr(story).encode("utf-8", "surrogatepass"))
    digest.update(repr(theme).encode("utf-8", "surrogatepass"))
    for face in (theme.heading, theme.body):
        for font in (face.regular, face.bold, face.italic):
            if font is not None:
                digest.update(_file_bytes(font))
    return digest.hexdigest()


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"<unreadable>"


def _remove_stale(rendered: Rendered, target: Path, result: Result) -> None:
    """Remove a format's file from an earlier build when this build could not draw it: beside
    the other, new outputs it would pass for a document of this brief as it is now."""
    if not rendered.suffix or target.is_symlink() or not target.is_file():
        return
    try:
        target.unlink()
    except OSError as exc:
        message = (f"{rendered.name}: could not remove {display_path(target)}, from an earlier "
                   f"build: {exc.strerror}")
    else:
        message = (f"{rendered.name}: removed {display_path(target)}, from an earlier build, "
                   "so that it is not taken for this one")
    result.warnings.append(Problem(display_path(result.brief), 0, 0, message, "warning"))


def _write(rendered: Rendered, target: Path, result: Result, guard: DeckGuard) -> None:
    """Write one rendered format atomically, unless the edit guard keeps the file there, and
    record what happened."""
    result.warnings.extend(rendered.warnings)
    result.errors.extend(rendered.errors)
    if rendered.data is None:
        if guard.allows_removal(target, result):
            _remove_stale(rendered, target, result)
        return
    if not guard.admit(target, rendered.data, result):
        return
    try:
        changed = write_atomic(target, rendered.data)
    except OutputError as exc:
        result.errors.append(Problem(display_path(target), 0, 0, str(exc).split(": ", 1)[-1]))
        return
    size = len(rendered.data)
    result.written.append(Written(target, size, page_count(rendered.suffix, rendered.data), changed,
                                  bytes_digest(rendered.data)))
