"""The story's plain data: the sections, people, items and pictures every backend draws.

Plain frozen dataclasses: a story travels to render processes that never load the brief model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.kinds import SectionKind as SectionKind  # plugins name kinds through the story
from generator.story.labels import Labels

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Picture:
    """An image ready to place: normalised bytes, pixel size, format and alt text."""

    data: bytes = field(repr=False)  # `digest` stands for the bytes in a story's repr
    width: int
    height: int
    format: str
    alt: str
    digest: str = ""


@dataclass(frozen=True)
class Fact:
    """A labelled fact for the 'at a glance' panel: ('Hosted by', 'China Film Administration')."""

    label: str
    value: str
    loc: Loc = ()


@dataclass(frozen=True)
class Person:
    """A speaker as the documents present them."""

    name: str
    role: str
    topic: str
    points: tuple[str, ...]
    quote: str
    notes: str
    initials: str
    photo: Picture | None
    loc: Loc

    @property
    def notes_line(self) -> str:
        """Return the person in one line of speaker notes: name - role - topic."""
        return " - ".join(part for part in (self.name, self.role, self.topic) if part)


@dataclass(frozen=True)
class Item:
    """A numbered or bulleted entry: a priority, a takeaway or a source."""

    title: str
    detail: str = ""
    byline: str = ""
    url: str = ""
    loc: Loc = ()

    @property
    def notes_line(self) -> str:
        """Return the item in one line of speaker notes: 'title: detail (byline) <url>'."""
        line = self.title + (f": {self.detail}" if self.detail else "")
        line += f" ({self.byline})" if self.byline else ""
        return line + (f" <{self.url}>" if self.url else "")


@dataclass(frozen=True)
class Section:
    """One part of the story, whole; `kind` tells backends how to draw it. `items` are Facts
    (glance), People (speakers-overview) or Items (priorities, takeaways, sources)."""

    kind: SectionKind
    title: str
    items: tuple[Fact, ...] | tuple[Person, ...] | tuple[Item, ...] = ()
    text: str = ""
    notes: str = ""
    person: Person | None = None
    loc: Loc = ()


@dataclass(frozen=True)
class Meta:
    """Facts about the whole event used on the cover, in footers and in file properties."""

    title: str
    subtitle: str
    short_name: str
    date: str
    location: str
    hosts: tuple[str, ...]
    organizers: tuple[str, ...]
    keywords: tuple[str, ...]
    summary: str
    language: str = "en"  # the brief's BCP 47 tag: every word of ours and every date follow it
    hosts_line: str = ""  # the hosts named on the cover and the handout: 'Hosted by A; B'
    # Whose glyph forms Han characters take where a text has no kana or hangul to say:
    # 'zh-Hans', 'zh-Hant', 'ja' or 'ko', from the language; '' in a language of no CJK region.
    cjk_region: str = ""
    # Where the brief is, relative to the folder the deck is written to ('../briefs/x.yaml'):
    # recorded in the deck, so that `pull` finds its brief after the deck moved with the project.
    brief: str = ""

    @property
    def footer(self) -> str:
        """Return the footer line: the short name and the date where known."""
        return " · ".join(part for part in (self.short_name, self.date) if part)


@dataclass(frozen=True)
class Story:
    """The whole plan: the event's meta and the sections in order, and our own words."""

    meta: Meta
    sections: tuple[Section, ...]
    logo: Picture | None = None
    labels: Labels = field(default_factory=Labels)

    def of_kind(self, kind: SectionKind) -> list[Section]:
        """Return the sections of one kind, in order."""
        return [s for s in self.sections if s.kind == kind]


