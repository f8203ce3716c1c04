"""Text hygiene: which code points may reach a document, and what the harmless ones become.

Also the wording shared by messages: the "did you mean" hint for a misspelt name.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

# Whitespace controls that have an obvious meaning are translated, not refused.
_TRANSLATE = {
    "\t": " ",
    "\r\n": "\n",
    "\r": "\n",
    "\v": "\n",
    "\f": "\n",
    "\x85": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}


class TextProblem(ValueError):
    """A code point that cannot go into a document."""


def bad_char_reason(ch: str) -> str | None:
    """Return why `ch` may not appear in a document, or None when it may."""
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return f"control character U+{cp:04X}"
    if 0xD800 <= cp <= 0xDFFF:
        return f"lone surrogate U+{cp:04X}"
    if (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF:
        return f"non-character U+{cp:04X}"
    return None


def first_bad_char(text: str, allow: str = "") -> tuple[int, str]:
    """Return the index of the first refused code point in `text` and why, or (-1, '')."""
    for index, ch in enumerate(text):
        if ch in allow:
            continue
        reason = bad_char_reason(ch)
        if reason:
            return index, reason
    return -1, ""


def clean_text(value: str) -> str:
    """Return `value` in NFC with whitespace controls translated; raise TextProblem on others."""
    if value.isascii() and value.isprintable():
        return value
    for old, new in _TRANSLATE.items():
        value = value.replace(old, new)
    index, reason = first_bad_char(value, allow="\n")
    if index >= 0:
        raise TextProblem(reason)
    return unicodedata.normalize("NFC", value)


def initials(name: str) -> str:
    """Return up to two initials for a badge: 'Lu Liang' -> 'LL', '张伟' -> '张'."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    first = words[0][0]
    if unicodedata.east_asian_width(first) in ("W", "F"):
        return first
    letters = first + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def closest(word: str, choices: Iterable[str], *, any_case: bool = True) -> str | None:
    """Return the choice `word` was most likely meant to be, or None when none is close enough.

    Close means a difflib ratio of 0.6 or more; failing that, with `any_case`, the same letters
    in another case ('SPEAKERS' for 'speakers', which difflib scores low).
    """
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return close[0]
    if not any_case:
        return None
    lower = {option.lower(): option for option in options}
    return lower.get(word.lower())


def did_you_mean(word: str, choices: Iterable[str], *, any_case: bool = True) -> str:
    """Return "; did you mean 'x'?" naming the choice closest to `word`, or "" when none is."""
    close = closest(word, choices, any_case=any_case)
    return f"; did you mean '{close}'?" if close else ""
