"""The programme as the documents tell it: each session's time, day and speakers in the brief's
language, the notes that read it out, and the line on each speaker naming their session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.story.labels import Voice
from generator.story.model import Agenda, Session

if TYPE_CHECKING:  # a story travels to render processes that never load the brief model
    from generator.brief.model import Brief

# The kind a session's `kind:` names when it is a keynote: kept first when a document condenses.
KEYNOTE = "keynote"


def agenda_of(brief: Brief, voice: Voice) -> Agenda | None:
    """Return the brief's programme in its language, or None when it has none."""
    if not brief.agenda:
        return None
    sessions, day = [], None
    for index, given in enumerate(brief.agenda):
        day = given.day or day  # a session without a day is on the day of the session above
        when = given.time or ""
        if given.time and given.end:
            when = voice.labels.text("time-span", start=given.time, end=given.end)
        sessions.append(Session(
            title=given.title, time=given.time or "", end=given.end or "", when=when,
            day=voice.date(day), speakers=tuple(given.speakers), room=given.room or "",
            kind=given.kind or "", keynote=(given.kind or "").strip().casefold() == KEYNOTE,
            loc=("agenda", index)))
    days = len({s.day for s in sessions if s.day}) > 1
    notes = agenda_notes(sessions, voice)
    return Agenda(voice.labels.text("agenda"), tuple(sessions), notes, days,
                  any(s.room for s in sessions))


def agenda_notes(sessions: list[Session], voice: Voice) -> str:
    """Return the speaker notes of the programme: each day once, then a line per session,
    '09:30-10:15: Opening keynote (Ada Lovelace, Hall A)'."""
    say = voice.labels.text
    lines, day = [], ""
    for session in sessions:
        if session.day and session.day != day:
            lines.append(session.day)
            day = session.day
        line = say("fact", label=session.when, value=session.title) if session.when else session.title
        aside = voice.comma(voice.names(session.speakers) if session.speakers else "", session.room)
        lines.append(say("aside", text=line, aside=aside) if aside else line)
    return "\n".join(lines)


def sessions_of(agenda: Agenda | None, voice: Voice) -> dict[str, str]:
    """Return, by speaker name, the line naming their sessions: 'Opening keynote, 09:30'."""
    found: dict[str, list[str]] = {}
    for session in agenda.sessions if agenda else ():
        line = voice.comma(session.title, session.when)
        for name in session.speakers:
            found.setdefault(name, []).append(line)
    return {name: voice.names(lines) for name, lines in found.items()}
