"""Slides made of text: the cover, at a glance, takeaways and sources."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from pptx.enum.shapes import MSO_SHAPE

from generator.backends.deck.layout import Box, Deck, Page, set_title, split_evenly
from generator.backends.deck.runs import write_frame
from generator.backends.deck.shapes import fill, fitted_picture, place
from generator.backends.deck.text import Para, paginate, shrink_to_fit, stack_height
from generator.story import Fact, Item, Section, SectionKind, part_titles

if TYPE_CHECKING:
    from pptx.slide import Slide

PANEL_PAD = 18.0
# The most items one list slide holds; fewer when their measured text needs more room.
LIST_ITEMS_PER_SLIDE = {SectionKind.TAKEAWAYS: 5, SectionKind.SOURCES: 6}
READABLE = 780.0  # the longest comfortable line of body text on a slide, in points


def draw_cover(deck: Deck, slide: Slide, section: Section) -> None:
    """Draw the cover: title, subtitle, 'date · location' and hosts, beside a primary band."""
    theme, meta = deck.theme, deck.story.meta
    m, pal = theme.slide_margin, theme.palette
    band = m * 0.4
    fill(slide, 0, 0, band, deck.height, pal.primary, name="Cover band")
    x = band + m
    w = deck.width - x - m
    top_room = m
    if deck.story.logo:
        fitted_picture(slide, deck.story.logo, x, m, 160, 48, deck.story.logo.alt)
        top_room = m + 48 + theme.gutter
    room = deck.height - top_room - m
    title = _fit_or_floor(deck, [deck.para(section.title, "title", "primary", bold=True, heading=True,
                                           floor=20.0, loc=section.loc)], w, room * 0.55)
    subtitle: list[Para] = []
    if meta.subtitle:
        subtitle = _fit_or_floor(deck, [deck.para(meta.subtitle, "subheading", "text",
                                                  loc=("event", "subtitle"))], w, room * 0.2)
    details = [deck.para(section.text, "body", "muted", loc=("event", "location"))] if section.text else []
    if meta.hosts:
        details.append(deck.para("Hosted by " + "; ".join(meta.hosts), "small", "muted",
                                 before=6.0, loc=("hosts",)))
    details = _fit_or_floor(deck, details, w, room * 0.25) if details else []
    heights = [stack_height(p, w) if p else 0.0 for p in (title, subtitle, details)]
    gaps = [22.0, 12.0 if subtitle else 0.0, 28.0 if details else 0.0]
    total = 6 + sum(heights) + sum(gaps)
    y = max(top_room, (deck.height - total) / 2 - 10)
    fill(slide, x + 3, y, 64, 6, pal.accent, name="Cover rule")
    y += 6 + gaps[0]
    set_title(deck, slide, section.title, section.loc, Box(x, y, w, heights[0]), "title", "top")
    y += heights[0] + gaps[1]
    holder = slide.placeholders[1]
    if subtitle:
        place(holder, x, y, w, heights[1])
        write_frame(holder.text_frame, subtitle, w, theme.cjk_family)
        y += heights[1]
    else:
        holder._element.getparent().remove(holder._element)
    if details:
        deck.add_text(slide, Box(x, y + gaps[2], w, heights[2]), details, name="When and where")


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
    summary = [deck.para(section.text, "subheading", "text", loc=section.loc)]
    facts: list[Para] = []
    for fact in cast("tuple[Fact, ...]", section.items):
        facts.append(deck.para(fact.label, "small", "muted", bold=True, before=12.0, keep=True,
                               loc=fact.loc))
        facts.append(deck.para(fact.value, "small", "text", before=1.0, loc=fact.loc))
    inner = right.inset(PANEL_PAD)
    left_pages = paginate(summary, left.w, left.h)
    right_pages = paginate(facts, inner.w, inner.h) if facts else []
    count = max(len(left_pages), len(right_pages))
    if count > 1:
        deck.note(section.loc, f"the summary and key facts continue over {count} slides")

    def drawer(n: int) -> Callable[[Slide], None]:
        def draw(slide: Slide) -> None:
            if n < len(left_pages):
                paras = left_pages[n]
                deck.add_text(slide, Box(left.x, left.y, left.w, stack_height(paras, left.w)), paras,
                              name="Summary")
            if n < len(right_pages):
                paras = right_pages[n]
                h = stack_height(paras, inner.w) + 2 * PANEL_PAD
                fill(slide, right.x, right.y, right.w, h, deck.theme.palette.surface,
                     MSO_SHAPE.ROUNDED_RECTANGLE, name="Key facts panel")
                deck.add_text(slide, Box(inner.x, inner.y, inner.w, h - 2 * PANEL_PAD), paras,
                              name="Key facts")
        return draw

    return [Page(drawer(n), section.notes, section.loc) for n in range(count)]


def plan_list(deck: Deck, section: Section) -> list[Page]:
    """Return the takeaways or sources slides, a few items each.

    A part is split over further slides only when its measured text needs them.
    """
    area = deck.content
    width = min(area.w, READABLE)
    items = cast("tuple[Item, ...]", section.items)
    chunks = split_evenly(items, LIST_ITEMS_PER_SLIDE[section.kind])
    planned: list[Page] = []
    for part_title, chunk in zip(part_titles(section.title, len(chunks)), chunks, strict=True):
        paras = [p for item in chunk for p in _item_paras(deck, section.kind, item)]
        pages = paginate(paras, width, area.h)
        if len(pages) > 1:
            deck.note(section.loc, f"{part_title.lower()} continues over {len(pages)} slides")
        for page in pages:
            notes = ("\n".join(item.notes_line for item in chunk) if len(pages) == 1
                     else "\n".join(p.text for p in page))
            planned.append(Page(_list_drawer(deck, page, width, section.title), notes, section.loc))
    return planned


def _list_drawer(deck: Deck, page: list[Para], width: float, name: str) -> Callable[[Slide], None]:
    """Return a function that draws one page of list paragraphs on a slide."""
    area = deck.content

    def draw(slide: Slide) -> None:
        deck.add_text(slide, Box(area.x, area.y, width, stack_height(page, width)), page, name=name)
    return draw


def _item_paras(deck: Deck, kind: SectionKind, item: Item) -> list[Para]:
    """Return the paragraphs of one list item: a bulleted takeaway, or a source and its link."""
    pal = deck.theme.palette
    if kind == SectionKind.TAKEAWAYS:
        return [deck.para(item.title, "body", "text", before=16.0, bullet="\u2022",
                          bullet_color=pal.primary, indent=22.0, loc=item.loc)]
    paras = [deck.para(item.title, "body", "text", bold=True, before=18.0, loc=item.loc)]
    if item.byline:
        paras.append(deck.para(item.byline, "small", "muted", before=3.0, loc=item.loc))
    if item.url:
        paras.append(deck.para(item.url, "small", "primary", before=3.0, url=item.url, loc=item.loc))
    return paras

