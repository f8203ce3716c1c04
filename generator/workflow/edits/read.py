"""A built deck read back: the record it carries of what it was built from, and each slide's
shapes with the brief path their names carry. Hostile or foreign decks are refused in one line
that names the deck (`BuiltDeckError`)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.briefpaths import Loc, PathError, format_path, is_within, parse_path, path_in_name
from generator.ooxml.deck import LINE_BREAK, ShapeText, SlideText, read_contents
from generator.ooxml.parse import PackageError
from generator.workflow.edits.record import (
    MAX_SHAPES,
    MAX_TEXT,
    BasePara,
    Record,
    RecordError,
    parse_record,
)

ZWSP = "\u200b"  # written where a line broke inside a word; not part of the text


class BuiltDeckError(ValueError):
    """A deck that cannot be read back as one of briefgen's: one line, naming the deck."""


@dataclass(frozen=True)
class DeckShape:
    """A shape on the deck now: its name, the path its name carries (None when it carries none),
    its placeholder type, kind and paragraphs (line breaks as newlines, word-break marks gone)."""

    id: int
    name: str
    path: Loc | None
    placeholder: str
    kind: str
    paras: tuple[str, ...]

    @property
    def text(self) -> str:
        """Return the shape's text, one paragraph a line."""
        return "\n".join(self.paras)


@dataclass(frozen=True)
class DeckSlide:
    """A slide on the deck now: its number (from 1), shapes in document order and notes."""

    number: int
    shapes: tuple[DeckShape, ...]
    notes: str
    notes_path: Loc | None


@dataclass(frozen=True)
class BuiltDeck:
    """A deck briefgen built, as it is now: the record of its base, and its slides."""

    name: str
    record: Record
    slides: tuple[DeckSlide, ...]


def read_built(data: bytes, name: str = "deck") -> BuiltDeck:
    """Return the deck `data` read back with its record, or raise BuiltDeckError
    ('NAME: why') when it is no deck, not briefgen's, or hostile."""
    from generator.ooxml.custom import BASE_PROPERTY, read_long_text

    try:
        contents = read_contents(data)
        found = read_long_text(contents.properties, BASE_PROPERTY)
        if found is None:
            raise BuiltDeckError(f"{name}: not a deck briefgen built (it carries no record of "
                                 "what it was built from)")
        record = parse_record(found[1])
        if found[0] != record.format:
            raise RecordError("its record's parts disagree on its format")
        slides = _slides(contents.slides, record)
    except (PackageError, RecordError, PathError) as exc:
        raise BuiltDeckError(f"{name}: {exc}") from None
    return BuiltDeck(name, record, slides)


def _slides(slides: tuple[SlideText, ...], record: Record) -> tuple[DeckSlide, ...]:
    """Return the deck's slides with their shapes checked against the caps and the record."""
    count = sum(len(s.shapes) + len(s.others) for s in slides)
    if count > MAX_SHAPES:
        raise RecordError(f"it holds {count} shapes; a deck read back may hold at most {MAX_SHAPES}")
    known = [f.loc for f in record.fields.values()]
    known += [_source(p) for s in record.slides for shape in s.shapes for p in shape.paras if p.source]
    # A picture shows a field without text (an organisation's logo): its name, as recorded.
    known += [loc for s in record.slides for shape in s.shapes
              if (loc := path_in_name(shape.name)) is not None]
    out = []
    for number, slide in enumerate(slides, 1):
        shapes = (*slide.shapes, *slide.others)  # text shapes first, each in document order
        out.append(DeckSlide(number, tuple(_shape(s, known) for s in shapes),
                             clean(slide.notes), _named(slide.notes_name, known)))
    return tuple(out)


def _source(para: BasePara) -> Loc:
    """Return a derived paragraph's source path (checked when the record was read)."""
    return parse_path(para.source)


def _shape(shape: ShapeText, known: list[Loc]) -> DeckShape:
    """Return a deck shape with its name's path checked and its text within the cap."""
    if sum(len(p) for p in shape.paragraphs) > MAX_TEXT:
        raise RecordError(f"the shape {shape.name[:60]!r} holds more than {MAX_TEXT} characters")
    return DeckShape(shape.id, shape.name, _named(shape.name, known), shape.placeholder,
                     shape.kind, tuple(clean(p) for p in shape.paragraphs))


def _named(name: str, known: list[Loc]) -> Loc | None:
    """Return the path a name carries; one that is no brief path, or that points at no field
    of the record, is refused (a forged name)."""
    loc = path_in_name(name)
    if loc is not None and not any(is_within(k, loc) for k in known):
        raise RecordError(f"a shape's name points at {format_path(loc)}, which the deck never "
                          "showed (a forged or foreign name)")
    return loc


def clean(text: str) -> str:
    """Return deck text as the brief would hold it: no word-break marks, line breaks as newlines."""
    if len(text) > MAX_TEXT:
        raise RecordError(f"a text on it is longer than {MAX_TEXT} characters")
    return text.replace(ZWSP, "").replace(LINE_BREAK, "\n")
