"""What the handout shows, gathered from the story: one entry per session, person, priority and
source, the key figures, and the organisations' logos."""

from __future__ import annotations

from dataclasses import dataclass

from generator.story import (
    Fact,
    Figure,
    Item,
    Labels,
    Loc,
    Meta,
    Organisation,
    Person,
    Picture,
    Section,
    SectionKind,
    Session,
    Story,
)
from generator.typeset import scripts


@dataclass(frozen=True)
class Part:
    """One list on the handout: its heading, where it lives in the brief, and its entries."""

    key: str
    title: str
    loc: Loc
    # people for 'speakers', sessions for 'agenda', items for the other lists
    entries: tuple[Person | Item | Session, ...]


@dataclass(frozen=True)
class Handout:
    """The condensed story the handout draws: header facts, summary and the lists."""

    meta: Meta
    summary: str
    facts: tuple[Fact, ...]
    parts: tuple[Part, ...]
    logo: Picture | None
    labels: Labels = Labels()  # the story's words: the notes panel's, the footer's
    figures: tuple[Figure, ...] = ()  # the event's key numbers, above the key facts
    logos: tuple[Organisation, ...] = ()  # the organisations with a logo, in the strip's order

    @property
    def rtl(self) -> bool:
        """Return whether the story's language reads right to left: the page is then mirrored."""
        return scripts.rtl_language(self.meta.language or "en")

    def part(self, key: str) -> Part | None:
        """Return the list called `key` ('speakers', 'priorities', ...) or None when absent."""
        return next((p for p in self.parts if p.key == key), None)


# The lists in the order the deck tells them; facts come first, in their own panel. Each
# list's heading is its first section's title, the speakers' the label 'speakers' (their
# sections are titled by name).
_LIST_KINDS: tuple[tuple[str, tuple[SectionKind, ...]], ...] = (
    ("agenda", (SectionKind.AGENDA,)),
    ("speakers", (SectionKind.SPEAKERS_OVERVIEW, SectionKind.SPEAKER)),
    ("priorities", (SectionKind.PRIORITIES,)),
    ("takeaways", (SectionKind.TAKEAWAYS,)),
    ("sources", (SectionKind.SOURCES,)),
)


# The facts whose value joins the names of a list: each name is checked at its own entry.
_NAMED_FACTS = (("hosts",), ("organizers",))

# Every label whose words reach the page, drawn here or inside the story's texts the handout
# shows (tests/test_hostile_labels.py fails when another one does).
DRAWN_LABELS = (
    "speakers", "priorities", "takeaways", "sources", "organized-by", "attended", "hosts-line",
    "raised-by", "accessed", "comma", "role", "notes-panel", "made-with", "list-count",
    "more-speakers", "more-sources", "agenda", "agenda-time", "agenda-session", "and-more", "time-span",
)


def gather(story: Story) -> Handout:
    """Return the handout's content: every section of the story, each list joined into one."""
    glance = story.of_kind(SectionKind.GLANCE)
    summary = glance[0].text if glance else story.meta.summary
    facts = tuple(f for f in glance[0].items if isinstance(f, Fact)) if glance else ()
    parts = []
    for key, kinds in _LIST_KINDS:
        sections = [s for s in story.sections if s.kind in kinds]
        if not sections:
            continue
        entries = _people(sections) if key == "speakers" else _items(sections)
        title = story.labels.text("speakers") if key == "speakers" else sections[0].title
        parts.append(Part(key, title, (key,), entries))
    return Handout(story.meta, summary, facts, tuple(parts), story.logo, story.labels,
                   story.figures, story.logos)


def _people(sections: list[Section]) -> tuple[Person, ...]:
    """Return each speaker once, in brief order, from overview and detail sections alike."""
    found: dict[Loc, Person] = {}
    for section in sections:
        if section.kind == SectionKind.SPEAKERS_OVERVIEW:
            people = [p for p in section.items if isinstance(p, Person)]
        else:
            people = [section.person] if section.person is not None else []
        for person in people:
            found.setdefault(tuple(person.loc), person)
    return tuple(found[loc] for loc in sorted(found, key=lambda loc: loc[1:]))


def _items(sections: list[Section]) -> tuple[Item | Session, ...]:
    """Return the items (or the programme's sessions) of a list's sections, in order."""
    return tuple(item for section in sections for item in section.items
                 if isinstance(item, Item | Session))


def field_texts(handout: Handout) -> list[tuple[Loc, str]]:
    """Return every text the handout draws with the brief field it comes from."""
    meta = handout.meta
    texts: list[tuple[Loc, str]] = [
        (("event", "title"), meta.title), (("event", "subtitle"), meta.subtitle),
        (("event", "location"), meta.location), (("event", "summary"), handout.summary)]
    # Hosts and organisers are named one by one, each at its entry, not as the joined fact.
    texts += [(("hosts", i, "name"), name) for i, name in enumerate(meta.hosts)]
    texts += [(("organizers", i, "name"), name) for i, name in enumerate(meta.organizers)]
    texts += [(fact.loc, fact.value) for fact in handout.facts if fact.loc not in _NAMED_FACTS]
    for figure in handout.figures:
        texts += [((*figure.loc, "value"), figure.value), ((*figure.loc, "label"), figure.label)]
    for part in handout.parts:
        for entry in part.entries:
            texts += _entry_texts(entry)
    return [(loc, text) for loc, text in texts if text]


def drawn_texts(handout: Handout) -> list[tuple[Loc, str]]:
    """Return every text the handout draws, with where it is written: the brief's fields, and
    the words of each label it draws at `('labels', key)`."""
    labels = [(("labels", key), handout.labels.own_words(key)) for key in DRAWN_LABELS]
    return field_texts(handout) + [(loc, text) for loc, text in labels if text.strip()]


def _entry_texts(entry: Person | Item | Session) -> list[tuple[Loc, str]]:
    """Return the texts of one list entry, each with the brief field it comes from."""
    loc = tuple(entry.loc)
    if isinstance(entry, Session):
        return [(loc + ("title",), entry.title), (loc + ("time",), entry.when),
                (loc + ("day",), entry.day), (loc + ("room",), entry.room),
                *((loc + ("speakers", i), name) for i, name in enumerate(entry.speakers))]
    if isinstance(entry, Person):
        return [(loc + ("name",), entry.name), (loc, entry.role), (loc + ("topic",), entry.topic)]
    fields = [(loc + ("title",), entry.title), (loc + ("detail",), entry.detail),
              (loc, entry.byline)]
    if loc[:1] == ("takeaways",):
        fields[0] = (loc, entry.title)  # a takeaway is a bare string in the brief: no 'title' key
    return fields
