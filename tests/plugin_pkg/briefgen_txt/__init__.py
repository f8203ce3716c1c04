"""A third-party briefgen backend: the story as a plain-text outline.

It needs one import from briefgen, and `mypy --strict` checks it against briefgen's types.
"""

from __future__ import annotations

from typing import BinaryIO, ClassVar

from generator.backends import Notice, RenderError, Story, Theme, build_time


class TextBackend:
    """Writes the event title, then each section's title over its speaker notes."""

    name: ClassVar[str] = "txt"
    suffix: ClassVar[str] = ".txt"
    description: ClassVar[str] = "Plain-text outline of the story"

    def render(self, story: Story, theme: Theme, out: BinaryIO) -> list[Notice]:
        """Write the outline to `out`; warn when the story has no speakers."""
        if not story.sections:
            raise RenderError([Notice((), "an outline needs at least one section")])
        lines = [story.meta.title, f"(outline of {build_time():%Y-%m-%d}, {theme.name} theme)"]
        for section in story.sections:
            lines += ["", section.title]
            lines += [f"  {line}" for line in section.notes.splitlines()]
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
        if any(section.kind == "speaker" for section in story.sections):
            return []
        return [Notice(("speakers",), "the outline lists no speakers")]
