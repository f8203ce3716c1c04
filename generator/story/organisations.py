"""Who was involved, with their logos, and the event's key figures, as the story carries them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from generator.story.labels import Voice
from generator.story.model import Figure, Loc, Organisation, Picture

if TYPE_CHECKING:  # a story travels to render processes that never load the brief model
    from generator.brief.model import Brief, Party

# The brief's keys of organisations, in the order the strip of logos shows them.
GROUPS = ("hosts", "organizers", "sponsors")


def organisations_of(brief: Brief, logos: Mapping[Loc, Picture]) -> tuple[Organisation, ...]:
    """Return the hosts, organisers and sponsors in that order, each with its logo from `logos`
    (keyed by the brief path of the organisation, ('hosts', 0)), alt text its name."""
    found = []
    for group in GROUPS:
        parties: list[Party] = getattr(brief, group)
        for index, party in enumerate(parties):
            loc: Loc = (group, index)
            logo = logos.get(loc)
            if logo is not None:  # the alt text names the organisation, whatever the file says
                logo = dataclasses.replace(logo, alt=party.name)
            found.append(Organisation(party.name, group, party.role or "", party.url or "",
                                      logo, loc))
    return tuple(found)


def figures_of(brief: Brief) -> tuple[Figure, ...]:
    """Return the event's key figures in the brief's order."""
    return tuple(Figure(f.value, f.label, ("figures", i)) for i, f in enumerate(brief.figures))


def figures_notes(figures: tuple[Figure, ...], voice: Voice) -> list[str]:
    """Return a line of speaker notes per key figure: '9 keynote speeches' as 'label: value'."""
    return [voice.labels.text("fact", label=f.label, value=f.value) for f in figures]
