"""PyYAML's syntax errors in the words of a brief's author, placed where the fix goes.

A quote left open is closed by the next quote in the file, and YAML complains only there, lines
later; a quote that closes a text too early makes YAML complain about what follows. Both are
told at the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml
from yaml.error import Mark
from yaml.tokens import ScalarToken

from generator.errors import InputError, Problem

if TYPE_CHECKING:
    # libyaml's marks, which the stubs let events carry; the module exists only with libyaml
    from yaml._yaml import Mark as CMark


def line_col(text: str, index: int) -> tuple[int, int]:
    """Return the 1-based line and column of `text[index]`."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1



def problem_at(shown: str, mark: Mark | CMark | None, message: str) -> InputError:
    """Return an InputError holding `message` at `mark` (at no place when there is none)."""
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return InputError([Problem(shown, line, col, message)])


def syntax_error(shown: str, text: str, exc: yaml.MarkedYAMLError) -> InputError:
    """Return PyYAML's complaint as a located error, placed at the quote that caused it if one did.

    A quote left open is closed by the next quote in the file, and YAML complains only there,
    lines later: the place to fix is where the quoted text began.
    """
    if _unclosed_quote(exc):
        return problem_at(shown, exc.context_mark, _yaml_message(exc))
    noticed = exc.problem_mark
    found = _quote_trouble(text, noticed) if noticed else None
    if found is None:
        return problem_at(shown, noticed, _yaml_message(exc))
    index, message = found
    line, col = line_col(text, index)
    return InputError([Problem(shown, line, col, message)])


# A line inside quoted text that reads like the start of a mapping entry: '  summary: S'.
_KEY_LINE = re.compile(r" *(?:- +)?(\w[\w .-]*?) *:(?: |$)")


@dataclass(frozen=True)
class _Quoted:
    """A quoted text as YAML read it: from its opening quote to its end, and whether it closed."""

    start: int
    end: int
    quote: str
    closed: bool = True


def _quoted_texts(text: str, noticed: Mark | CMark) -> list[_Quoted]:
    """Return the quoted texts YAML read before its complaint at `noticed`, in order; one it was
    still reading when it failed runs to the failure."""
    found = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= noticed.index:
                break
            if isinstance(token, ScalarToken) and token.style in ("'", '"'):
                found.append(_Quoted(token.start_mark.index, token.end_mark.index, token.style))
    except yaml.MarkedYAMLError as exc:
        inside = exc.context_mark
        if inside is not None and inside.index < noticed.index and "quoted" in (exc.context or ""):
            found.append(_Quoted(inside.index, noticed.index, text[inside.index], closed=False))
    return found


def _quote_trouble(text: str, noticed: Mark | CMark) -> tuple[int, str] | None:
    """Return where a quoted text caused the complaint at `noticed`, and what to say, or None."""
    where = f"{noticed.line + 1}:{noticed.column + 1}"
    for quoted in _quoted_texts(text, noticed):
        swallowed = _swallowed_key(text, quoted.start, quoted.end)
        if swallowed:
            line, key = swallowed
            return quoted.start, (f"the quote opened here is not closed on its line, so '{key}:' "
                                  f"on line {line} became part of the text; add the closing "
                                  f"quote (YAML noticed at {where})")
        one_line = "\n" not in text[quoted.start : quoted.end]
        if quoted.closed and one_line and not text[quoted.end : noticed.index].strip(" "):
            return quoted.end - 1, _closed_early(quoted.quote)
    return None


def _swallowed_key(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Return (line, key) of the first line in `text[start:end]` after its first that reads
    like a `key:` entry, or None."""
    first_line = text.count("\n", 0, start) + 1
    for offset, line in enumerate(text[start:end].split("\n")[1:], start=1):
        match = _KEY_LINE.match(line)
        if match:
            return first_line + offset, match.group(1)
    return None


def _closed_early(quote: str) -> str:
    """Return what to say when a quote closes a text but the line goes on after it."""
    if quote == "'":
        return ("the quoted text ends at this quote, but the line goes on; inside '...' write a "
                "quote twice (It''s), or put the text in double quotes")
    return ('the quoted text ends at this quote, but the line goes on; inside "..." write a '
            'quote as \\", or put the text in single quotes')


def _unclosed_quote(exc: yaml.MarkedYAMLError) -> bool:
    """Return whether PyYAML's error is a quoted text that runs to the end of the file."""
    return bool(exc.context and "quoted" in exc.context and exc.context_mark is not None
                and "end of stream" in (exc.problem or ""))


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    """Return PyYAML's error in the words of a brief's author."""
    problem = exc.problem or "not valid YAML"
    if "expected a single document" in (exc.context or "") or "single document" in problem:
        return "a brief holds one YAML document; remove the second '---'"
    if "'\\t'" in problem:
        return "a tab where YAML needs spaces; indent with spaces"
    if _unclosed_quote(exc):
        return "a quoted text is never closed; add the closing quote"
    context = f" ({exc.context})" if exc.context else ""
    return f"not valid YAML: {problem}{context}"
