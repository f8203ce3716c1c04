"""The script's pages: a heading, then each slide as a block of large type between rules."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate

from generator.pdftags import marks
from generator.pdftags.finish import finish
from generator.pdftags.marks import Tag, artifact
from generator.reproducible import build_time
from generator.story import Story
from generator.theme.model import Theme, Typeface
from generator.typeset import fonts, scripts
from generator.typeset.paragraphs import markup, paragraph

CREATOR = "briefgen"
# Read at arm's length from a lectern: nothing on the page is smaller than MIN_SIZE.
MIN_SIZE = 14.0
NOTES_SIZE = 16.0
TITLE_SIZE = 22.0
HEADING_SIZE = 26.0
LEADING = 1.35  # looser than the handout's: these lines are read aloud, not skimmed
MIN_MARGIN = 54.0
# White paper and dark ink whatever the theme: the script is printed or read on a tablet.
PAPER = "#FFFFFF"
INK = "#111111"
MUTED = "#4D4D4D"  # 8.4:1 on white
RULE = "#9A9A9A"


@dataclass(frozen=True)
class Slide:
    """One slide as the script shows it: its number in the deck, its title and its notes."""

    number: int
    title: str
    notes: str


def draw(out: BinaryIO, slides: list[Slide], story: Story, theme: Theme) -> None:
    """Write the script's tagged PDF to `out`: laid out once to count its pages, then drawn."""
    pages = _layout(_Counting(), slides, story, theme)
    drawn = io.BytesIO()
    tagger = marks.Tagger()
    _layout(drawn, slides, story, theme, pages, tagger)
    meta = story.meta
    out.write(finish(drawn.getvalue(), tagger, story.labels.text("script-title", title=meta.title),
                     meta.language or "en", CREATOR))


class _Counting:
    """A file that keeps nothing: the first layout only counts pages."""

    def write(self, data: bytes) -> int:
        """Accept `data` and drop it."""
        return len(data)


def _layout(out: Any, slides: list[Slide], story: Story, theme: Theme, pages: int = 0,
            tagger: marks.Tagger | None = None) -> int:
    """Lay the script out into `out`, tagged by `tagger` when one is given; return how many
    pages it took."""
    meta, labels = story.meta, story.labels
    margin = max(theme.page_margin, MIN_MARGIN)
    footer = MIN_SIZE * 2.4
    width, height = theme.page_width, theme.page_height
    title = labels.text("script-title", title=meta.title)
    doc = BaseDocTemplate(
        out, pagesize=(width, height), leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=margin + footer, title=title, author="; ".join(meta.hosts or meta.organizers)
        or CREATOR, subject=meta.subtitle or meta.summary, keywords=", ".join(meta.keywords),
        creator=CREATOR, producer=CREATOR, lang=meta.language or "en", invariant=1,
        displayDocTitle=1, pageCompression=1,
        initialFontName=fonts.embedded(fonts.face_font(theme.body)),
    )
    frame = Frame(margin, margin + footer, width - 2 * margin, height - 2 * margin - footer,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
    # The footer is mirrored for a right-to-left language, and, as before there was a rule for
    # the language, for an event whose title and summary start in right-to-left letters.
    rtl = scripts.rtl_language(meta.language or "en") or scripts.base_rtl(meta.title + meta.summary)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_footer(story, theme, pages, rtl))])
    region = meta.cjk_region
    flowables: list[Flowable] = [_para(title, theme.heading, HEADING_SIZE, INK, region, bold=True,
                                       after=6, tag=Tag("H1"), rtl=_rtl(story))]
    for slide in slides:
        flowables.append(KeepTogether(_block(slide, story, theme)))

    def canvas(*args: Any, **kwargs: Any) -> Canvas:
        """Return the script's canvas, tagging what is drawn on it when a tagger is given."""
        made = _StampedCanvas(*args, **kwargs)
        if tagger is not None:
            setattr(made, marks.TAGGER, tagger)
        return made

    doc.build(flowables, canvasmaker=canvas)
    return int(doc.page)


def _block(slide: Slide, story: Story, theme: Theme) -> list[Flowable]:
    """Return one slide's flowables: a rule and bookmark, its number, its title, its notes."""
    label = story.labels.text("script-slide", number=str(slide.number))
    region, rtl = story.meta.cjk_region, _rtl(story)
    out: list[Flowable] = [
        SlideMark(f"slide-{slide.number}", f"{slide.number}. {slide.title}"),
        _para(label, theme.body, MIN_SIZE, MUTED, region, after=2, tag=Tag("P"), rtl=rtl),
        _para(slide.title, theme.heading, TITLE_SIZE, INK, region, bold=True, after=8,
              tag=Tag("H2"), rtl=rtl),
    ]
    notes = [line for line in slide.notes.split("\n") if line.strip()]
    if not notes:
        out.append(_para(story.labels.text("script-no-notes"), theme.body, NOTES_SIZE, MUTED,
                         region, italic=True, tag=Tag("P"), rtl=rtl))
    out.extend(_para(line, theme.body, NOTES_SIZE, INK, region, after=NOTES_SIZE * 0.5,
                     tag=Tag("P"), rtl=rtl) for line in notes)
    return out


def _rtl(story: Story) -> bool:
    """Return whether the story's language reads right to left: every line of the script then
    starts at the right margin, its words in Latin letters too."""
    return scripts.rtl_language(story.meta.language or "en")


def _para(text: str, face: Typeface, size: float, color: str, region: str, bold: bool = False,
          italic: bool = False, after: float = 0.0, tag: Tag | None = None,
          rtl: bool = False) -> Flowable:
    """Return a paragraph of plain `text` in `face`, each run in a font that can draw it (Han
    characters in the forms of `region`, the CJK region of the story's language), content of
    the structure element `tag`, set from the right margin when `rtl`."""
    style = ParagraphStyle(
        f"script-{size}", fontName=fonts.embedded(fonts.face_font(face, bold, italic)),
        fontSize=size, leading=round(size * LEADING, 2), textColor=HexColor(color),
        spaceAfter=after, allowWidows=0, allowOrphans=0, alignment=TA_RIGHT if rtl else TA_LEFT,
    )
    para: Flowable = paragraph(markup(text, face, bold, italic, region), style, tag)
    return para


class SlideMark(Flowable):  # type: ignore[misc, unused-ignore]
    """A rule across the frame that opens a slide, with the slide's bookmark at it."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title = key, title
        self.spaceBefore, self.spaceAfter = 10.0, 12.0
        self.width = 0.0
        self.height = 1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Return the rule's size: the frame's width, one point tall."""
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        """Draw the rule and bookmark this place in the outline."""
        canv = self.canv
        with artifact(canv):
            canv.setStrokeColor(HexColor(RULE))
            canv.setLineWidth(1.0)
            canv.line(0, 0.5, self.width, 0.5)
        canv.bookmarkHorizontal(self.key, 0, self.height + self.spaceBefore)
        canv.addOutlineEntry(self.title, self.key, level=0, closed=False)
        canv.showOutline()


def _footer(story: Story, theme: Theme, pages: int, rtl: bool) -> Any:
    """Return the page callback that fills the page with white and draws the footer."""
    font = fonts.embedded(fonts.face_font(theme.body))

    def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
        """Paint the paper, then a rule, the event's line and 'n / pages' under the text."""
        with artifact(canv, "Background"):
            canv.saveState()
            canv.setFillColor(HexColor(PAPER))
            canv.rect(0, 0, theme.page_width, theme.page_height, stroke=0, fill=1)
            canv.restoreState()
        # The footer repeats on every page: page furniture, not content.
        with artifact(canv, "Pagination", "Footer"):
            _draw_footer(canv, doc, f"{doc.page} / {pages}" if pages else str(doc.page),
                         story, theme, rtl, font)

    return on_page


def _draw_footer(canv: Canvas, doc: BaseDocTemplate, number: str, story: Story, theme: Theme,
                 rtl: bool, font: str) -> None:
    """Draw a rule, the event's line and the page `number` under the text, mirrored when `rtl`."""
    meta = story.meta
    width, margin = theme.page_width, doc.leftMargin
    canv.saveState()
    canv.setStrokeColor(HexColor(RULE))
    canv.setLineWidth(0.5)
    rule_y = margin + MIN_SIZE * 1.6
    canv.line(margin, rule_y, width - margin, rule_y)
    canv.setFont(font, MIN_SIZE)
    canv.setFillColor(HexColor(MUTED))
    side = 0.25 * (width - 2 * margin)
    line = _para(meta.footer or meta.title, theme.body, MIN_SIZE, MUTED, meta.cjk_region)
    _w, h = line.wrap(width - 2 * margin - side, MIN_SIZE * 1.4)
    base = margin - h + MIN_SIZE  # the paragraph's first baseline on the number's
    if rtl:
        canv.drawString(margin, margin, number)
        line.drawOn(canv, margin + side, base)
    else:
        canv.drawRightString(width - margin, margin, number)
        line.drawOn(canv, margin, base)
    canv.restoreState()


class _StampedCanvas(Canvas):  # type: ignore[misc, unused-ignore]
    """A canvas whose file dates are the build's time, so equal inputs give equal bytes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stamp = build_time().strftime("D:%Y%m%d%H%M%S+00'00'")
        self.setDateFormatter(lambda *_parts: stamp)
