"""What the documents say and in what order: the plan both backends draw, decided once."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.text import initials

if TYPE_CHECKING:  # a story travels to render processes that never load the brief model
    from generator.brief.model import Brief

# How many items one slide holds before the story splits a list (backends may split further
# when measured text does not fit).
SPEAKERS_PER_OVERVIEW = 6
PRIORITIES_PER_SLIDE = 4
TAKEAWAYS_PER_SLIDE = 5
SOURCES_PER_SLIDE = 6
# With this many speakers or more, the deck gives an overview before the detail slides.
OVERVIEW_FROM = 4


@dataclass(frozen=True)
class Picture:
    """An image ready to place: normalised bytes, pixel size, format and alt text."""

    data: bytes
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
    loc: tuple = ()


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
    loc: tuple


@dataclass(frozen=True)
class Item:
    """A numbered or bulleted entry: a priority, a takeaway or a source."""

    title: str
    detail: str = ""
    byline: str = ""
    url: str = ""
    loc: tuple = ()


@dataclass(frozen=True)
class Section:
    """One part of the story; `kind` tells backends how to draw it."""

    kind: str  # cover, glance, speakers-overview, speaker, priorities, takeaways, sources
    title: str
    items: tuple = ()
    text: str = ""
    notes: str = ""
    person: Person | None = None
    loc: tuple = ()
    base_title: str = ""


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

    @property
    def footer(self) -> str:
        """Return the footer line: the short name and the date where known."""
        return " · ".join(part for part in (self.short_name, self.date) if part)


@dataclass(frozen=True)
class Story:
    """The whole plan: the event's meta and the sections in order."""

    meta: Meta
    sections: tuple[Section, ...]
    logo: Picture | None = None

    def of_kind(self, kind: str) -> list[Section]:
        """Return the sections of one kind, in order."""
        return [s for s in self.sections if s.kind == kind]


def build_story(brief: Brief, photos: dict[int, Picture] | None = None,
                logo: Picture | None = None) -> Story:
    """Return the story told by `brief`; `photos` maps speaker index to its picture."""
    photos = photos or {}
    people = tuple(_person(i, s, photos.get(i)) for i, s in enumerate(brief.speakers))
    sections = [_cover(brief), _glance(brief)]
    sections += _speaker_sections(people)
    sections += _priority_sections(brief)
    sections += _list_sections("takeaways", "Key takeaways", brief.takeaways, TAKEAWAYS_PER_SLIDE)
    sections += _source_sections(brief)
    return Story(_meta(brief), tuple(sections), logo)


def part_titles(title: str, count: int) -> list[str]:
    """Return unique titles for `count` slides of one section: 'Speakers (2 of 3)'."""
    if count <= 1:
        return [title] * count
    return [f"{title} ({n} of {count})" for n in range(1, count + 1)]


def split_evenly(items: Sequence, most: int) -> list[tuple]:
    """Return `items` in the fewest chunks of at most `most`, as even in size as possible."""
    if not items:
        return []
    count = math.ceil(len(items) / most)
    size, extra = divmod(len(items), count)
    chunks, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        chunks.append(tuple(items[start:end]))
        start = end
    return chunks


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


def _person(index: int, speaker, photo: Picture | None) -> Person:
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
    return Section("cover", event.title, text=when_where, notes=notes, loc=("event",))


def _glance(brief: Brief) -> Section:
    facts = glance_facts(brief)
    notes_lines = [brief.event.summary] + [f"{f.label}: {f.value}" for f in facts]
    return Section("glance", "At a glance", items=tuple(facts), text=brief.event.summary,
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
    if not people:
        return []
    sections = []
    if len(people) >= OVERVIEW_FROM:
        chunks = split_evenly(people, SPEAKERS_PER_OVERVIEW)
        for title, chunk in zip(part_titles("Speakers", len(chunks)), chunks, strict=True):
            notes = "\n".join(_overview_line(p) for p in chunk)
            sections.append(Section("speakers-overview", title, items=chunk, notes=notes,
                                    loc=("speakers",), base_title="Speakers"))
    for person in people:
        if person.points or person.quote or person.topic or len(people) < OVERVIEW_FROM:
            sections.append(Section("speaker", person.name, notes=_speaker_notes(person),
                                    person=person, loc=person.loc))
    return sections


def _overview_line(person: Person) -> str:
    return " - ".join(part for part in (person.name, person.role, person.topic) if part)


def _speaker_notes(person: Person) -> str:
    if person.notes:
        return person.notes
    lines = [_overview_line(person), *person.points]
    if person.quote:
        lines.append(f"Quote: \u201c{person.quote}\u201d")
    return "\n".join(lines)


def _priority_sections(brief: Brief) -> list[Section]:
    items = [
        Item(p.title, p.detail or "", f"Raised by {p.raised_by}" if p.raised_by else "",
             loc=("priorities", i))
        for i, p in enumerate(brief.priorities)
    ]
    return _chunked("priorities", "Priorities", items, PRIORITIES_PER_SLIDE)


def _list_sections(kind: str, title: str, texts: Sequence[str], most: int) -> list[Section]:
    items = [Item(text, loc=(kind, i)) for i, text in enumerate(texts)]
    return _chunked(kind, title, items, most)


def _source_sections(brief: Brief) -> list[Section]:
    items = []
    for i, source in enumerate(brief.sources):
        parts = [source.publisher or ""]
        if source.accessed:
            parts.append(f"accessed {source.accessed.isoformat()}")
        byline = ", ".join(p for p in parts if p)
        items.append(Item(source.title, byline=byline, url=source.url or "", loc=("sources", i)))
    return _chunked("sources", "Sources", items, SOURCES_PER_SLIDE)


def _chunked(kind: str, title: str, items: list[Item], most: int) -> list[Section]:
    chunks = split_evenly(items, most)
    sections = []
    for part_title, chunk in zip(part_titles(title, len(chunks)), chunks, strict=True):
        sections.append(Section(kind, part_title, items=chunk, notes=_item_notes(chunk),
                                loc=(kind,), base_title=title))
    return sections


def _item_notes(items: Sequence[Item]) -> str:
    lines = []
    for item in items:
        line = item.title + (f": {item.detail}" if item.detail else "")
        line += f" ({item.byline})" if item.byline else ""
        line += f" <{item.url}>" if item.url else ""
        lines.append(line)
    return "\n".join(lines)
