"""Each field of an edited deck merged with the brief: which text the rebuilt deck shows.

The base is what briefgen last wrote, the deck what the user made of it, the brief what it says
now. A field changed only in the brief takes the brief's text (nothing to do); one changed only
on the deck keeps the deck's; one changed in both is merged (`texts.merge_texts`) when the edits
do not touch, and is otherwise a conflict, located in the brief with both texts. Deletions are
not merged: a field whose text, shape or slide was deleted is drawn again from the brief, and
the build says so. The texts kept from the deck are given to the build as changes to the brief's
text in memory (the brief file is never written); the rebuilt deck records the brief's own text
as their base, so that `pull` still finds them edited and the edit guard still keeps the deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.briefpaths import Loc
from generator.errors import Problem
from generator.workflow.edits.against import same_text, value_at
from generator.workflow.merge.texts import merge_texts

if TYPE_CHECKING:
    from generator.strict_yaml import SourceMap
    from generator.workflow.edits import Edits, FieldEdit, Unmapped

SHOWN = 60  # characters of a text quoted in a line
_REDRAWN = {"deleted field", "deleted shape", "deleted slide", "ambiguous shape"}


@dataclass
class FieldPlan:
    """What the merge does with the fields: the brief's values it draws differently (in memory),
    the base each of them records (the brief's text), conflicts and what it says."""

    changes: dict[Loc, str] = field(default_factory=dict)
    based: dict[str, str] = field(default_factory=dict)  # path -> the brief's text now
    conflicts: list[Problem] = field(default_factory=list)
    said: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class BriefNow:
    """The brief as the merge reads it: its name in lines, its values and their places."""

    shown: str
    data: Any
    smap: SourceMap

    def at(self, loc: Loc) -> tuple[int, int]:
        """Return the line and column of the value at `loc` (or of its nearest written parent)."""
        where = self.smap.value(loc) or self.smap.find(loc)
        return where.line, where.col


def plan_fields(edits: Edits, brief: BriefNow, deck: str) -> FieldPlan:
    """Return what the rebuilt deck shows of each field edited on the deck `deck` (its name)."""
    plan = FieldPlan()
    for edit in edits.edited:
        _merge_field(edit, brief, deck, plan)
    for thing in edits.unmapped:
        _unmapped(thing, edits, brief, plan)
    return plan


def _merge_field(edit: FieldEdit, brief: BriefNow, deck: str, plan: FieldPlan) -> None:
    """Plan one field edited on the deck: kept, merged, redrawn or a conflict."""
    now = value_at(brief.data, edit.loc)
    slides = slides_named(edit.slides)
    if not edit.now.strip():
        _say(plan, brief, edit.loc, f"{edit.path}: its text was deleted on {slides}; drawn again "
                                    "from the brief (remove it there, or pull with --allow-removals)")
        return
    if not isinstance(now, str):
        _conflict(plan, brief, edit.loc, f"{edit.path}: edited on {slides} but gone from the brief "
                                         f"since the deck was built; deck: {quoted(edit.now)}")
        return
    if same_text(now, edit.now):
        return  # the brief already says what the deck says
    base = edit.base if not same_text(now, edit.base) else now
    merged = merge_texts(base, edit.now, now)
    if merged is None:
        _conflict(plan, brief, edit.loc,
                  f"{edit.path}: changed both in the brief and on {slides}, in the same words; "
                  f"brief: {quoted(now)}, deck: {quoted(edit.now)}; keep one of them (edit the "
                  "brief, or the deck and pull), then build again")
        return
    plan.changes[edit.loc] = merged
    plan.based[edit.path] = now
    how = "kept as edited on" if base == now else "merged: the brief's edit and the one on"
    _say(plan, brief, edit.loc, f"{edit.path}: {how} {slides}; 'briefgen pull {deck}' brings "
                                "it into the brief")


def _unmapped(thing: Unmapped, edits: Edits, brief: BriefNow, plan: FieldPlan) -> None:
    """Plan what maps to no field: conflicting edits of one field stop the merge; deletions are
    drawn again; what was added is the carrying's to keep."""
    if thing.what == "conflicting edits":
        loc = edits.deck.record.fields[thing.name].loc
        texts = " / ".join(quoted(t) for t in thing.text.split("\n"))
        _conflict(plan, brief, loc, f"{thing.name}: edited differently where the deck shows it: "
                                    f"{texts}; make them the same on the deck, then build again")
    elif thing.what == "deleted field":
        loc = edits.deck.record.fields[thing.name].loc
        _say(plan, brief, loc, f"{thing.name}: deleted on slide {thing.slide}; drawn again from "
                               "the brief (remove it there, or pull with --allow-removals)")
    elif thing.what in _REDRAWN:
        what = thing.what.replace("deleted slide", f"slide {thing.slide} deleted")
        plan.said.append(Problem(brief.shown, 0, 0, f"{what} {quoted(thing.name)} on the deck: "
                                 "drawn again from the brief", "warning"))


def _say(plan: FieldPlan, brief: BriefNow, loc: Loc, message: str) -> None:
    """Add a warning located at the value at `loc`."""
    line, col = brief.at(loc)
    plan.said.append(Problem(brief.shown, line, col, message, "warning"))


def _conflict(plan: FieldPlan, brief: BriefNow, loc: Loc, message: str) -> None:
    """Add a conflict located at the value at `loc`."""
    line, col = brief.at(loc)
    plan.conflicts.append(Problem(brief.shown, line, col, message))


def slides_named(numbers: tuple[int, ...]) -> str:
    """Return 'slide 4', 'slides 4, 5' or 'the deck'."""
    if not numbers:
        return "the deck"
    return ("slide " if len(numbers) == 1 else "slides ") + ", ".join(map(str, numbers))


def quoted(text: str) -> str:
    """Return a text quoted for a line: cut, controls and bidi marks escaped."""
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "...")
