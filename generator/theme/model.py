"""The resolved theme every backend receives: colours, typefaces, sizes and geometry in points."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Problem
from generator.theme.colors import AA_LARGE, AA_NORMAL, contrast

if TYPE_CHECKING:  # read without python-pptx, but only where a template is used
    from generator.theme.template.layouts import LayoutChoice
    from generator.theme.template.package import TemplatePackage

SLIDE_SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
PAPER_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}


@dataclass(frozen=True)
class Palette:
    """Colour roles as '#RRGGBB'; each `on_*` is the text colour to use on that filled role."""

    background: str
    surface: str
    text: str
    muted: str
    primary: str
    accent: str
    on_primary: str
    on_accent: str
    rule: str

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """Return (what, text colour, background colour) for every text drawn on a fill."""
        return [(what, getattr(self, fore), getattr(self, back)) for what, fore, back in TEXT_ROLES]


# Every text drawn on a fill: (what, text colour role, background colour role).
TEXT_ROLES = (
    ("text on background", "text", "background"),
    ("muted text on background", "muted", "background"),
    ("text on surface", "text", "surface"),
    ("muted text on surface", "muted", "surface"),
    ("primary (titles and headings) on background", "primary", "background"),
    ("on_primary on primary", "on_primary", "primary"),
    ("on_accent on accent", "on_accent", "accent"),
)
# Text colours a slide draws only as large text (titles, headings and topics, 14 pt bold at the
# least) or as marks: WCAG asks 3:1 of them, not 4.5:1. A link in the primary colour is drawn in
# the text colour when the primary does not reach 4.5:1 (`link_color`).
LARGE_ONLY = frozenset({"primary"})


def screen_ratio(role: str) -> float:
    """Return the contrast WCAG AA asks of text in colour `role` on a slide."""
    return AA_LARGE if role in LARGE_ONLY else AA_NORMAL


def link_color(palette: Palette) -> str:
    """Return the colour a slide draws a link in: the primary, where it reads as small text."""
    if contrast(palette.primary, palette.background) >= AA_NORMAL:
        return palette.primary
    return palette.text


@dataclass(frozen=True)
class Typeface:
    """A font family as named in the deck, and where its shapes and metrics come from."""

    family: str
    regular: Path | None = None
    bold: Path | None = None
    italic: Path | None = None
    metrics: str = "Helvetica"


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in points, from the largest role to the smallest."""

    title: float
    heading: float
    subheading: float
    body: float
    small: float
    caption: float
    floor: float


# A logo stands out from a colour when this share of its drawn pixels contrasts 3:1 with it.
LOGO_CLEAR_SHARE = 0.7


@dataclass(frozen=True)
class Logo:
    """The theme's logo file, the words that describe it, and the colours it is drawn in.

    `ground` is the plain border colour of an opaque logo (its own backdrop), `inks` the
    colours of its other pixels with their share; both are measured from the file.
    """

    path: Path
    alt: str
    ground: str | None = None
    inks: tuple[tuple[str, float], ...] = ()

    def clear_share(self, color: str) -> float:
        """Return the share of the logo that contrasts 3:1 (WCAG's ratio for shapes) with `color`."""
        if self.ground is not None and contrast(self.ground, color) >= AA_LARGE:
            return 1.0  # it brings its own backdrop, and the backdrop shows
        if not self.inks:
            return 1.0  # not measured: nothing to go on
        return sum(share for ink, share in self.inks if contrast(ink, color) >= AA_LARGE)

    def stands_out_on(self, color: str) -> bool:
        """Return True when the logo, drawn on `color`, is clearly seen."""
        return self.clear_share(color) >= LOGO_CLEAR_SHARE

    def backdrop(self, behind: str, choices: tuple[str, ...]) -> str | None:
        """Return None when the logo stands out on `behind`, else the colour of a plate to set
        it on: the first of `choices` it stands out on, or the one it shows best on."""
        if self.stands_out_on(behind) or not choices:
            return None
        clear = [c for c in choices if self.stands_out_on(c)]
        return clear[0] if clear else max(choices, key=self.clear_share)


@dataclass(frozen=True)
class TemplateTheme:
    """The PowerPoint template a theme is, or names: its package, the layout each kind of slide
    uses, and the colour and font scheme slots the theme file itself overrides."""

    package: TemplatePackage
    choices: tuple[LayoutChoice, ...]
    overrides: tuple[tuple[str, str], ...] = ()  # 'dk1' -> '#RRGGBB', 'major' -> family, ...
    stamp: tuple[int, int] = (0, 0)  # the file's time and size when read

    def choice(self, kind: str) -> LayoutChoice:
        """Return the layout choice for a kind of slide ('cover', 'speaker', ...)."""
        return next(c for c in self.choices if c.kind == kind)


# The East Asian typeface each CJK region's readers expect in Office (Simplified Chinese's is
# also the default for documents in no CJK language).
REGION_FAMILIES = {"zh-Hans": "Microsoft YaHei", "zh-Hant": "Microsoft JhengHei", "ja": "Yu Gothic",
                   "ko": "Malgun Gothic"}


@dataclass(frozen=True)
class Theme:
    """Everything about appearance that the deck and the handout share."""

    name: str
    description: str
    palette: Palette
    heading: Typeface
    body: Typeface
    cjk_family: str  # the theme's East Asian typeface, or Simplified Chinese's usual one
    slide_scale: TypeScale
    page_scale: TypeScale
    slide_size: str = "16:9"
    paper: str = "A4"
    slide_margin: float = 40.0
    page_margin: float = 42.0
    gutter: float = 20.0
    logo: Logo | None = None
    source: Path | None = None
    labels: tuple[tuple[str, str], ...] = ()  # `defaults: briefgen: labels:`, by label key
    # The handout's colours: on paper (dark ink on white, `paper_palette`) or the screen's.
    handout_colors: str = "paper"
    paper_palette: Palette | None = None
    source_codes: bool = True  # a QR code beside each source with an address, in the handout
    template: TemplateTheme | None = None
    cjk_family_named: bool = False  # the theme names it, so it serves every region
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    def east_asian_family(self, region: str) -> str:
        """Return the East Asian typeface for text in the CJK `region` ('ja', 'zh-Hant', ...):
        the theme's own when it names one, else the face that region's readers expect, since
        Han characters take the forms of the font that draws them."""
        if self.cjk_family_named:
            return self.cjk_family
        return REGION_FAMILIES.get(region, self.cjk_family)

    @property
    def slide_width(self) -> float:
        """Return the slide's width in points (the template's, when there is one)."""
        if self.template is not None:
            return self.template.package.width
        return SLIDE_SIZES[self.slide_size][0]

    @property
    def slide_height(self) -> float:
        """Return the slide's height in points (the template's, when there is one)."""
        if self.template is not None:
            return self.template.package.height
        return SLIDE_SIZES[self.slide_size][1]

    @property
    def handout_palette(self) -> Palette:
        """Return the colours the handout is drawn in: the paper palette unless the theme asks
        for its screen colours (`handout-colors: theme`)."""
        if self.handout_colors == "paper" and self.paper_palette is not None:
            return self.paper_palette
        return self.palette

    @property
    def page_width(self) -> float:
        """Return the handout page's width in points."""
        return PAPER_SIZES[self.paper][0]

    @property
    def page_height(self) -> float:
        """Return the handout page's height in points."""
        return PAPER_SIZES[self.paper][1]
