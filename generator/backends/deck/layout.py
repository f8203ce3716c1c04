"""The deck's grid and the chrome every content slide shares: title, rule, footer, number, logo."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from generator.backends.base import Notice
from generator.backends.deck.fields import FieldRecord
from generator.backends.deck.pages import add_notes, add_slide
from generator.backends.deck.runs import rgb, slide_number_field, write_frame
from generator.backends.deck.shapes import fill, fitted_picture, place, text_box
from generator.backends.deck.text import INSET_Y, STATEMENT_FILL, Para, shrink_to_fit
from generator.ooxml.names import qn
from generator.story import Loc, Story
from generator.theme.model import Theme
from generator.typeset import measure, scripts

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.shapes.autoshape import Shape
    from pptx.slide import Slide

T = TypeVar("T")

TITLE_ONLY, TITLE_SLIDE = 5, 0  # layouts of python-pptx's default template
TITLE_FLOOR = 20.0  # titles may shrink, but stay titles
LOGO_HEIGHT = 30.0
LOGO_PLATE_PAD = 5.0  # the margin of the plate a logo is set on where it would not stand out


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points."""

    x: float
    y: float
    w: float
    h: float

    def columns(self, count: int, gutter: float) -> list[Box]:
        """Return this box cut into `count` equal columns separated by `gutter`."""
        w = (self.w - gutter * (count - 1)) / count
        return [Box(self.x + i * (w + gutter), self.y, w, self.h) for i in range(count)]

    def rows(self, count: int, gutter: float) -> list[Box]:
        """Return this box cut into `count` equal rows separated by `gutter`."""
        h = (self.h - gutter * (count - 1)) / count
        return [Box(self.x, self.y + i * (h + gutter), self.w, h) for i in range(count)]

    def split(self, first: float, gutter: float) -> tuple[Box, Box]:
        """Return a left column `first` wide and the rest, separated by `gutter`."""
        return (Box(self.x, self.y, first, self.h),
                Box(self.x + first + gutter, self.y, self.w - first - gutter, self.h))

    def inset(self, d: float) -> Box:
        """Return this box shrunk by `d` on every side."""
        return Box(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)


@dataclass(frozen=True)
class Page:
    """One slide to be: how to draw its body, its notes, and where in the brief it comes from."""

    draw: Callable[[Slide], None]
    notes: str
    loc: Loc


@dataclass
class Deck:
    """What every slide builder needs: the presentation, story, theme, grid and notices."""

    prs: Presentation | None  # None when the slides are only planned, not drawn
    story: Story
    theme: Theme
    notices: list[Notice] = field(default_factory=list)
    notes_pages: int = 0
    record: FieldRecord | None = None  # what each shape shows of the brief, while drawing

    def exact(self, loc: Loc, text: str) -> Loc:
        """Return `loc` when `text` is that field's value verbatim (see FieldRecord), else ()."""
        return self.record.exact(loc, text) if self.record is not None else ()

    def recorded(self, shape: Any, paras: list[Para], label: str = "") -> None:
        """Name `shape` by the field its `paras` show and keep them for the deck's record."""
        if self.record is not None:
            self.record.frame(shape, paras, label)

    @property
    def width(self) -> float:
        """Return the slide width in points."""
        return self.theme.slide_width

    @property
    def height(self) -> float:
        """Return the slide height in points."""
        return self.theme.slide_height

    @property
    def title_box(self) -> Box:
        """Return where content-slide titles go: two lines of heading type, above the rule."""
        m = self.theme.slide_margin
        h = 2 * measure.line_height(self.theme.slide_scale.heading) + 2 * INSET_Y
        right = LOGO_HEIGHT * 3 + self.theme.gutter if self.story.logo else 0.0
        return Box(m, m * 0.75, self.width - 2 * m - right, h)

    @property
    def rule_y(self) -> float:
        """Return the top of the short accent bar under every title."""
        box = self.title_box
        return box.y + box.h + 8

    @property
    def content(self) -> Box:
        """Return the body area of a content slide, between the title rule and the footer."""
        m = self.theme.slide_margin
        top = self.rule_y + 4 + self.theme.gutter
        return Box(m, top, self.width - 2 * m, self.height - m - 6 - top)

    def content_top(self, used: float) -> float:
        """Return where content `used` points tall starts: under the title, or, when it fills
        less than half the body area, lowered to end at the middle of it (balanced, not
        top-heavy)."""
        area = self.content
        return area.y + max(0.0, area.h * STATEMENT_FILL - used)

    def note(self, loc: Loc, message: str) -> None:
        """Record a fit decision the user should know about, once."""
        notice = Notice(tuple(loc), message)
        if notice not in self.notices:
            self.notices.append(notice)

    def para(self, text: str, role: str, color: str = "text", heading: bool = False,
             floor: float | None = None, **kw: Any) -> Para:
        """Return a paragraph in a type-scale role and palette colour, with the legible floor.

        `heading` picks the heading typeface; `kw` are the other fields of Para.
        """
        scale = self.theme.slide_scale
        face = self.theme.heading if heading else self.theme.body
        floor = scale.floor if floor is None else floor
        size: float = getattr(scale, role)
        return Para(text, size, getattr(self.theme.palette, color), face,
                    floor=min(floor, size), language=self.language, region=self.region, **kw)

    @property
    def language(self) -> str:
        """Return the story's BCP 47 language tag, which every Para carries."""
        return self.story.meta.language or "en"

    @property
    def rtl(self) -> bool:
        """Return whether the story's language reads right to left: its slides are mirrored."""
        return scripts.rtl_language(self.language)

    @property
    def region(self) -> str:
        """Return the CJK region of the story's language ('' for none), which every Para carries."""
        return self.story.meta.cjk_region

    @property
    def cjk_family(self) -> str:
        """Return the East Asian typeface of every CJK run: the theme's, or the region's usual one."""
        return self.theme.east_asian_family(self.region)

    def add_text(self, slide: Slide, box: Box, paras: list[Para], anchor: str = "top",
                 name: str = "") -> Shape:
        """Return a text box of fitted `paras` at `box`, reporting text shrunk to the floor."""
        for p in paras:
            if p.at_floor and p.loc:
                self.note(p.loc, f"text shrunk to the {p.floor:g}pt floor to fit its slide")
        shape = text_box(slide, box.x, box.y, box.w, box.h, paras, self.cjk_family, anchor, name)
        self.recorded(shape, paras, name)
        return shape


def split_evenly(items: Sequence[T], most: int) -> list[tuple[T, ...]]:
    """Return `items` in the fewest chunks of at most `most`, as even in size as possible."""
    if not items:
        return []
    count = math.ceil(len(items) / most)
    size, extra = divmod(len(items), count)
    chunks: list[tuple[T, ...]] = []
    start = 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        chunks.append(tuple(items[start:end]))
        start = end
    return chunks


def new_slide(deck: Deck, title: str, notes: str, number: int, loc: Loc,
              cover: bool = False) -> Slide:
    """Return a slide with its title in the title placeholder, its notes, and (not on the cover) chrome."""
    assert deck.prs is not None, "a deck that is only planned has no slides"
    slide = add_slide(deck.prs, TITLE_SLIDE if cover else TITLE_ONLY)
    if notes:
        deck.notes_pages += 1
        add_notes(slide, notes, deck.notes_pages)
    if not cover:
        set_title(deck, slide, title, loc)
        _chrome(deck, slide, number)
    return slide


def set_title(deck: Deck, slide: Slide, title: str, loc: Loc, box: Box | None = None,
              role: str = "heading", anchor: str = "bottom",
              fitted: list[Para] | None = None) -> None:
    """Write `title`, fitted (or as the `fitted` paragraphs given), into the slide's title
    placeholder moved to `box`."""
    box = box or deck.title_box
    exact = deck.record.title_field(loc, title) if deck.record is not None else ()
    para = deck.para(title, role, "primary", bold=True, heading=True, floor=TITLE_FLOOR, loc=loc,
                     field=exact)
    paras = fitted or shrink_to_fit([para], box.w, box.h)
    if paras is None:
        # A title longer than two lines at the floor: show it whole rather than cut it.
        paras = [para.shrunk(para.want)]
        deck.note(loc, "title is too long for its slide even at the smallest title size")
    shape = slide.shapes.title
    assert shape is not None, "the layouts the deck uses have a title placeholder"
    place(shape, box.x, box.y, box.w, box.h)
    write_frame(shape.text_frame, paras, box.w, deck.cjk_family, anchor)
    deck.recorded(shape, paras)


def _chrome(deck: Deck, slide: Slide, number: int) -> None:
    """Draw what every content slide shares: the title rule, footer, slide number and logo."""
    theme, m = deck.theme, deck.theme.slide_margin
    fill(slide, m + 3, deck.rule_y, 56, 4, theme.palette.accent, name="Title rule")
    size = max(theme.slide_scale.caption, 10.0)
    top = deck.height - m + 10
    h = measure.line_height(size) + 2 * INSET_Y
    footer = deck.para(deck.story.meta.footer, "caption", "muted", floor=size, loc=("event",))
    if deck.story.meta.footer:
        width = deck.width - 2 * m - 80
        paras = shrink_to_fit([footer], width, h) or [footer]
        deck.add_text(slide, Box(m, top, width, h), paras, name="Footer")
    number_para = deck.para(str(number), "caption", "muted", floor=size, align="right")
    box = deck.add_text(slide, Box(deck.width - m - 60, top, 60, h), [number_para], name="Slide number")
    slide_number_field(box.text_frame.paragraphs[0], number)
    if deck.story.logo:
        title, w = deck.title_box, LOGO_HEIGHT * 3
        draw_logo(deck, slide, Box(deck.width - m - w, title.y + title.h - LOGO_HEIGHT, w,
                                   LOGO_HEIGHT), theme.palette.background)


def draw_logo(deck: Deck, slide: Slide, box: Box, behind: str) -> None:
    """Draw the story's logo inside `box`, on a plate when it would not stand out from `behind`."""
    logo, measured = deck.story.logo, deck.theme.logo
    if logo is None:
        return
    pal = deck.theme.palette
    plate = measured.backdrop(behind, (pal.surface, pal.text, pal.primary, "#FFFFFF", "#000000")) \
        if measured else None
    if plate is not None:
        # The picture is set a little smaller, centred on a plate the size of its box.
        scale = min((box.w - 2 * LOGO_PLATE_PAD) / logo.width, (box.h - 2 * LOGO_PLATE_PAD) / logo.height)
        w, h = logo.width * scale + 2 * LOGO_PLATE_PAD, logo.height * scale + 2 * LOGO_PLATE_PAD
        x, y = box.x + box.w - w if box.x > deck.width / 2 else box.x, box.y + (box.h - h) / 2
        fill(slide, x, y, w, h, plate, MSO_SHAPE.ROUNDED_RECTANGLE, name="Logo plate")
        box = Box(x, y, w, h).inset(LOGO_PLATE_PAD)
    fitted_picture(slide, logo, box.x, box.y, box.w, box.h, logo.alt)


def background(prs: Presentation, theme: Theme) -> None:
    """Paint the master's background and stretch its placeholders to the slide width."""
    bg = prs.slide_master.background.fill
    bg.solid()
    bg.fore_color.rgb = rgb(theme.palette.background)
    scale = theme.slide_width / 720.0  # python-pptx's template is 720pt wide
    masters = [prs.slide_master, *prs.slide_layouts]
    for master in masters:
        for shape in master.shapes:
            if shape._element.find(".//" + qn("a:xfrm")) is not None and shape.width is not None:
                shape.left = Pt(round(shape.left / 12700 * scale))
                shape.width = Pt(round(shape.width / 12700 * scale))

