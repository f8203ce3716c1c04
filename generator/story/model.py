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
    # Their sessions in the programme, as one line: 'Opening keynote, 09:30\u201310:15'; '' if none.
    session: str = ""

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
class Session:
    """One session of the programme. `when` is its time as shown ('09:30\u201310:15', '09:30'
    or ''), `day` its day in the brief's language (its own, or the day of the session above),
    `keynote` whether its kind says so (kept first when a short document condenses)."""

    title: str
    time: str = ""  # 24-hour 'HH:MM' as written, or ''
    end: str = ""
    when: str = ""
    day: str = ""
    speakers: tuple[str, ...] = ()
    room: str = ""
    kind: str = ""
    keynote: bool = False
    loc: Loc = ()


@dataclass(frozen=True)
class Agenda:
    """The programme, whole: its title in the brief's language, its sessions in the order
    written and its speaker notes. `days` is True when sessions fall on more than one day
    (a table then needs a day column); `rooms` when any session names a room."""

    title: str
    sessions: tuple[Session, ...]
    notes: str = ""
    days: bool = False
    rooms: bool = False
    loc: Loc = ("agenda",)


@dataclass(frozen=True)
class Organisation:
    """A host, organiser or sponsor: `group` is 'hosts', 'organizers' or 'sponsors' (the brief's
    key), `role` what the brief says they did, `logo` their normalised logo (alt text: the name)."""

    name: str
    group: str
    role: str = ""
    url: str = ""
    logo: Picture | None = None
    loc: Loc = ()


@dataclass(frozen=True)
class Figure:
    """One of the event's key numbers: the value as printed large ('9') and what it counts."""

    value: str
    label: str
    loc: Loc = ()


@dataclass(frozen=True)
class Section:
    """One part of the story, whole; `kind` tells backends how to draw it. `items` are Facts
    (glance), People (speakers-overview), Items (priorities, takeaways, sources) or Sessions
    (the agenda, once `SectionKind` names it)."""

    kind: SectionKind
    title: str
    items: tuple[Fact, ...] | tuple[Person, ...] | tuple[Item, ...] | tuple[Session, ...] = ()
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
    """The whole plan: the event's meta and the sections in order, and our own words.

    `agenda` is the programme (None without one); until `SectionKind` names an agenda kind it
    is held here rather than among the sections. `organisations` are the hosts, then the
    organisers, then the sponsors, each in the brief's order, with their logos; `figures` the
    event's key numbers, for the glance."""

    meta: Meta
    sections: tuple[Section, ...]
    logo: Picture | None = None
    labels: Labels = field(default_factory=Labels)
    agenda: Agenda | None = None
    organisations: tuple[Organisation, ...] = ()
    figures: tuple[Figure, ...] = ()

    @property
    def logos(self) -> tuple[Organisation, ...]:
        """Return the organisations that have a logo, in order (the strip of logos)."""
        return tuple(o for o in self.organisations if o.logo is not None)

    def of_kind(self, kind: SectionKind) -> list[Section]:
        """Return the sections of one kind, in order."""
        return [s for s in self.sections if s.kind == kind]


