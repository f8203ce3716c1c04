"""Placeholders of a template's masters and layouts: where they sit and what type they inherit.

A layout's placeholder often says nothing of its own position or type size: it inherits them
from the master's placeholder of its kind, and the size from the master's text styles. This
follows that chain so that the deck measures text against the box and size PowerPoint uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.ooxml.names import A, P

if TYPE_CHECKING:
    from lxml import etree

_EMU_PER_PT = 12700
DEFAULT_SIZE = 18.0  # DrawingML's type size where nothing sets one
MIN_SZ, MAX_SZ = 100, 400_000  # the type sizes DrawingML allows, in hundredths of a point
TITLES = ("title", "ctrTitle")
FIELDS = ("dt", "ftr", "sldNum")  # date, footer, slide number
# Placeholders that hold body text or content (PowerPoint's "content" placeholder is `obj`).
BODIES = ("body", "obj", "subTitle", "tbl", "chart", "dgm", "media", "clipArt")
# Which of the master's text styles a placeholder's text follows.
_STYLE_OF = {"title": "titleStyle", "ctrTitle": "titleStyle", "dt": "otherStyle",
             "ftr": "otherStyle", "sldNum": "otherStyle"}


@dataclass(frozen=True)
class Placeholder:
    """A placeholder: its type, index, box in points, and its first level's inherited type."""

    type: str
    idx: int
    x: float
    y: float
    w: float
    h: float
    size: float = DEFAULT_SIZE
    bold: bool = False
    margin: float = 0.0  # the first level's left margin (room a bullet takes), points
    name: str = ""
    vertical: bool = False  # text runs top to bottom (East Asian vertical layouts)
    nth: int = 0  # how many placeholders of its type and index come before it (tools repeat idx)
    styled: bool = True  # its first level has a list style (with bullets) to inherit; some
    # tools write their look only into the prompt text ("Click to edit"), which text never inherits

    @property
    def area(self) -> float:
        """Return the placeholder's area in square points."""
        return self.w * self.h


def type_size(sz: str | None) -> float:
    """Return a DrawingML `sz` (hundredths of a point) in points; DEFAULT_SIZE when it is not
    one PowerPoint allows (1 to 4000 pt), so that a zero size never divides a measurement."""
    return int(sz) / 100 if sz is not None and allowed_size(sz) else DEFAULT_SIZE


def allowed_size(sz: str) -> bool:
    """Return True when `sz` is a type size DrawingML allows (100 to 400000 hundredths)."""
    return sz.isascii() and sz.isdigit() and len(sz) <= 6 and MIN_SZ <= int(sz) <= MAX_SZ


def placeholders(root: etree._Element, master: etree._Element | None) -> tuple[Placeholder, ...]:
    """Return the placeholders of a layout (`master` given) or of a master (`master` None)."""
    return tuple(slot for slot, _sp, _parent in placed(root, master))


def placed(root: etree._Element, master: etree._Element | None
           ) -> list[tuple[Placeholder, etree._Element, etree._Element | None]]:
    """Return each drawable placeholder of a layout or master with its shape and the master's
    placeholder it inherits from (None on a master, or without one)."""
    found: list[tuple[Placeholder, etree._Element, etree._Element | None]] = []
    master_shapes = _shapes(master) if master is not None else {}
    styles = (master if master is not None else root).find(f"{{{P}}}txStyles")
    for sp in root.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        parent = master_shapes.get(_master_kind(kind))
        box = _box(sp) or (_box(parent) if parent is not None else None)
        if box is None:
            continue  # a placeholder with no place of its own or inherited: not drawable
        chain = [sp, parent] if parent is not None else [sp]
        style = styles.find(f"{{{P}}}{_STYLE_OF.get(kind, 'bodyStyle')}") if styles is not None else None
        size = _first(chain, style, "sz")
        margin = _first(chain, style, "marL", level_attr=True)
        bold = _first(chain, style, "b")
        styled = _styled(chain, style)
        name_el = sp.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr")
        idx = _int(ph.get("idx"), 0)
        nth = sum(1 for p, _s, _m in found if (p.type, p.idx) == (kind, idx))
        found.append((Placeholder(
            kind, idx, *box, nth=nth,
            size=type_size(size),
            bold=bold in ("1", "true"),
            margin=_int(margin, 0) / _EMU_PER_PT,
            name=name_el.get("name", "") if name_el is not None else "",
            vertical=_vertical(chain), styled=styled), sp, parent))
    return found


def _shapes(master: etree._Element) -> dict[str, etree._Element]:
    """Return the master's placeholder shapes by the kind layouts inherit from."""
    out: dict[str, etree._Element] = {}
    for sp in master.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None:
            out.setdefault(_master_kind(ph.get("type", "obj")), sp)
    return out


def _master_kind(kind: str) -> str:
    """Return the master placeholder a layout placeholder of `kind` inherits from."""
    if kind in TITLES:
        return "title"
    if kind in FIELDS:
        return kind
    return "body"


def _box(sp: etree._Element | None) -> tuple[float, float, float, float] | None:
    """Return a shape's own (x, y, w, h) in points, or None when it sets no position."""
    if sp is None:
        return None
    xfrm = sp.find(f"{{{P}}}spPr/{{{A}}}xfrm")
    off = xfrm.find(f"{{{A}}}off") if xfrm is not None else None
    ext = xfrm.find(f"{{{A}}}ext") if xfrm is not None else None
    if off is None or ext is None:
        return None
    values = [_int(off.get("x"), 0), _int(off.get("y"), 0), _int(ext.get("cx"), 0), _int(ext.get("cy"), 0)]
    if values[2] <= 0 or values[3] <= 0:
        return None
    x, y, w, h = (v / _EMU_PER_PT for v in values)
    return x, y, w, h


def _first(chain: list[etree._Element], style: etree._Element | None, attr: str,
           level_attr: bool = False) -> str | None:
    """Return the first level's `attr` (of its run defaults, or of the level itself) that the
    placeholder, then the master's placeholder, then the master's text style sets."""
    levels = [sp.find(f"{{{P}}}txBody/{{{A}}}lstStyle/{{{A}}}lvl1pPr") for sp in chain]
    if style is not None:
        levels.append(style.find(f"{{{A}}}lvl1pPr"))
    for level in levels:
        if level is None:
            continue
        holder = level if level_attr else level.find(f"{{{A}}}defRPr")
        if holder is not None and holder.get(attr) is not None:
            return str(holder.get(attr))
    # Else the look of the prompt text, which is what the template's author saw: its runs
    # first, since an empty prompt's end mark often keeps a tool's default size.
    paths = ["pPr"] if level_attr else ["r/a:rPr", "endParaRPr"]
    for path in paths:
        for sp in chain:
            holder = sp.find(f"{{{P}}}txBody/{{{A}}}p/{{{A}}}{path}".replace("a:", f"{{{A}}}"))
            if holder is not None and holder.get(attr) is not None:
                return str(holder.get(attr))
    return None


def _styled(chain: list[etree._Element], style: etree._Element | None) -> bool:
    """Return True when the placeholder's first level has a list style text inherits."""
    levels = [sp.find(f"{{{P}}}txBody/{{{A}}}lstStyle/{{{A}}}lvl1pPr") for sp in chain]
    if style is not None:
        levels.append(style.find(f"{{{A}}}lvl1pPr"))
    return any(level is not None for level in levels)


def _vertical(chain: list[etree._Element]) -> bool:
    """Return True when the placeholder's (or its master's) text runs vertically."""
    for sp in chain:
        body = sp.find(f"{{{P}}}txBody/{{{A}}}bodyPr")
        if body is not None and body.get("vert") is not None:
            return body.get("vert") not in ("horz", "wordArtVertRtl")
    return False


def _int(value: str | None, default: int) -> int:
    """Return `value` as an int, or `default` when missing or not a whole number in ASCII digits."""
    from generator.ooxml.parse import whole_number

    number = whole_number(value)
    return default if number is None else number
