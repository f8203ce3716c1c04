"""The programme's checks that span sessions: who spoke, when sessions end, their order and rooms.

Errors are what cannot be drawn as meant (a speaker who is not under `speakers:`, an end that is
not after its start); warnings are what is drawn as written but is likely a slip (sessions out
of order, two sessions in one room at once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.brief.messages import dotted
from generator.brief.model import Brief, Session
from generator.errors import Problem
from generator.strict_yaml import Loc, SourceMap
from generator.text import did_you_mean


@dataclass(frozen=True)
class Slot:
    """A session placed in time: its index, the day it is on (its own or carried from the
    session above), and its start and end in minutes since midnight where given."""

    index: int
    session: Session
    day: dt.date | None
    start: int | None
    end: int | None

    @property
    def shown(self) -> str:
        """Return the session as a warning names it: "agenda[3] ('Opening', 09:00-09:30)"."""
        times = "-".join(t for t in (self.session.time, self.session.end) if t)
        return f"agenda[{self.index}] ('{self.session.title}'" + (f", {times})" if times else ")")


def minutes(clock: str | None) -> int | None:
    """Return an 'HH:MM' text as minutes since midnight, or None when it is not given."""
    if not clock:
        return None
    hours, _, mins = clock.partition(":")
    return int(hours) * 60 + int(mins)


def slots(agenda: list[Session]) -> list[Slot]:
    """Return every session placed in time, a session without a day on the day above it."""
    placed, day = [], None
    for index, session in enumerate(agenda):
        day = session.day or day
        placed.append(Slot(index, session, day, minutes(session.time), minutes(session.end)))
    return placed


def agenda_problems(brief: Brief, smap: SourceMap) -> Iterator[Problem]:
    """Yield an error for each session naming someone who is not a speaker, and for each end
    that is not after its session's start (or has no start)."""
    names = [s.name for s in brief.speakers]
    for index, session in enumerate(brief.agenda):
        for n, name in enumerate(session.speakers):
            if name not in names:
                loc: Loc = ("agenda", index, "speakers", n)
                listed = did_you_mean(name, names) or f" (speakers: {', '.join(names) or 'none listed'})"
                yield smap.problem(loc, f"{dotted(loc)}: '{name}' is not one of the speakers{listed}")
        if session.end and not session.time:
            loc = ("agenda", index, "end")
            yield smap.problem(loc, f"{dotted(loc)}: an end needs a start: add time: before it")
        elif session.end and session.time and session.end <= session.time:
            loc = ("agenda", index, "end")
            yield smap.problem(loc, f"{dotted(loc)}: the session ends at {session.end}, which is "
                                    f"not after its start at {session.time}")


def agenda_warnings(brief: Brief, smap: SourceMap) -> Iterator[Problem]:
    """Yield a warning at each session that comes before the one above it, and at each that
    overlaps an earlier one in the same room on the same day."""
    placed = slots(brief.agenda)
    for before, after in zip(placed, placed[1:], strict=False):
        message = _out_of_order(before, after)
        if message:
            loc: Loc = ("agenda", after.index, "day" if after.session.day else "time")
            yield smap.problem(loc, f"{dotted(loc)}: {message}", "warning")
    for n, later in enumerate(placed):
        clash = next((earlier for earlier in placed[:n] if _overlap(earlier, later)), None)
        if clash is not None:
            loc = ("agenda", later.index, "time")
            yield smap.problem(loc, f"{dotted(loc)}: overlaps {clash.shown} in the room "
                                    f"'{later.session.room}'; check the times", "warning")


def _out_of_order(before: Slot, after: Slot) -> str:
    """Return why `after` is out of order after `before`, or ''."""
    if before.day and after.day and after.day < before.day:
        return (f"the day {after.day.isoformat()} comes before the day of {before.shown}, "
                f"{before.day.isoformat()}; sessions are shown in the order written")
    if after.day == before.day and before.start is not None and after.start is not None \
            and after.start < before.start:
        return (f"starts at {after.session.time}, before {before.shown}; sessions are shown "
                "in the order written")
    return ""


def _overlap(first: Slot, second: Slot) -> bool:
    """Return True when two timed sessions in one named room share minutes of the same day."""
    if not first.session.room or first.session.room != second.session.room:
        return False
    if first.day != second.day or first.start is None or second.start is None:
        return False
    first_end = first.end if first.end is not None else first.start + 1
    second_end = second.end if second.end is not None else second.start + 1
    return first.start < second_end and second.start < first_end
