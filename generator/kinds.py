"""The kinds of section a story holds, in deck order: the one list that every layer names them by.

The story makes sections of these kinds, backends draw each kind, and a theme names a template
layout per kind (`defaults: briefgen: layouts:`). The theme cannot import the story, so the list
lives here, below both.
"""

from __future__ import annotations

from enum import StrEnum


class SectionKind(StrEnum):
    """What a section is about; backends draw each kind in their own way. The values are also
    the keys a theme uses to name a template layout for each kind."""

    COVER = "cover"
    GLANCE = "glance"
    AGENDA = "agenda"
    SPEAKERS_OVERVIEW = "speakers-overview"
    SPEAKER = "speaker"
    PRIORITIES = "priorities"
    TAKEAWAYS = "takeaways"
    SOURCES = "sources"


# The values in deck order, for code that speaks of kinds by name (a theme's layouts).
KINDS: tuple[str, ...] = tuple(kind.value for kind in SectionKind)
