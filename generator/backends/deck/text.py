"""Measured paragraphs for the deck: what a text says, how big it wants to be, and how it fits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.story import Loc
from generator.theme.model import Typeface
from generator.typeset import measure

# Text frame insets, written into every frame and subtracted before measuring.
INSET_X = 3.0
INSET_Y = 2.0
# Renderers substitute metric-compatible fonts whose widths differ by a few per cent from the
# metrics we measure with, so lines are measured against a slightly narrower box.
SLACK = 0.97
# Sparse content (needing less than this share of its area at the theme's sizes) is set larger,
# all of it in step and never past the heading size, until it fills about this share.
STATEMENT_FILL = 0.5


@dataclass(frozen=True)
class Para:
    """One paragraph: its text and style, the size it wants and the smallest size it accepts."""

    text: str
    size: float
    color: str
    face: Typeface
    bold: bool = False
    italic: bool = False
    before: float = 0.0
    floor: float = 14.0
    url: str = ""
    bullet: str = ""
    bullet_color: str = ""
    indent: float = 0.0
    align: str = "left"
    loc: Loc = ()
    keep: bool = False  # keep on the same slide as the next paragraph (a label and its value)
    want: float = 0.0
    language: str = "en"  # the brief's BCP 47 tag, written on runs in no script of their own
    region: str = ""  # its CJK region (story.Meta.cjk_region): Han characters are measured in it
    # The brief field this paragraph shows verbatim (its text, or the part `piece` of it when
    # the text continues over several boxes); empty for derived text and briefgen's own words.
    field: Loc = ()
    piece: int = 0

    def __post_init__(self) -> None:
        # Remember the size asked for, so shrinking can be undone and reported.
        if not self.want:
            object.__setattr__(self, "want", self.size)
        object.__setattr__(self, "text", " ".join(self.text.split("\n")))

    def text_width(self, box_width: float) -> float:
        """Return the width lines of this paragraph are wrapped to inside a box."""
        return (box_width - 2 * INSET_X) * SLACK - self.indent

    def lines(self, box_width: float) -> list[str]:
        """Return the lines this paragraph wraps into inside a box `box_width` wide."""
        return list(_wrapped(self.text, self.face, self.size, self.text_width(box_width),
                             self.bold, self.italic, self.region))

    def height(self, box_width: float, first: bool = False) -> float:
        """Return the height of this paragraph, with its space before unless it comes first."""
        gap = 0.0 if first else self.before
        return gap + measure.line_height(self.size) * len(self.lines(box_width))

    def shrunk(self, step: float) -> Para:
        """Return this paragraph `step` points smaller than wanted, never below its floor."""
        size = max(self.floor, self.want - step)
        return replace(self, size=size, before=self.before * size / self.size)

    @property
    def at_floor(self) -> bool:
        """Return True when this paragraph had to shrink all the way to its floor."""
        return self.size <= self.floor + 1e-6 < self.want


@lru_cache(maxsize=4096)
def _wrapped(text: str, face: Typeface, size: float, width: float, bold: bool,
             italic: bool, region: str) -> tuple[str, ...]:
    """Return the lines `text` wraps into, cached."""
    # Fitting and paging try the same paragraph at the same size many times.
    return tuple(measure.wrap(text, face, size, width, bold, italic, region))


def stack_height(paras: list[Para], box_width: float) -> float:
    """Return the height a text frame needs for `paras`, insets included."""
    body = sum(p.height(box_width, first=i == 0) for i, p in enumerate(paras))
    return body + 2 * INSET_Y


def shrink_to_fit(paras: list[Para], box_width: float, box_height: float) -> list[Para] | None:
    """Return `paras` at the largest sizes (shrinking 1pt at a time) that fit, or None."""
    if not paras:
        return []
    most = max(p.want - p.floor for p in paras)
    step = 0.0
    while step <= most + 1e-6:
        trial = [p.shrunk(step) for p in paras]
        if stack_height(trial, box_width) <= box_height + 1e-6:
            return trial
        step += 1.0
    return None


def scaled(paras: Sequence[Para], factor: float) -> list[Para]:
    """Return `paras` set `factor` times the size they want, their spacing and indents in step."""
    if factor == 1.0:
        return list(paras)
    return [replace(p, size=p.want * factor, want=p.want * factor, before=p.before * factor,
                    indent=p.indent * factor) for p in paras]


def growth(paras: Sequence[Para], cap: float, fits: Callable[[float], bool]) -> float:
    """Return the factor (1 or more) to set unshrunk `paras` larger by, in 1pt steps of the largest,
    as far as `cap` points and as long as `fits(factor)` holds; 1 for text that had to shrink."""
    if not paras or any(p.size < p.want - 1e-6 for p in paras):
        return 1.0
    largest = max(p.want for p in paras)
    best, size = 1.0, largest + 1.0
    while size <= cap + 1e-6 and fits(size / largest):
        best, size = size / largest, size + 1.0
    return best


def paginate(paras: list[Para], box_width: float, box_height: float,
             last_height: float | None = None) -> list[list[Para]]:
    """Return `paras` spread evenly over as few boxes as they need, as large as that allows.

    The last box may be shorter (`last_height`), to leave room under the text for something
    that follows it, such as a quote; it is empty when even one line would leave too little.
    """
    last_height = box_height if last_height is None else min(last_height, box_height)
    fitted = shrink_to_fit(paras, box_width, last_height)
    if fitted is not None:
        return [fitted]
    # A box too small for one line at the floor still takes one (it overflows, visibly).
    box_height = max(box_height, *(_one_line(p.shrunk(p.want)) for p in paras))
    count = _fewest_boxes([p.shrunk(p.want) for p in paras], box_width, box_height, last_height)
    most = max(p.want - p.floor for p in paras)
    # Every box of one text gets the same sizes: the largest at which it still takes `count`.
    step = 0.0
    while step < most and _pack([p.shrunk(step) for p in paras], box_width,
                                [box_height] * (count - 1) + [last_height]) is None:
        step += 1.0
    return _even([p.shrunk(min(step, most)) for p in paras], box_width, box_height, last_height, count)


def _fewest_boxes(paras: list[Para], box_width: float, box_height: float, last_height: float) -> int:
    """Return how many boxes `paras` need at their given sizes."""
    count = 2
    while _pack(paras, box_width, [box_height] * (count - 1) + [last_height]) is None:
        count += 1
    return count


def _even(paras: list[Para], box_width: float, box_height: float, last_height: float,
          count: int) -> list[list[Para]]:
    """Return `paras` in `count` boxes, each filled to about the same height.

    The height each box may take is halved towards the least that still holds the text.
    """
    low, high = 0.0, box_height
    best = _pack(paras, box_width, [box_height] * (count - 1) + [last_height])
    for _ in range(12):
        middle = (low + high) / 2
        pages = _pack(paras, box_width, [middle] * (count - 1) + [min(middle, last_height)])
        if pages is None:
            low = middle
        else:
            high, best = middle, pages
    # paginate() chose `count` and the sizes so that the text fits `count` boxes.
    assert best is not None, "paragraphs packed into fewer boxes than they need"
    return best  # the last box is empty when nothing fits above what follows the text


def _pack(paras: list[Para], box_width: float, heights: list[float]) -> list[list[Para]] | None:
    """Return `paras` filled in order into boxes of the given heights, or None if they overflow.

    A paragraph taller than a whole box is split across boxes.
    """
    pages: list[list[Para]] = []
    current: list[Para] = []
    used = 2 * INSET_Y  # the height `current` takes in its box
    queue = list(paras)
    while queue:
        if len(pages) == len(heights):
            return None
        room = heights[len(pages)]
        para = queue.pop(0)
        taller = used + para.height(box_width, first=not current)
        if taller <= room + 1e-6:
            current.append(para)
            used = taller
            continue
        if current:
            held = _held_back(current)
            pages.append(current[:len(current) - len(held)])
            current, used = [], 2 * INSET_Y
            queue[:0] = [*held, para]
            continue
        if _one_line(para) > room + 1e-6:
            return None  # not even one line fits this box
        head, tail = split(para, box_width, room)
        pages.append([head])
        if tail is not None:
            queue.insert(0, tail)
    if len(pages) < len(heights) - 1 and stack_height(current, box_width) > heights[-1] + 1e-6:
        # The text ended before the last box but would leave too little room under it.
        pages.append(current)
        current = []
    pages.append(current)
    return pages


def _one_line(para: Para) -> float:
    """Return the height of a box that holds one line of `para`."""
    return measure.line_height(para.size) + 2 * INSET_Y


def _held_back(current: list[Para]) -> list[Para]:
    """Return the trailing paragraphs that must move with the next one (never the whole page)."""
    count = 0
    while count < len(current) - 1 and current[-1 - count].keep:
        count += 1
    return current[len(current) - count:] if count else []


def split(para: Para, box_width: float, box_height: float) -> tuple[Para, Para | None]:
    """Return the part of a too-long paragraph that fits a box, and the rest (or None)."""
    lines = para.lines(box_width)
    room = int((box_height - 2 * INSET_Y) // measure.line_height(para.size))
    room = max(1, min(room, len(lines) - 1))
    cut = offset_after(para.text, lines, room)
    head, rest = para.text[:cut].rstrip(), para.text[cut:].lstrip()
    if not rest:
        return para, None
    return replace(para, text=head), replace(para, text=rest, before=0.0, bullet="",
                                             piece=para.piece + 1)


def offset_after(text: str, lines: list[str], count: int) -> int:
    """Return the offset in `text` just after its first `count` wrapped lines."""
    pos = 0
    for line in lines[:count]:
        start = text.find(line, pos)
        if start < 0:
            break
        pos = start + len(line)
    return pos
