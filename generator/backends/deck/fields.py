"""What the deck shows of the brief: shapes named with the path of the field they show, and the
record of the text written for each field on each slide (the *base*), carried inside the deck.

The record is JSON (`FORMAT` 1), read back by `generator.workflow.edits`:

    {"format": 1, "briefgen": VERSION, "story": SHA-256 of the story, "brief": BRIEF,
     "fields": {PATH: {"v": value, "pre": "“", "post": "”", "j": [separators]}},
     "slides": [{"kind": KIND, "shapes": [SHAPE, ...], "notes": PARAGRAPH}]}

A SHAPE is {"n": name, "ph": placeholder type, "k": "pic" for a picture or "graphicFrame" for
a table, "p": [PARAGRAPH]} (keys left out when empty; a table's paragraphs are its cells', row
by row, an empty cell's one empty paragraph included); a PARAGRAPH is {"f": PATH, "t": text}
for text that is a field's value, {"f": PATH, "i": N, "t": text} for the Nth continuation of
it (a value split over boxes or slides; "j" holds the spaces its cuts took out),
{"d": PATH, "t": text} for text derived from the fields under PATH (a role line, a date, names
joined, a label), and {"t": text} for briefgen's own words. `pre` and `post` are what the
deck writes around a value (quote marks).
BRIEF (left out when unknown) is the brief's path relative to the deck's folder, with '/'.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from generator import __version__
from generator.backends.deck.text import Para
from generator.briefpaths import Loc, format_path, shape_name
from generator.story import Item, Meta, Person, Section, SectionKind, Session, Story

if TYPE_CHECKING:
    from pptx.slide import Slide

FORMAT = 1
QUOTE = ("\u201c", "\u201d")  # a speaker's quote is written between these
_SHAPES = ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def story_digest(story: Story) -> str:
    """Return the SHA-256 of the story a deck is drawn from (pictures stand in by digest)."""
    return hashlib.sha256(repr(story).encode("utf-8", "surrogatepass")).hexdigest()


def field_values(story: Story) -> dict[str, tuple[str, str, str]]:
    """Return every field the story shows verbatim, by path: its value and what the deck
    writes before and after it."""
    meta = story.meta
    out: dict[str, tuple[str, str, str]] = {}

    def add(loc: Loc, value: str, pre: str = "", post: str = "") -> None:
        if value:
            out[format_path(loc)] = (value, pre, post)

    add(("event", "title"), meta.title)
    add(("event", "subtitle"), meta.subtitle)
    add(("event", "summary"), meta.summary)
    add(("event", "location"), meta.location)
    for figure in story.figures:
        add((*figure.loc, "value"), figure.value)
        add((*figure.loc, "label"), figure.label)
    for section in story.sections:
        if section.kind == SectionKind.COVER and section.notes != meta.summary:
            add(("notes",), section.notes)  # the cover's notes are the summary unless given
        people = [section.person] if section.person else []
        for item in (*section.items, *people):
            if isinstance(item, Person):
                _person_values(item, add)
            elif isinstance(item, Item):
                _item_values(section.kind, item, add)
            elif isinstance(item, Session):
                _session_values(item, add)
    return out


def _session_values(session: Session, add: Any) -> None:
    """Add a session's verbatim fields: its title, room and speakers' names."""
    add((*session.loc, "title"), session.title)
    add((*session.loc, "room"), session.room)
    for n, name in enumerate(session.speakers):
        add((*session.loc, "speakers", n), name)


def _person_values(person: Person, add: Any) -> None:
    """Add a speaker's verbatim fields."""
    loc = person.loc
    add((*loc, "name"), person.name)
    add((*loc, "topic"), person.topic)
    add((*loc, "quote"), person.quote, *QUOTE)
    add((*loc, "notes"), person.notes)
    for n, point in enumerate(person.points):
        add((*loc, "points", n), point)


def _item_values(kind: SectionKind, item: Item, add: Any) -> None:
    """Add a priority's, takeaway's or source's verbatim fields."""
    if kind == SectionKind.TAKEAWAYS:
        add(item.loc, item.title)
        return
    add((*item.loc, "title"), item.title)
    if kind == SectionKind.PRIORITIES:
        add((*item.loc, "detail"), item.detail)
    if kind == SectionKind.SOURCES:
        add((*item.loc, "url"), item.url)


def notes_source(section: Section, notes: str, meta: Meta) -> Loc:
    """Return the path a slide's notes come from: a field when they are its value (a speaker's
    `notes`, the brief's `notes` on the cover), else the section they were derived from."""
    if section.kind == SectionKind.COVER:
        return ("notes",) if notes != meta.summary else ("event",)
    if section.person is not None and section.person.notes and notes == section.person.notes:
        return (*section.person.loc, "notes")
    return section.loc


def paragraph(para: Para) -> dict[str, Any]:
    """Return the record of one written paragraph: its text and the field it shows."""
    text = para.text
    if para.field:
        entry: dict[str, Any] = {"f": format_path(para.field), "t": text}
        if para.piece:
            entry["i"] = para.piece
        return entry
    if para.loc:
        return {"d": format_path(para.loc), "t": text}
    return {"t": text}


def shown(paras: Iterable[Para], fallback: Loc) -> Loc:
    """Return the path a shape showing `paras` is named by: the longest path every paragraph's
    field (or source) lies in, else the root of `fallback` (its section's)."""
    locs = [p.field or p.loc for p in paras if p.field or p.loc]
    if not locs:
        return ()
    common = locs[0]
    for loc in locs[1:]:
        n = 0
        while n < min(len(common), len(loc)) and common[n] == loc[n]:
            n += 1
        common = common[:n]
    return common or fallback[:1]


class FieldRecord:
    """The record of a deck being drawn: each slide's shapes and the paragraphs they hold."""

    def __init__(self, story: Story) -> None:
        """Start the record of a deck for `story`."""
        self.story = story
        self.slides: list[dict[str, Any]] = []
        self._frames: dict[int, list[dict[str, Any]]] = {}  # by shape id, on the current slide
        self.section: Loc = ()

    def frame(self, shape: Any, paras: list[Para], label: str = "") -> None:
        """Name `shape` by what `paras` show (its `label`, or its name, then the path) and keep
        its paragraphs for the slide's record."""
        self._frames[shape.shape_id] = [paragraph(p) for p in paras]
        loc = shown(paras, self.section)
        if loc:
            shape.name = shape_name(label or shape.name, loc)

    def table(self, shape: Any, cells: list[list[Para]]) -> None:
        """Keep a table's paragraphs for the slide's record: each cell's, row by row, as the
        deck reader (`ooxml.deck.read_deck`) reads them; an empty cell holds one empty one."""
        self._frames[shape.shape_id] = [entry for cell in cells
                                        for entry in ([paragraph(p) for p in cell] or [{"t": ""}])]

    def exact(self, loc: Loc, text: str) -> Loc:
        """Return `loc` when `text` is that field's value verbatim, else ()."""
        try:
            found = self._values().get(format_path(loc)) if loc else None
        except ValueError:
            return ()
        return loc if found is not None and found[0] == text else ()

    def title_field(self, loc: Loc, title: str) -> Loc:
        """Return the field a slide's title shows verbatim (the event's title on the cover, a
        speaker's name on theirs), or ()."""
        return self.exact((*loc, "title"), title) or self.exact((*loc, "name"), title)

    def slide(self, slide: Slide, kind: SectionKind, notes: str, notes_from: Loc) -> None:
        """Record a drawn slide: every shape in reading order, and its notes."""
        shapes = []
        for element in slide.shapes._spTree:
            tag = element.tag.rpartition("}")[2]
            if tag not in _SHAPES:
                continue
            shapes.append(self._shape(element, tag))
        entry: dict[str, Any] = {"kind": kind.value, "shapes": shapes}
        if notes:
            entry["notes"] = self._notes(slide, notes, notes_from)
        self.slides.append(entry)
        self._frames = {}

    def _shape(self, element: Any, tag: str) -> dict[str, Any]:
        """Return the record of one shape element: its name, placeholder type and paragraphs."""
        c_nv_pr = next(element.iter(f"{_P}cNvPr"), None)
        shape: dict[str, Any] = {"n": c_nv_pr.get("name", "") if c_nv_pr is not None else ""}
        ph = next(element.iter(f"{_P}ph"), None)
        if ph is not None:
            shape["ph"] = ph.get("type", "obj")
        if tag == "pic" or tag == "graphicFrame":
            shape["k"] = tag
        paras = self._frames.get(int(c_nv_pr.get("id", 0))) if c_nv_pr is not None else None
        if paras is None:  # text of the template's own (a footer, a slide number field)
            paras = [{"t": "".join(t.text or "" for t in p.iter(f"{_A}t"))}
                     for p in element.iter(f"{_A}p")]
            paras = paras if any(p["t"] for p in paras) else []
        if paras:
            # one a:p per paragraph written; a template's own text is read from its a:p
            found = element.iter(f"{_A}p")
            shape["p"] = [_computed(entry, p) for entry, p in zip(paras, found, strict=False)]
        return shape

    def _notes(self, slide: Slide, notes: str, loc: Loc) -> dict[str, Any]:
        """Return the record of a slide's notes, naming the notes placeholder by their field."""
        placeholder = slide.notes_slide.notes_placeholder
        path = format_path(loc) if loc else ""
        if placeholder is not None and path:
            placeholder.name = shape_name(placeholder.name, loc)
        if path and self.exact(loc, notes):
            return {"f": path, "t": notes}
        return {"d": path, "t": notes} if path else {"t": notes}

    def _values(self) -> dict[str, tuple[str, str, str]]:
        """Return the story's verbatim fields (computed once)."""
        if not hasattr(self, "_cached"):
            self._cached = field_values(self.story)
        return self._cached

    def as_json(self) -> str:
        """Return the record as compact JSON, the same text for the same deck."""
        values = self._values()
        fields: dict[str, dict[str, Any]] = {}
        for path, parts in sorted(_occurrences(self.slides).items()):
            if path not in values:
                continue
            value, pre, post = values[path]
            entry: dict[str, Any] = {"v": value}
            if pre or post:
                entry["pre"], entry["post"] = pre, post
            cuts = _separators(pre + " ".join(value.split("\n")) + post, parts)
            if cuts:
                entry["j"] = cuts
            fields[path] = entry
        record = {"format": FORMAT, "briefgen": __version__, "story": story_digest(self.story),
                  "fields": fields, "slides": self.slides}
        if self.story.meta.brief:
            record["brief"] = self.story.meta.brief
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _computed(entry: dict[str, Any], paragraph: Any) -> dict[str, Any]:
    """Return a paragraph's record, marked "x" when its text is a field the application
    computes (a slide number), which every application writes in its own way."""
    if paragraph.find(f"{_A}fld") is not None and paragraph.find(f"{_A}r") is None:
        return {**entry, "x": 1}
    return entry


def _occurrences(slides: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Return the parts written of each field's first occurrence that continues, by path."""
    parts: dict[str, list[str]] = {}
    for slide in slides:
        for shape in slide["shapes"]:
            for entry in shape.get("p", ()):
                if "f" in entry and entry.get("i"):
                    parts.setdefault(entry["f"], [])
                    parts[entry["f"]].append(entry["t"])
                elif "f" in entry and entry["f"] not in parts:
                    parts[entry["f"]] = [entry["t"]]
        notes = slide.get("notes")
        if notes and "f" in notes and notes["f"] not in parts:
            parts[notes["f"]] = [notes["t"]]
    return parts


def _separators(written: str, parts: list[str]) -> list[str]:
    """Return what lay between consecutive `parts` in `written` (the spaces a cut took out);
    empty when the value was written in one piece."""
    if len(parts) < 2:
        return []
    cuts, pos = [], 0
    for n, part in enumerate(parts):
        start = written.find(part, pos)
        if start < 0:
            return [" "] * (len(parts) - 1)
        if n:
            cuts.append(written[pos:start])
        pos = start + len(part)
    return cuts
