"""What the documents say and in what order: the plan every backend draws, decided once.

The story holds whole sections (every priority, every takeaway); how many go on one slide or
page is for each backend to decide, since only it can measure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.kinds import SectionKind as SectionKind  # plugins name kinds through the story
from generator.text import initials
from generator.words import keys, tags
from generator.words.fields import fill, literal

if TYPE_CHECKING:  # a story travels to render processes that never load the brief model
    from generator.brief.model import Brief, Speaker

# With this many speakers or more, the story gives an overview before the detail sections.
OVERVIEW_FROM = 4

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


# Every word briefgen writes itself, by label key, in English (generator/words/keys.py says
# where each appears). `{name}` fields are filled by Labels.text(), which only substitutes
# (words/fields.py: no conversion, format or look-up, whoever wrote the label). The story carries
# them in the brief's language; backends never write an English word of their own.
ENGLISH_LABELS: dict[str, str] = keys.english()


@dataclass(frozen=True)
class Labels:
    """Words of briefgen's own for backends to use, keyed as in ENGLISH_LABELS."""

    entries: tuple[tuple[str, str], ...] = tuple(ENGLISH_LABELS.items())
    # Counted labels ('and {count} more'): each plural form, and gettext's rule choosing one.
    plurals: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
        (key, (label.english, label.plural)) for key, label in keys.LABELS.items() if label.plural)
    plural_rule: str = "n != 1"

    def text(self, key: str, **fields: str) -> str:
        """Return the label `key` with its `{field}`s filled in; unknown keys are a bug."""
        return fill(self.text_of(key), fields)

    def count(self, key: str, count: int, **fields: str) -> str:
        """Return the counted label `key` in the plural form for `count`: 'and 3 more'."""
        forms = dict(self.plurals).get(key)
        if not forms:
            return self.text(key, count=str(count), **fields)
        form = min(gettext.c2py(self.plural_rule)(count), len(forms) - 1)
        return fill(forms[form], {"count": str(count), **fields})

    def own_words(self, key: str) -> str:
        """Return what the label `key` writes of its own, every plural form, without its fields
        (the fields are the brief's texts, checked where they are written)."""
        forms = dict(self.plurals).get(key) or (self.text_of(key),)
        return " ".join(literal(form) for form in forms)

    def text_of(self, key: str) -> str:
        """Return the label `key` as written, its `{fields}` unfilled."""
        template = dict(self.entries).get(key, ENGLISH_LABELS.get(key))
        if template is None:
            raise KeyError(f"no label '{key}'")
        return template

    def part_titles(self, title: str, count: int) -> list[str]:
        """Return unique titles for `count` slides or pages of one section: 'Speakers (2 of 3)'."""
        if count <= 1:
            return [title] * count
        return [self.text("part-title", title=title, n=str(n), count=str(count))
                for n in range(1, count + 1)]


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


@dataclass(frozen=True)
class Voice:
    """The brief's language as the story writes it: our words, its dates and its lists."""

    labels: Labels = field(default_factory=Labels)
    match: tags.Match = tags.Match("en", "en")

    def date(self, day: dt.date | None) -> str:
        """Return `day` as a cover in this language writes it, or '' when it is unknown."""
        from generator.words.formats import long_date

        return long_date(day, self.match) if day else ""

    def names(self, items: Sequence[str]) -> str:
        """Return names joined as one list in this language: 'A; B', 'A、B和C'."""
        from generator.words.formats import names

        return names(items, self.match)

    def comma(self, *parts: str | None) -> str:
        """Return the parts that are given as one line: 'Publisher, accessed 20 May 2024'."""
        given = [part for part in parts if part]
        line = given[0] if given else ""
        for part in given[1:]:
            line = self.labels.text("comma", first=line, second=part)
        return line


def voice_for(language: str = "en", *overrides: Mapping[str, str]) -> Voice:
    """Return the voice of a (checked) BCP 47 tag, each mapping of `overrides` winning over
    the catalogue and the ones before it (a theme's labels, then a brief's)."""
    from generator.words.catalogue import load

    match = tags.match(language)
    catalogue = load(match.catalogue)
    texts = dict(catalogue.texts)
    plurals = dict(catalogue.plurals)
    for mapping in overrides:
        texts.update(mapping)
        plurals.update({key: (text,) for key, text in mapping.items() if key in plurals})
    labels = Labels(tuple(texts.items()), tuple(plurals.items()), catalogue.plural_rule)
    return Voice(labels, match)


def build_story(brief: Brief, photos: dict[int, Picture] | None = None,
                logo: Picture | None = None, *, language: str | None = None,
                theme_labels: Mapping[str, str] | None = None) -> Story:
    """Return the story told by `brief` in its language (or `language`); `photos` maps speaker
    index to its picture, and `theme_labels` are the theme's words, which the brief's win over."""
    from generator.words.overrides import written

    voice = voice_for(language or brief.language, theme_labels or {}, written(brief.labels))
    say = voice.labels.text
    photos = photos or {}
    people = tuple(_person(i, s, photos.get(i), voice) for i, s in enumerate(brief.speakers))
    sections = [_cover(brief, voice), _glance(brief, voice), *_speaker_sections(people, voice)]
    sections += _list_section(SectionKind.PRIORITIES, say("priorities"), _priorities(brief, voice),
                              voice)
    takeaways = [Item(text, loc=("takeaways", i)) for i, text in enumerate(brief.takeaways)]
    sections += _list_section(SectionKind.TAKEAWAYS, say("takeaways"), takeaways, voice)
    sections += _list_section(SectionKind.SOURCES, say("sources"), _sources(brief, voice), voice)
    return Story(_meta(brief, voice), tuple(sections), logo, voice.labels)


def part_titles(title: str, count: int, labels: Labels | None = None) -> list[str]:
    """Return unique titles for `count` slides or pages of one section: 'Speakers (2 of 3)',
    in the words of `labels` (pass the story's)."""
    return (labels or Labels()).part_titles(title, count)


def role_line(title: str | None, organization: str | None, labels: Labels | None = None) -> str:
    """Return 'Deputy director, China Film Administration' from the parts that are given."""
    if title and organization:
        return (labels or Labels()).text("role", title=title, organization=organization)
    return title or organization or ""


def _meta(brief: Brief, voice: Voice) -> Meta:
    event = brief.event
    keywords = [event.short_name or "", *(p.title for p in brief.priorities)]
    hosts = tuple(h.name for h in brief.hosts)
    return Meta(
        title=event.title,
        subtitle=event.subtitle or "",
        short_name=event.short_name or (event.title if len(event.title) <= 40 else ""),
        date=voice.date(event.date),
        location=event.location or "",
        hosts=hosts,
        organizers=tuple(o.name for o in brief.organizers),
        keywords=tuple(k for k in keywords if k),
        summary=event.summary,
        language=voice.match.tag,
        hosts_line=voice.labels.text("hosts-line", names=voice.names(hosts)) if hosts else "",
        cjk_region=cjk_region(voice.match),
    )


# ISO 15924 scripts that write Han characters: a catalogue written in one is a CJK region's.
_HAN_SCRIPTS = frozenset({"Hani", "Hans", "Hant", "Jpan", "Kore"})


def cjk_region(match: tags.Match) -> str:
    """Return the CJK region of a matched language: its catalogue ('zh-Hans', 'zh-Hant', 'ja',
    'ko') when that is written with Han characters, else ''."""
    return match.catalogue if _HAN_SCRIPTS & set(tags.CATALOGUES[match.catalogue]) else ""


def _person(index: int, speaker: Speaker, photo: Picture | None, voice: Voice) -> Person:
    role = role_line(speaker.title, speaker.organization, voice.labels)
    if photo is not None:  # its alt text says who it shows, in the brief's language
        who = voice.comma(speaker.name, role)
        photo = dataclasses.replace(photo, alt=voice.labels.text("photo-alt", name=who))
    return Person(
        name=speaker.name,
        role=role,
        topic=speaker.topic or "",
        points=tuple(speaker.points),
        quote=speaker.quote or "",
        notes=speaker.notes or "",
        initials=initials(speaker.name),
        photo=photo,
        loc=("speakers", index),
    )


def _cover(brief: Brief, voice: Voice) -> Section:
    event = brief.event
    when_where = " · ".join(p for p in (voice.date(event.date), event.location or "") if p)
    notes = brief.notes or event.summary
    return Section(SectionKind.COVER, event.title, text=when_where, notes=notes, loc=("event",))


def _glance(brief: Brief, voice: Voice) -> Section:
    facts = glance_facts(brief, voice)
    fact = voice.labels.text
    notes_lines = [brief.event.summary] + [fact("fact", label=f.label, value=f.value) for f in facts]
    return Section(SectionKind.GLANCE, fact("glance"), items=tuple(facts), text=brief.event.summary,
                   notes="\n".join(notes_lines), loc=("event", "summary"))


def glance_facts(brief: Brief, voice: Voice | None = None) -> list[Fact]:
    """Return the key facts that are known: when, where, hosted by, organised by, attended."""
    voice = voice or voice_for()
    say = voice.labels.text
    event = brief.event
    facts = []
    if event.date:
        facts.append(Fact(say("when"), voice.date(event.date), ("event", "date")))
    if event.location:
        facts.append(Fact(say("where"), event.location, ("event", "location")))
    if brief.hosts:
        facts.append(Fact(say("hosted-by"), voice.names([h.name for h in brief.hosts]), ("hosts",)))
    if brief.organizers:
        facts.append(Fact(say("organized-by"), voice.names([o.name for o in brief.organizers]),
                          ("organizers",)))
    if brief.participants:
        facts.append(Fact(say("attended"), voice.names(brief.participants), ("participants",)))
    return facts


def _speaker_sections(people: tuple[Person, ...], voice: Voice) -> list[Section]:
    """Return an overview of everyone (when there are several), then a section per speaker
    with something to say."""
    if not people:
        return []
    sections = []
    if len(people) >= OVERVIEW_FROM:
        notes = "\n".join(p.notes_line for p in people)
        sections.append(Section(SectionKind.SPEAKERS_OVERVIEW, voice.labels.text("speakers"),
                                items=people, notes=notes, loc=("speakers",)))
    for person in people:
        if person.points or person.quote or person.topic or len(people) < OVERVIEW_FROM:
            sections.append(Section(SectionKind.SPEAKER, person.name,
                                    notes=_speaker_notes(person, voice.labels),
                                    person=person, loc=person.loc))
    return sections


def _speaker_notes(person: Person, labels: Labels) -> str:
    if person.notes:
        return person.notes
    lines = [person.notes_line, *person.points]
    if person.quote:
        lines.append(labels.text("quote", quote=person.quote))
    return "\n".join(lines)


def _priorities(brief: Brief, voice: Voice) -> list[Item]:
    raised = voice.labels.text
    return [Item(p.title, p.detail or "", raised("raised-by", name=p.raised_by) if p.raised_by else "",
                 loc=("priorities", i))
            for i, p in enumerate(brief.priorities)]


def _sources(brief: Brief, voice: Voice) -> list[Item]:
    items = []
    for i, source in enumerate(brief.sources):
        accessed = voice.date(source.accessed)
        byline = voice.comma(source.publisher,
                             voice.labels.text("accessed", date=accessed) if accessed else "")
        items.append(Item(source.title, byline=byline, url=source.url or "", loc=("sources", i)))
    return items


def _notes_line(item: Item, labels: Labels) -> str:
    """Return an item in one line of speaker notes: 'title: detail (byline) <url>'."""
    line = labels.text("fact", label=item.title, value=item.detail) if item.detail else item.title
    line = labels.text("aside", text=line, aside=item.byline) if item.byline else line
    return line + (f" <{item.url}>" if item.url else "")


def _list_section(kind: SectionKind, title: str, items: Sequence[Item],
                  voice: Voice) -> list[Section]:
    """Return the section holding every item of one list, or nothing when the list is empty."""
    if not items:
        return []
    notes = "\n".join(_notes_line(item, voice.labels) for item in items)
    return [Section(kind, title, items=tuple(items), notes=notes, loc=(kind.value,))]
