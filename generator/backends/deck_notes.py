"""Speaker notes: one notes page per slide, the first made by python-pptx, the rest copied from it.

python-pptx builds every notes page from the notes master, cloning its placeholders and
scanning the whole package for a free part name; that cost a deck about 1.3 ms a slide, more as
the deck grows. Every notes page of a deck starts out the same, so after the first one each new
page is a copy of its empty XML, related to the notes master and its slide as python-pptx would.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart


class Notes:
    """Adds a notes page to slides of one deck."""

    def __init__(self) -> None:
        self._blank = None  # the first notes page's XML before its text: the pattern for the rest
        self._pages = 0

    def add(self, slide, text: str) -> None:
        """Give `slide` a notes page holding `text`."""
        if self._blank is None:
            notes = slide.notes_slide  # python-pptx makes the notes master and the first page
            self._blank = copy.deepcopy(notes._element)
        else:
            notes = self._copy_for(slide)
        self._pages += 1
        notes.notes_text_frame.text = text

    def _copy_for(self, slide):
        """Return a new notes page for `slide`, copied from the first one's empty XML."""
        package = slide.part.package
        name = PackURI(f"/ppt/notesSlides/notesSlide{self._pages + 1}.xml")
        part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package, copy.deepcopy(self._blank))
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide
