"""The programme as a native PowerPoint table: a header row of column heads (marked as the
table's header, so screen readers and PowerPoint's checker know it), then a row per session,
measured and continued over as many slides as it needs, the header repeated on each.

Only the columns some session fills are drawn; the session column takes what the others leave.
A keynote's row is set in bold. Colours are the theme's (the header on the primary colour where
its text reads there, rows banded on the surface colour), the type never under the floor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from generator.backends.deck.agenda_table import CELL_X, CELL_Y, Colours, draw_table, text_box
from generator.backends.deck.layout import Deck, Page
from generator.backends.deck.text import STATEMENT_FILL, Para
from generator.story import Section, Session
from generator.theme.colors import contrast
from generator.typeset import measure

if TYPE_CHECKING:
    from pptx.slide import Slide

AA_NORMAL = 4.5  # WCAG's ratio for text of body size
# The most of the table's width a column other than the session's may take: the session's
# title keeps at least what is left.
CAPS = {"day": 0.18, "time": 0.17, "speakers": 0.24, "room": 0.15}
HEADS = {"day": "agenda-day", "time": "agenda-time", "session": "agenda-session",
         "speakers": "speakers", "room": "agenda-room"}


@dataclass(frozen=True)
class Grid:
    """The table at one type size: column keys and widths, the header's cells and height, each
    session's cells and height (the day shown, the tallest a row can be)."""

    keys: tuple[str, ...]
    widths: tuple[float, ...]
    header: tuple[list[Para], ...]
    head_h: float
    rows: tuple[tuple[list[Para], ...], ...]
    heights: tuple[float, ...]

    @property
    def width(self) -> float:
        """Return the table's width."""
        return sum(self.widths)


def columns(sessions: tuple[Session, ...]) -> tuple[str, ...]:
    """Return the columns the programme needs, in order: only those some session fills."""
    filled = {"day": len({s.day for s in sessions if s.day}) > 1,
              "time": any(s.when for s in sessions),
              "session": True,
              "speakers": any(s.speakers for s in sessions),
              "room": any(s.room for s in sessions)}
    return tuple(key for key in HEADS if filled[key])


def plan_agenda(deck: Deck, section: Section) -> list[Page]:
    """Return the programme's slides: the table cut into pages of rows that fit under the title,
    at the largest size (floor to small, or larger when it fills little) that needs the
    fewest slides, the rows spread evenly over them."""
    sessions = cast("tuple[Session, ...]", section.items)
    area = deck.content
    scale = deck.theme.slide_scale
    grid = sized_grid(deck, sessions, columns(sessions), area.w, area.h)
    pages = spread(grid.heights, area.h - grid.head_h)
    if len(pages) > 1:
        deck.note(section.loc, f"the programme continues over {len(pages)} slides")
    if grid.header[0][0].size <= scale.floor + 1e-6 < scale.small and len(pages) > 1:
        deck.note(section.loc, f"programme set at the {scale.floor:g}pt floor to need fewer slides")
    used = max(grid.head_h + sum(grid.heights[i] for i in page) for page in pages)
    top = deck.content_top(used)
    notes = page_notes(section, [[sessions[i] for i in page] for page in pages])
    colours = table_colours(deck)

    def drawer(rows: list[int]) -> Callable[[Slide], None]:
        def draw(slide: Slide) -> None:
            shown = [day_shown(grid, sessions, rows, n) for n in range(len(rows))]
            draw_table(deck, slide, grid, rows, shown, (area.x, top), section, colours)
        return draw

    return [Page(drawer(page), text, section.loc) for page, text in zip(pages, notes, strict=True)]


def sized_grid(deck: Deck, sessions: tuple[Session, ...], keys: tuple[str, ...], width: float,
                room: float) -> Grid:
    """Return the table at its type size: at the small size when it fits one slide, larger (up
    to the body size) while it fills less than half of it; when it needs several, the largest
    size from the floor up that needs no more slides than the floor does."""
    scale = deck.theme.slide_scale
    grids: dict[float, Grid] = {}

    def at(size: float) -> Grid:
        if size not in grids:
            grids[size] = layout(deck, sessions, keys, size, width)
        return grids[size]

    def pages(size: float) -> int:
        return len(spread(at(size).heights, room - at(size).head_h))

    def height(size: float) -> float:
        return at(size).head_h + sum(at(size).heights)

    if pages(scale.small) == 1:
        size = scale.body
        while size > scale.small and height(size) > STATEMENT_FILL * room + 1e-6:
            size -= 1.0
        return at(max(size, scale.small))
    floor = min(scale.floor, scale.small)
    fewest, size = pages(floor), scale.small
    while size > floor and pages(size) > fewest:
        size = max(floor, size - 1.0)
    return at(size)


def layout(deck: Deck, sessions: tuple[Session, ...], keys: tuple[str, ...], size: float,
           width: float) -> Grid:
    """Return the table at type size `size` within `width`: column widths from what the narrow
    columns hold (each within its cap), the session column the rest; every row measured."""
    labels = deck.story.labels
    header = tuple([_sized(deck.para(labels.text(HEADS[k]), "small", "text", bold=True), size)]
                   for k in keys)
    rows = tuple(tuple(_sized_all(_cell(deck, s, k), size) for k in keys) for s in sessions)
    widths = _widths(keys, header, rows, width)
    return Grid(keys, widths, header, _row_height(header, widths),
                rows, tuple(_row_height(row, widths) for row in rows))


def _widths(keys: tuple[str, ...], header: tuple[list[Para], ...],
            rows: tuple[tuple[list[Para], ...], ...], width: float) -> tuple[float, ...]:
    """Return each column's width: a narrow column as wide as its longest line (within its cap),
    the session column the rest."""
    out = []
    for n, key in enumerate(keys):
        if key == "session":
            out.append(0.0)
            continue
        cells = [header[n], *(row[n] for row in rows)]
        longest = max(_natural(p) for cell in cells for p in cell)
        out.append(min(longest + 2 * CELL_X + 2.0, CAPS[key] * width))
    rest = width - sum(out)
    return tuple(rest if key == "session" else w for key, w in zip(keys, out, strict=True))


def _natural(para: Para) -> float:
    """Return the width of a paragraph set on one line, with the slack lines are measured with."""
    return measure.width(para.text, para.face, para.size, para.bold, para.italic,
                         para.region) / 0.97


def _row_height(cells: tuple[list[Para], ...], widths: tuple[float, ...]) -> float:
    """Return the height of a row: its tallest cell's text and the cell's margins."""
    tallest = max(sum(p.height(text_box(w), first=i == 0) for i, p in enumerate(cell))
                  for cell, w in zip(cells, widths, strict=True))
    return tallest + 2 * CELL_Y


def spread(heights: tuple[float, ...], room: float) -> list[list[int]]:
    """Return the rows' indexes in the fewest pages of at most `room` points, as even in height
    as that allows (the most a page may hold halved towards the least that still needs no more
    pages)."""
    if not heights:
        return [[]]
    room = max(room, max(heights))  # a row taller than a slide still gets one (it overflows)
    count = len(_pack(heights, room))
    low, high = max(heights), room
    for _ in range(12):
        middle = (low + high) / 2
        if len(_pack(heights, middle)) <= count:
            high = middle
        else:
            low = middle
    return _pack(heights, high)


def _pack(heights: tuple[float, ...], room: float) -> list[list[int]]:
    """Return the rows' indexes filled in order into pages of at most `room` points."""
    pages: list[list[int]] = [[]]
    used = 0.0
    for index, h in enumerate(heights):
        if pages[-1] and used + h > room + 1e-6:
            pages.append([])
            used = 0.0
        pages[-1].append(index)
        used += h
    return pages


def _cell(deck: Deck, session: Session, key: str) -> list[Para]:
    """Return the paragraphs of one session's cell in column `key` (the day always written; the
    drawing leaves it out where the row above says it)."""
    loc, bold = session.loc, session.keynote
    if key == "day":
        return [deck.para(session.day, "small", "text", bold=True, loc=loc)] if session.day else []
    if key == "time":
        return [deck.para(session.when, "small", "text", bold=bold, loc=loc)] if session.when else []
    if key == "session":
        return [deck.para(session.title, "small", "text", bold=bold, loc=(*loc, "title"),
                          field=(*loc, "title"))]
    if key == "speakers":  # a name a paragraph: no joining words to translate, each verbatim
        return [deck.para(name, "small", "text", loc=(*loc, "speakers", n),
                          field=(*loc, "speakers", n)) for n, name in enumerate(session.speakers)]
    return [deck.para(session.room, "small", "muted", loc=(*loc, "room"),
                      field=(*loc, "room"))] if session.room else []


def _sized(para: Para, size: float) -> Para:
    """Return `para` set at `size` (never under its floor: a cell does not shrink past it)."""
    size = max(size, min(para.floor, para.want))
    return replace(para, size=size, want=size, floor=min(para.floor, size))


def _sized_all(paras: list[Para], size: float) -> list[Para]:
    """Return every paragraph of a cell at `size`."""
    return [_sized(p, size) for p in paras]


def day_shown(grid: Grid, sessions: tuple[Session, ...], rows: list[int], n: int) -> bool:
    """Return whether the nth row of a page shows its day: the first row of a page, and each
    row whose day differs from the row above."""
    if "day" not in grid.keys:
        return False
    return n == 0 or sessions[rows[n]].day != sessions[rows[n - 1]].day


def table_colours(deck: Deck) -> Colours:
    """Return the table's colours: the header on the primary colour where its text reads there
    at body size, else on the surface colour with the text colour; rows banded on the surface."""
    pal = deck.theme.palette
    if contrast(pal.on_primary, pal.primary) >= AA_NORMAL:
        head_fill, head_text = pal.primary, pal.on_primary
    else:
        head_fill, head_text = pal.surface, pal.text
    return Colours(head_fill, head_text, pal.background, pal.surface, pal.rule)


def page_notes(section: Section, pages: list[list[Session]]) -> list[str]:
    """Return each slide's notes: the lines of the programme's notes that read out its sessions
    (with the day they fall on first), or the whole notes on each when they cannot be told apart."""
    if len(pages) == 1:
        return [section.notes]
    lines = section.notes.split("\n")
    by_session: list[tuple[str, str]] = []  # (day line, session line)
    pos, day = 0, ""
    for session in (s for page in pages for s in page):
        if session.day and session.day != day:
            if pos >= len(lines) or lines[pos] != session.day:
                return [section.notes] * len(pages)
            day, pos = session.day, pos + 1
        if pos >= len(lines):
            return [section.notes] * len(pages)
        by_session.append((day, lines[pos]))
        pos += 1
    if pos != len(lines):
        return [section.notes] * len(pages)
    out, start = [], 0
    for page in pages:
        chunk, said = [], ""
        for day_line, line in by_session[start:start + len(page)]:
            if day_line and day_line != said:
                chunk.append(day_line)
                said = day_line
            chunk.append(line)
        out.append("\n".join(chunk))
        start += len(page)
    return out
