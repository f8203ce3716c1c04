"""Which of a template's layouts each kind of slide uses: chosen by the placeholders it holds.

Names are only a tie-break (in several languages), since templates are translated and renamed;
the layout's `type` attribute, which PowerPoint keeps whatever the name, comes before them. A
theme may name a layout per kind (`defaults: briefgen: layouts:`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.kinds import KINDS
from generator.theme.template.package import LayoutInfo, TemplatePackage
from generator.theme.template.parts import FIELDS, TITLES, Placeholder
from generator.theme.template.room import as_area, free_area, overlap
from generator.theme.template.shown import listed, shown

if TYPE_CHECKING:
    from generator.theme.template.behind import Behind, Ground

TEXT_BODIES = ("body", "obj")
# A body smaller than this share of the slide is a caption, not room for a slide's text.
BODY_SHARE = {"cover": 0.06, "speaker": 0.12}
DEFAULT_BODY_SHARE = 0.25
# Layout types PowerPoint writes whatever the layout is called, by preference.
PREFERRED_TYPES = {
    "cover": ("title",),
    "speaker": ("twoObj", "picTx", "objTx", "twoTxTwoObj"),
}
DEFAULT_TYPES = ("obj", "tx")
# Lower-case name fragments, in several languages, by preference.
NAMES = {
    "cover": ("title slide", "titelfolie", "diapositive de titre", "diapositiva de título",
              "diapositiva titolo", "タイトル スライド", "标题幻灯片", "標題投影片", "제목 슬라이드",
              "شريحة عنوان", "title"),
    "speaker": ("two content", "zwei inhalte", "deux contenus", "dos objetos", "due contenuti",
                "2 つのコンテンツ", "两栏内容", "兩個內容", "콘텐츠 2개", "comparison", "vergleich",
                "comparaison", "picture", "bild", "image"),
    "": ("title and content", "titel und inhalt", "titre et contenu", "título y objetos",
         "titolo e contenuto", "タイトルとコンテンツ", "标题和内容", "標題及內容", "제목 및 내용",
         "content", "inhalt", "contenu"),
}


@dataclass(frozen=True)
class Slots:
    """The placeholders a slide of one kind fills on its layout."""

    title: Placeholder | None
    bodies: tuple[Placeholder, ...] = ()
    picture: Placeholder | None = None


@dataclass(frozen=True)
class LayoutChoice:
    """The layout one kind of slide uses, why, and what it fills there.

    `fits` is False when the layout lacks room for the kind's text, which then goes in the
    master's body area less what the layout's other placeholders take (`area`). `grounds` says
    how the text of each area filled reads where it sits (the title first).
    """

    kind: str
    layout: LayoutInfo
    slots: Slots
    reason: str
    fits: bool = True
    area: Placeholder | None = None
    grounds: tuple[tuple[Placeholder, Ground], ...] = ()

    def filled(self) -> tuple[Placeholder, ...]:
        """Return the areas a slide of this kind writes text into: the title first, then its
        text areas, then the footer, date and number."""
        bodies = self.slots.bodies if self.fits else (self.area,) if self.area is not None else ()
        return tuple(p for p in (self.slots.title, *bodies, *self.layout.of_type(*FIELDS))
                     if p is not None)

    def plated(self, slot: Placeholder) -> Ground | None:
        """Return how `slot`'s text would read when it must be set on a plate (it lies on
        artwork where it is not legible), else None."""
        key = (slot.type, slot.idx, slot.nth)
        found = next((g for p, g in self.grounds if (p.type, p.idx, p.nth) == key), None)
        return found if found is not None and found.artwork and not found.legible else None


class UnknownLayout(ValueError):
    """A theme names a layout the template does not have."""

    def __init__(self, kind: str, name: str, names: list[str], why: str = "") -> None:
        self.kind = kind
        super().__init__(why or (f"the template has no layout {shown(name)}; its layouts: "
                                 + listed(names)))


def choose_layouts(package: TemplatePackage, named: dict[str, str] | None = None,
                   seen: Behind | None = None, area_ink: str = "") -> tuple[LayoutChoice, ...]:
    """Return the layout each kind of slide uses, in KINDS order; raise UnknownLayout for a
    name in `named` the template lacks, or ValueError when no layout has a title.

    With `seen` (what lies behind each layout's areas), layouts whose text would be legible
    come first among those that fit, and each choice says how its areas read; text in the
    master's body area is drawn in `area_ink`.
    """
    named = named or {}
    if not any(layout.of_type(*TITLES) for layout in package.layouts):
        raise ValueError("no layout of the template has a title placeholder")
    choices = [_choose(package, kind, named.get(kind), seen) for kind in KINDS]
    return tuple(_judged(c, seen, area_ink) for c in choices) if seen is not None else tuple(choices)


def _judged(choice: LayoutChoice, seen: Behind, area_ink: str) -> LayoutChoice:
    """Return a choice with how the text of each area it fills reads there."""
    from generator.theme.colors import AA_NORMAL

    grounds = []
    for slot in choice.filled():
        if slot.idx == -1:  # the master's body area: briefgen's own text box, in its colour
            rect = (slot.x, slot.y, slot.w, slot.h)
            grounds.append((slot, seen.ground(choice.layout.part, rect, area_ink or "#000000", AA_NORMAL)))
        else:
            grounds.append((slot, seen.placeholder(choice.layout.part, slot)))
    return dataclasses.replace(choice, grounds=tuple(grounds))


def _legible(package: TemplatePackage, kind: str, layout: LayoutInfo, seen: Behind | None) -> bool:
    """Return True when no placeholder a `kind` slide fills on `layout` lies on artwork where
    its text would not read."""
    slots = slots_for(kind, layout, package) if seen is not None else None
    if slots is None or seen is None:
        return True
    filled = (slots.title, *slots.bodies)
    grounds = [seen.placeholder(layout.part, p) for p in filled if p is not None]
    # A placeholder's own faint colour on a plain ground is the template's choice, not a reason
    # to take another layout: only artwork under text counts against one.
    return not any(g.artwork and not g.legible for g in grounds)


def _choose(package: TemplatePackage, kind: str, name: str | None, seen: Behind | None = None
            ) -> LayoutChoice:
    """Return the choice for one kind: the layout named for it, else the best fit."""
    if name is not None:
        layout = _by_name(package, kind, name)
        if not layout.of_type(*TITLES):
            with_titles = [la.name for la in package.layouts if la.of_type(*TITLES)]
            raise UnknownLayout(kind, name, with_titles, (
                f"the layout {shown(name)} has no title placeholder, and every slide needs its "
                "title; layouts with one: " + listed(with_titles)))
        slots = slots_for(kind, layout, package)
        fits = slots is not None
        return _made(package, kind, layout, slots, f"named in the theme ({shown(name)})", fits)
    scored = [(_score(package, kind, layout, n), n, layout) for n, layout in enumerate(package.layouts)]
    # Among the layouts that fit as well, those on which the text reads clearly come first
    # (one where it does not gets plates, which a layout that suits the slide less is not worth).
    ranked = [((score[0], score[0] >= 2 and _legible(package, kind, layout, seen), *score[1:]), n,
               layout) for score, n, layout in scored]
    (fit, _clear, by_type, by_name), _, best = max(ranked, key=lambda s: (s[0], -s[1]))
    slots = slots_for(kind, best, package)
    return _made(package, kind, best, slots, _reason(kind, fit, by_type, by_name, slots),
                 slots is not None)


def _made(package: TemplatePackage, kind: str, layout: LayoutInfo, slots: Slots | None,
          reason: str, fits: bool) -> LayoutChoice:
    """Return a LayoutChoice, pointing at the master's body area when the layout lacks room."""
    if slots is None:
        titles = layout.of_type(*TITLES)
        slots = Slots(titles[0] if titles else None)
    area = None if fits else fallback_area(package, layout, slots)
    return LayoutChoice(kind, layout, slots, reason, fits, area)


def fallback_area(package: TemplatePackage, layout: LayoutInfo, slots: Slots) -> Placeholder:
    """Return where a slide's text goes on a layout without room for it: the master's body
    area less the title and the placeholders a slide fills (footer, date, number, picture);
    where too little of it is left, the slide's whole area less them."""
    taken = [as_area(p) for p in (slots.title, slots.picture, *layout.of_type(*FIELDS)) if p is not None]
    margin = min(package.width, package.height) / 14
    whole = (margin, margin, package.width - 2 * margin, package.height - 2 * margin)
    body = package.master_bodies[layout.master]
    for base in ((as_area(body),) if body is not None else ()) + (whole,):
        free = free_area(base, taken)
        if free is not None:
            return Placeholder("body", -1, *free, size=body.size if body is not None else 18.0,
                               margin=body.margin if body is not None else 0.0)
    below = (slots.title.y + slots.title.h) if slots.title is not None else margin
    return Placeholder("body", -1, margin, below, whole[2], max(package.height - margin - below, 36.0))


def _by_name(package: TemplatePackage, kind: str, name: str) -> LayoutInfo:
    """Return the layout called `name` (exactly, else ignoring case), or raise UnknownLayout."""
    for layout in package.layouts:
        if layout.name == name:
            return layout
    for layout in package.layouts:
        if layout.name.casefold() == name.casefold():
            return layout
    raise UnknownLayout(kind, name, [layout.name for layout in package.layouts])


def slots_for(kind: str, layout: LayoutInfo, package: TemplatePackage) -> Slots | None:
    """Return what a `kind` slide fills on `layout`, or None when the layout lacks room for it."""
    titles = layout.of_type(*TITLES)
    if not titles:
        return None
    slide_area = package.width * package.height
    share = BODY_SHARE.get(kind, DEFAULT_BODY_SHARE)
    # A body that lies partly under the title keeps only the part clear of it.
    clear = [c for c in (_clear_of(p, titles[0]) for p in _bodies(layout, kind)) if c is not None]
    wide = [p for p in clear if p.area >= share * slide_area]
    if kind == "cover":
        subtitles = tuple(p for p in wide if p.type == "subTitle") or tuple(wide[:1])
        return Slots(titles[0], subtitles[:1]) if subtitles else None
    if kind == "speaker":
        pictures = [p for p in layout.of_type("pic") if p.area >= share * slide_area]
        if len(wide) >= 2:
            return Slots(titles[0], tuple(sorted(wide, key=lambda p: p.x)[:2]))
        if pictures and wide:
            return Slots(titles[0], (wide[0],), pictures[0])
    if not wide:
        return None
    return Slots(titles[0], (max(wide, key=lambda p: p.area),))


def _clear_of(body: Placeholder, title: Placeholder) -> Placeholder | None:
    """Return `body`, or the largest part of it clear of `title` where they overlap (None when
    too little of it is)."""
    if overlap(as_area(body), as_area(title)) <= 0:
        return body
    free = free_area(as_area(body), [as_area(title)], gap=4.0)
    return dataclasses.replace(body, x=free[0], y=free[1], w=free[2], h=free[3]) if free else None


def _bodies(layout: LayoutInfo, kind: str) -> list[Placeholder]:
    """Return the layout's horizontal text placeholders a `kind` slide could write into."""
    types = (*TEXT_BODIES, "subTitle") if kind == "cover" else TEXT_BODIES
    return [p for p in layout.of_type(*types) if not p.vertical]


def _score(package: TemplatePackage, kind: str, layout: LayoutInfo, _n: int) -> tuple[int, int, int]:
    """Return how well `layout` suits `kind`: (fit, type preference, name preference)."""
    slots = slots_for(kind, layout, package)
    if slots is None:
        fit = 1 if layout.of_type(*TITLES) and not _bodies(layout, kind) else 0
    else:
        used = len(slots.bodies) + (slots.picture is not None)
        spare = len(_bodies(layout, kind)) + len(layout.of_type("pic")) - used
        fit = 3 if spare == 0 else 2  # a layout whose every placeholder is filled looks planned
        if kind == "speaker" and slots.picture is None and len(slots.bodies) < 2:
            fit = 2  # one column for a speaker: usable, not what a speaker layout is
    types = PREFERRED_TYPES.get(kind, DEFAULT_TYPES)
    by_type = len(types) - types.index(layout.kind) if layout.kind in types else 0
    names = NAMES.get(kind, NAMES[""])
    lowered = layout.name.casefold()
    by_name = next((len(names) - i for i, hint in enumerate(names) if hint in lowered), 0)
    return fit, by_type, by_name


def _reason(kind: str, fit: int, by_type: int, by_name: int, slots: Slots | None) -> str:
    """Return why a layout was chosen, in words for `briefgen template`."""
    needs = {"cover": "a title and a subtitle",
             "speaker": "a title and two text columns, or a picture and text"}.get(
        kind, "a title and one large text area")
    if fit <= 1 or slots is None:
        return f"no layout holds {needs}: the closest, with its text in the master's body area"
    why = f"holds {_held(slots)}"
    if fit == 2 and kind == "speaker" and len(slots.bodies) < 2 and slots.picture is None:
        why += f" (none holds {needs})"
    if by_type:
        why += ", and PowerPoint marks it as that kind of layout"
    elif by_name:
        why += ", and its name says so"
    return why


def _held(slots: Slots) -> str:
    """Return what a slide fills on its layout, in words."""
    if slots.picture is not None:
        return "a title, a picture and text"
    if len(slots.bodies) == 2:
        return "a title and two text columns"
    if slots.bodies and slots.bodies[0].type == "subTitle":
        return "a title and a subtitle"
    return "a title and one large text area"
