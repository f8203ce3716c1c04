"""The `labels:` mapping of a brief or a theme, as a pydantic model with one field per label key.

Its fields are named by the keys themselves (kebab-case), so an unknown key is told with the
right 'did you mean' by the brief's and the theme's messages, and editors complete them from
the JSON Schema. A label that names a field it does not have is told at its line.
"""

from __future__ import annotations

import string
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
)

from generator.text import blank_if_invisible
from generator.words.keys import LABELS

# Invisible-only text is blank, as in every other field of a brief or theme.
_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                  BeforeValidator(blank_if_invisible)]


def check_fields(key: str, text: str) -> str:
    """Return a label's text when its `{fields}` are ones the label `key` has; raise otherwise."""
    allowed = LABELS[key].fields
    try:
        used = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:  # an unmatched brace
        raise ValueError(f"{exc}; write a brace as {{{{ or }}}}") from None
    wrong = [name for name in used if name not in allowed]
    if wrong and not allowed:
        raise ValueError(f"'{{{wrong[0]}}}': this label takes no {{fields}}; write plain text")
    if wrong:
        may = ", ".join(f"{{{name}}}" for name in allowed)
        raise ValueError(f"'{{{wrong[0]}}}' is not a field of this label; it may use {may}")
    return text


def _field(key: str) -> Any:
    """Return the pydantic field of one label key: optional text, its fields checked."""
    label = LABELS[key]
    fields = ", ".join(f"{{{name}}}" for name in label.fields)
    says = f"{label.says.capitalize()}. English: '{label.english}'" + (
        f" (fields: {fields})." if fields else ".")
    text = Annotated[_Text, AfterValidator(partial(check_fields, key))]
    return (text | None, Field(None, description=says))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


if TYPE_CHECKING:  # to mypy a model like any other; its fields are made from LABELS below
    LabelOverrides = _Strict
else:
    LabelOverrides = create_model(
        "LabelOverrides", __base__=_Strict, __doc__="Single labels in other words.",
        **{key: _field(key) for key in LABELS})


def written(overrides: BaseModel | None) -> dict[str, str]:
    """Return the labels an overrides model sets, by key."""
    if overrides is None:
        return {}
    return {key: value for key, value in overrides.model_dump().items() if value is not None}
