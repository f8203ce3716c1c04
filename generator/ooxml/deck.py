"""A deck read back without python-pptx: its slides in order, each shape's name and text (a
table's text is its cells'), its other shapes (pictures, charts, lines), the speaker's notes,
and the custom document properties; what `pull` and `check` start from, for any .pptx, built
here or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.ooxml.names import PRESENTATION_TYPES, A, P, R
from generator.ooxml.package import Package
from generator.ooxml.parse import PackageError

if TYPE_CHECKING:
    from lxml import etree

# Line breaks inside a paragraph read as python-pptx reads them (a vertical tab).
LINE_BREAK = "\v"


@dataclass(frozen=True)
class ShapeText:
    """A shape that holds text: its id and name, its placeholder type ('' when it is none;
    'obj' for a placeholder that names no type), and its paragraphs."""

    id: int
    name: str
    placeholder: str
    paragraphs: tuple[str, ...]
    kind: str = "sp"  # the element: 'sp', 'graphicFrame' for a table, or for shapes without
    # text 'pic', 'graphicFrame' (a chart, an object), ...

    @property
    def text(self) -> str:
        """Return the shape's text, its paragraphs one per line."""
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class SlideText:
    """One slide: its part, its layout's part, its shapes with text in document order, and
    the text of its speaker's notes."""

    part: str
    layout: str
    shapes: tuple[ShapeText, ...]
    notes: str = ""
    others: tuple[ShapeText, ...] = ()  # shapes without a text body, in document order
    notes_name: str = ""  # the name of the notes placeholder


@dataclass(frozen=True)
class DeckContents:
    """A deck read back: its slides in show order and its custom text properties."""

    slides: tuple[SlideText, ...]
    properties: dict[str, str]


def read_deck(data: bytes) -> tuple[SlideText, ...]:
    """Return the slides of the deck `data` in show order, or raise PackageError saying why."""
    return read_contents(data).slides


def read_contents(data: bytes) -> DeckContents:
    """Return the slides of the deck `data` in show order and its custom text properties, or
    raise PackageError saying why."""
    from generator.ooxml.custom import read_properties

    with Package(data) as package:
        main = package.main_part()
        if main is None or package.content_types().of(main) not in PRESENTATION_TYPES:
            raise PackageError("not a PowerPoint deck (another kind of Office file)")
        ids = package.xml(main).findall(f"{{{P}}}sldIdLst/{{{P}}}sldId")
        slides = tuple(_slide(package, package.target(main, e.get(f"{{{R}}}id", ""))) for e in ids)
        return DeckContents(slides, read_properties(package))


def _slide(package: Package, part: str) -> SlideText:
    """Return the slide in `part` with its shapes' text and its notes."""
    layouts = package.related(part, "slideLayout")
    notes = package.related(part, "notesSlide")
    root = package.xml(part)
    shapes = text_shapes(root)
    body = [s for s in text_shapes(package.xml(notes[0])) if s.placeholder == "body"] if notes else []
    return SlideText(part, layouts[0] if layouts else "", shapes, body[0].text if body else "",
                     other_shapes(root), body[0].name if body else "")


# The elements of a shape tree that are shapes of their own (a group's members are read too).
_OTHER_KINDS = ("pic", "graphicFrame", "cxnSp", "sp")


def other_shapes(root: etree._Element) -> tuple[ShapeText, ...]:
    """Return the shapes of a slide part that hold no text body: pictures, tables, charts,
    connectors, and shapes without text."""
    found = []
    for element in root.iter(*(f"{{{P}}}{kind}" for kind in _OTHER_KINDS)):
        kind = element.tag.rpartition("}")[2]
        if kind == "sp" and element.find(f"{{{P}}}txBody") is not None:
            continue
        if kind == "graphicFrame" and _table(element) is not None:
            continue  # its cells' text makes it a text shape
        c_nv_pr = next(element.iter(f"{{{P}}}cNvPr"), None)
        ph = next(element.iter(f"{{{P}}}ph"), None)
        found.append(ShapeText(
            _int(c_nv_pr.get("id") if c_nv_pr is not None else None),
            c_nv_pr.get("name", "") if c_nv_pr is not None else "",
            ph.get("type", "obj") if ph is not None else "", (), kind))
    return tuple(found)


def text_shapes(root: etree._Element) -> tuple[ShapeText, ...]:
    """Return the shapes with a text body in a slide (or notes) part, groups included, and the
    tables, whose text is their cells' paragraphs in row order, in document order."""
    found = []
    for shape in root.iter(f"{{{P}}}sp", f"{{{P}}}graphicFrame"):
        if shape.tag == f"{{{P}}}graphicFrame":
            table = _table(shape)
            if table is not None:
                found.append(_table_text(shape, table))
            continue
        body = shape.find(f"{{{P}}}txBody")
        if body is None:
            continue
        c_nv_pr = shape.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr")
        ph = shape.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        found.append(ShapeText(
            _int(c_nv_pr.get("id") if c_nv_pr is not None else None),
            c_nv_pr.get("name", "") if c_nv_pr is not None else "",
            ph.get("type", "obj") if ph is not None else "",
            tuple(paragraph_text(p) for p in body.iter(f"{{{A}}}p"))))
    return tuple(found)


def _table(frame: etree._Element) -> etree._Element | None:
    """Return the table a graphic frame holds (a:tbl), or None for a chart or another object."""
    return frame.find(f"{{{A}}}graphic/{{{A}}}graphicData/{{{A}}}tbl")


def _table_text(frame: etree._Element, table: etree._Element) -> ShapeText:
    """Return a table as a shape of text: the graphic frame's id and name, and every cell's
    paragraphs, row by row and cell by cell (merged cells too, as they are written)."""
    c_nv_pr = frame.find(f"{{{P}}}nvGraphicFramePr/{{{P}}}cNvPr")
    paragraphs = [paragraph_text(p)
                  for row in table.iterfind(f"{{{A}}}tr") for cell in row.iterfind(f"{{{A}}}tc")
                  for body in cell.iterfind(f"{{{A}}}txBody") for p in body.iterfind(f"{{{A}}}p")]
    return ShapeText(_int(c_nv_pr.get("id") if c_nv_pr is not None else None),
                     c_nv_pr.get("name", "") if c_nv_pr is not None else "", "",
                     tuple(paragraphs), "graphicFrame")


def paragraph_text(paragraph: etree._Element) -> str:
    """Return a paragraph's text: its runs and fields, with its line breaks."""
    pieces = []
    for child in paragraph:
        if child.tag in (f"{{{A}}}r", f"{{{A}}}fld"):
            pieces.append(child.findtext(f"{{{A}}}t") or "")
        elif child.tag == f"{{{A}}}br":
            pieces.append(LINE_BREAK)
    return "".join(pieces)


def _int(value: str | None) -> int:
    """Return a shape id as an int (0 when missing or not a number)."""
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0
