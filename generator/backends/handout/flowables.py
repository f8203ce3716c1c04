"""The handout's own flowables: a section heading with its rule and bookmark, a paragraph hung
from a number badge or a bullet, and the key facts' table, each marking what it draws for the
tagged PDF (content of its element, or an artifact)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph, Table

from generator.backends.handout.text import LEGIBLE_FLOOR, Sizes, seen, style
from generator.pdftags.marks import Tag, artifact, begin_artifact, content, end_artifact, tagger_of
from generator.theme.model import Theme
from generator.typeset import fonts
from generator.typeset.paragraphs import paragraph


class FactsTable(Table):  # type: ignore[misc, unused-ignore]
    """The key facts as a table whose rows' header cells come first in the structure, in
    whichever order the cells are drawn (a right-to-left page draws the values first)."""

    def draw(self) -> None:
        """Make each row's header cell's element before its value's, then draw the table."""
        tagger = tagger_of(self.canv)
        if tagger is not None:
            for row in self._cellvalues:
                tags = [getattr(f, "tag", None) for cell in row
                        for f in (cell if isinstance(cell, list | tuple) else (cell,))]
                for tag in sorted((t for t in tags if t is not None), key=lambda t: t.role != "TH"):
                    tagger.node(tag)
        super().draw()


def table_furniture(table: Table, event: str, *_args: Any) -> None:
    """Mark a table's background and rules as artifacts (ReportLab calls this as it draws);
    its cells are tagged by their paragraphs."""
    if event in ("startBG", "startLines"):
        table.furniture = begin_artifact(table.canv)
    elif event in ("endBG", "endLines") and getattr(table, "furniture", False):
        end_artifact(table.canv)
        table.furniture = False


# ReportLab has no type information, so Flowable is Any to mypy; subclassing it is deliberate.
class SectionHeading(Flowable):  # type: ignore[misc, unused-ignore]
    """A section title in the primary colour over a thin rule; it stays with what follows."""

    keep_with_next = True

    def __init__(self, text: str, theme: Theme, sizes: Sizes, title: str = "", key: str = "",
                 rtl: bool = False) -> None:
        super().__init__()
        self.title, self.key = title, key  # the bookmark outline's entry for this section
        self.para = paragraph(text, style("heading", theme, sizes.heading, theme.palette.primary,
                                          heading=True, rtl=rtl), Tag("H2"))
        self.rule = HexColor(theme.palette.rule)
        self.gap = sizes.space(0.5)
        self.spaceBefore = sizes.space(1.2)
        self.spaceAfter = sizes.space(0.7)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the size of the title and its rule."""
        self.width = available_width
        _w, self.text_height = self.para.wrap(available_width, available_height)
        self.height = self.text_height + self.gap + 0.75
        return self.width, self.height

    def draw(self) -> None:
        """Draw the title, then the rule under it, and bookmark it in the outline."""
        if self.title:
            key = f"section-{self.key}"
            self.canv.bookmarkHorizontal(key, 0, self.height)
            self.canv.addOutlineEntry(self.title, key, level=0)
        self.para.drawOn(self.canv, 0, self.height - self.text_height)
        with artifact(self.canv):
            self.canv.setStrokeColor(self.rule)
            self.canv.setLineWidth(0.75)
            self.canv.line(0, 0.375, self.width, 0.375)


class Marked(Flowable):  # type: ignore[misc, unused-ignore]
    """A paragraph hung from a filled accent marker: a number badge, or a square bullet; the
    marker on the right of a right-to-left document's paragraph (`rtl`)."""

    def __init__(self, para: Paragraph, label: str, theme: Theme, sizes: Sizes, after: float,
                 show_marker: bool = True, rtl: bool = False) -> None:
        super().__init__()
        self.para, self.label, self.theme, self.sizes = para, label, theme, sizes
        self.show_marker, self.rtl = show_marker, rtl
        self.label_tag: Tag | None = None  # the structure's Lbl of a numbered entry
        self.line = para.style.leading
        # The number inside a badge is text too, so it keeps to the legible floor.
        self.number_size = max(LEGIBLE_FLOOR, self.line * 0.62)
        self.box = max(self.line, self.number_size * 1.4) if label else para.style.fontSize * 0.45
        self.indent = max(self.box, self.line) + sizes.space(0.6)
        self.spaceAfter = after

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the size of the marker and the paragraph beside it."""
        self.width = available_width
        _w, self.para_height = self.para.wrap(available_width - self.indent, available_height)
        self.height = max(self.para_height, self.box if self.show_marker else 0)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Marked]:
        """Return the part that fits (with the marker) and the rest (without it)."""
        parts = self.para.split(available_width - self.indent, available_height)
        if len(parts) < 2:
            return []
        first = Marked(parts[0], self.label, self.theme, self.sizes, 0, self.show_marker, self.rtl)
        rest = Marked(parts[1], self.label, self.theme, self.sizes, self.spaceAfter, False, self.rtl)
        first.label_tag = rest.label_tag = self.label_tag
        return [first, rest]

    def draw(self) -> None:
        """Draw the marker beside the first line, then the paragraph."""
        canv, pal = self.canv, self.theme.palette
        if not seen(canv):
            return
        top = self.height
        if self.show_marker:
            # The badge and the bullet are decoration; a badge's number is the item's label.
            with artifact(canv):
                canv.setFillColor(HexColor(pal.accent))
                if self.label:
                    canv.rect(self._marker_x(0.0), top - self.box, self.box, self.box,
                              stroke=0, fill=1)
                else:
                    # The bullet sits on the middle of the first line's lowercase letters.
                    middle = top - self.line * 0.5 - self.para.style.fontSize * 0.12
                    canv.rect(self._marker_x(self.indent * 0.35), middle - self.box / 2,
                              self.box, self.box, stroke=0, fill=1)
            if self.label:
                with content(canv, self.label_tag):
                    self._draw_number(top)
        self.para.drawOn(canv, 0 if self.rtl else self.indent, top - self.para_height)

    def _marker_x(self, x: float) -> float:
        """Return where a marker `x` from the paragraph's start edge is drawn: from the left,
        or in a right-to-left document, mirrored from the right."""
        return self.width - x - self.box if self.rtl else x

    def _draw_number(self, top: float) -> None:
        """Draw the label centred in the badge whose top is at `top`."""
        font = fonts.embedded(fonts.face_font(self.theme.heading, bold=True))
        size = self.number_size
        self.canv.setFillColor(HexColor(self.theme.palette.on_accent))
        self.canv.setFont(font, size)
        self.canv.drawCentredString(self._marker_x(0.0) + self.box / 2,
                                    top - self.box / 2 - size * 0.35, self.label)
