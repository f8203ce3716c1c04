"""How a new text is written over a scalar of a brief: in its own style when the text allows it.

Every way of writing is tried on the value's own line (or, inside a flow collection, alone in
one) and kept only when the strict loader reads exactly the new text back from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from generator.brief.edit_spans import (
    children,
    column,
    content_end,
    is_block_scalar,
    line_end,
    line_start,
    newline_of,
)
from generator.errors import InputError
from generator.strict_yaml import compose

_STR = "tag:yaml.org,2002:str"
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_FLOW_INDICATORS = ",[]{}"
_HEADER = re.compile(r"[|>][0-9+-]*")
_MIN_WIDTH = 80  # lines rewrapped no narrower than this, or than the value's widest line


@dataclass(frozen=True)
class Site:
    """A scalar to write over: its text, node, context and the column of its key or '-'."""

    text: str
    node: ScalarNode
    flow: bool
    anchor_col: int


@dataclass(frozen=True)
class _Shape:
    """The extent of the old scalar: what is replaced, and the rest of its (header) line."""

    start: int
    end: int  # inline writing replaces [start, end)
    line_end: int  # block writing replaces [start, line_end)
    tail: str  # text after the value on its line (a comment), kept by block writing
    lead: str  # a space to put after 'key:' when the old value was empty
    newline: str


def replacement(site: Site, value: str, *, safe: bool = False) -> tuple[int, int, str] | None:
    """Return (start, end, text) writing `value` over the scalar at `site`, or None if no way reads back.

    With `safe`, only a double-quoted scalar on one line is tried.
    """
    shape = _shape(site)
    for written in _candidates(site, shape, value, safe):
        if _reads_back(site, shape, written, value):
            return written
    return None


def _shape(site: Site) -> _Shape:
    """Return the old scalar's extent in the text."""
    text, node = site.text, site.node
    start = int(node.start_mark.index)
    newline = newline_of(text, start)
    if is_block_scalar(node):
        header = _HEADER.match(text, start)
        header_end = header.end() if header else start + 1
        first_line_end = line_end(text, start)
        end = content_end(text, node)
        return _Shape(start, end, end, text[header_end:first_line_end], "", newline)
    end = int(node.end_mark.index)
    empty = end == start and text[start - 1 : start] not in (" ", "\t")
    return _Shape(start, end, line_end(text, end), text[end : line_end(text, end)],
                  " " if empty else "", newline)


def _candidates(site: Site, shape: _Shape, value: str, safe: bool) -> Iterator[tuple[int, int, str]]:
    """Yield the ways of writing `value` over the old scalar, the preferred first."""
    if safe:
        yield _inline(site, shape, _double(value))
        return
    for kind in _kinds(site, value):
        if kind in ("literal", "folded"):
            block = _block(site, shape, value, kind == "folded")
            if block is not None:
                yield block
            continue
        inline = _INLINE[kind](value, site.flow)
        if inline is None:
            continue
        wrapped = _wrapped(site, shape, inline)
        if wrapped is not None:
            yield wrapped
        yield _inline(site, shape, inline)


def _kinds(site: Site, value: str) -> list[str]:
    """Return the styles to try for `value`, keeping the old one first when it can hold it."""
    style = site.node.style
    if site.flow:
        return {None: ["plain", "quoted", "double"], "'": ["single", "double"]}.get(style, ["double"])
    if style == "|":
        return ["literal", "double"]
    if style == ">":
        return ["folded", "literal", "double"]
    if style == '"':
        return ["double"]
    if "\n" in value:
        return ["literal", "double"]
    return ["plain", "quoted", "double"] if style is None else ["single", "double"]


def _plain(value: str, flow: bool) -> str | None:
    """Return `value` as a plain scalar, or None when it would read as something else."""
    if not value or "\n" in value or value != value.strip(" "):
        return None
    first, second = value[0], value[1:2]
    if first in _INDICATORS and not (first in "-?:" and second not in ("", " ")):
        return None
    if ": " in value or " #" in value or value.endswith(":"):
        return None
    if flow and any(ch in _FLOW_INDICATORS for ch in value):
        return None
    return value


def _single(value: str, flow: bool = False) -> str | None:
    """Return `value` single-quoted, or None when it holds a line break."""
    return None if "\n" in value else "'" + value.replace("'", "''") + "'"


def _double(value: str, flow: bool = False) -> str:
    """Return `value` double-quoted, its backslashes, quotes and line breaks escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _quoted(value: str, flow: bool = False) -> str | None:
    """Return `value` in the quotes that need no escape: single, or double when it holds a '."""
    if "'" in value and '"' not in value and "\\" not in value and "\n" not in value:
        return _double(value)
    return _single(value)


_INLINE: dict[str, Callable[[str, bool], str | None]] = {
    "plain": _plain, "single": _single, "double": _double, "quoted": _quoted,
}


def _inline(site: Site, shape: _Shape, inline: str) -> tuple[int, int, str]:
    """Return the replacement writing `inline` where the old scalar was."""
    if is_block_scalar(site.node):  # the header's comment stays; the content lines go
        return shape.start, shape.end, inline + shape.tail
    return shape.start, shape.end, shape.lead + inline


def _wrapped(site: Site, shape: _Shape, inline: str) -> tuple[int, int, str] | None:
    """Return `inline` folded over lines as the old value was, or None if it was on one line."""
    text = site.text
    if site.flow or "\n" not in text[shape.start : shape.end]:
        return None
    second = line_start(text, text.index("\n", shape.start) + 1)
    indent = len(text[second:]) - len(text[second:].lstrip(" "))
    indent = indent if indent > site.anchor_col else site.anchor_col + 2
    width = _width(text, shape.start, shape.end)
    lines = _wrap(inline, width - column(text, shape.start), width - indent)
    if len(lines) < 2:
        return None
    joined = (shape.newline + " " * indent).join(lines)
    return shape.start, shape.end, shape.lead + joined


def _block(site: Site, shape: _Shape, value: str, folded: bool) -> tuple[int, int, str] | None:
    """Return `value` as a literal (|) or folded (>) block scalar, or None when it cannot be one."""
    if value.endswith("\n\n") or not value.strip("\n"):
        return None  # kept final blank lines would take in the blank lines after the value
    chomp = "" if value.endswith("\n") else "-"
    body = value[:-1] if chomp == "" else value
    indent = _block_indent(site)
    lines = body.split("\n")
    if folded:
        if any(line.startswith(" ") for line in lines):
            return None  # more-indented lines are not folded; a literal shows them as they are
        lines = _folded_lines(lines, _width(site.text, shape.start, shape.end) - indent)
    needs_indicator = body.lstrip("\n").startswith(" ")
    header = (">" if folded else "|") + (str(indent - site.anchor_col) if needs_indicator else "") + chomp
    content = shape.newline.join(" " * indent + line if line else "" for line in lines)
    end = shape.end if is_block_scalar(site.node) else shape.line_end
    written = shape.lead + header + shape.tail + shape.newline + content
    if chomp == "" and end == len(site.text):
        written += shape.newline  # a kept final line break needs a line break to keep
    return shape.start, end, written


def _block_indent(site: Site) -> int:
    """Return the indentation of a block scalar's lines: the old block's, else two past its key."""
    if is_block_scalar(site.node):
        start, end = int(site.node.start_mark.index), content_end(site.text, site.node)
        for line in site.text[start:end].split("\n")[1:]:
            if line.strip(" \r"):
                indent = len(line) - len(line.lstrip(" "))
                if 0 < indent - site.anchor_col <= 9:
                    return indent
                break
    return site.anchor_col + 2


def _folded_lines(paragraphs: list[str], room: int) -> list[str]:
    """Return the lines of a folded scalar: each paragraph wrapped, a blank line per line break."""
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i:
            lines.append("")
        if paragraph:
            lines.extend(_wrap(paragraph, room, room))
    return lines


def _wrap(line: str, first_room: int, room: int) -> list[str]:
    """Return `line` broken at single spaces between words into lines of at most `room`."""
    out: list[str] = []
    start, budget = 0, max(first_room, 20)
    while len(line) - start > budget:
        cut = _break_at(line, start, start + budget)
        if cut is None:
            break
        out.append(line[start:cut])
        start, budget = cut + 1, max(room, 20)
    out.append(line[start:])
    return out


def _break_at(line: str, start: int, limit: int) -> int | None:
    """Return the last single space between two words before `limit`, else the first after it."""
    def breaks(p: int) -> bool:
        return line[p] == " " and line[p - 1] != " " and p + 1 < len(line) and line[p + 1] != " "
    before = [p for p in range(min(limit, len(line) - 1), start, -1) if breaks(p)]
    if before:
        return before[0]
    return next((p for p in range(limit + 1, len(line) - 1) if breaks(p)), None)


def _width(text: str, start: int, end: int) -> int:
    """Return the width to wrap at: the widest line the old value took, at least _MIN_WIDTH."""
    lines = text[line_start(text, start) : end].split("\n")
    return max([_MIN_WIDTH] + [len(line.rstrip("\r")) for line in lines])


def _reads_back(site: Site, shape: _Shape, written: tuple[int, int, str], value: str) -> bool:
    """Return whether the loader reads exactly `value` from `written` in the value's context."""
    start, end, new = written
    text = site.text
    if site.flow:
        snippet = "[" + new.strip(" ") + "]"
    else:
        snippet = text[line_start(text, start) : start] + new + text[end : line_end(text, end)] + "\n"
    try:
        node = compose(snippet, Path("<edit>"))
    except InputError:
        return False
    last = _last_scalar(node)
    return last is not None and last.tag == _STR and last.value == value


def _last_scalar(node: Node | None) -> ScalarNode | None:
    """Return the last scalar of a node tree: the value a one-line snippet ends with."""
    while node is not None and not isinstance(node, ScalarNode):
        entries = children(node)
        node = entries[-1][1] if entries else None
    return node
