"""A label's text as a template of fields: plain text, `{field}` and `{{`/`}}` for a brace.

`str.format` would also run a conversion (`{name!r}`), a format spec (`{name:>999999999}`
asks for a gigabyte of padding), an attribute or an index (`{name.x}`, `{name[0]}`) and nested
fields. A label may only name a field, so labels are parsed and filled here, and filling a
label can do nothing but put each field's text in its place, whoever wrote the label: a brief,
a theme or a catalogue. Pure: no pydantic, no gettext.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

# A field is named as a Python identifier in ASCII, as every label key's fields are.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SHOWN = 40  # characters of a wrong field echoed in a message


class FieldError(ValueError):
    """A label's text that is not plain text and `{field}`s; its text is the whole message."""


@dataclass(frozen=True)
class Field:
    """A `{name}` in a label, filled with that field's text."""

    name: str


Piece = str | Field


def parse(text: str) -> tuple[Piece, ...]:
    """Return `text` as literal pieces and fields; raise FieldError at the first other thing."""
    return _parse(text)


@lru_cache(maxsize=1024)
def _parse(text: str) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    literal: list[str] = []
    index = 0
    while index < len(text):
        ch = text[index]
        if ch in "{}" and text.startswith(ch * 2, index):  # an escaped brace
            literal.append(ch)
            index += 2
        elif ch == "}":
            raise FieldError(f"a lone '}}' at character {index + 1}")
        elif ch == "{":
            name, index = _field_at(text, index)
            if literal:
                pieces.append("".join(literal))
                literal = []
            pieces.append(Field(name))
        else:
            literal.append(ch)
            index += 1
    if literal:
        pieces.append("".join(literal))
    return tuple(pieces)


def _field_at(text: str, start: int) -> tuple[str, int]:
    """Return the name of the field opening at `start` and the index after it."""
    close = text.find("}", start + 1)
    if close < 0:
        raise FieldError(f"the '{{' at character {start + 1} is never closed")
    inner = text[start + 1 : close]
    if _NAME.fullmatch(inner):
        return inner, close + 1
    written = text[start : close + 1]
    shown = written if len(written) <= _SHOWN else written[: _SHOWN - 1] + "\u2026"
    raise FieldError(f"'{shown}' is not a field: {_what_is_wrong(inner)}")


def _what_is_wrong(inner: str) -> str:
    """Return what a field holds besides a name, in words."""
    if "{" in inner:
        return "fields may not be nested"
    if "!" in inner:
        return "a field takes no conversion (!r, !s, !a)"
    if ":" in inner:
        return "a field takes no format (:>10, :.2f)"
    if "." in inner or "[" in inner:
        return "a field takes no attribute or index"
    if not inner.strip():
        return "the braces name no field"
    if inner.isdigit():
        return "fields are named, not numbered"
    return "a field's name is ASCII letters, digits and '_', without spaces"


def names(text: str) -> list[str]:
    """Return the names of the fields `text` uses, in order; raise FieldError when it is not
    a template of fields."""
    return [piece.name for piece in parse(text) if isinstance(piece, Field)]


def check(text: str, allowed: Collection[str]) -> str:
    """Return `text` when it is plain text and fields named in `allowed`; raise FieldError
    saying what a label may hold otherwise."""
    may = ", ".join(f"{{{name}}}" for name in allowed)
    try:
        used = names(text)
    except FieldError as exc:
        raise FieldError(f"{exc}; {allowed_here(allowed)}") from None
    wrong = [name for name in used if name not in allowed]
    if wrong and not allowed:
        raise FieldError(f"'{{{wrong[0]}}}': this label takes no {{fields}}; write plain text")
    if wrong:
        raise FieldError(f"'{{{wrong[0]}}}' is not a field of this label; it may use {may}")
    return text


def allowed_here(allowed: Collection[str]) -> str:
    """Return what a label with the fields `allowed` may hold, in words."""
    if not allowed:
        return "this label takes no fields: write plain text, and a brace as {{ or }}"
    may = ", ".join(f"{{{name}}}" for name in allowed)
    return f"write a field as its name alone in braces ({may}), and a brace as {{{{ or }}}}"


def fill(text: str, fields: Mapping[str, str]) -> str:
    """Return `text` with each `{field}` replaced by its text in `fields` (and `{{`, `}}` as
    braces): nothing is converted, padded or looked up. A field not given is a KeyError."""
    return "".join(piece if isinstance(piece, str) else fields[piece.name]
                   for piece in parse(text))


def literal(text: str) -> str:
    """Return the text a label draws of its own: its pieces without the fields."""
    return "".join(piece for piece in parse(text) if isinstance(piece, str))
