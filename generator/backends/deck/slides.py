"""Slides made of text: the cover, at a glance, takeaways and sources.

Content hangs under the title. Sparse content is set larger (see `text.growth`): a slide that
says little says it as a statement, in the largest size that still leaves it room.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from pptx.enum.shapes import MSO_SHAPE

from generator.backends.deck.figures import draw_tiles, lay_out
from generator.backends.deck.layout import Box, Deck, Page, draw_logo, set_title, split_evenly
from generator.backends.deck.logos import draw_strip, lay_strip
from generator.backends.deck.runs import write_frame
from generator.backends.deck.shapes import fill, place
from generator.backends.deck.text import (
    STATEMENT_FILL,
    Para,
    growth,
    paginate,
    scaled,
    shrink_to_fit,
    stack_height,
)
from generator.story import Fact, Item, Section, SectionKind, part_titles
from generator.theme.model import link_color

if TYPE_CHECKING:
    from pptx.slide import Slide

PANEL_PAD = 18.0
# The most items one list slide holds; fewer when their measured text needs more room.
LIST_ITEMS_PER_SLIDE = {SectionKind.TAKEAWAYS: 5, SectionKind.SOURCES: 6}
READABLE = 780.0  # the longest comfortable line of body text on a slide, in points
# The cover's type grows, all in step, while it fills less than this share of the cover; its
# title may reach DISPLAY times the theme's title size (a cover has nothing else to be larger).
COVER_FILL = 0.45
DISPLAY = 1.5
COVER_LOGO = (160.0, 48.0)
CREDITS = (("hosts",), ("organizers",))  # the facts the cover credits, at its foot


def draw_cover(deck: Deck, slide: Slide, section: Section) -> None:
    """Draw the cover: title, subtitle and 'date · place' as one block, the hosts and organisers
    credited at its foot, beside a band of the primary colour."""
    theme, pal = deck.theme, deck.theme.palette
    m, gutter = theme.slide_margin, theme.gutter
    band = m * 0.4
    fill(slide, 0, 0, band, deck.height, pal.primary, name="Cover band")
    x = band + m
    w = deck.width - x - m
    top = m
    if deck.story.logo:
        draw_logo(deck, slide, Box(x, m, *COVER_LOGO), pal.background)
        top = m + COVER_LOGO[1] + gutter
    # The organisations' logos stand in one strip at the cover's foot, under the credits.
    strip = lay_strip(deck, w, pal.background)
    end = deck.height - m - (strip.outer + 1.5 * gutter if strip else 0.0)
    if strip:
        draw_strip(deck, slide, strip, x, deck.height - m - strip.outer)
    room = end - top
    block, credits = _cover_text(deck, section, w, room)
    scale = _cover_growth(deck, block, credits, w, room)
    block = [scaled(paras, scale) for paras in block]
    foot = _draw_credits(deck, slide, [scaled(paras, scale) for paras in credits], x, w, end)
    bottom = foot - 2 * gutter if credits else end
    _draw_block(deck, slide, section, block, scale, Box(x, top, w, bottom - top))


def _draw_credits(deck: Deck, slide: Slide, credits: list[list[Para]], x: float, w: float,
                  end: float) -> float:
    """Draw the credit columns ending at `end` under a hairline; return their top."""
    gutter = deck.theme.gutter
    columns = [Box(x + c.x, 0, c.w, 0) for c in _columns(w, len(credits), gutter)]
    height = max((stack_height(p, c.w) for p, c in zip(credits, columns, strict=True)), default=0.0)
    foot = end - height
    if credits:
        fill(slide, x + 3, foot - gutter, w - 3, 1.0, deck.theme.palette.rule, name="Credits rule")
        for paras, column in zip(credits, columns, strict=True):
            deck.add_text(slide, Box(column.x, foot, column.w, height), paras, name="Credits")
    return foot


def _draw_block(deck: Deck, slide: Slide, section: Section, block: list[list[Para]], scale: float,
                room: Box) -> None:
    """Draw the accent rule, title, subtitle and when-and-where at the optical centre of `room`."""
    x, w = room.x, room.w
    gaps = _cover_gaps(block, scale)
    heights = [stack_height(p, w) if p else 0.0 for p in block]
    total = 6 * scale + sum(heights) + sum(gaps)
    # A little above the middle of the room: the optical centre.
    y = max(room.y, room.y + (room.h - total) * 0.45)
    fill(slide, x + 3, y, 64 * scale, 6 * scale, deck.theme.palette.accent, name="Cover rule")
    y += 6 * scale + gaps[0]
    set_title(deck, slide, section.title, section.loc, Box(x, y, w, heights[0]), "title", "top",
              block[0])
    y += heights[0] + gaps[1]
    holder = slide.placeholders[1]
    if block[1]:
        place(holder, x, y, w, heights[1])
        write_frame(holder.text_frame, block[1], w, deck.cjk_family)
        deck.recorded(holder, block[1])
        y += heights[1]
    else:
        holder._element.getparent().remove(holder._element)
    if block[2]:
        deck.add_text(slide, Box(x, y + gaps[2], w, heights[2]), block[2], name="When and where")


def _cover_text(deck: Deck, section: Section, w: float,
                room: float) -> tuple[list[list[Para]], list[list[Para]]]:
    """Return the cover's block (title, subtitle, when and where) and its credit columns, each
    fitted to its share of the room and to what the parts before it leave."""
    meta, gutter = deck.story.meta, deck.theme.gutter
    left = room - 6 - sum(_cover_gaps([[], [], []], 1.0, True)) - 2 * gutter

    def fit(paras: list[Para], width: float, share: float) -> list[Para]:
        """Return `paras` fitted into the smaller of their share and what is left."""
        return _fit_or_floor(deck, paras, width, min(room * share, max(left, 0.0))) if paras else []

    title = fit([deck.para(section.title, "title", "primary", bold=True, heading=True,
                           floor=20.0, loc=section.loc,
                           field=deck.exact(("event", "title"), section.title))], w, 0.55)
    left -= stack_height(title, w)
    subtitle = fit([deck.para(meta.subtitle, "subheading", "text", loc=("event", "subtitle"),
                              field=("event", "subtitle"))]
                   if meta.subtitle else [], w, 0.2)
    left -= stack_height(subtitle, w) if subtitle else 0.0
    details = fit([deck.para(section.text, "small", "muted", loc=("event", "location"),
                             field=deck.exact(("event", "location"), section.text))]
                  if section.text else [], w, 0.12)
    left -= stack_height(details, w) if details else 0.0
    facts = _credited(deck)
    columns = _columns(w, len(facts), gutter)
    credits = [fit([deck.para(f.label, "small", "muted", bold=True, loc=f.loc),
                    deck.para(f.value, "small", "text", before=2.0, loc=f.loc)], column.w, 0.2)
               for f, column in zip(facts, columns, strict=True)]
    return [title, subtitle, details], credits


def _credited(deck: Deck) -> list[Fact]:
    """Return the facts the cover credits (hosts, organisers), labelled in the story's words."""
    glance = deck.story.of_kind(SectionKind.GLANCE)
    facts = cast("tuple[Fact, ...]", glance[0].items) if glance else ()
    return [f for f in facts if f.loc in CREDITS]


def _columns(w: float, count: int, gutter: float) -> list[Box]:
    """Return `count` equal columns across a width `w` (their height is not used)."""
    return Box(0, 0, w, 0).columns(count, gutter) if count else []


def _cover_gaps(block: list[list[Para]], scale: float, every: bool = False) -> list[float]:
    """Return the space under the rule, under the title, and above when and where (`every`:
    as if the cover had all three)."""
    return [22.0 * scale, 12.0 * scale if block[1] or every else 0.0,
            20.0 * scale if block[2] or every else 0.0]


def _cover_growth(deck: Deck, block: list[list[Para]], credits: list[list[Para]], w: float,
                  room: float) -> float:
    """Return how much larger the cover's type may be set when it fills little of the cover."""
    scale = deck.theme.slide_scale
    title, rest = block[0], [p for paras in (*block[1:], *credits) for p in paras]
    # The title may reach the display size, the rest (compared to their largest) the heading size.
    cap = DISPLAY * scale.title / max(p.want for p in title)
    if rest:
        cap = min(cap, scale.heading / max(p.want for p in rest))
    columns = _columns(w, len(credits), deck.theme.gutter)

    def fits(factor: float) -> bool:
        grown = [scaled(paras, factor) for paras in block]
        credit_h = max((stack_height(scaled(p, factor), c.w)
                        for p, c in zip(credits, columns, strict=True)), default=0.0)
        used = (6 * factor + sum(stack_height(p, w) for p in grown if p)
                + sum(_cover_gaps(grown, factor)) + credit_h)
        return (used <= COVER_FILL * room and len(grown[0][0].lines(w)) <= 3)

    largest = max(p.want for p in title)
    return growth([*title, *rest], largest * cap, fits)


def _fit_or_floor(deck: Deck, paras: list[Para], w: float, h: float) -> list[Para]:
    """Return `paras` fitted to w by h; at the floor (reported) when even that is too small."""
    fitted = shrink_to_fit(paras, w, h)
    if fitted is None:
        fitted = [p.shrunk(p.want) for p in paras]
        for p in paras:
            deck.note(p.loc, "text is long for the cover even at the smallest size")
    return fitted


def plan_glance(deck: Deck, section: Section) -> list[Page]:
    """Return the 'at a glance' slides: the summary beside a panel of key facts."""
    area = deck.content
    left, right = area.split(area.w * 0.52, deck.theme.gutter * 2)
    summary = [deck.para(section.text, "subheading", "text", loc=section.loc,
                         field=deck.exact(("event", "summary"), section.text))]
    facts: list[Para] = []
    for fact in cast("tuple[Fact, ...]", section.items):
        facts.append(deck.para(fact.label, "small", "muted", bold=True, before=12.0, keep=True,
                               loc=fact.loc))
        facts.append(deck.para(fact.value, "small", "text", before=1.0, loc=fact.loc,
                               field=deck.exact(fact.loc, fact.value)))
    if not facts:  # the summary alone: as wide as reads well
        left = Box(area.x, area.y, min(area.w, READABLE), area.h)
    inner = right.inset(PANEL_PAD)
    tiles = lay_out(deck, left.w)
    # The key figures sit under the summary on its last slide, which leaves them room.
    under = tiles.height + deck.theme.gutter if tiles else 0.0
    left_pages = paginate(summary, left.w, left.h, left.h - under)
    right_pages = paginate(facts, inner.w, inner.h) if facts else []
    count = max(len(left_pages), len(right_pages))
    if count > 1:
        deck.note(section.loc, f"the summary and key facts continue over {count} slides")
    else:
        left_pages, right_pages = _grown_glance(deck, left_pages[0], right_pages, left, inner,
                                                under)
    last = len(left_pages) - 1
    used = max([stack_height(p, left.w) + (under if n == last else 0.0)
                for n, p in enumerate(left_pages)]
               + [stack_height(p, inner.w) + 2 * PANEL_PAD for p in right_pages])
    top = deck.content_top(used)

    def drawer(n: int) -> Callable[[Slide], None]:
        def draw(slide: Slide) -> None:
            if n < len(left_pages):
                paras = left_pages[n]
                h = stack_height(paras, left.w) if paras else 0.0
                if paras:
                    deck.add_text(slide, Box(left.x, top, left.w, h), paras, name="Summary")
                if tiles and n == last:
                    draw_tiles(deck, slide, tiles, left.x,
                               top + (h + deck.theme.gutter if paras else 0.0))
            if n < len(right_pages):
                paras = right_pages[n]
                h = stack_height(paras, inner.w) + 2 * PANEL_PAD
                fill(slide, right.x, top, right.w, h, deck.theme.palette.surface,
                     MSO_SHAPE.ROUNDED_RECTANGLE, name="Key facts panel")
                deck.add_text(slide, Box(inner.x, top + PANEL_PAD, inner.w, h - 2 * PANEL_PAD),
                              paras, name="Key facts")
        return draw

    return [Page(drawer(n), section.notes, section.loc) for n in range(count)]


def _grown_glance(deck: Deck, summary: list[Para], facts_pages: list[list[Para]], left: Box,
                  inner: Box, under: float = 0.0) -> tuple[list[list[Para]], list[list[Para]]]:
    """Return the one glance slide's summary and facts, larger (in step) when they fill little;
    `under` is what the key figures take under the summary (they keep their size)."""
    facts = facts_pages[0] if facts_pages else []
    room = STATEMENT_FILL * left.h

    def fits(factor: float) -> bool:
        used = stack_height(scaled(summary, factor), left.w) + under
        if facts:
            used = max(used, stack_height(scaled(facts, factor), inner.w) + 2 * PANEL_PAD)
        return used <= room + 1e-6

    factor = growth([*summary, *facts], deck.theme.slide_scale.heading, fits)
    return [scaled(summary, factor)], [scaled(facts, factor)] if facts else []


def plan_list(deck: Deck, section: Section) -> list[Page]:
    """Return the takeaways or sources slides, a few items each.

    A part is split over further slides only when its measured text needs them.
    """
    area = deck.content
    width = min(area.w, READABLE)
    items = cast("tuple[Item, ...]", section.items)
    chunks = split_evenly(items, LIST_ITEMS_PER_SLIDE[section.kind])
    titles = part_titles(section.title, len(chunks), deck.story.labels)
    parts = [(title, chunk, paginate([p for item in chunk for p in _item_paras(deck, section.kind, item)],
                                     width, area.h))
             for title, chunk in zip(titles, chunks, strict=True)]
    factor = _list_growth(deck, [pages for _, _, pages in parts], width)
    top = deck.content_top(max(stack_height(scaled(page, factor), width)
                               for _, _, pages in parts for page in pages))
    planned: list[Page] = []
    for part_title, chunk, pages in parts:
        if len(pages) > 1:
            deck.note(section.loc, f"{part_title.lower()} continues over {len(pages)} slides")
        for page in pages:
            notes = ("\n".join(item.notes_line for item in chunk) if len(pages) == 1
                     else "\n".join(p.text for p in page))
            planned.append(Page(_list_drawer(deck, scaled(page, factor), width, top,
                                             section.title), notes, section.loc))
    return planned


def _list_growth(deck: Deck, parts: list[list[list[Para]]], width: float) -> float:
    """Return how much larger a list's items may be set: only a list whose every part fits
    one slide grows, and all its slides alike."""
    if any(len(pages) > 1 for pages in parts):
        return 1.0
    room = STATEMENT_FILL * deck.content.h
    pages = [pages[0] for pages in parts]
    every = [p for page in pages for p in page]
    return growth(every, deck.theme.slide_scale.heading,
                  lambda f: all(stack_height(scaled(page, f), width) <= room + 1e-6 for page in pages))


def _list_drawer(deck: Deck, page: list[Para], width: float, top: float,
                 name: str) -> Callable[[Slide], None]:
    """Return a function that draws one page of list paragraphs on a slide, from `top`."""
    x = deck.content.x

    def draw(slide: Slide) -> None:
        deck.add_text(slide, Box(x, top, width, stack_height(page, width)), page, name=name)
    return draw


def _item_paras(deck: Deck, kind: SectionKind, item: Item) -> list[Para]:
    """Return the paragraphs of one list item: a bulleted takeaway, or a source and its link."""
    pal = deck.theme.palette
    if kind == SectionKind.TAKEAWAYS:
        return [deck.para(item.title, "body", "text", before=16.0, bullet="\u2022",
                          bullet_color=pal.primary, indent=22.0, loc=item.loc, field=item.loc)]
    # The title is the link: a screen reader reads a link by its text, and an address read
    # aloud is noise (PowerPoint's checker says so). The address is printed for paper.
    paras = [deck.para(item.title, "body", "text", bold=True, before=18.0, loc=item.loc,
                       url=item.url, field=(*item.loc, "title"))]
    if item.byline:
        paras.append(deck.para(item.byline, "small", "muted", before=3.0, loc=item.loc))
    if item.url:
        link = "primary" if link_color(pal) == pal.primary else "text"
        paras.append(deck.para(item.url, "small", link, before=3.0, loc=item.loc,
                               field=(*item.loc, "url")))
    return paras
