"""What `briefgen check` reads of a deck: slides of shapes in drawing order, each with its box,
fill, alternative text and text, every property resolved as PowerPoint resolves it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.theme.template.paint import Box, Fill

__all__ = ["Body", "Box", "Deck", "Fill", "Paragraph", "Run", "Shape", "Slide"]

TITLES = ("title", "ctrTitle")
FIELDS = ("dt", "ftr", "sldNum")  # date, footer and slide number placeholders


@dataclass(frozen=True)
class Run:
    """A run of text with the properties it is drawn with."""

    text: str
    size: float  # points, after the frame's autofit scale
    bold: bool
    colour: str  # '#RRGGBB'
    face: str  # the Latin typeface's family
    link: str = ""  # the address a hyperlink opens ('' for none)
    field: str = ""  # the type of a field (slidenum, datetime1, ...)
    region: str = ""  # the CJK region its language names, for measuring Han characters
    inherited: bool = False  # its colour is the template's: set by no run of the slide's own


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: its runs, alignment and the spacing it is set with, in points."""

    runs: tuple[Run, ...]
    align: str = "l"
    line: float | None = None  # exact line spacing, when set in points
    line_share: float = 1.0  # line spacing as a share of single spacing, otherwise
    before: float = 0.0
    after: float = 0.0
    indent: float = 0.0

    @property
    def text(self) -> str:
        """Return the paragraph's text."""
        return "".join(run.text for run in self.runs)

    @property
    def size(self) -> float:
        """Return the largest type size in the paragraph (18 pt for one without runs)."""
        return max((run.size for run in self.runs), default=18.0)


@dataclass(frozen=True)
class Body:
    """A text frame: its paragraphs and how its text sits in the shape."""

    paragraphs: tuple[Paragraph, ...]
    insets: tuple[float, float, float, float] = (7.2, 7.2, 3.6, 3.6)  # left, right, top, bottom
    wrap: bool = True
    grows: bool = False  # the shape resizes to fit its text (spAutoFit)
    anchor: str = "t"
    vertical: bool = False

    @property
    def text(self) -> str:
        """Return the frame's text, its paragraphs one per line."""
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Shape:
    """A shape on a slide (or on its layout or master), in drawing order."""

    id: int
    name: str
    kind: str  # 'sp', 'pic', 'graphicFrame', 'cxnSp'
    placeholder: str = ""  # its placeholder type ('' for none)
    box: Box | None = None
    alt: str = ""
    decorative: bool = False
    fill: Fill | None = None
    body: Body | None = None
    graphic: str = ""  # a graphic frame's content: 'table', 'chart', 'diagram', 'object', ...
    header_row: bool = False  # a table whose first row is marked as its header
    text_box: bool = False

    @property
    def text(self) -> str:
        """Return the shape's text ('' without a frame)."""
        return self.body.text if self.body is not None else ""

    @property
    def described(self) -> str:
        """Return how a finding names the shape: its name in quotes and what it is."""
        what = {"pic": "picture", "graphicFrame": self.graphic or "object", "cxnSp": "line"}
        return f"'{self.name}' {what.get(self.kind, 'shape')}" if self.name else what.get(self.kind, "shape")


@dataclass(frozen=True)
class Slide:
    """A slide in show order: its number, its shapes, and what its layout and master draw under them."""

    number: int
    part: str
    shapes: tuple[Shape, ...]
    background: Fill | None
    beneath: tuple[Shape, ...] = ()  # the master's, then the layout's, shapes drawn under the slide's

    @property
    def title(self) -> str:
        """Return the text of the slide's title placeholder ('' when it has none)."""
        titles = [s.text.strip() for s in self.shapes if s.placeholder in TITLES]
        return next((t for t in titles if t), "")


@dataclass(frozen=True)
class Deck:
    """A deck read for checking: its slides and its size in points."""

    slides: tuple[Slide, ...]
    width: float
    height: float
