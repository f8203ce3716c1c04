"""Write new values into a brief's text surgically: only the changed values' bytes change.

`apply` replaces the text at brief paths, or removes list items, keeping comments, key order,
quoting, blank lines, line ends and a byte order mark; the result is read again by the strict
loader and the model, and must hold exactly the new values and the old ones elsewhere.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from generator import strict_yaml
from generator.brief.edit_removal import removals
from generator.brief.edit_scalars import Site, replacement
from generator.brief.edit_spans import Spot, column, entry_starts, index_nodes
from generator.brief.load import validate_data
from generator.brief.messages import dotted
from generator.errors import InputError, Problem
from generator.strict_yaml import Loc, SourceMap
from generator.text import TextProblem, clean_text, is_blank

Change = tuple[int, int, str]


class EditError(InputError):
    """A change the brief cannot take, as one line: `path:line:col: what`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__([problem])
        self.problem = problem


def apply(text: str, changes: Mapping[Loc, str | None], source: str) -> str:
    """Return `text` with each path's value replaced by its new text, or its entry removed for None.

    `source` names the brief in messages. Raise EditError when a path is not in the brief, a
    new text is one the brief refuses, or the edited brief would not read back as intended.
    """
    path = Path(source)
    old_data, smap = _read(text, path, "the brief is not valid before the edit: ")
    wanted = {tuple(loc): _checked(tuple(loc), value, smap) for loc, value in changes.items()}
    wanted = {loc: value for loc, value in wanted.items() if not _holds(old_data, loc, value)}
    if not wanted:
        return text
    spots = index_nodes(text, path)
    for loc in wanted:
        if loc not in spots or not loc:
            raise EditError(smap.problem(loc, f"{dotted(loc) or 'the brief'}: no such value in "
                                              "the brief to change"))
    expected = _expected(old_data, wanted)
    first = min(wanted, key=lambda loc: (smap.find(loc).line, smap.find(loc).col))
    failure = f"{dotted(first)}: the edit would not read back as written"
    for safe in (False, True):  # the safe pass writes every new text double-quoted
        new_text = _edited(text, wanted, spots, smap, safe)
        try:
            new_data, new_smap = strict_yaml.parse(new_text, path)
        except InputError as exc:
            failure = f"{dotted(first)}: the edit would break the file ({exc.problems[0].message})"
            continue
        if new_data == expected:
            try:
                validate_data(new_data, new_smap)
            except InputError as exc:
                raise _moved(exc.problems[0], smap, first) from None
            return new_text
        loc = _first_difference(new_data, expected, ()) or first
        failure = f"{dotted(loc)}: the edit would not read back as written"
    raise EditError(smap.problem(first, failure + "; the brief is left unchanged"))


def unified_diff(old: str, new: str, name: str) -> str:
    """Return the change from `old` to `new` as a unified diff of the file `name`."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def _read(text: str, path: Path, why: str) -> tuple[Any, SourceMap]:
    """Return the data and source map of the valid brief `text`, or raise EditError."""
    try:
        data, smap = strict_yaml.parse(text, path)
        validate_data(data, smap)
    except InputError as exc:
        problem = exc.problems[0]
        raise EditError(Problem(problem.path, problem.line, problem.col,
                                why + problem.message)) from None
    return data, smap


def _checked(loc: Loc, value: str | None, smap: SourceMap) -> str | None:
    """Return the new text as the loader would read it, or raise EditError naming the field."""
    if value is None:
        return None
    try:
        clean = clean_text(value)
    except TextProblem as exc:
        raise EditError(smap.problem(loc, f"{dotted(loc)}: the new text holds a {exc}")) from None
    if is_blank(clean):
        raise EditError(smap.problem(loc, f"{dotted(loc)}: the new text is empty or only "
                                          "invisible characters; write the text, or remove the "
                                          "entry"))
    return clean


def _edited(text: str, wanted: dict[Loc, str | None], spots: dict[Loc, Spot], smap: SourceMap,
            safe: bool) -> str:
    """Return `text` with every wanted change made, refusing changes that overlap."""
    changes: list[tuple[Change, Loc]] = []
    removed: dict[Loc, list[Loc]] = {}
    for loc, value in wanted.items():
        spot = spots[loc]
        if value is None:
            removed.setdefault(loc[:-1], []).append(loc)
            continue
        if not isinstance(spot.node, ScalarNode):
            kind = "a list" if isinstance(spot.node, SequenceNode) else "a mapping"
            raise EditError(smap.problem(loc, f"{dotted(loc)}: is {kind} in the brief, not a text"))
        change = replacement(_site(text, spot, loc), value, safe=safe)
        if change is None:
            raise EditError(smap.problem(loc, f"{dotted(loc)}: the new text cannot be written "
                                              "in YAML here"))
        changes.append((change, loc))
    for parent, locs in removed.items():
        spot = spots[parent]
        doomed = [_entry_index(spot.node, spots[loc]) for loc in locs]
        changes += [(change, locs[0]) for change in removals(text, spot.node, doomed, spot.key)]
    return _spliced(text, changes, smap)


def _site(text: str, spot: Spot, loc: Loc) -> Site:
    """Return the scalar at `spot` with the column of the key or '-' that introduces it."""
    node = spot.node
    assert isinstance(node, ScalarNode)
    if spot.key is not None:
        anchor = column(text, int(spot.key.start_mark.index))
    elif spot.parent is not None and not spot.flow:
        anchor = column(text, entry_starts(text, spot.parent)[_entry_index(spot.parent, spot)])
    else:
        anchor = 0
    return Site(text, node, spot.flow, anchor)


def _entry_index(collection: Node, spot: Spot) -> int:
    """Return the place of `spot`'s entry among `collection`'s entries."""
    for i, entry in enumerate(collection.value):
        if (entry[1] if isinstance(entry, tuple) else entry) is spot.node:
            return i
    raise ValueError("the value is not in its collection")  # the index is built from the tree


def _spliced(text: str, changes: list[tuple[Change, Loc]], smap: SourceMap) -> str:
    """Return `text` with the changes made, from the last to the first."""
    ordered = sorted(changes, key=lambda item: (item[0][0], item[0][1]))
    for (before, loc_a), (after, loc_b) in zip(ordered, ordered[1:], strict=False):
        if after[0] < before[1]:
            raise EditError(smap.problem(loc_b, f"{dotted(loc_b)}: this change overlaps the "
                                                f"change of {dotted(loc_a)}; make one of them"))
    for (start, end, new), _ in reversed(ordered):
        text = text[:start] + new + text[end:]
    return text


def _expected(data: Any, wanted: dict[Loc, str | None]) -> Any:
    """Return a copy of `data` with the wanted values set and entries removed."""
    result = copy.deepcopy(data)
    for loc, value in wanted.items():
        holder = _holder(result, loc)
        if value is not None and isinstance(holder, dict | list):
            holder[loc[-1]] = value  # type: ignore[index]
    doomed = [loc for loc, value in wanted.items() if value is None and loc]
    # The last items of a list first, so that the places of the others stay as they were.
    for loc in sorted(doomed, key=lambda loc: loc[-1] if isinstance(loc[-1], int) else -1,
                      reverse=True):
        holder = _holder(result, loc)
        try:
            del holder[loc[-1]]
        except (KeyError, IndexError, TypeError):
            pass  # not there: refused as no such value when the text is edited
    return result


def _holds(data: Any, loc: Loc, value: str | None) -> bool:
    """Return whether the text at `loc` is already `value` (its writing is then left alone)."""
    holder = _holder(data, loc)
    try:
        return value is not None and bool(loc) and holder[loc[-1]] == value
    except (KeyError, IndexError, TypeError):
        return False


def _holder(data: Any, loc: Loc) -> Any:
    """Return the collection that holds the value at `loc`, or None when there is none."""
    for part in loc[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _first_difference(new: Any, old: Any, loc: Loc) -> Loc | None:
    """Return the first path at which two data trees differ, or None when they are equal."""
    if type(new) is not type(old):
        return loc
    if isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            found = _first_difference(new.get(key), old.get(key), loc + (key,))
            if found is not None:
                return found
        return None
    if isinstance(new, list):
        for i in range(max(len(new), len(old))):
            found = _first_difference(new[i] if i < len(new) else None,
                                      old[i] if i < len(old) else None, loc + (i,))
            if found is not None:
                return found
        return None
    return None if new == old else loc


def _moved(problem: Problem, smap: SourceMap, loc: Loc) -> EditError:
    """Return the edited brief's first problem as an EditError placed at a change in the old text."""
    where = smap.find(loc)
    return EditError(Problem(problem.path, where.line, where.col,
                             f"after this edit the brief would not be valid: {problem.message}"))
