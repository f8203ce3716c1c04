"""Load a brief file: strict YAML, then the model, with every problem reported at its line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator import strict_yaml
from generator.brief.agenda import agenda_problems, agenda_warnings
from generator.brief.messages import as_yaml, dotted, located_problems
from generator.brief.model import SUPPORTED_VERSIONS, Brief, lookalike_host
from generator.errors import InputError, Problem
from generator.strict_yaml import Loc, SourceMap
from generator.text import did_you_mean
from generator.words import tags

# `dotted` lived here before the wording moved to `messages`; it is still importable from here.
__all__ = ["LoadedBrief", "dotted", "load_brief", "validate_data"]


@dataclass(frozen=True)
class LoadedBrief:
    """A valid brief together with the file it came from and where each value was written."""

    brief: Brief
    path: Path
    source: SourceMap
    warnings: tuple[Problem, ...] = ()

    def problem(self, loc: Loc, message: str, severity: str = "warning") -> Problem:
        """Return a Problem located at the field `loc` of this brief."""
        return self.source.problem(loc, f"{dotted(loc)}: {message}" if loc else message, severity)


def load_brief(path: Path | str) -> LoadedBrief:
    """Return the brief at `path`, or raise InputError listing every problem in it."""
    path = Path(path)
    data, smap = strict_yaml.load(path)
    return validate_data(data, smap)


def validate_data(data: Any, smap: SourceMap) -> LoadedBrief:
    """Return a LoadedBrief for already-parsed `data`, or raise InputError with located problems."""
    if not isinstance(data, dict):
        raise InputError([smap.problem((), "a brief is a mapping of keys such as 'event:' and "
                                            "'speakers:', not a single value or a list")])
    warnings = _version_warnings(data.get("version", 1), smap)
    as_written = list(_tags_as_written(data, smap))
    try:
        brief = Brief.model_validate(data)
    except ValidationError as exc:
        told = {(p.line, p.col) for p in as_written}
        later = [p for p in located_problems(exc.errors(), smap) if (p.line, p.col) not in told]
        raise InputError(as_written + later) from None
    if as_written:
        raise InputError(as_written)
    problems = list(_cross_checks(brief, smap))
    if problems:
        raise InputError(problems)
    warnings += _link_warnings(brief, smap)
    warnings += agenda_warnings(brief, smap)
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
                                                 f"{readable}; the file says {as_yaml(version)}")])


def _tags_as_written(data: dict[str, Any], smap: SourceMap) -> Iterator[Problem]:
    """Yield a problem when the `language:` tag as written is not ASCII.

    The loader gives text in NFC, which turns the Kelvin sign (U+212A) into 'K': 'Ko' written
    with it would read as Korean. A tag is checked as the file writes it, before that.
    """
    written = smap.value(("language",))
    if written is None or written.tag != "str" or written.text.isascii():
        return
    if not isinstance(data.get("language"), str):
        return
    try:
        tags.match(written.text)
    except tags.LanguageError as exc:
        yield smap.problem(("language",), f"language: {exc}")


def _cross_checks(brief: Brief, smap: SourceMap) -> Iterator[Problem]:
    """Yield problems that span fields: a priority raised by, or a session given by, someone who
    is not a speaker; a session that ends before it starts."""
    names = [s.name for s in brief.speakers]
    for index, priority in enumerate(brief.priorities):
        if priority.raised_by and priority.raised_by not in names:
            loc = ("priorities", index, "raised_by")
            hint = did_you_mean(priority.raised_by, names)
            listed = hint or f" (speakers: {', '.join(names) or 'none listed'})"
            yield smap.problem(loc, f"{dotted(loc)}: '{priority.raised_by}' is not one of the "
                                    f"speakers{listed}")
    yield from agenda_problems(brief, smap)


def _link_warnings(brief: Brief, smap: SourceMap) -> Iterator[Problem]:
    """Yield a warning at each link whose host looks like another (letters of mixed scripts)."""
    entries = [("hosts", i, p.url) for i, p in enumerate(brief.hosts)]
    entries += [("organizers", i, p.url) for i, p in enumerate(brief.organizers)]
    entries += [("sponsors", i, p.url) for i, p in enumerate(brief.sponsors)]
    entries += [("sources", i, s.url) for i, s in enumerate(brief.sources)]
    for field, index, url in entries:
        warning = lookalike_host(url) if url else None
        if warning:
            loc = (field, index, "url")
            yield smap.problem(loc, f"{dotted(loc)}: {warning}", "warning")
