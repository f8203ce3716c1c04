"""The one-page PDF handout: the deck's story condensed onto A4 or Letter in the same theme."""

from __future__ import annotations

import dataclasses
import io
from typing import Any, BinaryIO, ClassVar, cast
from urllib.parse import quote

from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas

from generator.backends.base import Notice, RenderError
from generator.backends.handout.condense import notices as condensed
from generator.backends.handout.content import Handout, drawn_texts, field_texts, gather
from generator.backends.handout.onepage import Layout, fit_one_page, pack
from generator.backends.handout.page import (
    NOTES_MIN_HEIGHT,
    draw_background,
    draw_footer,
    draw_header,
    draw_notes,
)
from generator.backends.handout.text import URI_SAFE, Sizes, safe_url
from generator.pdftags import marks
from generator.pdftags.finish import finish
from generator.reproducible import build_time
from generator.story import Item, Picture, Story
from generator.text import ascii_address
from generator.theme.model import Theme
from generator.typeset import embedding, fonts, scripts
from generator.typeset.paragraphs import (
    described,
    marks_left_out,
    undrawable_places,
    unprintable,
)

CREATOR = "briefgen"


class HandoutBackend:
    """Render the story as a single-page PDF handout with ReportLab."""

    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"
    description: ClassVar[str] = "one-page PDF handout (A4 or Letter), the deck's story condensed"

    def render(self, story: Story, theme: Theme, out: BinaryIO) -> list[Notice]:
        """Write the handout for `story` to `out`; return notices about characters left out
        and about what was condensed to fit the page."""
        # Printed on paper unless the theme asks for its screen colours: every part of the
        # page reads `theme.palette`, so the handout's palette takes its place here.
        theme = dataclasses.replace(theme, palette=theme.handout_palette)
        refuse_unshaped(gather(story))
        handout, notices = drawable(gather(story), theme)
        notices += [Notice(loc, line) for loc, line in
                    marks_left_out(drawn_texts(handout), "the handout")]
        handout, printed = typeable_addresses(handout, theme)
        notices += printed
        layout = fit_one_page(handout, theme)
        out.write(draw(handout, theme, layout))
        travel = embedding.unembedded(field_texts(handout), (theme.body, theme.heading),
                                      story.meta.cjk_region)
        return notices + condensed(handout, layout.cut) + [Notice(loc, m) for loc, m in travel]


def refuse_unshaped(handout: Handout) -> None:
    """Raise a located error for each field in a script the handout would draw wrongly."""
    problems = []
    for loc, text in drawn_texts(handout):
        chars = scripts.unshaped(text)
        if chars:
            names = ", ".join(fonts.describe(c) for c in chars[:3])
            problems.append(Notice(loc, f"the handout cannot shape this script ({names}); "
                                        "its letters would be drawn disconnected or out of order"))
    if problems:
        raise RenderError(problems)


def drawable(handout: Handout, theme: Theme) -> tuple[Handout, list[Notice]]:
    """Return the handout without characters no font can draw, and a notice for each field."""
    places = undrawable_places(drawn_texts(handout), (theme.body, theme.heading),
                               handout.meta.cjk_region)
    notices = [Notice(loc, f"no font on this machine draws {described(chars)}; the handout "
                           "leaves it out") for loc, chars in places]
    missing = {c for _, chars in places for c in chars}
    if not missing:
        return handout, notices
    return _without(handout, missing), notices


def typeable_addresses(handout: Handout, theme: Theme) -> tuple[Handout, list[Notice]]:
    """Return the handout with each address whose characters it cannot draw or shape printed,
    linked and coded in its ASCII form, and a notice at each such address.

    An address on paper is for typing: boxes, or letters left out, would print another address.
    Its ASCII form ('xn--' host, the rest percent-encoded) opens the same page.
    """
    faces, region = (theme.body, theme.heading), handout.meta.cjk_region
    notices: list[Notice] = []
    parts = []
    for part in handout.parts:
        entries = []
        for entry in part.entries:
            url = getattr(entry, "url", "")
            why = unprintable(url, faces, region, "the handout") if isinstance(entry, Item) and url else ""
            if why and isinstance(entry, Item):
                typed = ascii_address(url)
                notices.append(Notice((*entry.loc, "url"), (
                    f"{why}; the handout prints the address as '{typed}', the form of it that "
                    "can be typed and opens the same page")))
                entry = dataclasses.replace(entry, url=typed)
            entries.append(entry)
        parts.append(dataclasses.replace(part, entries=tuple(entries)))
    return dataclasses.replace(handout, parts=tuple(parts)), notices


def _without(handout: Handout, missing: set[str]) -> Handout:
    """Return a copy of the handout with the characters in `missing` removed from every text."""
    def clean(value: object) -> object:
        """Return `value` with the missing characters taken out of its texts, at any depth."""
        if isinstance(value, str):
            return "".join(c for c in value if c not in missing)
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type | Picture):
            changes = {f.name: clean(getattr(value, f.name)) for f in dataclasses.fields(value)
                       if f.name not in ("loc", "url", "photo")}
            return dataclasses.replace(value, **changes)
        return value

    # clean() gives back a value of the type it is given: here a Handout.
    return cast(Handout, clean(handout))


def draw(handout: Handout, theme: Theme, layout: Layout) -> bytes:
    """Return the PDF bytes of the page laid out by `layout`."""
    buffer = io.BytesIO()
    # The page's initial font is named in the file even if unused: make it the embedded one.
    initial = fonts.embedded(fonts.face_font(theme.body))
    canv = LinkCanvas(buffer, pagesize=(theme.page_width, theme.page_height), invariant=1,
                      initialFontName=initial,
                      pageCompression=1, lang=handout.meta.language or "en")
    canv.link_names = link_names(handout)
    tagger = marks.Tagger()
    setattr(canv, marks.TAGGER, tagger)  # what is drawn from here on is tagged as it is drawn
    _set_metadata(canv, handout)
    sizes = layout.sizes
    draw_background(canv, theme)
    draw_header(canv, layout.header, handout, theme)
    content_width = theme.page_width - 2 * theme.page_margin
    summary_height = layout.summary.wrap(content_width, theme.page_height)[1]
    layout.summary.drawOn(canv, theme.page_margin, layout.summary_top - summary_height)
    used = layout.column_height or 0.0
    if layout.entries:
        flowables = [f for entry in layout.entries for f in entry.flowables]
        pack(flowables, layout.frames(theme, used), canv)
    _draw_spare(canv, theme, sizes, layout, used, handout.labels.text("notes-panel"),
                handout.meta.cjk_region)
    draw_footer(canv, handout, theme, sizes)
    if handout.parts:  # each section heading is bookmarked as it is drawn
        canv.showOutline()
    canv.showPage()
    canv.save()
    return finish(buffer.getvalue(), tagger, handout.meta.title, handout.meta.language or "en",
                  CREATOR)


def _draw_spare(canv: Canvas, theme: Theme, sizes: Sizes, layout: Layout, used: float,
                title: str, region: str) -> None:
    """Give a large empty area under the columns to a notes panel, so short briefs look finished."""
    gap = sizes.space(2) if used else 0.0
    top = layout.columns_top - used - gap
    height = top - layout.columns_bottom
    if height >= NOTES_MIN_HEIGHT:
        draw_notes(canv, theme, sizes, theme.page_margin, layout.columns_bottom,
                   theme.page_width - 2 * theme.page_margin, height, title, region, layout.rtl)


def _set_metadata(canv: Canvas, handout: Handout) -> None:
    """Set the document's title, author, subject, keywords, creator and fixed dates."""
    meta = handout.meta
    canv.setTitle(meta.title)
    canv.setAuthor("; ".join(meta.hosts or meta.organizers) or CREATOR)
    canv.setSubject(meta.subtitle or meta.summary)
    canv.setKeywords(", ".join(meta.keywords))
    canv.setCreator(CREATOR)
    canv.setViewerPreference("DisplayDocTitle", "true")  # viewers show the title, not the file name
    stamp = build_time().strftime("D:%Y%m%d%H%M%S+00'00'")
    canv.setDateFormatter(lambda *_parts: stamp)



class LinkCanvas(Canvas):  # type: ignore[misc, unused-ignore]
    """A canvas whose link annotations say, for screen readers, which source they open."""

    link_names: dict[str, str] = {}

    def linkURL(self, url: str, rect: Any, relative: int = 0, thickness: int = 0,  # noqa: N802
                color: Any = None, dashArray: Any = None, kind: str = "URI",  # noqa: N803
                **kw: Any) -> None:
        """Add a link annotation to `url` with a /Contents naming what it opens."""
        name = self.link_names.get(url, url)
        kw.setdefault("Contents", PDFString(name))
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        marks.linked(self, name)  # a Link element in the structure, holding the annotation


def link_names(handout: Handout) -> dict[str, str]:
    """Return each source's link address (as the paragraph markup writes it) mapped to its title."""
    names: dict[str, str] = {}
    for part in handout.parts:
        for entry in part.entries:
            url = safe_url(getattr(entry, "url", "") or "")
            if url:
                title = getattr(entry, "title", "") or getattr(entry, "name", "")
                names[quote(url, safe=URI_SAFE)] = f"{title} ({url})" if title else url
    return names
