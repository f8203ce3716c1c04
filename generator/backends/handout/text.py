"""The handout's type scale and paragraph styles, safe links, and the trial layouts' canvas mark.

Markup and paragraphs themselves are typeset.paragraphs', shared with the script."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from generator.theme.model import Theme, Typeface, TypeScale
from generator.typeset import fonts
from generator.typeset.measure import LEADING
from generator.typeset.paragraphs import ATTRIBUTE_ENTITIES

# No text on the handout is ever smaller than this, whatever a theme asks for.
LEGIBLE_FLOOR = 7.0
# Each step of shrinking takes this much off the theme's type sizes (5% of them).
SHRINK_STEP = 0.05
LINK_SCHEMES = ("http", "https", "mailto")
# Characters a URI may hold as they are; anything else (quotes, spaces, brackets) is %-encoded.
URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
# Set on the scratch canvas of a trial layout: what is placed there is measured, never seen,
# so the handout's own flowables skip drawing on it (a long list is laid out several times).
TRIAL = "briefgen_trial"


def seen(canv: object) -> bool:
    """Return whether what is drawn on `canv` will be seen (it is not a trial layout's)."""
    return not getattr(canv, TRIAL, False)


@dataclass(frozen=True)
class Sizes:
    """The handout's type sizes in points at one step of shrinking, never below the floor."""

    title: float
    heading: float
    subheading: float
    body: float
    small: float
    caption: float
    factor: float
    compact: bool = False  # run-in headings and tighter gaps, tried before shrinking further

    @classmethod
    def at(cls, scale: TypeScale, factor: float) -> Sizes:
        """Return the theme's page sizes multiplied by `factor`, each held at the floor."""
        floor = max(scale.floor, LEGIBLE_FLOOR)
        roles = (scale.title, scale.heading, scale.subheading, scale.body, scale.small, scale.caption)
        title, heading, subheading, body, small, caption = (max(floor, round(size * factor, 2))
                                                            for size in roles)
        return cls(title, heading, subheading, body, small, caption, factor=factor)

    def space(self, multiple: float = 1.0) -> float:
        """Return a vertical gap that shrinks along with the type (and more when compact)."""
        return self.body * (0.45 if self.compact else 0.6) * multiple


def shrink_steps(scale: TypeScale) -> list[Sizes]:
    """Return the sizes to try, largest first, each roomy then compact, down to the floor."""
    steps: list[Sizes] = []
    factor = 1.0
    floor = max(scale.floor, LEGIBLE_FLOOR)
    while True:
        sizes = Sizes.at(scale, factor)
        steps += [sizes, replace(sizes, compact=True)]
        if max(sizes.heading, sizes.subheading, sizes.body, sizes.small) <= floor or factor <= SHRINK_STEP:
            return steps
        factor = round(factor - SHRINK_STEP, 4)


def safe_url(url: str) -> str:
    """Return `url` when it is an http, https or mailto address, else an empty string."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in LINK_SCHEMES and not any(ch.isspace() for ch in url) else ""


def link(url: str, inner: str, color: str) -> str:
    """Return `inner` markup wrapped in a link to `url`, or `inner` alone if the url is unsafe."""
    target = safe_url(url)
    if not target:
        return inner
    href = escape(quote(target, safe=URI_SAFE), ATTRIBUTE_ENTITIES)
    return f'<a href="{href}" color="{color}">{inner}</a>'


def colored(inner: str, color: str) -> str:
    """Return `inner` markup drawn in `color` ('#RRGGBB')."""
    return f'<font color="{color}">{inner}</font>'


def style(name: str, theme: Theme, size: float, color: str, heading: bool = False,
          space_after: float = 0.0, rtl: bool = False) -> ParagraphStyle:
    """Return a paragraph style in the theme's face at `size` with the shared line height,
    set from the right edge in a right-to-left document (`rtl`)."""
    return face_style(name, theme.heading if heading else theme.body, size, color, heading,
                      space_after, rtl)


def face_style(name: str, face: Typeface, size: float, color: str, bold: bool = False,
               space_after: float = 0.0, rtl: bool = False) -> ParagraphStyle:
    """Return a paragraph style in `face` at `size` with the shared line height, right-aligned
    in a right-to-left document (`rtl`): its addresses and names in Latin letters too."""
    return ParagraphStyle(
        name, fontName=fonts.embedded(fonts.face_font(face, bold=bold)), fontSize=size,
        leading=round(size * LEADING, 3), textColor=HexColor(color), spaceAfter=space_after,
        allowWidows=0, allowOrphans=0, alignment=TA_RIGHT if rtl else TA_LEFT,
    )
