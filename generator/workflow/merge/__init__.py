"""`build --keep-edits`: a deck edited since briefgen wrote it, merged into its rebuild.

`open_merge` reads the edited deck and its base, sets each edited field against the brief
(`fields.plan_fields`) and gives the build the brief's text with the deck's kept texts written
into it, in memory; the build draws every format from that text. `Merge.deck` then carries what
the user added to the old deck into the rebuilt one (`carry.carry`). A conflict stops the deck:
it is not written, and the build exits 1 with each conflict located in the brief.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError, Problem, display_path
from generator.workflow.merge.fields import BriefNow, FieldPlan, plan_fields

if TYPE_CHECKING:
    from generator.workflow.edits import Edits
    from generator.workflow.records import BuildRecord

MAX_DECK_BYTES = 100 * 2**20  # as for `pull`: a deck with pictures added


class MergeError(ValueError):
    """The deck cannot be merged: one short reason (it is then left in place, as unmerged)."""


@dataclass
class Merge:
    """One deck's merge: the deck as found, the brief's text to draw from, and what it says."""

    deck: Path
    data: bytes  # the edited deck, as read
    edits: Edits
    plan: FieldPlan
    text: str  # the brief's text with the deck's kept texts written in (never written to disk)
    said: list[Problem] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Problem]:
        """Return the fields edited on both sides in the same words: the deck is not written."""
        return self.plan.conflicts

    def merged(self, rebuilt: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
        """Return the rebuilt deck with what the user added to the edited one carried into it;
        add what could not be carried to `said`. Raise MergeError when nothing can be carried."""
        from generator.ooxml.parse import PackageError
        from generator.workflow.edits import BuiltDeckError
        from generator.workflow.merge.carry import carry

        try:
            carried = carry(rebuilt, self.data, self.edits, self.plan.based, date_time)
        except (PackageError, BuiltDeckError) as exc:
            raise MergeError(str(exc)) from None
        shown = display_path(self.deck)
        self.said += [Problem(shown, 0, 0, line, "warning") for line in carried.said]
        return carried.data

    @property
    def lossy(self) -> bool:
        """Return True when something of the edited deck was not carried into the merged one."""
        return any(p.path == display_path(self.deck) for p in self.said)


def open_merge(brief: Path, text: str, deck: Path, record: BuildRecord) -> Merge:
    """Return the merge of the edited `deck` with `brief` (whose text is `text`), or raise
    MergeError saying why it cannot be merged, or InputError for a brief that does not read."""
    from generator import strict_yaml
    from generator.brief.edit import EditError, apply
    from generator.workflow.edits import BuiltDeckError, field_edits
    from generator.workflow.edits.against import check_belongs

    data = _read_deck(deck)
    try:
        edits = field_edits(data, display_path(deck))
    except BuiltDeckError as exc:
        raise MergeError(str(exc).split(": ", 1)[-1]) from None
    values, smap = strict_yaml.parse(text, brief)
    try:
        check_belongs(edits, values, brief, deck, record)
    except InputError as exc:
        raise MergeError(exc.problems[0].message) from None
    plan = plan_fields(edits, BriefNow(display_path(brief), values, smap), display_path(deck))
    try:
        merged = apply(text, plan.changes, display_path(brief)) if plan.changes else text
    except EditError as exc:  # a kept text the brief's rules refuse: located, like a conflict
        plan.conflicts.extend(exc.problems)
        plan.changes.clear()
        merged = text
    return Merge(deck, data, edits, plan, merged, list(plan.said))


def _read_deck(path: Path) -> bytes:
    """Return the bytes of the deck at `path` within the cap, or raise MergeError."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise MergeError(f"it cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise MergeError("it is not a regular file")
        data = handle.read(MAX_DECK_BYTES + 1)
    if len(data) > MAX_DECK_BYTES:
        raise MergeError(f"it is over the {MAX_DECK_BYTES // 2**20} MB a merged deck may have")
    return data
