"""Brief paths, the names of a brief's fields as people and decks write them:
`speakers[2].points[1]` <-> ('speakers', 2, 'points', 1).

A deck names its shapes with these paths and records the text it wrote for each, so reading a
deck back starts from text someone else may have forged: parsing is strict. Only the brief's own
top-level keys start a path, keys are lower-case words, indexes are plain decimals below
`MAX_INDEX`, and a path is short; anything else (`..`, `/`, spaces, `[-1]`, `[007]`) is refused.
"""

from __future__ import annotations

import re

Loc = tuple[str | int, ...]  # the story's and the loader's form of a path

# The brief's top-level keys (schema version 1): every path starts with one of them.
ROOTS = frozenset({"version", "language", "theme", "labels", "event", "hosts", "organizers",
                   "sponsors", "participants", "speakers", "agenda", "figures", "priorities",
                   "takeaways", "sources", "notes"})
MAX_INDEX = 999  # no list of a brief holds more than 400 entries
MAX_DEPTH = 6
MAX_CHARS = 120
_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
_STEP = re.compile(r"\.([a-z][a-z0-9_]{0,39})|\[(0|[1-9][0-9]{0,2})\]")


class PathError(ValueError):
    """A text that is not a brief path; its message says why, in a few words."""


def format_path(loc: Loc) -> str:
    """Return a path as written: ('speakers', 2, 'points', 1) -> 'speakers[2].points[1]'."""
    check_loc(loc)
    out = str(loc[0])
    for part in loc[1:]:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def parse_path(text: str) -> Loc:
    """Return the parts of a written path, or raise PathError saying why it is not one."""
    if not text:
        raise PathError("an empty path")
    if len(text) > MAX_CHARS:
        raise PathError(f"a path longer than {MAX_CHARS} characters")
    root = _KEY.match(text)
    if root is None:
        raise PathError(f"{text!r} does not start with a field name")
    parts: list[str | int] = [root.group(0)]
    pos = root.end()
    while pos < len(text):
        step = _STEP.match(text, pos)
        if step is None:
            raise PathError(f"{text!r} is not a brief path (at {text[pos:pos + 10]!r})")
        key, index = step.groups()
        parts.append(key if key is not None else int(index))
        pos = step.end()
    loc = tuple(parts)
    check_loc(loc)
    return loc


def check_loc(loc: Loc) -> None:
    """Raise PathError unless `loc` is a path of a brief: a known root, then keys and indexes."""
    if not loc:
        raise PathError("an empty path")
    if len(loc) > MAX_DEPTH:
        raise PathError(f"a path deeper than {MAX_DEPTH} steps")
    root = loc[0]
    if not isinstance(root, str) or root not in ROOTS:
        raise PathError(f"{root!r} is not a top-level key of a brief")
    for part in loc[1:]:
        if isinstance(part, bool) or not isinstance(part, (str, int)):
            raise PathError(f"{part!r} is neither a key nor an index")
        if isinstance(part, int) and not 0 <= part <= MAX_INDEX:
            raise PathError(f"index {part} is out of range (0 to {MAX_INDEX})")
        if isinstance(part, str) and _KEY.fullmatch(part) is None:
            raise PathError(f"{part!r} is not a field name")


def is_within(loc: Loc, prefix: Loc) -> bool:
    """Return True when `loc` is `prefix` or a field inside it."""
    return loc[:len(prefix)] == prefix


# A shape of a deck names the brief field it shows after this mark: 'Points | briefgen:speakers[2]'
# (format 1 of the names; the deck's record says which format it was written in).
NAME_MARK = "briefgen:"
NAME_SEPARATOR = " | "


def shape_name(label: str, loc: Loc) -> str:
    """Return a shape's name: its readable `label` and the path of the field or entry it shows."""
    path = NAME_MARK + format_path(loc)
    return f"{label}{NAME_SEPARATOR}{path}" if label else path


def path_in_name(name: str) -> Loc | None:
    """Return the path a shape's name carries (None when it carries none), or raise PathError
    when it carries one that is no brief path."""
    at = name.rfind(NAME_MARK)
    if at < 0:
        return None
    return parse_path(name[at + len(NAME_MARK):])


def plain_name(name: str) -> str:
    """Return a shape's name without the path it carries ('Points | briefgen:x' -> 'Points'),
    for shapes that no longer show their field (a slide the user added by copying one)."""
    at = name.rfind(NAME_MARK)
    if at < 0:
        return name
    label = name[:at].removesuffix(NAME_SEPARATOR).rstrip()
    return label or "Shape"
