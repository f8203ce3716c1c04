"""Measured paragraphs for the deck: what a text says, how big it wants to be, and how it fits."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import measure
from ..theme_model import Typeface

# Text frame insets, written into every frame and subtracted before measuring.
INSET_X = 3.0
INSET_Y = 2.0
# Renderers substitute metric-compatible fonts whose widths differ by a few per cent from the
# metrics we measure with, so lines are measured against a slightly narrower box.
SLACK = 0.97


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
    loc: tuple = ()
    keep: bool = False  # keep on the same slide as the next paragraph (a label and its value)
    want: float = 0.0

    def __post_init__(self):
        # Remember the size asked for, so shrinking can be undone and reported.
        if not self.want:
            object.__setattr__(self, "want", self.size)
        object.__setattr__(self, "text", " ".join(self.text.split("\n")))

    def text_width(self, box_width: float) -> float:
        """Return the width lines of this paragraph are wrapped to inside a box."""
        return (box_width - 2 * INSET_X) * SLACK - self.indent

    def lines(self, box_width: float) -> list[str]:
        """Return the lines this paragraph wraps into inside a box `box_width` wide."""
        return measure.wrap(self.text, self.face, self.size, self.text_width(box_width),
                            self.bold, self.italic)

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


def stack_height(paras: list[Para], box_width: float) -> float:
    """Return the height a text frame needs for `paras`, insets included."""
    body = sum(p.height(box_width, first=i == 0) for i, p in enumerate(paras))
    return body + 2 * INSET_Y


def fit(paras: list[Para], box_width: float, box_height: float) -> list[Para] | None:
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


def paginate(paras: list[Para], box_width: float, box_height: float) -> list[list[Para]]:
    """Return `paras` spread over as few boxes as needed, each fitted at the largest size."""
    fitted = fit(paras, box_width, box_height)
    if fitted is not None:
        return [fitted]
    pages: list[list[Para]] = []
    current: list[Para] = []
    queue = [p.shrunk(p.want) for p in paras]
    while queue:
        para = queue.pop(0)
        if stack_height([*current, para], box_width) <= box_height + 1e-6:
            current.append(para)
            continue
        if current:
            held = _held_back(current)
            pages.append(current[:len(current) - len(held)])
            current = []
            queue[:0] = [*held, para]
            continue
        head, tail = split(para, box_width, box_height)
        pages.append([head])
        if tail is not None:
            queue.insert(0, tail)
    if current:
        pages.append(current)
    # Every page of one text gets the same sizes: the largest at which each page's share fits.
    step = max(_step_needed(page, box_width, box_height) for page in pages)
    return [[p.shrunk(step) for p in page] for page in pages]


def _step_needed(paras: list[Para], box_width: float, box_height: float) -> float:
    """Return how many points `paras` must shrink to fit (their full range when they cannot)."""
    fitted = fit(paras, box_width, box_height)
    if fitted is None:
        return max(p.want - p.floor for p in paras)
    return max(p.want - p.size for p in fitted)


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
    return replace(para, text=head), replace(para, text=rest, before=0.0, bullet="")


def offset_after(text: str, lines: list[str], count: int) -> int:
    """Return the offset in `text` just after its first `count` wrapped lines."""
    pos = 0
    for line in lines[:count]:
        start = text.find(line, pos)
        if start < 0:
            break
        pos = start + len(line)
    return pos
