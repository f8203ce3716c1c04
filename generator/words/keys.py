"""The label keys: every word briefgen writes itself, in English, with what each is for.

Pure data, imported by the story in render processes and by the brief's model: no gettext,
no Babel, no pydantic here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    """One label: its English text (the gettext msgid), where it appears and its `{fields}`."""

    english: str
    says: str
    fields: tuple[str, ...] = ()
    plural: str = ""  # the English plural form of a counted label ('and {count} more')


# Keys are kebab-case, the same in a brief's `labels:` and a theme's `defaults: briefgen:
# labels:`. The order is the order of the catalogues and of the README's table.
LABELS: dict[str, Label] = {
    "glance": Label("At a glance", "heading of the summary and key facts"),
    "speakers": Label("Speakers", "heading of the speakers"),
    "priorities": Label("Priorities", "heading of the priorities"),
    "takeaways": Label("Key takeaways", "heading of the takeaways"),
    "sources": Label("Sources", "heading of the sources"),
    "when": Label("When", "key fact: the date"),
    "where": Label("Where", "key fact: the place"),
    "hosted-by": Label("Hosted by", "key fact: who hosted the event"),
    "organized-by": Label("Organised by", "key fact: who organised it"),
    "attended": Label("Attended", "key fact: the groups that attended"),
    "hosts-line": Label("Hosted by {names}", "the line naming the hosts on the cover and the "
                        "handout's header", ("names",)),
    "raised-by": Label("Raised by {name}", "under a priority: the speaker who raised it",
                       ("name",)),
    "accessed": Label("accessed {date}", "after a source: when it was read", ("date",)),
    "part-title": Label("{title} ({n} of {count})", "the title of a section continued over "
                        "several slides", ("title", "n", "count")),
    "fact": Label("{label}: {value}", "a labelled value in speaker notes and the Markdown "
                  "summary", ("label", "value")),
    "aside": Label("{text} ({aside})", "a remark after a text in speaker notes",
                   ("text", "aside")),
    "comma": Label("{first}, {second}", "two parts of one line: a source's publisher and "
                   "when it was read, a name and a role", ("first", "second")),
    "role": Label("{title}, {organization}", "a speaker's title and organisation",
                  ("title", "organization")),
    "quote": Label("Quote: \u201c{quote}\u201d", "a speaker's quote in the speaker notes",
                   ("quote",)),
    "topic": Label("Topic", "before a speaker's topic in the Markdown summary"),
    "notes-panel": Label("Notes", "the handout's panel for the reader's own notes"),
    "made-with": Label("Made with briefgen", "the handout's footer"),
    "script-title": Label("Speaker notes: {title}", "the presenter's script: its title, on its "
                          "first page and in the viewer's title bar", ("title",)),
    "script-slide": Label("Slide {number}", "the presenter's script: above each slide's title",
                          ("number",)),
    "script-no-notes": Label("No notes for this slide", "the presenter's script: a slide "
                             "without speaker notes"),
    "photo-alt": Label("Photo of {name}", "alt text of a speaker's photo", ("name",)),
    "initials-alt": Label("Initials of {name}", "alt text of a speaker's initials badge",
                          ("name",)),
    "number-alt": Label("Number {number}", "alt text of a numbered badge", ("number",)),
    "and-more": Label("and {count} more", "after a list cut short", ("count",),
                      plural="and {count} more"),
    "more-speakers": Label("and {count} more speaker \u2014 see the deck", "under the handout's "
                           "speakers when not all fit on the page", ("count",),
                           plural="and {count} more speakers \u2014 see the deck"),
    "more-sources": Label("and {count} more source \u2014 see the deck", "under the handout's "
                          "sources when not all fit on the page", ("count",),
                          plural="and {count} more sources \u2014 see the deck"),
    "list-count": Label("{title} ({count})", "a handout heading over a list it shortened: how "
                        "many there are in all", ("title", "count")),
    "agenda": Label("Programme", "heading of the event's programme (the agenda)"),
    "agenda-day": Label("Day", "the programme table: heading of the day column"),
    "agenda-time": Label("Time", "the programme table: heading of the time column"),
    "agenda-session": Label("Session", "the programme table: heading of the session column"),
    "agenda-room": Label("Room", "the programme table: heading of the room column"),
    "time-span": Label("{start}\u2013{end}", "a session's start and end times", ("start", "end")),
    "sponsored-by": Label("Sponsored by", "key fact: who sponsored the event"),
    "figures": Label("Key figures", "heading of the event's key numbers"),
}


def english() -> dict[str, str]:
    """Return every label's English text by key (a counted label's plural form, as the
    catalogues give it when no count chooses one)."""
    return {key: label.plural or label.english for key, label in LABELS.items()}
