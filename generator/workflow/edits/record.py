"""The record a built deck carries of what it was built from (the *base*), read strictly.

Its form is written by the deck backend (`generator/backends/deck/fields.py` documents it);
here it is read as untrusted text: every path parsed strictly, every value checked for type,
every count capped, and anything else refused in one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.briefpaths import Loc, PathError, parse_path

FORMATS = (1,)  # the record formats this release reads
MAX_SLIDES = 2_000
MAX_SHAPES = 20_000  # in the whole record, and in the whole deck read back
MAX_TEXT = 100_000  # characters of one paragraph, shape or notes
MAX_BRIEF_PATH = 1_000


class RecordError(ValueError):
    """The record is not one briefgen wrote, or not in a form this release reads."""


@dataclass(frozen=True)
class BasePara:
    """One paragraph briefgen wrote: its text and where it came from. `field` is the path of the
    field it shows verbatim (`piece` > 0: a continuation of it), `source` the entry derived text
    came from; both empty for briefgen's own words."""

    text: str
    field: str = ""
    piece: int = 0
    source: str = ""
    computed: bool = False  # a field the application fills in (a slide number)


@dataclass(frozen=True)
class BaseShape:
    """One shape briefgen wrote: its name, placeholder type, kind and paragraphs."""

    name: str
    placeholder: str = ""
    kind: str = "sp"
    paras: tuple[BasePara, ...] = ()

    @property
    def text(self) -> str:
        """Return the shape's text, one paragraph a line."""
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class BaseSlide:
    """One slide briefgen wrote: its number (from 1), kind, shapes and notes."""

    number: int
    kind: str
    shapes: tuple[BaseShape, ...]
    notes: BasePara | None = None


@dataclass(frozen=True)
class BaseField:
    """One field the deck shows verbatim: its value, what is written around it, and the text
    its cuts took out where it continues over several boxes."""

    path: str
    loc: Loc
    value: str
    pre: str = ""
    post: str = ""
    joins: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    """What a deck was built from: briefgen's version, the story's digest, fields and slides."""

    format: int
    version: str
    story: str
    fields: dict[str, BaseField]
    slides: tuple[BaseSlide, ...]
    brief: str = ""  # the brief's path relative to the deck's folder when it was built


def parse_record(text: str) -> Record:
    """Return the record in `text`, or raise RecordError saying in a few words what is wrong."""
    try:
        data = json.loads(text)
    except ValueError:
        raise RecordError("its record of what it was built from is not JSON") from None
    if not isinstance(data, dict):
        raise RecordError("its record of what it was built from is not an object")
    version = data.get("format")
    if version not in FORMATS:
        raise RecordError(f"its record is in format {version!r}, which this release does not read "
                          f"(it reads {', '.join(map(str, FORMATS))}); update briefgen")
    fields = {path: _field(path, entry) for path, entry in _dict(data.get("fields"), "fields").items()}
    slides = _list(data.get("slides"), "slides", MAX_SLIDES)
    parsed = tuple(_slide(n, slide, fields) for n, slide in enumerate(slides, 1))
    if sum(len(s.shapes) for s in parsed) > MAX_SHAPES:
        raise RecordError(f"its record lists more than {MAX_SHAPES} shapes")
    return Record(int(version), _str(data.get("briefgen"), "briefgen"), _str(data.get("story"), "story"),
                  fields, parsed, _brief(data.get("brief", "")))


def _brief(value: Any) -> str:
    """Return the recorded brief path when it is a short relative path to a YAML file, else ''
    (it only suggests where to look: a forged one finds no brief, or one `pull` refuses)."""
    if not isinstance(value, str) or len(value) > MAX_BRIEF_PATH or not value.endswith(
            (".yaml", ".yml")) or value.startswith("/") or "\\" in value or ":" in value:
        return ""
    return value


def _field(path: str, entry: Any) -> BaseField:
    """Return one field of the record."""
    loc = _loc(path)
    entry = _dict(entry, path)
    joins = tuple(_str(j, path) for j in _list(entry.get("j", []), path, MAX_SHAPES))
    return BaseField(path, loc, _str(entry.get("v"), path), _str(entry.get("pre", ""), path),
                     _str(entry.get("post", ""), path), joins)


def _slide(number: int, entry: Any, fields: dict[str, BaseField]) -> BaseSlide:
    """Return one slide of the record."""
    entry = _dict(entry, f"slide {number}")
    shapes = tuple(_shape(s, fields) for s in _list(entry.get("shapes"), "shapes", MAX_SHAPES))
    notes = entry.get("notes")
    return BaseSlide(number, _str(entry.get("kind"), "kind"), shapes,
                     _para(notes, fields) if notes is not None else None)


def _shape(entry: Any, fields: dict[str, BaseField]) -> BaseShape:
    """Return one shape of the record."""
    entry = _dict(entry, "shape")
    paras = tuple(_para(p, fields) for p in _list(entry.get("p", []), "paragraphs", MAX_SHAPES))
    return BaseShape(_str(entry.get("n", ""), "name"), _str(entry.get("ph", ""), "placeholder"),
                     _str(entry.get("k", "sp"), "kind"), paras)


def _para(entry: Any, fields: dict[str, BaseField]) -> BasePara:
    """Return one paragraph of the record; a field it names must be among the record's."""
    entry = _dict(entry, "paragraph")
    text = _str(entry.get("t"), "text")
    field = _str(entry.get("f", ""), "field")
    source = _str(entry.get("d", ""), "source")
    if field and field not in fields:
        raise RecordError(f"its record names a field it does not hold: {field[:80]!r}")
    if source:
        _loc(source)
    piece = entry.get("i", 0)
    if not isinstance(piece, int) or isinstance(piece, bool) or not 0 <= piece <= MAX_SHAPES:
        raise RecordError("its record has a paragraph continued out of range")
    return BasePara(text, field, piece, source, entry.get("x") == 1)


def _loc(path: str) -> Loc:
    """Return a record's path parsed, or raise RecordError."""
    try:
        return parse_path(path)
    except PathError as exc:
        raise RecordError(f"its record names a field that is no brief path: {exc}") from None


def _str(value: Any, what: str) -> str:
    """Return `value` when it is text within the cap, or raise RecordError."""
    if not isinstance(value, str):
        raise RecordError(f"its record's {what[:40]} is not text")
    if len(value) > MAX_TEXT:
        raise RecordError(f"its record's {what[:40]} is longer than {MAX_TEXT} characters")
    return value


def _dict(value: Any, what: str) -> dict[str, Any]:
    """Return `value` when it is an object, or raise RecordError."""
    if not isinstance(value, dict):
        raise RecordError(f"its record's {what[:40]} is not an object")
    return value


def _list(value: Any, what: str, most: int) -> list[Any]:
    """Return `value` when it is a list of at most `most` entries, or raise RecordError."""
    if not isinstance(value, list):
        raise RecordError(f"its record's {what[:40]} is not a list")
    if len(value) > most:
        raise RecordError(f"its record's {what[:40]} has more than {most} entries")
    return value
