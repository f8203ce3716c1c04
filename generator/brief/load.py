"""Load a brief file: strict YAML, then the model, with every problem reported at its line."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import strict_yaml
from generator.brief.model import SUPPORTED_VERSIONS, Brief
from generator.errors import InputError, Problem
from generator.strict_yaml import SourceMap

_YAML_KINDS = {"bool": "a yes/no value", "int": "a number", "float": "a number",
               "timestamp": "a date", "null": "empty"}


@dataclass(frozen=True)
class LoadedBrief:
    """A valid brief together with the file it came from and where each value was written."""

    brief: Brief
    path: Path
    source: SourceMap
    warnings: tuple[Problem, ...] = ()

    def problem(self, loc: tuple, message: str, severity: str = "warning") -> Problem:
        """Return a Problem located at the field `loc` of this brief."""
        return self.source.problem(loc, f"{dotted(loc)}: {message}" if loc else message, severity)


def load_brief(path: Path | str) -> LoadedBrief:
    """Return the brief at `path`, or raise InputError listing every problem in it."""
    path = Path(path)
    data, smap = strict_yaml.load(path)
    return validate_data(data, smap)


def _as_yaml(value: Any) -> str:
    """Return a scalar as the brief would write it: true, 1.0, '1'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return repr(value) if isinstance(value, str) else str(value)


def validate_data(data: Any, smap: SourceMap) -> LoadedBrief:
    """Return a LoadedBrief for already-parsed `data`, or raise InputError with located problems."""
    if not isinstance(data, dict):
        raise InputError([smap.problem((), "a brief is a mapping of keys such as 'event:' and "
                                            "'speakers:', not a single value or a list")])
    warnings = _version_warnings(data.get("version", 1), smap)
    try:
        brief = Brief.model_validate(data)
    except ValidationError as exc:
        raise InputError(_problems(exc.errors(), smap)) from None
    problems = list(_cross_checks(brief, smap))
    if problems:
        raise InputError(problems)
    return LoadedBrief(brief, smap.path, smap, tuple(warnings))


def _version_warnings(version: Any, smap: SourceMap) -> list[Problem]:
    """Return warnings about how `version` is written, or raise InputError when it is unreadable.

    Only the whole number is a version: true and '1' are refused. Earlier releases also read
    1.0 (it equals 1 in Python); it still is, with a warning, until a later release refuses it.
    """
    if type(version) is int and version in SUPPORTED_VERSIONS:
        return []
    if isinstance(version, float) and version.is_integer() and int(version) in SUPPORTED_VERSIONS:
        return [smap.problem(("version",), f"version: write {int(version)}, not {version}; a later "
                                           "release will not read it", "warning")]
    readable = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
    raise InputError([smap.problem(("version",), f"version: this release reads brief version "
                                                 f"{readable}; the file says {_as_yaml(version)}")])


def dotted(loc: tuple) -> str:
    """Return a field path as written by people: ('speakers', 2, 'name') -> 'speakers[2].name'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _cross_checks(brief: Brief, smap: SourceMap):
    """Yield problems that span fields: a priority raised by someone who is not a speaker."""
    names = [s.name for s in brief.speakers]
    for index, priority in enumerate(brief.priorities):
        if priority.raised_by and priority.raised_by not in names:
            loc = ("priorities", index, "raised_by")
            hint = _did_you_mean(priority.raised_by, names)
            listed = hint or f" (speakers: {', '.join(names) or 'none listed'})"
            yield smap.problem(loc, f"{dotted(loc)}: '{priority.raised_by}' is not one of the "
                                    f"speakers{listed}")


def _problems(errors: list[dict], smap: SourceMap) -> list[Problem]:
    """Return one located Problem per mistake: a required key that is missing because it was
    misspelt is told once, at the misspelling."""
    misspelt = {}
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = _data_loc(err["loc"], smap)
            meant = _closest(str(loc[-1]), _keys_at(loc[:-1]))
            if meant:
                misspelt[(*loc[:-1], meant)] = loc
    problems = []
    for err in errors:
        loc = _data_loc(err["loc"], smap)
        if err["type"] == "missing" and loc in misspelt:
            continue  # told at the misspelt key, which names this one
        problems.append(_problem(err, smap))
    return problems


def _problem(err: dict, smap: SourceMap) -> Problem:
    """Return the located, human Problem for one pydantic error."""
    loc = _data_loc(err["loc"], smap)
    kind = err["type"]
    where = dotted(loc)
    if kind == "missing":
        return smap.problem(loc[:-1], f"{where}: field required")
    if kind == "extra_forbidden":
        return smap.problem(loc, f"{where}: unknown key '{loc[-1]}'{_key_hint(loc)}")
    return smap.problem(loc, f"{where}: {_value_message(err, smap.value(loc))}")


_PYDANTIC_TAG = re.compile(r"[a-z][a-z-]*\[.*\]")


def _data_loc(raw: tuple, smap: SourceMap) -> tuple:
    """Return a pydantic error location without pydantic's own step names (function-after[...]).

    A key the user wrote that happens to look like one is kept: it is in the source map.
    """
    loc: tuple = ()
    for part in raw:
        written = loc + (part,) in smap.keys or loc + (part,) in smap.values
        if isinstance(part, str) and _PYDANTIC_TAG.fullmatch(part) and not written:
            continue
        loc += (part,)
    return loc


def _value_message(err: dict, written) -> str:
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


def _key_hint(loc: tuple) -> str:
    """Return ", did you mean 'x'?" for a misspelt key, from the keys valid at that place."""
    return _did_you_mean(str(loc[-1]), _keys_at(loc[:-1]))


def _keys_at(loc: tuple) -> list[str]:
    """Return the keys the mapping at `loc` may hold (none when it is not a mapping we know)."""
    model = _model_at(loc)
    return list(model.model_fields) if model is not None else []


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = _closest(word, choices)
    return f"; did you mean '{close}'?" if close else ""


def _closest(word: str, choices: list[str]) -> str | None:
    """Return the choice `word` was most likely meant to be, if one is close enough."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lower = {c.lower(): c for c in choices}
        close = [lower[word.lower()]] if word.lower() in lower else []
    return close[0] if close else None


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """Return the model class that describes the mapping at `loc`, if any."""
    model: Any = Brief
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) + getattr(annotation, "__metadata__", ()):
        found = _inner_model(arg) if not isinstance(arg, str) else None
        if found:
            return found
    return None
