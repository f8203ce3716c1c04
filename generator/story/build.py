"""The story told by a brief: which sections, in what order, what each says.

The story holds whole sections (every priority, every takeaway); how many go on one slide or
page is for each backend to decide, since only it can measure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from generator.kinds import SectionKind
from generator.story.agenda import agenda_of, sessions_of
from generator.story.labels import Labels, Voice, cjk_region, role_line, voice_for
from generator.story.model import Fact, Figure, Item, Loc, Meta, Person, Picture, Section, Story
from generator.story.organisations import figures_notes, figures_of, organisations_of
from generator.text import initials

if TYPE_CHECKING:  # a story travels to render processes that never load the brief model
    from generator.brief.model import Brief, Speaker

# With this many speakers or more, the story gives an overview before the detail sections.
OVERVIEW_FROM = 4


def build_story(brief: Brief, photos: dict[int, Picture] | None = None,
                logo: Picture | None = None, *, language: str | None = None,
                theme_labels: Mapping[str, str] | None = None,
                logos: Mapping[Loc, Picture] | None = None) -> Story:
    """Return the story told by `brief` in its language (or `language`); `photos` maps speaker
    index to its picture, `logos` an organisation's brief path ('sponsors', 2) to its logo, and
    `theme_labels` are the theme's words, which the brief's win over."""
    from generator.words.overrides import written

    voice = voice_for(language or brief.language, theme_labels or {}, written(brief.labels))
    say = voice.labels.text
    photos = photos or {}
    agenda = agenda_of(brief, voice)
    sessions = sessions_of(agenda, voice)
    people = tuple(_person(i, s, photos.get(i), voice, sessions.get(s.name, ""))
                   for i, s in enumerate(brief.speakers))
    figures = figures_of(brief)
    sections = [_cover(brief, voice), _glance(brief, voice, figures)]
    if agenda is not None:  # the programme, after the glance: its sessions, read out in the notes
        sections.append(Section(SectionKind.AGENDA, agenda.title, items=agenda.sessions,
                                notes=agenda.notes, loc=agenda.loc))
    sections += _speaker_sections(people, voice)
    sections += _list_section(SectionKind.PRIORITIES, say("priorities"), _priorities(brief, voice),
                              voice)
    takeaways = [Item(text, loc=("takeaways", i)) for i, text in enumerate(brief.takeaways)]
    sections += _list_section(SectionKind.TAKEAWAYS, say("takeaways"), takeaways, voice)
    sections += _list_section(SectionKind.SOURCES, say("sources"), _sources(brief, voice), voice)
    return Story(_meta(brief, voice), tuple(sections), logo, voice.labels, agenda,
                 organisations_of(brief, logos or {}), figures)


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


def _person(index: int, speaker: Speaker, photo: Picture | None, voice: Voice,
            session: str = "") -> Person:
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
        session=session,
    )


def _cover(brief: Brief, voice: Voice) -> Section:
    event = brief.event
    when_where = " · ".join(p for p in (voice.date(event.date), event.location or "") if p)
    notes = brief.notes or event.summary
    return Section(SectionKind.COVER, event.title, text=when_where, notes=notes, loc=("event",))


def _glance(brief: Brief, voice: Voice, figures: tuple[Figure, ...] = ()) -> Section:
    facts = glance_facts(brief, voice)
    fact = voice.labels.text
    notes_lines = [brief.event.summary] + [fact("fact", label=f.label, value=f.value) for f in facts]
    notes_lines += figures_notes(figures, voice)
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
    if brief.sponsors:
        facts.append(Fact(say("sponsored-by"), voice.names([s.name for s in brief.sponsors]),
                          ("sponsors",)))
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
    lines = [person.notes_line, *([person.session] if person.session else []), *person.points]
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
