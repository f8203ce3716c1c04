"""Drawing the programme's table: a python-pptx table whose look is written cell by cell (fills,
one rule under each row, margins), with no table style of PowerPoint's, so every application
draws it in the theme's colours and at the measured sizes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.backends.deck.runs import write_paragraphs
from generator.backends.deck.shapes import set_alt
from generator.backends.deck.text import INSET_X
from generator.briefpaths import shape_name

if TYPE_CHECKING:
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.slide import Slide
    from pptx.table import _Cell

    from generator.backends.deck.agenda import Grid
    from generator.backends.deck.layout import Deck
    from generator.backends.deck.text import Para
    from generator.story import Section

CELL_X = 6.0  # a cell's left and right margins, in points
CELL_Y = 4.0  # its top and bottom margins
RULE = 0.75  # the rule under each row
HEAD_RULE = 1.5  # the rule under the header
# PowerPoint's 'No Style, No Grid': the table draws only what its cells say.
NO_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


@dataclass(frozen=True)
class Colours:
    """The table's colours: the header's fill and text, the rows' two bands, the rules."""

    head_fill: str
    head_text: str
    band: str
    band_alt: str
    rule: str


def draw_table(deck: Deck, slide: Slide, grid: Grid, rows: list[int], day_shown: list[bool],
               at: tuple[float, float], section: Section, colours: Colours) -> GraphicFrame:
    """Draw one page of the programme from its top left `at`: the header row and the sessions
    `rows` of `grid`; return the table's frame."""
    heights = [grid.head_h, *(grid.heights[i] for i in rows)]
    frame = slide.shapes.add_table(len(heights), len(grid.keys), Pt(at[0]), Pt(at[1]),
                                   Pt(grid.width), Pt(sum(heights)))
    table = frame.table
    _properties(table._tbl, deck.rtl)
    for n, width in enumerate(grid.widths):
        table.columns[n].width = Pt(width)
    for n, height in enumerate(heights):
        table.rows[n].height = Pt(height)
    size = grid.header[0][0].size
    # On a fill of the primary colour the header needs no rule of its own.
    head_rule = colours.head_fill if colours.head_fill == deck.theme.palette.primary else colours.rule
    cells: list[list[Para]] = []  # as written, row by row, for the deck's record
    for n, paras in enumerate(grid.header):
        head = [replace(p, color=colours.head_text) for p in paras]
        _cell(deck, table.cell(0, n), head, text_box(grid.widths[n]), size,
              (colours.head_fill, head_rule, HEAD_RULE, "b"))
        cells.append(head)
    for r, index in enumerate(rows, start=1):
        band = colours.band if r % 2 else colours.band_alt
        for n, key in enumerate(grid.keys):
            paras = grid.rows[index][n] if key != "day" or day_shown[r - 1] else []
            _cell(deck, table.cell(r, n), paras, text_box(grid.widths[n]), size,
                  (band, colours.rule, RULE, "t"))
            cells.append(paras)
    # Named by the programme's path; each cell's paragraphs name the field they show.
    frame.name = shape_name(section.title, section.loc)
    set_alt(frame, section.title)
    if deck.record is not None:
        deck.record.table(frame, cells)
    return frame


def text_box(width: float) -> float:
    """Return the box width a cell `width` wide measures its paragraphs in (see Para.lines)."""
    return width - 2 * CELL_X + 2 * INSET_X


def _properties(tbl: etree._Element, rtl: bool) -> None:
    """Mark the first row as the header (firstRow), bands off, no PowerPoint style; columns
    from the right in a right-to-left deck."""
    tbl_pr = tbl.find(qn("a:tblPr"))
    for key in list(tbl_pr.attrib):
        del tbl_pr.attrib[key]
    tbl_pr.set("firstRow", "1")
    if rtl:
        tbl_pr.set("rtl", "1")
    style = tbl_pr.find(qn("a:tableStyleId"))
    if style is None:
        style = etree.SubElement(tbl_pr, qn("a:tableStyleId"))
    style.text = NO_STYLE


def _cell(deck: Deck, cell: _Cell, paras: list[Para], box: float, size: float,
          look: tuple[str, str, float, str]) -> None:
    """Write a cell: its paragraphs (an empty one at the table's size, so that it is no taller
    than measured), margins, and its `look`: fill, the rule under it, its weight, the anchor."""
    fill, rule, weight, anchor = look
    if paras:
        write_paragraphs(cell.text_frame, paras, box, deck.cjk_family)
    else:
        end = etree.SubElement(cell.text_frame._txBody.find(qn("a:p")), qn("a:endParaRPr"))
        end.set("lang", deck.language)
        end.set("sz", str(Pt(size) // 127))
    tc_pr = cell._tc.get_or_add_tcPr()
    for side, inset in (("marL", CELL_X), ("marR", CELL_X), ("marT", CELL_Y), ("marB", CELL_Y)):
        tc_pr.set(side, str(Pt(inset)))
    tc_pr.set("anchor", anchor)
    for tag in ("a:lnL", "a:lnR", "a:lnT"):
        line = etree.SubElement(tc_pr, qn(tag))
        line.set("w", "0")
        etree.SubElement(line, qn("a:noFill"))
    under = etree.SubElement(tc_pr, qn("a:lnB"))
    under.set("w", str(Pt(weight)))
    _solid(under, rule)
    _solid(tc_pr, fill)


def _solid(parent: etree._Element, color: str) -> None:
    """Append a solid fill of `color` to `parent`."""
    solid = etree.SubElement(parent, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:srgbClr")).set("val", color.lstrip("#").upper())
