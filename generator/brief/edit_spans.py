"""Where each value of a brief stands in its text: its YAML node by brief path, and its extent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.strict_yaml import Loc, compose
from generator.text import clean_text


@dataclass(frozen=True)
class Spot:
    """A value's node, the collection holding it, its key there (in a mapping) and its context."""

    node: Node
    parent: Node | None
    key: ScalarNode | None
    flow: bool  # written inside a flow collection, [...] or {...}


def index_nodes(text: str, path: Path) -> dict[Loc, Spot]:
    """Return every value of the YAML `text` by its path, as the strict loader names them."""
    root = compose(text, path)
    spots: dict[Loc, Spot] = {}
    if root is not None:
        _walk(root, (), Spot(root, None, None, False), spots)
    return spots


def _walk(node: Node, loc: Loc, spot: Spot, spots: dict[Loc, Spot]) -> None:
    """Record `spot` at `loc` and every value below it."""
    spots[loc] = spot
    flow = spot.flow or bool(getattr(node, "flow_style", False))
    if isinstance(node, MappingNode):
        for key, value in node.value:
            # Keys are read as the loader reads them (NFC, tabs as spaces), so paths match.
            _walk(value, loc + (clean_text(key.value),), Spot(value, node, key, flow), spots)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, loc + (i,), Spot(item, node, None, flow), spots)


def children(node: Node) -> list[tuple[ScalarNode | None, Node]]:
    """Return a collection's entries as (key or None, value) pairs."""
    if isinstance(node, MappingNode):
        return [(key, value) for key, value in node.value]
    if isinstance(node, SequenceNode):
        return [(None, item) for item in node.value]
    return []


def is_block_scalar(node: Node) -> bool:
    """Return whether `node` is a literal (|) or folded (>) block scalar."""
    return isinstance(node, ScalarNode) and node.style in ("|", ">")


def content_end(text: str, node: Node) -> int:
    """Return where `node`'s own text ends: its last character, or the end of a block's last line.

    PyYAML ends block collections and block scalars at the next token, past the blank lines and
    comments that follow them; those belong to no value.
    """
    if isinstance(node, ScalarNode):
        if not is_block_scalar(node):
            return int(node.end_mark.index)
        start, end = node.start_mark.index, node.end_mark.index
        last = len(text[start:end].rstrip(" \t\r\n"))
        return line_end(text, start + last)
    if getattr(node, "flow_style", False):
        return int(node.end_mark.index)
    entries = children(node)
    return content_end(text, entries[-1][1]) if entries else int(node.end_mark.index)


def entry_starts(text: str, collection: Node) -> list[int]:
    """Return where each entry of `collection` starts: its key, its '-' or the flow item."""
    starts: list[int] = []
    flow = bool(getattr(collection, "flow_style", False))
    previous = int(collection.start_mark.index)
    for key, value in children(collection):
        if key is not None:
            starts.append(int(key.start_mark.index))
        elif flow:
            starts.append(int(value.start_mark.index))
        else:
            starts.append(_dash_between(text, previous, int(value.start_mark.index)))
        previous = content_end(text, value)
    return starts


def _dash_between(text: str, start: int, end: int) -> int:
    """Return the '-' that opens a block sequence's item, the first one between comments."""
    i = start
    while i < end:
        if text[i] == "#":
            i = line_end(text, i)
        elif text[i] == "-":
            return i
        i += 1
    return end  # unreachable for a parsed sequence; the item itself then


def line_start(text: str, pos: int) -> int:
    """Return where the line holding `pos` starts."""
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Return where the line holding `pos` ends, before its line break ('\\n' or '\\r\\n')."""
    end = text.find("\n", pos)
    if end < 0:
        return len(text)
    return end - 1 if end > pos and text[end - 1] == "\r" else end


def next_line(text: str, pos: int) -> int:
    """Return where the line after the one holding `pos` starts (the end of the text if none)."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end + 1


def newline_of(text: str, pos: int) -> str:
    """Return the line break the line holding `pos` ends with, or the text's usual one."""
    end = text.find("\n", pos)
    if end < 0:
        return "\r\n" if "\r\n" in text else "\n"
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def column(text: str, pos: int) -> int:
    """Return the 0-based column of `pos` on its line."""
    return pos - line_start(text, pos)
