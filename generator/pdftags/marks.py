"""Marked content while drawing: each piece of a page tagged with its structure element.

A backend describes the structure with `Tag`s when it builds its flowables (a tag names its
role and its parent), and wraps what it draws in `content(canv, tag)` or `artifact(canv)`.
The canvas's `Tagger` turns the tags that are drawn into structure nodes, in drawing order,
and numbers the marked content of each page. A canvas without a tagger (a trial layout's)
draws exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

TAGGER = "briefgen_tagger"  # the canvas attribute that holds the document's Tagger


@dataclass(eq=False)  # a tag is one element: compared, and looked up, by identity
class Tag:
    """A structure element as the drawing code describes it: role, parent and attributes."""

    role: str
    parent: Tag | None = None
    alt: str = ""
    lang: str = ""
    attributes: tuple[tuple[str, str], ...] = ()  # its /A dictionary, e.g. (("O", "Table"),)


@dataclass(frozen=True)
class Content:
    """A marked-content sequence of a page, by its MCID."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """A link annotation of a page, by its place in the page's /Annots."""

    page: int
    index: int


@dataclass(eq=False)
class Node:
    """A structure element of the finished tree: its tag's role and its kids in order."""

    tag: Tag
    kids: list[Node | Content | Annotation] = field(default_factory=list)


class Tagger:
    """The structure of one document, recorded while it is drawn."""

    def __init__(self) -> None:
        self.root = Node(Tag("Document"))
        self.nodes: dict[Tag, Node] = {}
        self.mcids: dict[int, int] = {}  # page number -> next MCID
        self.annotations: dict[int, int] = {}  # page number -> link annotations so far
        self.open: Node | None = None  # the node whose content is being drawn
        self.depth = 0  # marked-content sequences open: nested ones are not marked again

    def node(self, tag: Tag) -> Node:
        """Return the node of `tag`, made (under its parent's) the first time it is drawn."""
        found = self.nodes.get(tag)
        if found is None:
            parent = self.node(tag.parent) if tag.parent is not None else self.root
            found = self.nodes[tag] = Node(tag)
            parent.kids.append(found)
        return found

    def begin(self, page: int, tag: Tag) -> int:
        """Return the next MCID of `page`, recorded as content of `tag`'s node."""
        node = self.node(tag)
        mcid = self.mcids.get(page, 0)
        self.mcids[page] = mcid + 1
        node.kids.append(Content(page, mcid))
        self.open = node
        return mcid

    def link(self, page: int, alt: str) -> None:
        """Record the page's next link annotation as a Link element in the open node."""
        index = self.annotations.get(page, 0)
        self.annotations[page] = index + 1
        parent = self.open or self.root
        parent.kids.append(Node(Tag("Link", alt=alt), [Annotation(page, index)]))


def tagger_of(canv: Any) -> Tagger | None:
    """Return the tagger drawing on `canv`, or None for an untagged (trial) canvas."""
    tagger: Tagger | None = getattr(canv, TAGGER, None)
    return tagger


@contextmanager
def content(canv: Any, tag: Tag | None, actual: str = "") -> Iterator[None]:
    """Mark what is drawn inside as content of `tag`'s element (a P where none is given);
    `actual` is the text it stands for where the glyphs drawn read otherwise."""
    tagger = tagger_of(canv)
    if tagger is None or tagger.depth:
        yield
        return
    tag = tag or Tag("P")
    mcid = tagger.begin(canv.getPageNumber(), tag)
    props = f"/MCID {mcid}" + (f" /ActualText {pdf_text(actual)}" if actual else "")
    canv.addLiteral(f"/{tag.role} <<{props}>> BDC")
    tagger.depth += 1
    try:
        yield
    finally:
        tagger.depth -= 1
        tagger.open = None
        canv.addLiteral("EMC")


@contextmanager
def artifact(canv: Any, kind: str = "Layout", subtype: str = "") -> Iterator[None]:
    """Mark what is drawn inside as an artifact (page furniture no reader should read):
    `kind` 'Layout', 'Pagination' or 'Background', `subtype` 'Header' or 'Footer'."""
    opened = begin_artifact(canv, kind, subtype)
    try:
        yield
    finally:
        if opened:
            end_artifact(canv)


def begin_artifact(canv: Any, kind: str = "Layout", subtype: str = "") -> bool:
    """Open an artifact sequence (see `artifact`) for drawing code that only calls back at its
    start and end; return whether one was opened, which `end_artifact` must then close."""
    tagger = tagger_of(canv)
    if tagger is None or tagger.depth:
        return False
    extra = f" /Subtype /{subtype}" if subtype else ""
    canv.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")
    tagger.depth += 1
    return True


def end_artifact(canv: Any) -> None:
    """Close the artifact sequence `begin_artifact` opened."""
    tagger = tagger_of(canv)
    if tagger is not None:
        tagger.depth -= 1
        canv.addLiteral("EMC")


def linked(canv: Any, alt: str) -> None:
    """Record a link annotation just added to the page as a Link in the element being drawn."""
    tagger = tagger_of(canv)
    if tagger is not None:
        tagger.link(canv.getPageNumber(), alt)


def pdf_text(text: str) -> str:
    """Return `text` as a PDF string in a content stream: UTF-16BE with its mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"
