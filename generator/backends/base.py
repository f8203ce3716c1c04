"""What a backend is: a name, a file suffix, and a method that renders a story with a theme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, ClassVar, Protocol, runtime_checkable

if TYPE_CHECKING:  # checking a format's name must not import the brief model (pydantic)
    from generator.story import Loc, Story
    from generator.theme.model import Theme


@dataclass(frozen=True)
class Notice:
    """Something a reader should know about a render, placed at a field of the brief
    (`loc` as in the story, e.g. ('speakers', 2, 'points', 0); empty for the whole brief)."""

    loc: Loc
    message: str


class RenderError(Exception):
    """The story cannot be rendered in this format; each notice says where and why."""

    def __init__(self, notices: list[Notice]) -> None:
        self.notices = notices
        super().__init__("; ".join(n.message for n in notices))


@runtime_checkable
class Backend(Protocol):
    """An output format. `render` writes the document to `out` and returns its notices."""

    name: ClassVar[str]
    suffix: ClassVar[str]
    description: ClassVar[str]

    def render(self, story: Story, theme: Theme, out: BinaryIO) -> list[Notice]:
        """Write the document for `story` drawn with `theme` to `out`; return warnings."""
        ...
