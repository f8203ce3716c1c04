"""Every word briefgen writes itself, in the brief's language, and its dates and lists.

- `keys`: the label keys and their English text (pure data);
- `tags`: a BCP 47 `language:` tag matched to a catalogue, without Babel;
- `catalogue`: the gettext catalogues in `locale/<tag>/LC_MESSAGES/briefgen.{po,mo}`;
- `formats`: dates and lists through Babel, imported only when one is written;
- `overrides`: the pydantic model of a brief's or a theme's `labels:`;
- `compile`: `python -m generator.words.compile` turns each `.po` into its `.mo`.

This module imports only `keys` and `tags`, so the brief's model can check a tag cheaply.
"""

from __future__ import annotations

from generator.words.keys import LABELS, Label, english
from generator.words.tags import SUPPORTED, LanguageError, Match, match

__all__ = ["LABELS", "SUPPORTED", "Label", "LanguageError", "Match", "english", "match"]
