"""A shape's text frame read with everything its text inherits: sizes, weights, colours, faces
and spacing from the shape's own list style, its layout's and master's placeholders and the
master's text styles, in the order PowerPoint applies them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.ooxml.names import A, R
from generator.ooxml.parse import whole_number
from generator.theme.template.colours import Scheme, colour_in
from generator.theme.template.parts import DEFAULT_SIZE, allowed_size
from generator.workflow.check.model import Body, Paragraph, Run

if TYPE_CHECKING:
    from lxml import etree

EMU_PER_PT = 12700
_INSETS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))
# The CJK region a run's language tag draws Han characters in (as typeset.fonts names them).
_REGIONS = (("zh-hant", "zh-Hant"), ("zh-tw", "zh-Hant"), ("zh-hk", "zh-Hant"),
            ("zh-mo", "zh-Hant"), ("zh", "zh-Hans"), ("ja", "ja"), ("ko", "ko"))


@dataclass(frozen=True)
class Inherited:
    """What a shape's text inherits: list styles (nearest first), frame properties (nearest
    first), the scheme, the theme's fonts and the colour of the shape's style."""

    styles: tuple[etree._Element | None, ...]
    frames: tuple[etree._Element | None, ...]
    scheme: Scheme
    major: str
    minor: str
    title: bool = False
    style_colour: str | None = None
    link: Callable[[str], str] = lambda _rel_id: ""


def read_body(body: etree._Element, inherited: Inherited) -> Body:
    """Return a text frame (a txBody) with every paragraph's and run's properties resolved."""
    frames = (body.find(f"{{{A}}}bodyPr"), *inherited.frames)
    styles = (body.find(f"{{{A}}}lstStyle"), *inherited.styles)
    scale, reduction = _autofit(frames[0])
    setting = _Setting(inherited, styles, scale)
    paragraphs = tuple(setting.paragraph(p, reduction) for p in body.iter(f"{{{A}}}p"))
    insets = tuple((_first_attr(frames, name) or default) / EMU_PER_PT for name, default in _INSETS)
    vert = _first_text(frames, "vert")
    return Body(paragraphs, (insets[0], insets[1], insets[2], insets[3]),
                wrap=_first_text(frames, "wrap") != "none",
                grows=any(f is not None and f.find(f"{{{A}}}spAutoFit") is not None for f in frames[:1]),
                anchor=_first_text(frames, "anchor") or "t",
                vertical=vert not in (None, "horz", "wordArtVertRtl"))


@dataclass(frozen=True)
class _Setting:
    """The inheritance chain of one frame and the scale its autofit sets text at."""

    inherited: Inherited
    styles: tuple[etree._Element | None, ...]
    scale: float

    def paragraph(self, element: etree._Element, reduction: float) -> Paragraph:
        """Return one paragraph with its runs and spacing resolved."""
        ppr = element.find(f"{{{A}}}pPr")
        level = min(max(whole_number(ppr.get("lvl")) or 0, 0), 8) if ppr is not None else 0
        levels = (ppr, *(s.find(f"{{{A}}}lvl{level + 1}pPr") if s is not None else None
                         for s in self.styles))
        runs = tuple(self._runs(element, levels))
        size = max((r.size for r in runs), default=self._size(None, levels))
        line, share = _line_spacing(levels, size)
        return Paragraph(runs, align=_first_text(levels, "algn") or "l",
                         line=line * (1 - reduction) if line is not None else None,
                         line_share=share * (1 - reduction),
                         before=_spacing(levels, "spcBef", size), after=_spacing(levels, "spcAft", size),
                         indent=(_first_attr(levels, "marL") or 0) / EMU_PER_PT)

    def _runs(self, paragraph: etree._Element, levels: tuple[etree._Element | None, ...]) -> list[Run]:
        """Return the runs, fields and line breaks of a paragraph."""
        found = []
        for child in paragraph:
            tag = child.tag.rpartition("}")[2]
            if tag not in ("r", "fld", "br"):
                continue
            rpr = child.find(f"{{{A}}}rPr")
            text = "\n" if tag == "br" else child.findtext(f"{{{A}}}t") or ""
            found.append(self._run(text, rpr, levels, child.get("type", "") if tag == "fld" else ""))
        return found

    def _run(self, text: str, rpr: etree._Element | None,
             levels: tuple[etree._Element | None, ...], field: str) -> Run:
        """Return a run with its size, weight, colour, face, link and region resolved."""
        chain = (rpr, *(lv.find(f"{{{A}}}defRPr") if lv is not None else None for lv in levels))
        inherited = self.inherited
        colour = next((c for c in (colour_in(_fill(p), inherited.scheme) for p in chain) if c), None)
        link = rpr.find(f"{{{A}}}hlinkClick") if rpr is not None else None
        own = rpr is not None and colour_in(_fill(rpr), inherited.scheme) is not None
        return Run(text, self._size(rpr, levels), _first_text(chain, "b") in ("1", "true"),
                   colour or inherited.style_colour or inherited.scheme.slot("tx1"),
                   self._face(chain),
                   inherited.link(str(link.get(f"{{{R}}}id", ""))) if link is not None else "",
                   field, _region(_first_text(chain, "lang") or ""), inherited=not own)

    def _size(self, rpr: etree._Element | None, levels: tuple[etree._Element | None, ...]) -> float:
        """Return a run's type size in points, scaled by the frame's autofit."""
        chain = (rpr, *(lv.find(f"{{{A}}}defRPr") if lv is not None else None for lv in levels))
        sz = next((str(p.get("sz")) for p in chain
                   if p is not None and p.get("sz") is not None and allowed_size(str(p.get("sz")))), None)
        return (int(sz) / 100 if sz else DEFAULT_SIZE) * self.scale

    def _face(self, chain: tuple[etree._Element | None, ...]) -> str:
        """Return the Latin typeface a run is drawn in, theme fonts (+mj-lt, +mn-lt) resolved."""
        inherited = self.inherited
        typeface = next((str(latin.get("typeface", "")) for p in chain if p is not None
                         for latin in p.findall(f"{{{A}}}latin") if latin.get("typeface")), "")
        if typeface.startswith("+mj") or (not typeface and inherited.title):
            return inherited.major
        if typeface.startswith("+mn") or not typeface:
            return inherited.minor
        return typeface


def _fill(properties: etree._Element | None) -> etree._Element | None:
    """Return the solid fill of run properties (None without one)."""
    return properties.find(f"{{{A}}}solidFill") if properties is not None else None


def _autofit(frame: etree._Element | None) -> tuple[float, float]:
    """Return the share of their size a frame's autofit sets its text at, and its line reduction."""
    fit = frame.find(f"{{{A}}}normAutofit") if frame is not None else None
    if fit is None:
        return 1.0, 0.0
    scale = whole_number(fit.get("fontScale"))
    reduction = whole_number(fit.get("lnSpcReduction"))
    return (min(max(scale, 1), 100_000) / 100_000 if scale is not None else 1.0,
            min(max(reduction, 0), 90_000) / 100_000 if reduction is not None else 0.0)


def _line_spacing(levels: tuple[etree._Element | None, ...], size: float) -> tuple[float | None, float]:
    """Return a paragraph's exact line spacing in points, or None and its share of single spacing."""
    points, share = _stated(levels, "lnSpc")
    if points is not None:
        return points, 1.0
    return None, share if share is not None else 1.0


def _spacing(levels: tuple[etree._Element | None, ...], tag: str, size: float) -> float:
    """Return the space before or after a paragraph in points."""
    points, share = _stated(levels, tag)
    if points is not None:
        return points
    return share * size * 1.2 if share is not None else 0.0


def _stated(levels: tuple[etree._Element | None, ...], tag: str) -> tuple[float | None, float | None]:
    """Return the first spacing `tag` along the chain: (points, None) or (None, share of a line)."""
    for level in levels:
        holder = level.find(f"{{{A}}}{tag}") if level is not None else None
        if holder is None:
            continue
        points, share = holder.find(f"{{{A}}}spcPts"), holder.find(f"{{{A}}}spcPct")
        if points is not None:
            return (whole_number(points.get("val")) or 0) / 100, None
        if share is not None:
            return None, (whole_number(share.get("val")) or 0) / 100_000
    return None, None


def _first_text(chain: tuple[etree._Element | None, ...], attr: str) -> str | None:
    """Return the first value of `attr` along an inheritance chain."""
    return next((str(e.get(attr)) for e in chain if e is not None and e.get(attr) is not None), None)


def _first_attr(chain: tuple[etree._Element | None, ...], attr: str) -> int | None:
    """Return the first whole-number value of `attr` along an inheritance chain."""
    return next((n for e in chain if e is not None
                 for n in (whole_number(e.get(attr)),) if n is not None), None)


def _region(tag: str) -> str:
    """Return the CJK region a language tag names ('' for other languages)."""
    lowered = tag.lower()
    return next((region for prefix, region in _REGIONS
                 if lowered == prefix or lowered.startswith(prefix + "-")), "")
