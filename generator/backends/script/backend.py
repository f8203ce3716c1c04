"""The presenter's script: the deck's slides in order, each with its number, title and notes."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from generator.backends.base import Notice, RenderError
from generator.story import Story
from generator.theme.model import Theme

if TYPE_CHECKING:
    from generator.backends.script.layout import Slide


class ScriptBackend:
    """Render the speaker notes of every slide as a PDF the presenter reads from."""

    name: ClassVar[str] = "script"
    suffix: ClassVar[str] = "-script.pdf"  # OUT/<brief stem>-script.pdf, beside the handout
    description: ClassVar[str] = "presenter's script (PDF): each slide's number, title and notes"

    def render(self, story: Story, theme: Theme, out: BinaryIO) -> list[Notice]:
        """Write the script for `story` to `out`; return notices about characters left out."""
        # The deck's own plan, so continued slides and template layouts number the same.
        from generator.backends.deck.backend import DeckBackend
        from generator.backends.script.layout import Slide, draw
        from generator.typeset import embedding

        slides = [Slide(p.number, p.title, p.notes) for p in DeckBackend().plan(story, theme)]
        refuse_unshaped(slides)
        slides, notices = drawable(slides, theme, story.meta.cjk_region)
        buffer = io.BytesIO()
        draw(buffer, slides, story, theme)
        out.write(buffer.getvalue())
        texts = [((), slide.title + "\n" + slide.notes) for slide in slides]
        travel = embedding.unembedded(texts, (theme.body, theme.heading), story.meta.cjk_region)
        return notices + [Notice(loc, message) for loc, message in travel]


def refuse_unshaped(slides: list[Slide]) -> None:
    """Raise an error naming each slide whose text is in a script the PDF would draw wrongly."""
    from generator.typeset import fonts, scripts

    problems = []
    for slide in slides:
        chars = scripts.unshaped(slide.title + "\n" + slide.notes)
        if chars:
            names = ", ".join(fonts.describe(c) for c in chars[:3])
            problems.append(Notice((), f"slide {slide.number}: the script cannot shape this "
                                       f"script ({names}); its letters would be drawn wrongly"))
    if problems:
        raise RenderError(problems)


def drawable(slides: list[Slide], theme: Theme, region: str) -> tuple[list[Slide], list[Notice]]:
    """Return the slides without characters no font can draw, and a notice for each slide."""
    from generator.backends.script.layout import Slide
    from generator.typeset import fonts
    from generator.typeset.paragraphs import undrawable

    notices: list[Notice] = []
    out: list[Slide] = []
    for slide in slides:
        text = slide.title + "\n" + slide.notes
        chars = undrawable(text, (theme.body, theme.heading), region)
        if not chars:
            out.append(slide)
            continue
        names = ", ".join(fonts.describe(c) for c in chars)
        notices.append(Notice((), f"slide {slide.number}: no font on this machine draws "
                                  f"{names}; the script leaves it out"))
        drop = set(chars)
        out.append(Slide(slide.number, "".join(c for c in slide.title if c not in drop),
                         "".join(c for c in slide.notes if c not in drop)))
    return out, notices
