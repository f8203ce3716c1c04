"""The flowing part of the handout: key facts, programme, speakers, priorities, takeaways and
sources."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph, TableStyle

from generator.backends.handout.codes import Coded, code_size
from generator.backends.handout.condense import FULL, PROGRAMME_COUNTED, PROGRAMME_KEYNOTES, Cut
from generator.backends.handout.content import Handout, Part
from generator.backends.handout.figures import figure_rows
from generator.backends.handout.flowables import FactsTable, Marked, SectionHeading, table_furniture
from generator.backends.handout.names import name_rows
from generator.backends.handout.programme import programme
from generator.backends.handout.text import (
    URI_SAFE,
    Sizes,
    colored,
    link,
    safe_url,
    style,
)
from generator.pdftags.marks import (
    Tag,
)
from generator.story import Item, Labels, Loc, Person
from generator.theme.model import Theme
from generator.typeset import fonts, measure
from generator.typeset.paragraphs import markup, paragraph

# Facts the header band already shows; the panel lists only the others.
HEADER_FACTS = {("event", "date"), ("event", "location"), ("hosts",)}
# How each list is numbered, for the structure tree's L elements (PDF ListNumbering).
NUMBERING = {"priorities": "Decimal", "takeaways": "Square"}


@dataclass(frozen=True)
class Entry:
    """The flowables of one brief field, with its location, so overflow can name what to shorten."""

    part: str
    loc: Loc
    flowables: tuple[Flowable, ...]


def flow(handout: Handout, theme: Theme, sizes: Sizes, width: float,
         cut: Cut = FULL) -> list[Entry]:
    """Return the column content in reading order, as entries that know where they come from,
    with the lists condensed as `cut` says."""
    entries = _facts(handout, theme, sizes, width)
    region, rtl = handout.meta.cjk_region, handout.rtl
    for part in handout.parts:
        title = part.title
        if (part.key == "speakers" and cut.names_only) or _shortened(part, cut):
            title = handout.labels.text("list-count", title=title, count=str(len(part.entries)))
        # The outline names the section as the deck does; the page's heading adds the count.
        heading = SectionHeading(markup(title, theme.heading, bold=True, region=region), theme,
                                 sizes, part.title, part.key, rtl)
        if part.key == "agenda":
            rows = programme(part, theme, sizes, width, cut, handout.labels, region, rtl)
            first, *rest = [Entry(part.key, loc, flowables) for loc, flowables in rows] or [
                Entry(part.key, part.loc, ())]  # counted, with no days or times to show
        else:
            first, *rest = _part_entries(part, theme, sizes, width, cut, handout.labels, region,
                                         rtl)
        entries.append(Entry(part.key, first.loc, (heading, *first.flowables)))
        entries.extend(rest)
    return entries


def _shortened(part: Part, cut: Cut) -> bool:
    """Return whether `cut` lists fewer of this part's entries than it has."""
    if part.key == "agenda":
        return cut.programme in (PROGRAMME_KEYNOTES, PROGRAMME_COUNTED)
    shown = {"speakers": cut.speakers, "sources": cut.sources}.get(part.key)
    return shown is not None and shown < len(part.entries)


def _part_entries(part: Part, theme: Theme, sizes: Sizes, width: float, cut: Cut,
                  labels: Labels, region: str, rtl: bool = False) -> list[Entry]:
    """Return one entry per person or item of a list (or per row of names), each kept whole
    where it is short, and a line counting the entries left out; `region` is the CJK region
    of the story's language, `rtl` whether it reads right to left."""
    shown = tuple(e for e in part.entries if isinstance(e, Person | Item))  # sessions: programme.py
    limit = {"speakers": cut.speakers, "sources": cut.sources}.get(part.key)
    if limit is not None:
        shown = shown[:limit]
    # Each list is one L element of the structure tree; each entry an LI with its body.
    listed = Tag("L", attributes=(("O", "List"), ("ListNumbering", NUMBERING.get(part.key, "None"))))
    if part.key == "speakers" and cut.names_only:
        people = [p for p in shown if isinstance(p, Person)]
        rows = name_rows(people, theme, sizes, width, region, listed, rtl)
        entries = [Entry(part.key, loc, (row,)) for loc, row in rows]
    else:
        entries = []
        codes = (len(shown) if cut.codes is None else cut.codes) if theme.source_codes else 0
        for n, entry in enumerate(shown, 1):
            flowable = _entry_flowable(part.key, n, entry, theme, sizes, region, cut.topics, rtl)
            _tag_entry(flowable, Tag("LI", listed))
            if part.key == "sources" and codes > 0 and isinstance(entry, Item) and safe_url(entry.url):
                flowable = _coded(flowable, entry, theme, sizes, rtl)
                codes -= 1
            flowable.keep_whole = True  # read by onepage.pack: move short entries, do not split them
            entries.append(Entry(part.key, tuple(entry.loc), (flowable,)))
    left_out = len(part.entries) - len(shown)
    if left_out:
        key = "more-speakers" if part.key == "speakers" else "more-sources"
        more = _more(labels.count(key, left_out), theme, sizes, region, rtl)
        entries.append(Entry(part.key, (part.key,), (more,)))
    return entries


def _tag_entry(flowable: Flowable, item: Tag) -> None:
    """Tag a list entry's flowable as the body of the list item `item` (a numbered or bulleted
    entry's marker as its label)."""
    body = Tag("LBody", item)
    if isinstance(flowable, Marked):
        flowable.label_tag = Tag("Lbl", item)
        flowable.para.tag = body
    else:
        flowable.tag = body


def _coded(para: Paragraph, item: Item, theme: Theme, sizes: Sizes, rtl: bool = False) -> Flowable:
    """Return a source's paragraph with the QR code of its address (as its link opens it); in
    the structure, the code is a figure whose alternative text names the page it opens."""
    address = quote(safe_url(item.url), safe=URI_SAFE)
    body = para.tag
    para.tag = Tag("P", body)
    alt = f"{item.title}: {safe_url(item.url)}" if item.title else safe_url(item.url)
    return Coded(para, address, code_size(sizes), sizes.space(1.2), theme.palette.background,
                 sizes.space(1.0), Tag("Figure", body, alt=alt), rtl)


def _more(text: str, theme: Theme, sizes: Sizes, region: str, rtl: bool = False) -> Flowable:
    """Return the line that counts what a list leaves out and says where it is."""
    pal = theme.palette
    return paragraph(markup(text, theme.body, italic=True, region=region),
                     style("more", theme, sizes.small, pal.muted, space_after=sizes.space(0.6),
                           rtl=rtl),
                     Tag("P"))


def _entry_flowable(key: str, n: int, entry: Person | Item, theme: Theme, sizes: Sizes,
                    region: str, topics: bool = True, rtl: bool = False) -> Flowable:
    """Return the flowable for the `n`th entry of the list called `key`, set from the right
    edge when `rtl`."""
    if isinstance(entry, Person):
        return _speaker(entry, theme, sizes, region, topics, rtl)
    if key == "priorities":
        return _priority(n, entry, theme, sizes, region, rtl)
    if key == "takeaways":
        return _takeaway(entry, theme, sizes, region, rtl)
    return _source(entry, theme, sizes, region, rtl)


def _facts(handout: Handout, theme: Theme, sizes: Sizes, width: float) -> list[Entry]:
    """Return the key figures' tiles, then the facts panel: labels and values on the surface
    colour."""
    pal, rtl = theme.palette, handout.rtl
    tiles = figure_rows(handout.figures, theme, sizes, handout.meta.cjk_region, rtl)
    figures = [Entry("figures", ("figures",), tuple(tiles))] if tiles else []
    facts = [f for f in handout.facts if tuple(f.loc) not in HEADER_FACTS]
    if not facts:
        return figures
    label_style = style("fact-label", theme, sizes.small, pal.muted, heading=True, rtl=rtl)
    value_style = style("fact-value", theme, sizes.body, pal.text, rtl=rtl)
    region = handout.meta.cjk_region
    # A table in the structure: each fact a row, its label the row's header.
    table_tag = Tag("Table")
    rows = []
    for f in facts:
        row = Tag("TR", table_tag)
        rows.append([
            paragraph(markup(f.label, theme.heading, bold=True, region=region), label_style,
                      Tag("TH", row, attributes=(("O", "Table"), ("Scope", "Row")))),
            paragraph(markup(f.value, theme.body, region=region), value_style, Tag("TD", row))])
    pad = sizes.space(0.8)
    label_width = max(measure.width(f.label, theme.heading, sizes.small, bold=True, region=region)
                      for f in facts)
    label_width += 2 * pad + 1
    widths = [label_width, width - label_width]
    if rtl:  # the labels in the right-hand column; the structure still reads label, value
        rows, widths = [row[::-1] for row in rows], widths[::-1]
    table = FactsTable(rows, colWidths=widths, hAlign="RIGHT" if rtl else "LEFT",
                       renderCB=table_furniture)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(pal.surface)),
        # A table names a font for its cells even when they hold paragraphs: the embedded one.
        ("FONTNAME", (0, 0), (-1, -1), fonts.embedded(fonts.face_font(theme.body))),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.35), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.35),
        ("TOPPADDING", (0, 0), (-1, 0), pad), ("BOTTOMPADDING", (0, -1), (-1, -1), pad),
    ]))
    table.spaceAfter = sizes.space(1.5)
    longest = max(facts, key=lambda f: len(f.value))
    return [*figures, Entry("facts", tuple(longest.loc), (table,))]


def _speaker(person: Person, theme: Theme, sizes: Sizes, region: str,
             topics: bool = True, rtl: bool = False) -> Flowable:
    """Return a speaker in one run of text: the name in bold, the role, then the topic."""
    pal = theme.palette
    text = markup(person.name, theme.heading, bold=True, region=region)
    if person.role:
        text += colored(" \u00b7 " + markup(person.role, theme.body, region=region), pal.muted)
    if person.topic and topics:
        topic = markup(person.topic, theme.body, italic=True, region=region)
        text += (" \u2014 " if sizes.compact else "<br/>") + topic
    return paragraph(text, style("speaker", theme, sizes.small, pal.text,
                                 space_after=sizes.space(0.7), rtl=rtl))


def _priority(n: int, item: Item, theme: Theme, sizes: Sizes, region: str,
              rtl: bool = False) -> Flowable:
    """Return a numbered priority: title in bold, then the detail and who raised it."""
    pal = theme.palette
    text = markup(item.title, theme.heading, bold=True, region=region)
    rest = markup(item.detail, theme.body, region=region) if item.detail else ""
    if item.byline:
        byline = colored(markup(item.byline, theme.body, italic=True, region=region), pal.muted)
        joint = " \u2014 " if sizes.compact else "<br/>"
        rest += (joint if rest else "") + byline
    if rest:
        text += (" " if sizes.compact else "<br/>") + rest
    para = paragraph(text, style("priority", theme, sizes.body, pal.text, rtl=rtl))
    return Marked(para, str(n), theme, sizes, sizes.space(0.9), rtl=rtl)


def _takeaway(item: Item, theme: Theme, sizes: Sizes, region: str, rtl: bool = False) -> Flowable:
    """Return a takeaway with a square bullet in the accent colour."""
    para = paragraph(markup(item.title, theme.body, region=region),
                     style("takeaway", theme, sizes.body, theme.palette.text, rtl=rtl))
    return Marked(para, "", theme, sizes, sizes.space(0.7), rtl=rtl)


def _source(item: Item, theme: Theme, sizes: Sizes, region: str, rtl: bool = False) -> Flowable:
    """Return a source: its title (a link when it has an address), publisher, and the address."""
    pal = theme.palette
    title = markup(item.title, theme.body, region=region)
    text = link(item.url, title, pal.primary) if item.url else title
    if item.byline:
        text += colored(" \u2014 " + markup(item.byline, theme.body, region=region), pal.muted)
    if item.url and link(item.url, "x", pal.primary) != "x":
        text += "<br/>" + link(item.url, markup(item.url, theme.body, region=region), pal.muted)
    return paragraph(text, style("source", theme, sizes.small, pal.text,
                                 space_after=sizes.space(0.6), rtl=rtl))
