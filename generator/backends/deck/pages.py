"""New slides and notes pages, copied from blank ones python-pptx made once in this process.

python-pptx builds every slide from its layout and every notes page from the notes master,
cloning placeholders and searching the XML for free shape ids and names; that was a fifth of a
deck's rendering time. A new slide on a given layout, and a new notes page, always start out
the same, so after python-pptx has made one of each, later ones are copies of its blank XML,
related to their layout, notes master and slide exactly as python-pptx relates them (decks are
the same bytes either way; the tests compare them).
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.text.text import TextFrame

# Blank slide XML by layout index, and the blank notes page with the path to its text body.
_BLANK_SLIDES: dict[int, object] = {}
_BLANK_NOTES: list[tuple[object, tuple[int, ...]]] = []


def add_slide(prs, layout_index: int):
    """Return a new slide on the deck's layout number `layout_index`."""
    layout = prs.slide_layouts[layout_index]
    blank = _BLANK_SLIDES.get(layout_index)
    if blank is None:
        slide = prs.slides.add_slide(layout)
        _BLANK_SLIDES[layout_index] = copy.deepcopy(slide._element)
        return slide
    presentation = prs.part
    id_list = presentation._element.get_or_add_sldIdLst()
    name = PackURI(f"/ppt/slides/slide{len(id_list) + 1}.xml")
    part = SlidePart(name, CT.PML_SLIDE, presentation.package, copy.deepcopy(blank))
    part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    id_list.add_sldId(presentation.relate_to(part, RT.SLIDE))
    return part.slide


def add_notes(slide, text: str, number: int) -> None:
    """Give `slide` notes page number `number` (counted from 1 in this deck) holding `text`."""
    if not _BLANK_NOTES:
        notes = slide.notes_slide  # python-pptx makes the notes master and this page
        body = notes.notes_placeholder.text_frame._txBody
        _BLANK_NOTES.append((copy.deepcopy(notes._element), _path_to(body)))
        TextFrame(body, None).text = text
        return
    blank, path = _BLANK_NOTES[0]
    package = slide.part.package
    name = PackURI(f"/ppt/notesSlides/notesSlide{number}.xml")
    element = copy.deepcopy(blank)
    part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package, element)
    part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    TextFrame(_follow(element, path), None).text = text


def _path_to(node) -> tuple[int, ...]:
    """Return the child positions that lead from the document root down to `node`."""
    path = []
    while node.getparent() is not None:
        parent = node.getparent()
        path.append(parent.index(node))
        node = parent
    return tuple(reversed(path))


def _follow(root, path: tuple[int, ...]):
    for index in path:
        root = root[index]
    return root
