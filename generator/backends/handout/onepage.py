"""Fit the handout on one page: lay it out, measure, shrink the type, or say what to shorten."""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph
from reportlab.platypus.doctemplate import LayoutError

from generator.backends.base import Notice, RenderError
from generator.backends.handout.codes import code_size
from generator.backends.handout.condense import FULL, Cut, Step, steps
from generator.backends.handout.content import Handout
from generator.backends.handout.flow import Entry, flow
from generator.backends.handout.names import MOST_ACROSS
from generator.backends.handout.page import (
    ACCENT_STRIPE,
    Header,
    footer_height,
    measure_header,
    summary_paragraph,
)
from generator.backends.handout.programme import shown_sessions
from generator.backends.handout.text import TRIAL, Sizes, safe_url, shrink_steps
from generator.story import Loc
from generator.theme.model import Theme
from generator.typeset.measure import LEADING
from generator.typeset.paragraphs import as_script

# A heading moves to the next column unless this many body lines fit under it.
LINES_UNDER_HEADING = 2
# Entries shorter than this share of a column move whole to the next column instead of splitting.
KEEP_WHOLE_SHARE = 0.25
# How many of the longest entries an overflow report points at.
LONGEST_SHOWN = 3
# Full content is tried at the theme's type sizes shrinking down to this share of them before
# anything is condensed, and the condensed page again from the theme's sizes down to it; only a
# page whose own summary, priorities and takeaways do not fit at this size is set smaller, down
# to the floor. A reader is better served by the speakers' names in type they can read than by
# every speaker's role and topic at 7 pt, and the deck has everything the page leaves out.
COMFORT = 0.85
ADVICE = {
    "header": "shorten the title or subtitle",
    "summary": "shorten the summary",
    "facts": "list fewer organisers or participants",
    "figures": "give fewer key figures, or shorter labels",
    "agenda": "shorten the sessions' titles, or list fewer sessions",
    "speakers": "shorten speakers' titles, organisations and topics, or list fewer speakers",
    "priorities": "shorten the priorities' details",
    "takeaways": "shorten the takeaways",
    "sources": "list fewer sources",
}


@dataclass
class Layout:
    """Where everything goes at one type size; `column_height` is None when it does not fit."""

    sizes: Sizes
    header: Header
    summary: Paragraph
    summary_top: float
    columns_top: float
    columns_bottom: float
    column_width: float
    column_height: float | None
    entries: list[Entry]
    cut: Cut = FULL  # how far the lists were condensed to fit
    rtl: bool = False  # the story reads right to left: the first column is the right one

    @property
    def fits(self) -> bool:
        """Return whether everything fits on the page."""
        return self.column_height is not None

    def frames(self, theme: Theme, height: float) -> list[Frame]:
        """Return the two column frames, `height` tall, hanging from the top of the columns,
        in reading order (from the right in a right-to-left document)."""
        left = theme.page_margin
        xs = (left, left + self.column_width + theme.gutter)
        if self.rtl:
            xs = xs[::-1]
        return [Frame(x, self.columns_top - height, self.column_width, height, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0, showBoundary=0) for x in xs]


def fit_one_page(handout: Handout, theme: Theme) -> Layout:
    """Return the layout with the most content at the largest type size that fits, condensing
    the lists step by step (condense.py); raise RenderError if even the event's own content
    does not fit at the floor."""
    sizes = shrink_steps(theme.page_scale)
    comfortable = [s for s in sizes if s.factor >= COMFORT - 1e-9]
    ladder = steps(handout, theme.source_codes)
    trials = _Trials(handout, theme)
    for step in ladder:
        layout = trials.best(step, comfortable)
        if layout is not None:
            return layout
    layout = trials.best(ladder[-1], sizes[len(comfortable):])
    if layout is not None:
        return layout
    # The most condensed page at the smallest sizes: the notices say how far even that is over.
    worst = plan(handout, theme, sizes[-1], ladder[-1].with_count(0), quick=False)
    raise RenderError(overflow_notices(theme, worst))


class _Trials:
    """The search for a layout that fits: each (sizes, cut) is laid out at most once.

    Fitting is monotone in both the type size and how much is shown, so the search bisects:
    a step is rejected with one layout at its smallest size, a count (how many names, codes or
    sources) is found in about log2 of it, and the size that fits in three or four more.
    """

    def __init__(self, handout: Handout, theme: Theme) -> None:
        self.handout, self.theme = handout, theme
        self.tried: dict[tuple[Sizes, Cut], Layout] = {}

    def layout(self, sizes: Sizes, cut: Cut) -> Layout:
        """Return the layout of the page at `sizes` condensed by `cut`."""
        key = (sizes, cut)
        if key not in self.tried:
            self.tried[key] = plan(self.handout, self.theme, sizes, cut)
        return self.tried[key]

    def best(self, step: Step, sizes: list[Sizes]) -> Layout | None:
        """Return the step's layout at the largest of `sizes` that fits; a counted step first
        shows as many of what it counts as fit at the smallest of them (more of the content in
        type still comfortable to read beats less of it in larger type), then takes the largest
        size that still holds that many."""
        if not step.counted or not sizes:
            return self.largest(step.cut, sizes)
        if not self.layout(sizes[-1], step.with_count(step.least)).fits:
            return None
        low, high = step.least, step.most
        while low < high:
            middle = (low + high + 1) // 2
            if self.layout(sizes[-1], step.with_count(middle)).fits:
                low = middle
            else:
                high = middle - 1
        return self.largest(step.with_count(low), sizes)

    def largest(self, cut: Cut, sizes: list[Sizes]) -> Layout | None:
        """Return the layout at the largest of `sizes` at which `cut` fits, or None."""
        if not sizes:
            return None
        first = self.layout(sizes[0], cut)
        if first.fits or len(sizes) == 1:
            return first if first.fits else None
        last = self.layout(sizes[-1], cut)
        if not last.fits:
            return None
        fails, fits = 0, len(sizes) - 1
        while fits - fails > 1:
            middle = (fails + fits) // 2
            if self.layout(sizes[middle], cut).fits:
                fits = middle
            else:
                fails = middle
        return self.layout(sizes[fits], cut)


def _scripted(header: Header, theme: Theme, sizes: Sizes) -> Header:
    """Return the header with text beyond plain Latin as script paragraphs, measured again."""
    paragraphs = [as_script(p) for p in header.paragraphs]
    if all(new is old for new, old in zip(paragraphs, header.paragraphs, strict=True)):
        return header  # plain Latin: the header as page.py measured it
    logo_w, logo_h = header.logo_size
    text_width = theme.page_width - 2 * theme.page_margin - (logo_w + theme.gutter if logo_w else 0)
    heights = [p.wrap(text_width, theme.page_height)[1] + p.style.spaceAfter for p in paragraphs]
    floor = sizes.title * 2  # as page.measure_header: a masthead is at least this tall
    padding = header.height - max(sum(header.heights), logo_h, floor)
    height = max(sum(heights), logo_h, floor) + padding
    return Header(paragraphs, heights, height, header.logo_size)


def plan(handout: Handout, theme: Theme, sizes: Sizes, cut: Cut = FULL,
         quick: bool = True) -> Layout:
    """Return the layout at `sizes` condensed by `cut`, with the shortest column height that
    holds all columns; when `quick`, a page that cannot fit by a count of lines alone is not
    laid out at all."""
    margin = theme.page_margin
    header = _scripted(measure_header(handout, theme, sizes), theme, sizes)
    content_width = theme.page_width - 2 * margin
    summary = as_script(summary_paragraph(handout, theme, sizes))
    summary_top = theme.page_height - header.height - ACCENT_STRIPE - sizes.space(2.2)
    summary_height = summary.wrap(content_width, theme.page_height)[1]
    columns_top = summary_top - summary_height - sizes.space(1.6)
    columns_bottom = margin + footer_height(handout, theme, sizes) + sizes.space(1.2)
    column_width = (content_width - theme.gutter) / 2
    layout = Layout(sizes, header, summary, summary_top, columns_top, columns_bottom, column_width,
                    None, [], cut, handout.rtl)
    available = columns_top - columns_bottom
    if quick and _least_height(handout, theme, sizes, cut) > 2 * available:
        return layout
    layout.entries = flow(handout, theme, sizes, column_width, cut)
    if available <= 0:
        return layout
    if not layout.entries:
        layout.column_height = 0.0
        return layout
    if _leftover(theme, layout, available):
        return layout
    layout.column_height = _balanced_height(theme, layout, available)
    return layout


def _least_height(handout: Handout, theme: Theme, sizes: Sizes, cut: Cut) -> float:
    """Return a height the lists cannot take less than in one column: a line for each entry
    (a row for each few names), a code's height for each source printed with one."""
    total = 0.0
    for part in handout.parts:
        limit = {"speakers": cut.speakers, "sources": cut.sources}.get(part.key)
        if part.key == "agenda":
            limit = len(shown_sessions(part, cut))
        count = len(part.entries) if limit is None else min(limit, len(part.entries))
        size = sizes.small if part.key in ("speakers", "sources") else sizes.body
        if part.key == "speakers" and cut.names_only:
            count = -(-count // MOST_ACROSS)
        if part.key == "sources" and theme.source_codes:
            coded = sum(1 for e in part.entries[:count] if safe_url(getattr(e, "url", "")))
            coded = coded if cut.codes is None else min(coded, cut.codes)
            total += coded * code_size(sizes)
            count -= coded
        total += count * size * LEADING
    return total


def _balanced_height(theme: Theme, layout: Layout, available: float) -> float:
    """Return a column height at which the content fits, close to the least such height.

    Two columns hold at least half the content, so the first try is half its height; each
    miss grows the columns by half of what was left over (at least two points). This lands
    within a few points of the least height in three or four trials, where bisection to half a
    point took ten, each a full layout of the page.
    """
    height = min(available, sum(_entry_height(e, layout) for e in layout.entries) / 2)
    while height < available:
        rest = _leftover(theme, layout, height)
        if not rest:
            return height
        spill = sum(f.wrap(layout.column_width, 1e6)[1] for f in rest)
        height = min(available, height + max(2.0, spill / 2))
    return available


def _leftover(theme: Theme, layout: Layout, height: float) -> list[Flowable]:
    """Return what does not fit into two columns `height` tall.

    Trials reuse the layout's flowables: placing and splitting them on a scratch canvas leaves
    them unchanged, and parsing their markup again costs more than the packing itself.
    """
    entries = layout.entries
    scratch = Canvas(io.BytesIO(), pagesize=(theme.page_width, theme.page_height))
    setattr(scratch, TRIAL, True)
    return pack([f for e in entries for f in e.flowables], layout.frames(theme, height), scratch)


def pack(flowables: list[Flowable], frames: list[Frame], canv: Canvas) -> list[Flowable]:
    """Place `flowables` into `frames` in order, splitting where they allow; return the rest."""
    queue = list(flowables)
    for frame in frames:
        while queue:
            first = queue[0]
            if getattr(first, "keep_with_next", False) and not _room_under(first, queue, frame):
                break
            if _add(frame, first, canv):
                queue.pop(0)
                continue
            if _keep_whole(first, frame):
                break
            parts = frame.split(first, canv)
            if not parts or not _add(frame, parts[0], canv):
                break
            queue[0:1] = parts[1:]
    return queue


def _add(frame: Frame, flowable: Flowable, canv: Canvas) -> bool:
    """Return whether `flowable` was placed in `frame`; too large for it counts as not placed."""
    try:
        return bool(frame.add(flowable, canv, trySplit=0))
    except LayoutError:  # raised instead of returning 0 when rl_config forbids oversized tables
        return False


def _keep_whole(flowable: Flowable, frame: Frame) -> bool:
    """Return whether a short entry should move to the next column rather than break in two."""
    if not getattr(flowable, "keep_whole", False):
        return False
    height: float = flowable.wrap(_frame_width(frame), _frame_height(frame))[1]
    return height <= _frame_height(frame) * KEEP_WHOLE_SHARE


def _room_under(heading: Flowable, queue: list[Flowable], frame: Frame) -> bool:
    """Return whether a heading and the first lines of what follows it fit in the frame."""
    width = _frame_width(frame)
    room = _frame_room(frame)
    at_top = _frame_at_top(frame)
    need: float = heading.wrap(width, room)[1] + heading.getSpaceBefore() * (not at_top)
    if len(queue) > 1:
        following = queue[1]
        following_height = following.wrap(width, room)[1]
        lines = LINES_UNDER_HEADING * layout_leading(following)
        need += following_height if _keep_whole(following, frame) else min(following_height, lines)
    return need <= room + 1e-6 or at_top


def layout_leading(flowable: Flowable) -> float:
    """Return the line height of a flowable's paragraph, or its whole height if it has none."""
    para = getattr(flowable, "para", flowable)
    style = getattr(para, "style", None)
    leading: float = style.leading if style is not None else getattr(flowable, "height", 0.0)
    return leading


# ReportLab's Frame tells how much room it has left, and whether anything is in it yet, only
# through private fields. Every read of ReportLab's private API is in the four functions below,
# so a release that renames those fields breaks these and nothing else. Checked against
# ReportLab 4.0.0 and 5.1.0, whose reportlab/platypus/frames.py set them alike (Frame._geom,
# Frame._reset, Frame._getAvailableWidth, Frame._add); check again before allowing a newer one.

def _frame_width(frame: Frame) -> float:
    """Return the width `frame` gives a flowable: inside its paddings, less any indent."""
    width: float = frame._getAvailableWidth()
    return width


def _frame_height(frame: Frame) -> float:
    """Return the height of `frame` inside its paddings, whatever it already holds (`_aH`)."""
    height: float = frame._aH
    return height


def _frame_room(frame: Frame) -> float:
    """Return the height left in `frame` under what it holds, down to its bottom padding."""
    room: float = frame._y - frame._y1p
    return room


def _frame_at_top(frame: Frame) -> bool:
    """Return whether the next flowable goes at the top of `frame`, which skips its space before."""
    return bool(frame._atTop)


def overflow_notices(theme: Theme, layout: Layout) -> list[Notice]:
    """Return notices saying how much too long the handout is and which parts to shorten."""
    sizes = layout.sizes
    rooms = _rooms(layout)
    needed = sum(h for _k, _l, h in rooms) + (theme.page_height - layout.header.height
                                               - layout.summary_top) + layout.columns_bottom
    percent = max(1, round((needed / theme.page_height - 1) * 100))
    total = sum(h for _k, _l, h in rooms) or 1.0
    ranked = sorted(rooms, key=lambda r: -r[2])
    biggest = ranked[0]
    notices = [Notice(biggest[1], f"the handout is {percent}% longer than one page even at "
                                  f"{sizes.body:g} pt; {_share(biggest, total)}")]
    for room in ranked[1:3]:
        if room[2] / total >= 0.15:
            notices.append(Notice(room[1], _share(room, total)))
    notices += _longest_entries(layout, biggest[0])
    return notices


def _share(room: tuple[str, Loc, float], total: float) -> str:
    """Return what share of the room a part takes, and how to make it shorter."""
    key, _loc, height = room
    name = {"header": "the title block takes", "summary": "the summary takes",
            "facts": "the key facts take"}.get(key, f"the {key} take")
    return f"{name} {round(100 * height / total)}% of the room; {ADVICE[key]}"


def _rooms(layout: Layout) -> list[tuple[str, Loc, float]]:
    """Return (part, brief location, height on the page) for the header, summary and lists."""
    gap = layout.summary_top - layout.columns_top
    rooms: list[tuple[str, Loc, float]] = [
        ("header", ("event", "title"), layout.header.height + ACCENT_STRIPE),
        ("summary", ("event", "summary"), gap)]
    heights: dict[str, float] = {}
    locs: dict[str, Loc] = {}
    for entry in layout.entries:
        heights[entry.part] = heights.get(entry.part, 0.0) + _entry_height(entry, layout) / 2
        locs.setdefault(entry.part, (entry.part,) if entry.part != "facts" else entry.loc)
    rooms += [(part, locs[part], height) for part, height in heights.items()]
    return rooms


def _entry_height(entry: Entry, layout: Layout) -> float:
    """Return the height an entry takes in one column, gaps included."""
    height = 0.0
    for flowable in entry.flowables:
        height += flowable.wrap(layout.column_width, 1e6)[1]
        height += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return height


def _longest_entries(layout: Layout, part: str) -> list[Notice]:
    """Return notices at the longest entries of `part`, the first things worth shortening."""
    entries = [e for e in layout.entries if e.part == part and len(e.loc) > 1]
    if len(entries) < 2:
        return []
    leading = layout.sizes.body * LEADING

    def lines(entry: Entry) -> int:
        # The entry's own text only: the section heading above the first entry is not its fault.
        own = dataclasses.replace(entry, flowables=entry.flowables[-1:])
        return max(1, round(_entry_height(own, layout) / leading))

    ranked = sorted(entries, key=lambda e: -lines(e))[:LONGEST_SHOWN]
    return [Notice(e.loc, f"this entry takes about {lines(e)} lines of the handout; "
                          "shortening it helps it fit") for e in ranked]
