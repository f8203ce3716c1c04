"""Which slide of the rebuilt deck each slide of the last build became.

A slide's *plan* is its kind and, shape by shape, the fields (and pieces of fields) it shows.
Slides whose plan is unchanged are paired in order (difflib's longest matching runs over the
plans), and keep what the user gave their shapes. A slide whose plan changed (a speaker's
points now continue on one more slide) is paired, for carrying what was added to it, with the
rebuilt slide of its kind that shows most of the same fields; one that shows none of them is
gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from generator.workflow.edits.record import BaseSlide

Plan = tuple[object, ...]


@dataclass(frozen=True)
class Counterpart:
    """The rebuilt slide a slide of the last build became, and whether its plan is the same."""

    number: int
    same_plan: bool


def plan_of(slide: BaseSlide) -> Plan:
    """Return a slide's plan: its kind, and each shape's name and the fields its text shows."""
    shapes = tuple((s.name, tuple((p.field, p.piece, p.source) for p in s.paras))
                   for s in slide.shapes)
    notes = (slide.notes.field, slide.notes.source) if slide.notes is not None else None
    return (slide.kind, shapes, notes)


def fields_of(slide: BaseSlide) -> set[str]:
    """Return the paths a slide's text shows or derives from."""
    return {p.field or p.source for s in slide.shapes for p in s.paras if p.field or p.source}


def counterparts(before: tuple[BaseSlide, ...], after: tuple[BaseSlide, ...]
                 ) -> dict[int, Counterpart]:
    """Return, by number, the rebuilt slide (of `after`) each slide of `before` became."""
    plans_before = [plan_of(s) for s in before]
    plans_after = [plan_of(s) for s in after]
    out: dict[int, Counterpart] = {}
    matcher = SequenceMatcher(None, plans_before, plans_after, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            out[before[block.a + k].number] = Counterpart(after[block.b + k].number, True)
    paired = {c.number for c in out.values()}
    for slide in before:
        if slide.number not in out:
            found = _likeliest(slide, [s for s in after if s.number not in paired])
            if found is not None:
                out[slide.number] = Counterpart(found.number, False)
    return out


def _likeliest(slide: BaseSlide, candidates: list[BaseSlide]) -> BaseSlide | None:
    """Return the candidate of the slide's kind showing most of its fields (None: none shows any)."""
    mine = fields_of(slide)
    scored = [(len(mine & fields_of(c)), -c.number, c) for c in candidates if c.kind == slide.kind]
    best = max(scored, default=None, key=lambda entry: entry[:2])
    return best[2] if best is not None and best[0] > 0 else None
