"""The words of a brief's problems: each pydantic error told at its line, as its author wrote it."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from generator.brief.model import Brief
from generator.errors import Problem
from generator.strict_yaml import Loc, Located, SourceMap
from generator.text import closest, did_you_mean

_YAML_KINDS = {"bool": "a yes/no value", "int": "a number", "float": "a number",
               "timestamp": "a date", "null": "empty"}
_PYDANTIC_TAG = re.compile(r"[a-z][a-z-]*\[.*\]")


def dotted(loc: Loc) -> str:
    """Return a field path as written by people: ('speakers', 2, 'name') -> 'speakers[2].name'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def as_yaml(value: Any) -> str:
    """Return a scalar as the brief would write it: true, 1.0, '1'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return repr(value) if isinstance(value, str) else str(value)


def located_problems(errors: list[ErrorDetails], smap: SourceMap) -> list[Problem]:
    """Return one located Problem per mistake: a required key that is missing because it was
    misspelt is told once, at the misspelling."""
    misspelt = {}
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = _data_loc(err["loc"], smap)
            meant = closest(str(loc[-1]), _keys_at(loc[:-1]))
            if meant:
                misspelt[(*loc[:-1], meant)] = loc
    problems = []
    for err in errors:
        loc = _data_loc(err["loc"], smap)
        if err["type"] == "missing" and loc in misspelt:
            continue  # told at the misspelt key, which names this one
        problems.append(_problem(err, smap))
    return problems


def _problem(err: ErrorDetails, smap: SourceMap) -> Problem:
    """Return the located, human Problem for one pydantic error."""
    loc = _data_loc(err["loc"], smap)
    kind = err["type"]
    where = dotted(loc)
    if kind == "missing":
        return smap.problem(loc[:-1], f"{where}: field required")
    if kind == "extra_forbidden":
        return smap.problem(loc, f"{where}: unknown key '{loc[-1]}'{_key_hint(loc)}")
    return smap.problem(loc, f"{where}: {_value_message(err, smap.value(loc))}")


def _data_loc(raw: Loc, smap: SourceMap) -> Loc:
    """Return a pydantic error location without pydantic's own step names (function-after[...]).

    A key the user wrote that happens to look like one is kept: it is in the source map.
    """
    loc: Loc = ()
    for part in raw:
        written = loc + (part,) in smap.keys or loc + (part,) in smap.values
        if isinstance(part, str) and _PYDANTIC_TAG.fullmatch(part) and not written:
            continue
        loc += (part,)
    return loc


def _value_message(err: ErrorDetails, written: Located | None) -> str:
    """Return what is wrong with a value, naming how YAML read it when that is the cause."""
    kind = err["type"]
    if written is not None and written.tag in _YAML_KINDS and kind == "string_type":
        if written.tag == "null":
            return "is empty; write a value or remove the key"
        seen = _YAML_KINDS[written.tag]
        return (f"expected text, but YAML reads '{written.text}' as {seen}; "
                f"put it in quotes: \"{written.text}\"")
    if kind == "string_type":
        return "expected text here, not a list or a mapping"
    if kind == "string_too_short":
        return "is blank; write a value or remove the key"
    if kind == "string_too_long":
        return f"is too long ({err['ctx']['max_length']} characters at most); shorten it"
    if kind in ("list_type", "model_type", "model_attributes_type", "dict_type"):
        return "expected a list" if kind == "list_type" else "expected a mapping of keys"
    if kind == "too_long":
        return f"has too many items ({err['ctx']['max_length']} at most)"
    if kind.startswith("date"):
        return f"not a real date ({err['msg'].lower()}); write it as YYYY-MM-DD"
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


def _key_hint(loc: Loc) -> str:
    """Return "; did you mean 'x'?" for a misspelt key, from the keys valid at that place."""
    return did_you_mean(str(loc[-1]), _keys_at(loc[:-1]))


def _keys_at(loc: Loc) -> list[str]:
    """Return the keys the mapping at `loc` may hold (none when it is not a mapping we know)."""
    model = _model_at(loc)
    return list(model.model_fields) if model is not None else []


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """Return the model class that describes the mapping at `loc`, if any."""
    model: type[BaseModel] = Brief
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        inner = _inner_model(field.annotation)
        if inner is None:
            return None
        model = inner
    return model


def _inner_model(annotation: object) -> type[BaseModel] | None:
    """Return the model inside a field's annotation (list[Speaker], Annotated[Party, ...])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) + getattr(annotation, "__metadata__", ()):
        found = _inner_model(arg) if not isinstance(arg, str) else None
        if found:
            return found
    return None
