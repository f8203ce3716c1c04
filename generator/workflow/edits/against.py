"""A built deck's base set against a brief as it is now: the value at a field's path, whether
two texts are the same, and whether the deck was built from that brief at all. Shared by
`pull` and the merge of `build --keep-edits`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.briefpaths import Loc
from generator.errors import InputError, Problem, display_path

if TYPE_CHECKING:
    from generator.workflow.edits.compare import Edits
    from generator.workflow.records import BuildRecord


def value_at(data: Any, loc: Loc) -> Any:
    """Return the value at `loc` in a brief's data, or None when it has none there."""
    for step in loc:
        listed = isinstance(step, int) and isinstance(data, list) and step < len(data)
        if not (listed or (isinstance(step, str) and isinstance(data, dict) and step in data)):
            return None
        data = data[step]
    return data


def same_text(a: Any, b: Any) -> bool:
    """Return True when two texts are the same but for how their whitespace is broken."""
    return isinstance(a, str) and isinstance(b, str) and a.split() == b.split()


def real_path(path: Path) -> str:
    """Return the path's real location, to tell two names of one file."""
    return os.path.realpath(path)


def check_belongs(edits: Edits, data: Any, brief: Path, deck: Path, record: BuildRecord) -> None:
    """Raise InputError when the deck was built from another brief than `brief` (whose values
    are `data`): fewer than half of the texts it was built with are in the brief and its name is
    another brief's (or none is)."""
    fields = edits.fields
    agree = sum(1 for f in fields if same_text(f.base, value_at(data, f.loc)))
    source = record.source() if record.written_digest(deck) else None
    named_other = deck.stem != brief.stem or (
        source is not None and real_path(source) != real_path(brief))
    if fields and (agree == 0 or (2 * agree < len(fields) and named_other)):
        raise InputError([Problem(display_path(deck), 0, 0,
                                  f"built from another brief: {agree} of the {len(fields)} texts "
                                  f"it was built with are in {display_path(brief)}; name the "
                                  "brief it was built from with --brief")])
