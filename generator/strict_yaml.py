"""Read YAML strictly: plain data only, every value's place remembered, traps refused with a place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import InputError, Problem, display_path
from generator.files import MAX_BYTES, read_text
from generator.text import (
    TextProblem,
    clean_text,
    describe_char,
    first_bad_char,
    first_invisible_in_key,
    is_invisible,
)
from generator.yaml_errors import line_col, problem_at, syntax_error

if TYPE_CHECKING:
    # libyaml's marks, which the stubs let events carry; the module exists only with libyaml
    from yaml._yaml import Mark as CMark

MAX_DEPTH = 12
_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}

# A path into the data: mapping keys and list indexes, as in ('speakers', 2, 'name').
Loc: TypeAlias = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Where a value stood in its file, and the text it was written as."""

    line: int
    col: int
    text: str = ""
    tag: str = "str"


class SourceMap:
    """Maps a path into the data, like ('speakers', 2, 'name'), to where it was written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.values: dict[Loc, Located] = {}
        self.keys: dict[Loc, Located] = {}

    def find(self, loc: Loc) -> Located:
        """Return the place of `loc`, or of its nearest written parent."""
        loc = tuple(loc)
        while loc:
            if loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Located(1, 1))

    def value(self, loc: Loc) -> Located | None:
        """Return the place of the value at `loc` exactly, if it was written."""
        return self.values.get(tuple(loc))

    def problem(self, loc: Loc, message: str, severity: str = "error") -> Problem:
        """Return a Problem placed at `loc` in this file."""
        where = self.find(loc)
        return Problem(display_path(self.path), where.line, where.col, message, severity)


class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors, aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Return the next node, refusing an alias, an anchor or one level too many."""
        # `index` is a list index, a key node or None, though types-PyYAML says int. Its
        # peek_event is unannotated, which only strict mypy (disallow_untyped_calls) minds.
        event = self.peek_event()  # type: ignore[no-untyped-call, unused-ignore]
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "aliases (*name) are not allowed; write the value out")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, "anchors (&name) are not allowed; write the value out")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Refused(Exception):
    """A construct strict YAML refuses, and where it starts."""

    def __init__(self, mark: Mark | CMark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def load(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Any, SourceMap]:
    """Return the plain data in the YAML file at `path` and where each value was written."""
    return parse(read_text(path, max_bytes), path)


def parse(text: str, path: Path) -> tuple[Any, SourceMap]:
    """Return the plain data in YAML `text` (named `path` in messages) and its source map."""
    shown = display_path(path)
    node = compose(text, path)
    if node is None:
        raise InputError([Problem(shown, 1, 1, "the file is empty; a brief starts with 'event:'")])
    smap = SourceMap(path)
    problems: list[Problem] = []
    data = _convert(node, (), smap, problems, shown)
    if problems:
        raise InputError(problems)
    return data, smap


def compose(text: str, path: Path) -> Node | None:
    """Return the YAML node tree of `text` (None when empty), as strictly as `parse` reads it.

    The nodes keep their style and their start and end marks, whose `index` counts characters
    of `text` itself (a byte order mark included): what surgical edits of a file need.
    """
    shown = display_path(path)
    _refuse_raw_controls(text, shown)
    yaml_text = _tabs_inside_lines_to_spaces(text)  # the same length, so marks index `text`
    loader = _Loader(yaml_text)
    try:
        node: Node | None = loader.get_single_node()
    except _Refused as exc:
        raise problem_at(shown, exc.mark, exc.message) from None
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(shown, yaml_text, exc) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(shown, 0, 0, f"not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    return node


def _tabs_inside_lines_to_spaces(text: str) -> str:
    """Return `text` with tabs after a line's first non-blank character made spaces.

    YAML forbids tabs only in indentation; a tab pasted inside a value or after 'key:' is
    harmless, and columns stay the same.
    """
    if "\t" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.lstrip(" \t")
        if "\t" in stripped:
            lines[i] = line[: len(line) - len(stripped)] + stripped.replace("\t", " ")
    return "\n".join(lines)


def _refuse_raw_controls(text: str, shown: str) -> None:
    """Raise when the file itself holds a control or non-character code point."""
    index, message = first_bad_char(text, allow="\t\n\r")
    separator = min((i for i in (text.find("\u2028"), text.find("\u2029")) if i >= 0), default=-1)
    if separator >= 0 and (index < 0 or separator < index):
        index, message = separator, f"line separator U+{ord(text[separator]):04X}; use a real line break"
    if index < 0:
        return
    line, col = line_col(text, index)
    raise InputError([Problem(shown, line, col, message)])


def _convert(node: Node, loc: Loc, smap: SourceMap, problems: list[Problem], shown: str) -> Any:
    """Return plain Python data for `node`, recording places in `smap` and faults in `problems`."""
    mark = node.start_mark
    here = Located(mark.line + 1, mark.column + 1)
    if isinstance(node, MappingNode | SequenceNode) and node.tag not in (_TAG + "map", _TAG + "seq"):
        problems.append(Problem(shown, here.line, here.col, f"the tag '{_short_tag(node.tag)}' is "
                                "not allowed; write plain text"))
        return None
    if isinstance(node, MappingNode):
        smap.values[loc] = here
        return _convert_mapping(node, loc, smap, problems, shown)
    if isinstance(node, SequenceNode):
        smap.values[loc] = here
        return [_convert(item, loc + (i,), smap, problems, shown) for i, item in enumerate(node.value)]
    tag = node.tag[len(_TAG) :] if node.tag.startswith(_TAG) else node.tag
    smap.values[loc] = Located(here.line, here.col, node.value, tag)
    if tag not in _PLAIN_TAGS:
        problems.append(Problem(shown, here.line, here.col, f"the tag '{_short_tag(node.tag)}' is "
                                "not allowed; write plain text"))
        return None
    if tag == "str":
        return _clean(node.value, here, problems, shown)
    return _construct_scalar(node, tag)


def _convert_mapping(node: MappingNode, loc: Loc, smap: SourceMap, problems: list[Problem],
                     shown: str) -> dict[str, Any]:
    """Return the dict for a mapping node, refusing keys that are not text or come twice."""
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        kmark = key_node.start_mark
        kline, kcol = kmark.line + 1, kmark.column + 1
        if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "merge":
            problems.append(Problem(shown, kline, kcol, "a key must be plain text"))
            continue
        key = _clean_key(key_node.value, Located(kline, kcol), problems, shown)
        if key is None:
            continue
        if key in result:
            first = smap.keys[loc + (key,)]
            problems.append(Problem(shown, kline, kcol,
                                    f"duplicate key '{key}', first on line {first.line}"))
            continue
        smap.keys[loc + (key,)] = Located(kline, kcol, key)
        result[key] = _convert(value_node, loc + (key,), smap, problems, shown)
    return result


def _construct_scalar(node: Node, tag: str) -> Any:
    """Return the YAML 1.1 value of a non-text scalar; the original text when it cannot be built."""
    constructor = SafeConstructor()
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):
        return node.value
    if isinstance(value, dt.datetime) and tag == "timestamp":
        return node.value
    return value


def _clean(value: str, here: Located, problems: list[Problem], shown: str) -> str | None:
    """Return `value` made clean, or None after adding the problem with it to `problems`."""
    try:
        return clean_text(value)
    except TextProblem as exc:
        problems.append(Problem(shown, here.line, here.col, str(exc)))
        return None


def _clean_key(key: str, here: Located, problems: list[Problem], shown: str) -> str | None:
    """Return a mapping key made clean, or None after adding why it cannot be used.

    A key is a name matched letter by letter: an invisible character in it (a zero-width
    space pasted from a web page) would make 'title' an unknown key that reads as 'title'.
    """
    clean = _clean(key, here, problems, shown)
    if clean is None:
        return None
    index = first_invisible_in_key(clean)
    if index < 0:
        return clean
    ch = clean[index]
    fix = "type a plain space instead" if ch.isspace() else "delete it"
    problems.append(Problem(shown, here.line, here.col, f"the key '{_escaped(clean)}' holds an "
                            f"invisible character, {describe_char(ch)}; {fix}"))
    return None


def _escaped(key: str) -> str:
    """Return `key` with its invisible characters as escapes: printed, it would look correct."""
    return "".join(ch if ch == " " or not is_invisible(ch) else
                   (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
                   for ch in key)


def _short_tag(tag: str) -> str:
    """Return a tag as the file would write it: '!!binary' for YAML's own, else unchanged."""
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
