"""What the documents say and in what order: the plan every backend draws, decided once.

The story holds whole sections (every priority, every takeaway); how many go on one slide or
page is for each backend to decide, since only it can measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from generator.text import initials

if TYPE_CHECKING:  # a story travels to render processes that never load the brief model
    from generator.brief.model import Brief, Speaker

# With this many speakers or more, the story gives an overview before the detail sections.
OVERVIEW_FROM = 4

Loc = tuple[str | int, ...]


class SectionKind(StrEnum):
    """What a section is about; backends draw each kind in their own way. The values are also
    the keys a theme uses to name a template layout for each kind."""

    COVER = "cover"
    GLANCE = "glance"
    SPEAKERS_OVERVIEW = "speakers-overview"
    SPEAKER = "speaker"
    PRIORITIES = "priorities"
    TAKEAWAYS = "takeaways"
    SOURCES = "sources"


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

    @property
    def footer(self) -> str:
        """Return the footer line: the short name and the date where known."""
        return " · ".join(part for part in (self.short_name, self.date) if part)


# Words backends write themselves that are not section titles, by label key, in English.
# `{name}` style fields are filled by Labels.text(). The story carries them in the brief's
# language; backends never write an English word of their own.
ENGLISH_LABELS: dict[str, str] = {
    "notes-panel": "Notes",
    "made-with": "Made with briefgen",
    "photo-alt": "Photo of {name}",
    "initials-alt": "Initials of {name}",
    "number-alt": "Number {number}",
    "topic": "Topic",
    "speakers": "Speakers",
}


@dataclass(frozen=True)
class Labels:
    """Words of briefgen's own for backends to use, keyed as in ENGLISH_LABELS."""

    entries: tuple[tuple[str, str], ...] = tuple(ENGLISH_LABELS.items())

    def text(self, key: str, **fields: str) -> str:
        """Return the label `key` with its `{field}`s filled in; unknown keys are a bug."""
        template = dict(self.entries).get(key, ENGLISH_LABELS.get(key))
        if template is None:
            raise KeyError(f"no label '{key}'")
        return template.format(**fields) if fields else template


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


def build_story(brief: Brief, photos: dict[int, Picture] | None = None,
                logo: Picture | None = None) -> Story:
    """Return the story told by `brief`; `photos` maps speaker index to its picture."""
    photos = photos or {}
    people = tuple(_person(i, s, photos.get(i)) for i, s in enumerate(brief.speakers))
    sections = [_cover(brief), _glance(brief), *_speaker_sections(people)]
    sections += _list_section(SectionKind.PRIORITIES, "Priorities", _priorities(brief))
    takeaways = [Item(text, loc=("takeaways", i)) for i, text in enumerate(brief.takeaways)]
    sections += _list_section(SectionKind.TAKEAWAYS, "Key takeaways", takeaways)
    sections += _list_section(SectionKind.SOURCES, "Sources", _sources(brief))
    return Story(_meta(brief), tuple(sections), logo)


def part_titles(title: str, count: int) -> list[str]:
    """Return unique titles for `count` slides or pages of one section: 'Speakers (2 of 3)'."""
    if count <= 1:
        return [title] * count
    return [f"{title} ({n} of {count})" for n in range(1, count + 1)]


def role_line(title: str | None, organization: str | None) -> str:
    """Return 'Deputy director, China Film Administration' from the parts that are given."""
    return ", ".join(part for part in (title, organization) if part)


def _meta(brief: Brief) -> Meta:
    event = brief.event
    date = event.date.strftime("%-d %B %Y") if event.date else ""
    keywords = [event.short_name or "", *(p.title for p in brief.priorities)]
    return Meta(
        title=event.title,
        subtitle=event.subtitle or "",
        short_name=event.short_name or (event.title if len(event.title) <= 40 else ""),
        date=date,
        location=event.location or "",
        hosts=tuple(h.name for h in brief.hosts),
        organizers=tuple(o.name for o in brief.organizers),
        keywords=tuple(k for k in keywords if k),
        summary=event.summary,
    )


def _person(index: int, speaker: Speaker, photo: Picture | None) -> Person:
    return Person(
        name=speaker.name,
        role=role_line(speaker.title, speaker.organization),
        topic=speaker.topic or "",
        points=tuple(speaker.points),
        quote=speaker.quote or "",
        notes=speaker.notes or "",
        initials=initials(speaker.name),
        photo=photo,
        loc=("speakers", index),
    )


def _cover(brief: Brief) -> Section:
    event = brief.event
    when_where = " · ".join(p for p in (_meta(brief).date, event.location or "") if p)
    notes = brief.notes or event.summary
    return Section(SectionKind.COVER, event.title, text=when_where, notes=notes, loc=("event",))


def _glance(brief: Brief) -> Section:
    facts = glance_facts(brief)
    notes_lines = [brief.event.summary] + [f"{f.label}: {f.value}" for f in facts]
    return Section(SectionKind.GLANCE, "At a glance", items=tuple(facts), text=brief.event.summary,
                   notes="\n".join(notes_lines), loc=("event", "summary"))


def glance_facts(brief: Brief) -> list[Fact]:
    """Return the key facts that are known: when, where, hosted by, organised by, attended."""
    event = brief.event
    facts = []
    if event.date:
        facts.append(Fact("When", event.date.strftime("%-d %B %Y"), ("event", "date")))
    if event.location:
        facts.append(Fact("Where", event.location, ("event", "location")))
    if brief.hosts:
        facts.append(Fact("Hosted by", "; ".join(h.name for h in brief.hosts), ("hosts",)))
    if brief.organizers:
        facts.append(Fact("Organised by", "; ".join(o.name for o in brief.organizers),
                          ("organizers",)))
    if brief.participants:
        facts.append(Fact("Attended", "; ".join(brief.participants), ("participants",)))
    return facts


def _speaker_sections(people: tuple[Person, ...]) -> list[Section]:
    """Return an overview of everyone (when there are several), then a section per speaker
    with something to say."""
    if not people:
        return []
    sections = []
    if len(people) >= OVERVIEW_FROM:
        notes = "\n".join(p.notes_line for p in people)
        sections.append(Section(SectionKind.SPEAKERS_OVERVIEW, "Speakers", items=people,
                                notes=notes, loc=("speakers",)))
    for person in people:
        if person.points or person.quote or person.topic or len(people) < OVERVIEW_FROM:
            sections.append(Section(SectionKind.SPEAKER, person.name, notes=_speaker_notes(person),
                                    person=person, loc=person.loc))
    return sections


def _speaker_notes(person: Person) -> str:
    if person.notes:
        return person.notes
    lines = [person.notes_line, *person.points]
    if person.quote:
        lines.append(f"Quote: \u201c{person.quote}\u201d")
    return "\n".join(lines)


def _priorities(brief: Brief) -> list[Item]:
    return [Item(p.title, p.detail or "", f"Raised by {p.raised_by}" if p.raised_by else "",
                 loc=("priorities", i))
            for i, p in enumerate(brief.priorities)]


def _sources(brief: Brief) -> list[Item]:
    items = []
    for i, source in enumerate(brief.sources):
        parts = [source.publisher or ""]
        if source.accessed:
            parts.append(f"accessed {source.accessed.isoformat()}")
        byline = ", ".join(p for p in parts if p)
        items.append(Item(source.title, byline=byline, url=source.url or "", loc=("sources", i)))
    return items


def _list_section(kind: SectionKind, title: str, items: Sequence[Item]) -> list[Section]:
    """Return the section holding every item of one list, or nothing when the list is empty."""
    if not items:
        return []
    notes = "\n".join(item.notes_line for item in items)
    return [Section(kind, title, items=tuple(items), notes=notes, loc=(kind.value,))]
