"""Quotes are verbatim: every speaker's `quote:` must appear in one of the brief's sources' saved
texts (`sources[].text:`), compared after normalising whitespace, quotation marks, apostrophes,
full-width forms and case. `build` warns at each quote found in none; `check` calls it an error.
A source text that cannot be read is said at its `text:` line: an error for `check`, a warning
for `build` (the text is only checked against, never drawn, so a brief sent without it builds).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError, Problem
from generator.workflow.check.findings import ERROR, WARNING, Finding

if TYPE_CHECKING:
    from generator.brief.load import LoadedBrief
    from generator.paths import AssetPolicy

MAX_SOURCE_BYTES = 5_000_000  # a saved article is tens of kilobytes; a book is not a source
# Marks that stand for the same quotation mark or apostrophe, in every script's typography.
_MARKS = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`\uff07", "'"),
                        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u300c\u300d"
                                        "\u300e\u300f\u301d\u301e\u301f\uff02", '"'),
                        "\u3002": ".", "\u3001": ","})
# Whitespace next to a CJK character: where a line was wrapped, not a space that was written.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


def normalised(text: str) -> str:
    """Return `text` as quotes are compared: compatibility forms folded (full-width letters and
    punctuation), quotation marks and apostrophes alike, whitespace single, no case."""
    folded = unicodedata.normalize("NFKC", text).translate(_MARKS).casefold()
    return _SPACE_BY_CJK.sub("", " ".join(folded.split()))


def quote_problems(loaded: LoadedBrief, policy: AssetPolicy, severity: str = WARNING) -> list[Problem]:
    """Return a problem of `severity` at each source text that cannot be read and at each
    speaker's quote that appears in none of the texts (none when no source has a text)."""
    texts, problems = _source_texts(loaded, policy, severity)
    if not texts:
        return problems
    for index, speaker in enumerate(loaded.brief.speakers):
        if speaker.quote and not any(normalised(speaker.quote) in text for text in texts):
            problems.append(loaded.problem(("speakers", index, "quote"), (
                f"{speaker.name}'s quote is not in the text of any source "
                f"({_listed(loaded)}); quote their words verbatim, or leave the quote out"), severity))
    return problems


def _source_texts(loaded: LoadedBrief, policy: AssetPolicy, severity: str
                  ) -> tuple[list[str], list[Problem]]:
    """Return the sources' saved texts, normalised, and a problem of `severity` for each that
    cannot be read (a build only warns: the text is checked against, never drawn)."""
    unchecked = "" if severity == ERROR else "; the quotes are not checked against it"
    from generator.files import read_text
    from generator.paths import AssetPathError, resolve_asset

    texts: list[str] = []
    problems: list[Problem] = []
    for index, source in enumerate(loaded.brief.sources):
        if not source.text:
            continue
        loc = ("sources", index, "text")
        try:
            path = resolve_asset(source.text, loaded.path.parent, policy, [])
            texts.append(normalised(read_text(path, MAX_SOURCE_BYTES)))
        except AssetPathError as exc:
            shown = str(exc) if str(exc).startswith("'") else f"'{source.text}' {exc}"
            problems.append(loaded.problem(loc, shown + unchecked, severity))
        except InputError as exc:
            why = exc.problems[0].message if exc.problems else "cannot be read"
            problems.append(loaded.problem(loc, f"'{source.text}': {why}{unchecked}", severity))
    return texts, problems


def source_text_files(loaded: LoadedBrief, policy: AssetPolicy) -> list[Path]:
    """Return the sources' saved text files that the brief may read, for watching."""
    from generator.paths import AssetPathError, resolve_asset

    found = []
    for source in loaded.brief.sources:
        try:
            found.append(resolve_asset(source.text, loaded.path.parent, policy, []) if source.text
                         else None)
        except AssetPathError:
            continue
    return [path for path in found if path is not None]


def _listed(loaded: LoadedBrief) -> str:
    """Return the files of the sources that have a text, for the message."""
    return ", ".join(s.text for s in loaded.brief.sources if s.text)


def check_brief(path: Path, root: Path | None = None) -> list[Finding]:
    """Return `briefgen check`'s findings for a brief: its loading problems, source texts that
    cannot be read, and each quote in none of its sources' texts (errors)."""
    from generator import strict_yaml
    from generator.brief.load import validate_data
    from generator.errors import display_path
    from generator.files import read_text
    from generator.paths import AssetPolicy

    policy = AssetPolicy((root or Path.cwd()).resolve())
    try:
        loaded = validate_data(*strict_yaml.parse(read_text(path), path))
    except InputError as exc:
        return [_finding(p, "brief") for p in exc.problems]
    found = [_finding(p, "source-text" if p.message.startswith("sources[") else "quote")
             for p in quote_problems(loaded, policy, ERROR)]
    if not any(s.text for s in loaded.brief.sources) and any(s.quote for s in loaded.brief.speakers):
        found.append(Finding(display_path(path), 0, "", "quote", WARNING,
                             "no source has its saved text (sources[].text), so quotes are not checked"))
    return found


def _finding(problem: Problem, rule: str) -> Finding:
    """Return a located problem as a finding."""
    return Finding(problem.path, 0, "", rule, problem.severity, problem.message, problem.line, problem.col)
