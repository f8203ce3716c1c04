"""New slides and notes pages, copied from blank ones python-pptx made once in this process.

python-pptx builds every slide from its layout and every notes page from the notes master,
cloning placeholders and searching the XML for free shape ids and names; that was a fifth of a
deck's rendering time. A new slide on a given layout, and a new notes page, always start out
the same, so after python-pptx has made one of each, later ones are copies of its blank XML,
related to their layout, notes master and slide exactly as python-pptx relates them (decks are
the same bytes either way; tests/test_deck_pages.py compares them).

The copies use python-pptx's part classes and a few of its oxml methods, which a release may
move or rename. `COPYING` says whether they are all there; when one is missing, every slide
and notes page is made with python-pptx's public API instead, which is slower but the same.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, cast

try:
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    from pptx.oxml.presentation import CT_Presentation, CT_SlideIdList
    from pptx.oxml.shapes.autoshape import CT_Shape
    from pptx.package import Package
    from pptx.parts.presentation import PresentationPart
    from pptx.parts.slide import NotesSlidePart, SlidePart
    from pptx.text.text import TextFrame
except ImportError:  # a release moved one of them: see COPYING
    _IMPORTED = False
else:
    _IMPORTED = True

if TYPE_CHECKING:
    from pptx.oxml.slide import CT_NotesSlide, CT_Slide
    from pptx.oxml.text import CT_TextBody
    from pptx.oxml.xmlchemy import BaseOxmlElement
    from pptx.presentation import Presentation
    from pptx.slide import NotesSlide, Slide


def _internals_present() -> bool:
    """Return True when python-pptx has every internal the copies use.

    They are checked before any deck is begun, so that none is left half-built by a copy that
    fails part-way.
    """
    if not _IMPORTED:
        return False
    needed = {
        CT: ("PML_SLIDE", "PML_NOTES_SLIDE"),
        RT: ("SLIDE", "SLIDE_LAYOUT", "NOTES_MASTER", "NOTES_SLIDE"),
        Part: ("package", "relate_to"),
        Package: ("presentation_part",),
        PresentationPart: ("notes_master_part",),
        SlidePart: ("slide",),
        CT_Presentation: ("get_or_add_sldIdLst",),
        CT_SlideIdList: ("add_sldId",),
        CT_Shape: ("get_or_add_txBody",),
        TextFrame: ("text",),
    }
    return all(hasattr(owner, name) for owner, names in needed.items() for name in names)


# The switch: True copies blank slides and notes pages, False makes every one with python-pptx's
# public API. Decided once, at import.
COPYING = _internals_present()

# Blank slide XML by layout index, and the blank notes page with the path to its text body.
_BLANK_SLIDES: dict[int, CT_Slide] = {}
_BLANK_NOTES: list[tuple[CT_NotesSlide, tuple[int, ...]]] = []


def add_slide(prs: Presentation, layout_index: int) -> Slide:
    """Return a new slide on the deck's layout number `layout_index`."""
    layout = prs.slide_layouts[layout_index]
    if not COPYING:
        slide: Slide = prs.slides.add_slide(layout)
        return slide
    blank = _BLANK_SLIDES.get(layout_index)
    if blank is None:  # the first on this layout: python-pptx makes it, and its XML is kept
        slide = prs.slides.add_slide(layout)
        _BLANK_SLIDES[layout_index] = copy.deepcopy(slide.element)
        return slide
    presentation = prs.part
    id_list = prs.element.get_or_add_sldIdLst()
    # Named, related and listed as python-pptx's Slides.add_slide does it.
    name = PackURI(f"/ppt/slides/slide{len(id_list) + 1}.xml")
    part = SlidePart(name, CT.PML_SLIDE, presentation.package, copy.deepcopy(blank))
    part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    id_list.add_sldId(presentation.relate_to(part, RT.SLIDE))
    slide = part.slide
    return slide


def add_notes(slide: Slide, text: str, number: int) -> None:
    """Give `slide` notes page number `number` (counted from 1 in this deck) holding `text`."""
    if not COPYING:
        _notes_text(slide.notes_slide, text)
        return
    if not _BLANK_NOTES:  # the first: python-pptx makes the notes master and this page
        notes = slide.notes_slide
        placeholder = notes.notes_placeholder
        assert placeholder is not None, "python-pptx's notes master has a notes placeholder"
        body = placeholder.element.get_or_add_txBody()
        _BLANK_NOTES.append((copy.deepcopy(notes.element), _path_to(body)))
        _notes_text(notes, text)
        return
    blank, path = _BLANK_NOTES[0]
    package = slide.part.package
    # Named and related as python-pptx's NotesSlidePart.new does it: its next free name is the
    # number of notes pages so far, plus one.
    name = PackURI(f"/ppt/notesSlides/notesSlide{number}.xml")
    element = copy.deepcopy(blank)
    part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package, element)
    part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    TextFrame(_follow(element, path), part).text = text


def _notes_text(notes: NotesSlide, text: str) -> None:
    """Write `text` into a notes page's notes placeholder, with python-pptx's public API."""
    frame = notes.notes_text_frame
    assert frame is not None, "python-pptx's notes master has a notes placeholder"
    frame.text = text


def _path_to(node: BaseOxmlElement) -> tuple[int, ...]:
    """Return the child positions that lead from the document root down to `node`."""
    path = []
    while node.getparent() is not None:
        parent = node.getparent()
        path.append(parent.index(node))
        node = parent
    return tuple(reversed(path))


def _follow(root: BaseOxmlElement, path: tuple[int, ...]) -> CT_TextBody:
    """Return the text body found by following `path` (from `_path_to`) down from `root`."""
    node = root
    for index in path:
        node = node[index]
    return cast("CT_TextBody", node)
