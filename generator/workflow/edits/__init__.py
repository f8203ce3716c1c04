"""The way back from a built deck: its record of what it was built from (the base), read
strictly, and each field's text on the deck now (`field_edits`), for `pull`, the edit guard
and the merge. Reads packages through `generator.ooxml`, never python-pptx."""

from __future__ import annotations

from generator.workflow.edits.compare import Edits, FieldEdit, Unmapped, field_edits
from generator.workflow.edits.read import BuiltDeck, BuiltDeckError, read_built

__all__ = ["BuiltDeck", "BuiltDeckError", "Edits", "FieldEdit", "Unmapped", "field_edits",
           "read_built"]
