"""The `labels:` mapping of a brief or a theme, as a pydantic model with one field per label key.

Its fields are named by the keys themselves (kebab-case), so an unknown key is told with the
right 'did you mean' by the brief's and the theme's messages, and editors complete them from
the JSON Schema. A label is plain text and the `{fields}` its key has (`fields.py`): a field it
does not have, a conversion, a format or a nested field is told at its line.
"""

from __future__ import annotations

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
from generator.words import fields
from generator.words.keys import LABELS

# Invisible-only text is blank, as in every other field of a brief or theme.
_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                  BeforeValidator(blank_if_invisible)]


def check_fields(key: str, text: str) -> str:
    """Return a label's text when it holds only plain text and `{fields}` the label `key` has
    (no conversion, format or nesting); raise ValueError saying what it may hold otherwise."""
    try:
        return fields.check(text, LABELS[key].fields)
    except fields.FieldError as exc:
        raise ValueError(str(exc)) from None


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
