"""Text hygiene: which code points may reach a document, and what the harmless ones become."""

from __future__ import annotations

import unicodedata

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
