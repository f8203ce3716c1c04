"""A deck read for checking, through the hardened OOXML layer: each slide's shapes in drawing
order (groups opened, their members placed), placeholders given the boxes and text styles they
inherit from their layout and master, and what the layout and master draw beneath."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.ooxml.names import DECORATIVE, MC, PRESENTATION_TYPES, A, P, R
from generator.ooxml.parse import PackageError, whole_number
from generator.theme.template.colours import Scheme, colour_in, scheme_of
from generator.theme.template.fills import Painter
from generator.theme.template.paint import Fill, Placing, xfrm_box
from generator.workflow.check.model import FIELDS, TITLES, Deck, Shape, Slide
from generator.workflow.check.text import EMU_PER_PT, Inherited, read_body

if TYPE_CHECKING:
    from lxml import etree

    from generator.ooxml.package import Package

_GRAPHICS = {"table": "table", "chart": "chart", "diagram": "diagram", "ole": "object"}
_STYLE_OF = {"title": "titleStyle", "ctrTitle": "titleStyle", "dt": "otherStyle",
             "ftr": "otherStyle", "sldNum": "otherStyle"}
MAX_SHAPES = 20_000  # shapes a deck may hold for checking: a real deck holds a few hundred


@dataclass
class _Part:
    """A layout or master as the slides built on it see it."""

    root: etree._Element
    scheme: Scheme
    placeholders: dict[str, etree._Element] = field(default_factory=dict)  # 'type:idx' and 'type'


@dataclass
class _Master:
    """A master with its theme: colours, fonts, text styles and a painter for its fills."""

    part: _Part
    painter: Painter
    major: str
    minor: str


def read_checked(package: Package) -> Deck:
    """Return the deck in `package` with every slide's shapes resolved, or raise PackageError."""
    main = package.main_part()
    if main is None or package.content_types().of(main) not in PRESENTATION_TYPES:
        raise PackageError("not a PowerPoint deck (another kind of Office file)")
    presentation = package.xml(main)
    size = presentation.find(f"{{{P}}}sldSz")
    width = (whole_number(size.get("cx")) or 12192000) / EMU_PER_PT if size is not None else 960.0
    height = (whole_number(size.get("cy")) or 6858000) / EMU_PER_PT if size is not None else 540.0
    reader = _Reader(package, presentation.find(f"{{{P}}}defaultTextStyle"))
    ids = presentation.findall(f"{{{P}}}sldIdLst/{{{P}}}sldId")
    slides = tuple(reader.slide(n, package.target(main, e.get(f"{{{R}}}id", "")))
                   for n, e in enumerate(ids, start=1))
    return Deck(slides, width, height)


class _Reader:
    """Reads slides, keeping each layout and master read once."""

    def __init__(self, package: Package, default_style: etree._Element | None) -> None:
        self.package = package
        self.default_style = default_style
        self.masters: dict[str, _Master] = {}
        self.layouts: dict[str, tuple[_Part, _Master, tuple[Shape, ...]]] = {}
        self.shapes = 0

    def slide(self, number: int, part: str) -> Slide:
        """Return slide `number`, held in `part`."""
        layouts = self.package.related(part, "slideLayout")
        if not layouts:
            raise PackageError(f"damaged: {part} has no layout")
        layout, master, beneath = self._layout(layouts[0])
        root = self.package.xml(part)
        scheme = layout.scheme.with_map(root.find(f"{{{P}}}clrMapOvr/{{{A}}}overrideClrMapping"))
        own = _Part(root, scheme)
        shapes = tuple(self._shapes(own, part, master, layout))
        c_sld = root.find(f"{{{P}}}cSld")
        background = (master.painter.background(c_sld, scheme, part)
                      or master.painter.background(layout.root.find(f"{{{P}}}cSld"), scheme, layouts[0])
                      or master.painter.background(master.part.root.find(f"{{{P}}}cSld"), scheme,
                                                   self.package.related(layouts[0], "slideMaster")[0]))
        shown = root.get("showMasterSp") not in ("0", "false")
        return Slide(number, part, shapes, background, beneath if shown else ())

    def _layout(self, part: str) -> tuple[_Part, _Master, tuple[Shape, ...]]:
        """Return a layout, its master and the shapes they draw under slides (read once)."""
        if part not in self.layouts:
            masters = self.package.related(part, "slideMaster")
            if not masters:
                raise PackageError(f"damaged: {part} has no master")
            master = self._master(masters[0])
            root = self.package.xml(part)
            scheme = master.part.scheme.with_map(root.find(f"{{{P}}}clrMapOvr/{{{A}}}overrideClrMapping"))
            layout = _Part(root, scheme, _placeholders(root))
            drawn = [s for s in self._shapes(_Part(master.part.root, scheme), masters[0], master, None)
                     if not s.placeholder] if root.get("showMasterSp") not in ("0", "false") else []
            drawn += [s for s in self._shapes(layout, part, master, None) if not s.placeholder]
            self.layouts[part] = (layout, master, tuple(drawn))
        return self.layouts[part]

    def _master(self, part: str) -> _Master:
        """Return a master with its theme's scheme and fonts (read once)."""
        if part not in self.masters:
            from generator.theme.template.scheme import read_schemes

            root = self.package.xml(part)
            themes = self.package.related(part, "theme")
            theme = self.package.xml(themes[0]) if themes else None
            scheme = scheme_of(theme, root.find(f"{{{P}}}clrMap"))
            _colours, major, minor = read_schemes(theme) if theme is not None else ((), "", "")
            painter = Painter(self.package, theme, themes[0] if themes else "")
            self.masters[part] = _Master(_Part(root, scheme, _placeholders(root)), painter,
                                         major or "Calibri Light", minor or "Calibri")
        return self.masters[part]

    def _shapes(self, holder: _Part, part: str, master: _Master, layout: _Part | None) -> list[Shape]:
        """Return the shapes of a slide, layout or master part in drawing order."""
        tree = holder.root.find(f"{{{P}}}cSld/{{{P}}}spTree")
        found: list[Shape] = []
        if tree is not None:
            self._walk(tree, Placing(), _Context(holder, part, master, layout), found)
        return found

    def _walk(self, tree: etree._Element, placing: Placing, context: _Context, found: list[Shape]) -> None:
        """Append the shapes of a shape tree (or group) to `found`, groups opened."""
        for element in tree:
            tag = element.tag.rpartition("}")[2]
            if element.tag == f"{{{MC}}}AlternateContent":
                choice = element.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self._walk(choice, placing, context, found)
            elif tag == "grpSp":
                self._walk(element, placing.inside(element.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm")),
                           context, found)
            elif tag in ("sp", "pic", "graphicFrame", "cxnSp"):
                self.shapes += 1
                if self.shapes > MAX_SHAPES:
                    raise PackageError(f"too large: more than {MAX_SHAPES:,} shapes to check")
                shape = context.shape(element, tag, placing, self.default_style)
                if shape is not None:
                    found.append(shape)


@dataclass(frozen=True)
class _Context:
    """The part a shape is on and what its placeholders inherit from."""

    holder: _Part
    part: str
    master: _Master
    layout: _Part | None  # None when the part is a layout or master itself

    def shape(self, element: etree._Element, tag: str, placing: Placing,
              default_style: etree._Element | None) -> Shape | None:
        """Return a shape read with what it inherits, or None when it is hidden."""
        c_nv_pr = next(element.iter(f"{{{P}}}cNvPr"), None)
        if c_nv_pr is None or c_nv_pr.get("hidden") in ("1", "true"):
            return None
        ph = next(element.iter(f"{{{P}}}ph"), None)
        kind = str(ph.get("type", "obj")) if ph is not None else ""
        parents = self._parents(ph, kind)
        box = xfrm_box(_own_xfrm(element, tag), "") or next(
            (b for b in (xfrm_box(_xfrm(p), "") for p in parents) if b), None)
        style = element.find(f"{{{P}}}style")
        fill = self._fill(element, tag, style)
        body_element = element.find(f"{{{P}}}txBody")
        body = read_body(body_element, self._inherited(parents, kind, style, default_style)) \
            if body_element is not None else None
        graphic, header = _graphic(element) if tag == "graphicFrame" else ("", False)
        return Shape(whole_number(c_nv_pr.get("id")) or 0, str(c_nv_pr.get("name", "")), tag, kind,
                     placing.place(box), str(c_nv_pr.get("descr", "")).strip(), _decorative(c_nv_pr),
                     fill, body, graphic, header, tag == "sp" and _textxfrm_box(element))

    def _fill(self, element: etree._Element, tag: str, style: etree._Element | None) -> Fill | None:
        """Return what a shape paints: a picture's picture, a shape's fill; nothing for others."""
        painter, scheme = self.master.painter, self.holder.scheme
        if tag == "pic":
            blip_fill = element.find(f"{{{P}}}blipFill")
            return painter.element(blip_fill, scheme, self.part) if blip_fill is not None else None
        if tag == "sp":
            return painter.fill(element.find(f"{{{P}}}spPr"), scheme, self.part, style)
        return None

    def _parents(self, ph: etree._Element | None, kind: str) -> list[etree._Element]:
        """Return the layout's and master's placeholders a placeholder inherits from, nearest first."""
        if ph is None:
            return []
        idx = str(ph.get("idx", ""))
        found = []
        if self.layout is not None:
            keys = (f"{kind}:{idx}", f"*:{idx}", kind) if idx else (kind,)
            match = next((self.layout.placeholders[k] for k in keys if k in self.layout.placeholders), None)
            if match is not None:
                found.append(match)
        master_kind = "title" if kind in TITLES else kind if kind in FIELDS else "body"
        parent = self.master.part.placeholders.get(master_kind)
        if parent is not None and (self.holder.root is not self.master.part.root):
            found.append(parent)
        return found

    def _inherited(self, parents: list[etree._Element], kind: str, style: etree._Element | None,
                   default_style: etree._Element | None) -> Inherited:
        """Return what a shape's text inherits from its parents, the master's styles and its style."""
        lists = [p.find(f"{{{P}}}txBody/{{{A}}}lstStyle") for p in parents]
        frames = tuple(p.find(f"{{{P}}}txBody/{{{A}}}bodyPr") for p in parents)
        styles = self.master.part.root.find(f"{{{P}}}txStyles")
        if kind:
            named = f"{{{P}}}{_STYLE_OF.get(kind, 'bodyStyle')}"
            lists.append(styles.find(named) if styles is not None else None)
        else:
            lists.append(default_style)
        font_ref = style.find(f"{{{A}}}fontRef") if style is not None else None
        package, part = self.master.painter.package, self.part
        return Inherited(tuple(lists), frames, self.holder.scheme, self.master.major, self.master.minor,
                         title=kind in TITLES, style_colour=colour_in(font_ref, self.holder.scheme),
                         link=lambda rel_id: _address(package, part, rel_id))


def _placeholders(root: etree._Element) -> dict[str, etree._Element]:
    """Return a layout's or master's placeholders by 'type:idx', '*:idx' and type (first kept)."""
    found: dict[str, etree._Element] = {}
    for sp in root.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is None:
            continue
        kind, idx = str(ph.get("type", "obj")), str(ph.get("idx", ""))
        for key in (f"{kind}:{idx}", f"*:{idx}" if idx else "", kind):
            if key:
                found.setdefault(key, sp)
    return found


def _own_xfrm(element: etree._Element, tag: str) -> etree._Element | None:
    """Return a shape's own transform (a graphic frame keeps it outside its properties)."""
    if tag == "graphicFrame":
        return element.find(f"{{{P}}}xfrm")
    return element.find(f"{{{P}}}spPr/{{{A}}}xfrm")


def _xfrm(sp: etree._Element) -> etree._Element | None:
    """Return a placeholder shape's own transform."""
    return sp.find(f"{{{P}}}spPr/{{{A}}}xfrm")


def _decorative(c_nv_pr: etree._Element) -> bool:
    """Return True when a shape is marked decorative (screen readers skip it)."""
    mark = next(c_nv_pr.iter(f"{{{DECORATIVE}}}decorative"), None)
    return mark is not None and mark.get("val") in ("1", "true")


def _textxfrm_box(element: etree._Element) -> bool:
    """Return True when a shape is a text box."""
    c_nv_sp_pr = element.find(f"{{{P}}}nvSpPr/{{{P}}}cNvSpPr")
    return c_nv_sp_pr is not None and c_nv_sp_pr.get("txBox") in ("1", "true")


def _graphic(frame: etree._Element) -> tuple[str, bool]:
    """Return what a graphic frame holds ('table', 'chart', ...) and whether a table marks its
    first row as a header."""
    data = frame.find(f"{{{A}}}graphic/{{{A}}}graphicData")
    uri = str(data.get("uri", "")) if data is not None else ""
    kind = next((name for key, name in _GRAPHICS.items() if uri.rstrip("/").endswith(key)), "object")
    properties = data.find(f"{{{A}}}tbl/{{{A}}}tblPr") if data is not None else None
    return kind, properties is not None and properties.get("firstRow") in ("1", "true")


def _address(package: Package, part: str, rel_id: str) -> str:
    """Return the address a hyperlink relationship opens ('' when it has none)."""
    rel = package.relationship(part, rel_id) if rel_id else None
    return rel.target if rel is not None else ""
