"""Which text goes when entries of a list (or keys of a mapping) are removed from a brief."""

from __future__ import annotations

from yaml.nodes import Node, ScalarNode, SequenceNode

from generator.brief.edit_spans import children, content_end, entry_starts, line_start, next_line

Change = tuple[int, int, str]


def removals(text: str, collection: Node, doomed: list[int], key: ScalarNode | None) -> list[Change]:
    """Return the cuts that remove the entries `doomed` of `collection` (whose key is `key`).

    A block entry goes with its lines; a flow entry with its comma. A collection left empty is
    written as [] or {}, since a key with nothing after it would read as no value at all.
    """
    entries = children(collection)
    gone = sorted(set(doomed))
    starts = entry_starts(text, collection)
    ends = [content_end(text, value) for _, value in entries]
    if len(gone) == len(entries):
        return [_emptied(text, collection, key, ends[-1])]
    kept = [i for i in range(len(entries)) if i not in gone]
    if getattr(collection, "flow_style", False):
        return _flow_cuts(starts, ends, gone, kept[-1])
    cuts: list[Change] = []
    if gone[0] == 0 and _shares_line(text, starts[0]):
        # The first entry on its parent's line ('- name: X'): up to the first entry kept.
        cuts.append((starts[0], starts[kept[0]], ""))
        gone = [i for i in gone if i > kept[0]]
    return cuts + [_block_lines(text, starts[i], ends[i]) for i in gone]


def _flow_cuts(starts: list[int], ends: list[int], gone: list[int], last_kept: int) -> list[Change]:
    """Return the cuts of flow entries: each with the comma after it, or before it at the end."""
    cuts: list[Change] = [(starts[i], starts[i + 1], "") for i in gone if i < last_kept]
    if gone[-1] > last_kept:
        cuts.append((ends[last_kept], ends[-1], ""))
    return cuts


def _shares_line(text: str, start: int) -> bool:
    """Return whether something other than indentation comes before `start` on its line."""
    return text[line_start(text, start) : start].strip(" ") != ""


def _block_lines(text: str, start: int, end: int) -> Change:
    """Return the cut of the whole lines from the one holding `start` to the one holding `end`."""
    first = line_start(text, start)
    last = next_line(text, end)
    if last == len(text) and not text.endswith("\n") and first > 0:
        # The file ends without a line break: the break before the entry goes instead.
        first -= 2 if text[first - 2 : first] == "\r\n" else 1
    elif first > 0 and _blank_line_at(text, line_start(text, first - 1)) and _blank_line_at(text, last):
        last = next_line(text, last)  # one blank line stays between the entries around it
    return first, last, ""


def _blank_line_at(text: str, start: int) -> bool:
    """Return whether the line starting at `start` holds only spaces (and is not past the end)."""
    return start < len(text) and not text[start : next_line(text, start)].strip(" \r\n")


def _emptied(text: str, collection: Node, key: ScalarNode | None, end: int) -> Change:
    """Return the cut writing `collection` as an empty one, on its key's line when it can."""
    empty = "[]" if isinstance(collection, SequenceNode) else "{}"
    start = int(collection.start_mark.index)
    if getattr(collection, "flow_style", False):
        return start, int(collection.end_mark.index), empty
    if key is not None:
        key_end = int(key.end_mark.index)
        between = text[key_end:start]
        colon = between.find(":")
        if colon >= 0 and not between[colon + 1 :].strip():
            return key_end + colon + 1, end, " " + empty
    return start, end, empty
