"""A Markdown summary of the brief, for email, wikis and chat.

It opens with YAML front matter naming its language and title (`lang:` is what pandoc, Hugo
and Jekyll read), and every word of its own comes from the story's labels.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import BinaryIO, ClassVar

from generator.backends.base import Notice
from generator.story import Agenda, Fact, Item, Labels, Organisation, Person, Section, Story
from generator.theme.model import Theme

# Characters that turn text into Markdown or HTML structure anywhere in a line ...
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# ... and those that do so only at the start of a line (headings, lists, quotes).
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+(?=[.)]))", re.MULTILINE)
# Stand-ins for a fact's label and value, to split the words of the 'fact' label around them.
_LABEL, _VALUE = "\x00", "\x01"
# Leads a fact's value that is Markdown already (linked names), never brief text: the model
# refuses control characters in text.
_MARKDOWN = "\x02"


def escape(text: str) -> str:
    """Return `text` with Markdown and HTML syntax escaped, so it renders literally."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), text)
    return text.replace("\n", "  \n")


def _escape_start(token: str) -> str:
    """Return a line-start token escaped: a number gets a backslash after it, a symbol before."""
    return token + "\\" if token.isdigit() else "\\" + token


def link(text: str, url: str) -> str:
    """Return a Markdown link; the model admits only http, https and mailto addresses."""
    safe_url = url.replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
    return f"[{escape(text)}](<{safe_url}>)"


class MarkdownBackend:
    """Writes the story as CommonMark: headings, lists and links, no raw HTML."""

    name: ClassVar[str] = "md"
    suffix: ClassVar[str] = ".md"
    description: ClassVar[str] = "Markdown summary for email, wikis and chat"

    # The Backend protocol hands every backend a theme; plain Markdown has nothing to style.
    def render(self, story: Story, theme: Theme, out: BinaryIO) -> list[Notice]:  # noqa: ARG002
        """Write the Markdown summary of `story` to `out` as UTF-8; return no notices."""
        out.write(("\n".join(self.lines(story)).rstrip() + "\n").encode("utf-8"))
        return []

    def lines(self, story: Story) -> list[str]:
        """Return the document's lines, without line ends."""
        meta = story.meta
        lines = [*front_matter(story), f"# {escape(meta.title)}", ""]
        if meta.subtitle:
            lines += [f"*{escape(meta.subtitle)}*", ""]
        seen_titles: set[str] = set()
        for section in story.sections:
            if section.kind == "glance":
                section = _linked_glance(section, story.organisations)
            lines += _section(section, seen_titles, story.labels)
            if section.kind == "glance":  # the figures and the programme follow the glance
                lines += figures(story) + agenda(story.agenda, story.labels)
        return lines


# The glance's facts that name organisations, by the brief key of their organisations.
_ORGANISATION_FACTS = ("hosts", "organizers", "sponsors")


def _linked_glance(section: Section, organisations: tuple[Organisation, ...]) -> Section:
    """Return the glance with each organisation fact's names linked where they have a url
    (the fact's value then holds Markdown, marked by a leading `_MARKDOWN` that `labelled`
    strips); the names keep the list's own separators, in the story's language."""
    facts = []
    for fact in _facts(section):
        group = fact.loc[0] if len(fact.loc) == 1 else ""
        linked = [o for o in organisations if o.group == group and o.url]
        if group in _ORGANISATION_FACTS and linked:
            fact = Fact(fact.label, _MARKDOWN + _with_links(fact.value, linked), fact.loc)
        facts.append(fact)
    return Section(section.kind, section.title, tuple(facts), section.text, section.notes,
                   section.person, section.loc)


def _with_links(names: str, linked: list[Organisation]) -> str:
    """Return the joined `names` escaped, each linked organisation's name a link: the longest
    first, through stand-ins, so a name inside another is never linked twice."""
    text = escape(names)
    ordered = sorted(linked, key=lambda o: len(o.name), reverse=True)
    for n, organisation in enumerate(ordered):
        text = text.replace(escape(organisation.name), f"\x03{n}\x03", 1)
    for n, organisation in enumerate(ordered):
        text = text.replace(f"\x03{n}\x03", link(organisation.name, organisation.url))
    return text


def figures(story: Story) -> list[str]:
    """Return the key figures as a list under their heading: '- **9** keynote speeches'."""
    if not story.figures:
        return []
    lines = [f"## {escape(story.labels.text('figures'))}", ""]
    lines += [f"- **{escape(f.value)}** {escape(f.label)}" for f in story.figures]
    return lines + [""]


def agenda(programme: Agenda | None, labels: Labels) -> list[str]:
    """Return the programme as a table with a header row: day (over several days), time,
    session, speakers and room (where any session names one)."""
    if programme is None:
        return []
    sessions = programme.sessions
    columns = [("agenda-day", programme.days), ("agenda-time", any(s.when for s in sessions)),
               ("agenda-session", True), ("speakers", any(s.speakers for s in sessions)),
               ("agenda-room", programme.rooms)]
    shown = [key for key, wanted in columns if wanted]
    lines = [f"## {escape(programme.title)}", "",
             _row([escape(labels.text(key)) for key in shown]), _row(["---"] * len(shown))]
    day = ""
    for session in sessions:
        title = escape(_one_line(session.title))
        if session.kind:
            title += _aside(labels, _one_line(session.kind))
        cells = {"agenda-day": escape(_one_line(session.day)) if session.day != day else "",
                 "agenda-time": escape(session.when), "agenda-session": title,
                 "speakers": escape(_one_line("; ".join(session.speakers))),
                 "agenda-room": escape(_one_line(session.room))}
        day = session.day
        lines.append(_row([cells[key] for key in shown]))
    return lines + [""]


def _row(cells: list[str]) -> str:
    """Return one row of a pipe table."""
    return "| " + " | ".join(cells) + " |"


def _one_line(text: str) -> str:
    """Return `text` on one line: a table cell cannot hold a line break."""
    return " ".join(text.split())


def front_matter(story: Story) -> list[str]:
    """Return the YAML front matter: the language tag and the title (quoted as JSON, which
    YAML reads as it is, whatever the title holds)."""
    title = json.dumps(story.meta.title, ensure_ascii=False)
    return ["---", f"lang: {story.meta.language}", f"title: {title}", "---", ""]


def labelled(labels: Labels, label: str, value: str) -> str:
    """Return 'label: value' in the story's words, the label and its colon in bold:
    '**When:** 17 May 2024', '**时间：**2024年5月17日', '**Date\u00a0:** 17 mai 2024'."""
    template = labels.text("fact", label=_LABEL, value=_VALUE)
    head, _, tail = template.partition(_VALUE)
    bold = escape(head.rstrip(" ").replace(_LABEL, label))
    shown = value[1:] if value.startswith(_MARKDOWN) else escape(value)
    return f"**{bold}**" + (" " if head.endswith(" ") else "") + shown + escape(tail)


def _aside(labels: Labels, aside: str) -> str:
    """Return what the 'aside' label puts after a text, in italics: ' *(Raised by X)*'."""
    after = labels.text("aside", text=_LABEL, aside=_VALUE).partition(_LABEL)[2]
    words = escape(after.strip(" ")).replace(_VALUE, escape(aside))
    return (" " if after.startswith(" ") else "") + f"*{words}*"


def _section(section: Section, seen: set[str], labels: Labels) -> list[str]:
    """Return the lines for one section; the overview and each speaker share one heading."""
    render = _RENDERERS.get(section.kind)
    if render is None:
        return []
    heading = section.title
    lines: list[str] = []
    if section.kind == "speaker":
        heading = labels.text("speakers")
    if section.kind != "cover" and heading not in seen:
        seen.add(heading)
        lines += [f"## {escape(heading)}", ""]
    return lines + render(section, labels)


def _facts(section: Section) -> list[Fact]:
    """Return the facts of a glance section."""
    return [f for f in section.items if isinstance(f, Fact)]


def _people(section: Section) -> list[Person]:
    """Return the people of a speakers-overview section."""
    return [p for p in section.items if isinstance(p, Person)]


def _entries(section: Section) -> list[Item]:
    """Return the items of a priorities, takeaways or sources section."""
    return [i for i in section.items if isinstance(i, Item)]


def _cover(section: Section, _labels: Labels) -> list[str]:
    """Return the cover's lead paragraph, if it has one."""
    return [escape(section.text), ""] if section.text else []


def _glance(section: Section, labels: Labels) -> list[str]:
    """Return the summary paragraph and the key facts as a bold-labelled list."""
    lines = [escape(section.text), ""]
    lines += [f"- {labelled(labels, f.label, f.value)}" for f in _facts(section)]
    return lines + [""]


def _overview(section: Section, _labels: Labels) -> list[str]:
    """Return one list line per speaker: name in bold, role and topic."""
    lines = []
    for person in _people(section):
        parts = [f"**{escape(person.name)}**"]
        parts += [escape(p) for p in (person.role, person.topic) if p]
        lines.append("- " + " — ".join(parts))
    return lines + [""]


def _speaker(section: Section, labels: Labels) -> list[str]:
    """Return a speaker's heading, role, topic, points and quote."""
    person = section.person
    if person is None:
        return []
    lines = [f"### {escape(person.name)}", ""]
    if person.role:
        lines += [f"*{escape(person.role)}*", ""]
    if person.topic:
        lines += [labelled(labels, labels.text("topic"), person.topic), ""]
    lines += [f"- {escape(p)}" for p in person.points]
    if person.points:
        lines.append("")
    if person.quote:
        lines += [f"> {escape(person.quote)}", ""]
    return lines


def _priorities(section: Section, labels: Labels) -> list[str]:
    """Return the priorities numbered as in the brief, each a paragraph of its own."""
    lines: list[str] = []
    for item in _entries(section):
        index = item.loc[1] if len(item.loc) > 1 else None
        number = index + 1 if isinstance(index, int) else len(lines) + 1
        text = f"{number}\\. **{escape(item.title)}**"
        text += f" — {escape(item.detail)}" if item.detail else ""
        text += _aside(labels, item.byline) if item.byline else ""
        lines.append(text)
        lines.append("")
    return lines


def _bullets(section: Section, _labels: Labels) -> list[str]:
    """Return the items' titles as a bulleted list."""
    return [f"- {escape(item.title)}" for item in _entries(section)] + [""]


def _sources(section: Section, _labels: Labels) -> list[str]:
    """Return the sources as a list of links, each followed by its address and publisher."""
    lines = []
    for item in _entries(section):
        # The address is printed too, so a title that names another site cannot mislead.
        title = f"{link(item.title, item.url)} <{item.url}>" if item.url else escape(item.title)
        lines.append(f"- {title}" + (f", {escape(item.byline)}" if item.byline else ""))
    return lines + [""]


_RENDERERS: dict[str, Callable[[Section, Labels], list[str]]] = {
    "cover": _cover,
    "glance": _glance,
    "speakers-overview": _overview,
    "speaker": _speaker,
    "priorities": _priorities,
    "takeaways": _bullets,
    "sources": _sources,
}
