"""The deck-level pieces of a graft: a deck's slides in show order, its layouts by master,
the layout of the new deck an old slide takes, a slide entered in the presentation's list, and
the slide count of docProps/app.xml."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.ooxml.names import P, R, kind_of

if TYPE_CHECKING:
    from lxml import etree

SLIDE = f"{R}/slide"
SLIDE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
NOTES = f"{R}/notesSlide"
NOTES_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"
LAYOUT = f"{R}/slideLayout"
NOTES_MASTER = f"{R}/notesMaster"
APP_PART = "docProps/app.xml"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# Slide ids PowerPoint accepts: 256 <= id < 2**31.
FIRST_SLIDE_ID, LAST_SLIDE_ID = 256, 2**31 - 1
# The layouts an old slide falls back to, in order, when no layout of its name or type exists.
FALLBACK_TYPES = ("blank", "titleOnly", "title")


@dataclass(frozen=True)
class Layout:
    """A layout of a deck: its part, name (cSld/@name), type, and its master's name."""

    part: str
    name: str
    type: str
    master: str


def slide_parts(xml: Callable[[str], etree._Element], target: Callable[[str, str], str],
                main: str) -> list[str]:
    """Return the slide parts of the presentation `main`, in show order."""
    ids = xml(main).findall(f"{{{P}}}sldIdLst/{{{P}}}sldId")
    return [target(main, str(e.get(f"{{{R}}}id", ""))) for e in ids]


def describe_layout(xml: Callable[[str], etree._Element], part: str, master: str) -> Layout:
    """Return the layout in `part`, under the master `master`, described."""
    return Layout(part, cslds_name(xml(part)), str(xml(part).get("type", "obj")),
                  cslds_name(xml(master)) if master else "")


def cslds_name(root: etree._Element) -> str:
    """Return a slide, layout or master's name (its p:cSld/@name; '' without one)."""
    c_sld = root.find(f"{{{P}}}cSld")
    return str(c_sld.get("name", "")) if c_sld is not None else ""


def choose_layout(old: Layout, layouts: list[Layout]) -> tuple[Layout, bool]:
    """Return the new deck's layout for a slide on `old`, and whether it is a fallback: the
    layout of the same name under a master of the same name, else of the same name, else of
    the same type (not a custom one), else a blank, title-only or title layout, else the first."""
    for test in (_same_name_and_master, _same_name, _same_type):
        found = next((lay for lay in layouts if test(old, lay)), None)
        if found is not None:
            return found, False
    for kind in FALLBACK_TYPES:
        found = next((lay for lay in layouts if lay.type == kind), None)
        if found is not None:
            return found, True
    return layouts[0], True


def _same_name_and_master(old: Layout, layout: Layout) -> bool:
    """Return True when `layout` has the name of `old` under a master of the same name."""
    return layout.name == old.name and layout.master == old.master


def _same_name(old: Layout, layout: Layout) -> bool:
    """Return True when `layout` has the (non-empty) name of `old`."""
    return bool(old.name) and layout.name == old.name


def _same_type(old: Layout, layout: Layout) -> bool:
    """Return True when `layout` is of the type of `old`, which is not a custom one."""
    return old.type != "cust" and layout.type == old.type


def new_slide_id(presentation: etree._Element) -> int:
    """Return a slide id the presentation does not use (256 <= id < 2**31)."""
    used = {int(str(e.get("id"))) for e in presentation.iter(f"{{{P}}}sldId")
            if str(e.get("id", "")).isdigit()}
    highest = max(used, default=FIRST_SLIDE_ID - 1) + 1
    if highest <= LAST_SLIDE_ID:
        return max(highest, FIRST_SLIDE_ID)
    return next(n for n in range(FIRST_SLIDE_ID, LAST_SLIDE_ID) if n not in used)


def slide_list(presentation: etree._Element) -> etree._Element:
    """Return the presentation's p:sldIdLst, made (in its place) when it has none."""
    from lxml import etree

    found = presentation.find(f"{{{P}}}sldIdLst")
    if found is not None:
        return found
    made = etree.Element(f"{{{P}}}sldIdLst")
    before = [presentation.find(f"{{{P}}}{name}")
              for name in ("sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst")]
    last = [e for e in before if e is not None]
    presentation.insert(presentation.index(last[-1]) + 1 if last else 0, made)
    return made


def enter_slide(presentation: etree._Element, rel_id: str, anchor: etree._Element | None) -> etree._Element:
    """Add a p:sldId for relationship `rel_id` right after `anchor` (first when None); return it."""
    from lxml import etree

    entry = etree.Element(f"{{{P}}}sldId", id=str(new_slide_id(presentation)))
    entry.set(f"{{{R}}}id", rel_id)
    if anchor is None:
        slide_list(presentation).insert(0, entry)
    else:
        anchor.addnext(entry)
    return entry


def count_slide(app: etree._Element, before: int) -> None:
    """Add one to docProps/app.xml's slide count when it was true (`before`); else leave it."""
    slides = app.find(f"{{{EXTENDED}}}Slides")
    if slides is not None and slides.text == str(before):
        slides.text = str(before + 1)


def is_comments(relationship_type: str) -> bool:
    """Return True for a relationship to a slide's comments (legacy or modern)."""
    return kind_of(relationship_type) == "comments"
