"""The presenter's script: the deck's slides in order, each with its number, title and notes."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from generator.backends.base import Notice, RenderError
from generator.story import Story
from generator.theme.model import Theme

if TYPE_CHECKING:
    from generator.backends.script.layout import Slide
    from generator.story import Loc

# The labels whose words the script draws (its title, each slide's heading, a slide without notes).
DRAWN_LABELS = ("script-title", "script-slide", "script-no-notes")


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
        slides, printed = typeable_addresses(slides, theme, story.meta.cjk_region)
        labels = label_texts(story)
        refuse_unshaped(slides, labels)
        slides, notices = drawable(slides, theme, story.meta.cjk_region)
        story, label_notices = drawable_labels(story, labels, theme)
        from generator.typeset.paragraphs import marks_left_out

        marked = [(f"slide {s.number}", s.title + "\n" + s.notes) for s in slides]
        notices += [Notice((), f"{where}: {line}") for where, line in
                    marks_left_out(marked, "the script")]
        notices += printed + label_notices
        buffer = io.BytesIO()
        draw(buffer, slides, story, theme)
        out.write(buffer.getvalue())
        texts = [((), slide.title + "\n" + slide.notes) for slide in slides]
        travel = embedding.unembedded(texts, (theme.body, theme.heading), story.meta.cjk_region)
        return notices + [Notice(loc, message) for loc, message in travel]


# An address in the notes, as the story writes it: 'title (byline) <https://...>'.
_ADDRESS = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]+)>")


def typeable_addresses(slides: list[Slide], theme: Theme, region: str
                       ) -> tuple[list[Slide], list[Notice]]:
    """Return the slides with each address in their notes that the script cannot draw or shape
    written in its ASCII form ('xn--' host, the rest percent-encoded), which opens the same page
    and can be typed, and a notice for each; left as written, its letters would be dropped."""
    from generator.backends.script.layout import Slide
    from generator.text import ascii_address
    from generator.typeset.paragraphs import unprintable

    notices: list[Notice] = []

    def typeable(match: re.Match[str]) -> str:
        """Return the address of `match` as the script prints it."""
        url, number = match.group(1), slide.number
        why = unprintable(url, (theme.body, theme.heading), region, "the script")
        if not why:
            return match.group(0)
        typed = ascii_address(url)
        notices.append(Notice((), f"slide {number}: {why}; the script prints the address as "
                                  f"'{typed}', the form of it that can be typed and opens the same page"))
        return f"<{typed}>"

    out = []
    for slide in slides:
        out.append(Slide(slide.number, slide.title, _ADDRESS.sub(typeable, slide.notes)))
    return out, notices


def label_texts(story: Story) -> list[tuple[Loc, str]]:
    """Return the words of each label the script draws, at `('labels', key)`, without the
    brief's texts they hold (those are checked as slides)."""
    return [(("labels", key), story.labels.own_words(key)) for key in DRAWN_LABELS
            if story.labels.own_words(key).strip()]


def refuse_unshaped(slides: list[Slide], labels: list[tuple[Loc, str]]) -> None:
    """Raise an error naming each slide and label whose text is in a script the PDF would draw
    wrongly."""
    from generator.typeset import fonts, scripts

    texts: list[tuple[Loc, str, str]] = [
        ((), f"slide {s.number}: ", s.title + "\n" + s.notes) for s in slides]
    texts += [(loc, "", text) for loc, text in labels]  # the place names the label
    problems = []
    for loc, what, text in texts:
        chars = scripts.unshaped(text)
        if chars:
            names = ", ".join(fonts.describe(c) for c in chars[:3])
            problems.append(Notice(loc, f"{what}the script cannot shape this script ({names}); "
                                        "its letters would be drawn wrongly"))
    if problems:
        raise RenderError(problems)


def drawable_labels(story: Story, labels: list[tuple[Loc, str]], theme: Theme
                    ) -> tuple[Story, list[Notice]]:
    """Return the story with the characters no font draws taken out of its labels (the script
    leaves them out, as the handout does), and a notice for each label that had some."""
    import dataclasses

    from generator.typeset.paragraphs import described, undrawable_places

    places = undrawable_places(labels, (theme.body, theme.heading), story.meta.cjk_region)
    notices = [Notice(loc, f"no font on this machine draws {described(chars)}; the script "
                           "leaves it out") for loc, chars in places]
    missing = {c for _, chars in places for c in chars}
    if not missing:
        return story, notices

    def clean(text: str) -> str:
        """Return `text` without the characters no font draws."""
        return "".join(c for c in text if c not in missing)

    words = story.labels
    cleaned = dataclasses.replace(
        words, entries=tuple((key, clean(text)) for key, text in words.entries),
        plurals=tuple((key, tuple(clean(form) for form in forms)) for key, forms in words.plurals))
    return dataclasses.replace(story, labels=cleaned), notices


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
