"""Text hygiene: which code points may reach a document, and what the harmless ones become.

Also which text shows nothing (blank), which letters' scripts are mixed as look-alikes are, and
the wording shared by messages: the "did you mean" hint for a misspelt name.
"""

from __future__ import annotations

import difflib
import encodings.idna
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote, urlsplit, urlunsplit

# Whitespace with an obvious meaning is translated: a tab is a space, a carriage return (alone
# or before a line feed) ends a line, as does an escaped line or paragraph separator. Every
# other control character is refused, raw or escaped, so that nothing changes silently.
_TRANSLATE = {
    "\t": " ",
    "\r\n": "\n",
    "\r": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}

# Controls that text pasted from word processors holds where a break was meant (Word writes a
# vertical tab for Shift+Enter and a form feed for a page break): named, with what to write.
_BREAK_CONTROLS = {"\v": "vertical tab", "\f": "form feed", "\x85": "next line"}

# Letters and symbols that draw nothing yet are neither whitespace nor format characters, so
# text made of them looks filled to a program and empty to a reader: the Hangul fillers, the
# braille blank, the combining grapheme joiner and the Khmer inherent vowels.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5")
_VARIATION_SELECTORS = ((0x180B, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))

# Invisible characters some scripts need inside a word (Persian, the Indic scripts, emoji): a
# key may hold them between two visible characters, as words do.
_JOINERS = frozenset("\u200c\u200d")


class TextProblem(ValueError):
    """A code point that cannot go into a document; its text is the whole message."""


def bad_char_reason(ch: str) -> str | None:
    """Return why `ch` may not appear in a document, or None when it may."""
    cp = ord(ch)
    if ch in _BREAK_CONTROLS:
        return f"control character U+{cp:04X} ({_BREAK_CONTROLS[ch]})"
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return f"control character U+{cp:04X}"
    if 0xD800 <= cp <= 0xDFFF:
        return f"lone surrogate U+{cp:04X}"
    if (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF:
        return f"non-character U+{cp:04X}"
    return None


def bad_char_message(ch: str) -> str | None:
    """Return the message for a refused `ch` (why, then what to do), or None when it may appear."""
    reason = bad_char_reason(ch)
    if reason is None:
        return None
    if ch in _BREAK_CONTROLS:
        return f"{reason}; replace it with a line break or a space"
    return f"{reason}; remove it"


def first_bad_char(text: str, allow: str = "") -> tuple[int, str]:
    """Return the index of the first refused code point in `text` and its message, or (-1, '')."""
    for index, ch in enumerate(text):
        if ch in allow:
            continue
        message = bad_char_message(ch)
        if message:
            return index, message
    return -1, ""


def is_invisible(ch: str) -> bool:
    """Return whether `ch` shows nothing on its own: whitespace, a format character or a filler."""
    if ch.isspace() or ch in _BLANK_GLYPHS or unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp"):
        return True
    cp = ord(ch)
    return any(low <= cp <= high for low, high in _VARIATION_SELECTORS)


def is_blank(text: str) -> bool:
    """Return whether `text` shows nothing: it is empty or only invisible characters."""
    return all(is_invisible(ch) for ch in text)


def blank_if_invisible(value: object) -> object:
    """Return "" for text that shows nothing but is not empty; any other value unchanged.

    For validators: text of zero-width, no-break or filler characters is then told as blank.
    """
    return "" if isinstance(value, str) and value and is_blank(value) else value


def first_invisible_in_key(key: str) -> int:
    """Return the index of the first invisible character a key may not hold, or -1.

    A key may hold plain spaces, and a joiner between two visible characters.
    """
    if key.isascii() and key.isprintable():  # nearly every key: only a plain space is invisible
        return -1
    for index, ch in enumerate(key):
        if ch == " " or not is_invisible(ch):
            continue
        inside = 0 < index < len(key) - 1
        if ch in _JOINERS and inside and not (is_invisible(key[index - 1]) or
                                              is_invisible(key[index + 1])):
            continue
        return index
    return -1


def describe_char(ch: str) -> str:
    """Return a code point as messages name it: 'U+200B (zero width space)'."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} ({name.lower()})" if name else f"U+{ord(ch):04X}"


# Scripts written together within one word (the "highly restrictive" sets of Unicode TS 39:
# Japanese, Chinese with Bopomofo, Korean, each with Latin). Any other mix in one name is how a
# look-alike is made: 'pаypal' with a Cyrillic 'а'.
_SCRIPTS_WRITTEN_TOGETHER = (
    frozenset({"Latin", "Han", "Hiragana", "Katakana"}),
    frozenset({"Latin", "Han", "Bopomofo"}),
    frozenset({"Latin", "Han", "Hangul"}),
)
_NAME_PREFIXES = ("FULLWIDTH", "HALFWIDTH")  # 'FULLWIDTH LATIN ...' is Latin
_NO_SCRIPT = ("MODIFIER", "KATAKANA-HIRAGANA", "")  # shared by several scripts, or unnamed


def letter_script(ch: str) -> str | None:
    """Return the script of a letter ('Latin', 'Cyrillic', 'Han'), or None for anything else.

    Python has no script property; the first word of a letter's Unicode name serves.
    """
    if not unicodedata.category(ch).startswith("L"):
        return None
    words = unicodedata.name(ch, "").split(" ")
    word = words[1] if words[0] in _NAME_PREFIXES and len(words) > 1 else words[0]
    if word in _NO_SCRIPT:
        return None
    return "Han" if word in ("CJK", "IDEOGRAPHIC") else word.capitalize()


def mixed_scripts(word: str) -> list[str]:
    """Return the scripts of `word`'s letters, in order, when no writing system mixes them so."""
    scripts = list(dict.fromkeys(s for s in map(letter_script, word) if s))
    if len(scripts) < 2 or any(set(scripts) <= together for together in _SCRIPTS_WRITTEN_TOGETHER):
        return []
    return scripts


def clean_text(value: str) -> str:
    """Return `value` in NFC with tabs and line ends translated; raise TextProblem on a control."""
    if value.isascii() and value.isprintable():
        return value
    for old, new in _TRANSLATE.items():
        value = value.replace(old, new)
    index, message = first_bad_char(value, allow="\n")
    if index >= 0:
        raise TextProblem(message)
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


# What percent-encoding leaves as it is: an address's own delimiters and escapes.
_ADDRESS_SAFE = "/:?#[]@!$&'()*+,;=%~"


def ascii_address(url: str) -> str:
    """Return `url` as it can be typed on any keyboard: its host in IDNA's ASCII ('xn--...')
    and every other character beyond ASCII percent-encoded; it opens the same page."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    if parts.scheme.lower() == "mailto":
        name, at, host = parts.path.rpartition("@")
        path = quote(name, safe=_ADDRESS_SAFE) + at + _ascii_host(host)
        return urlunsplit((parts.scheme, "", path, quote(parts.query, safe=_ADDRESS_SAFE),
                           quote(parts.fragment, safe=_ADDRESS_SAFE)))
    return urlunsplit((parts.scheme, _ascii_host(parts.netloc),
                       *(quote(piece, safe=_ADDRESS_SAFE)
                         for piece in (parts.path, parts.query, parts.fragment))))


def _ascii_host(host: str) -> str:
    """Return a host (with its port) in ASCII: each label through IDNA, else percent-encoded."""
    name, colon, port = host.rpartition(":") if host.rpartition(":")[2].isdigit() else (host, "", "")
    labels = []
    for label in name.split("."):
        try:
            labels.append(encodings.idna.ToASCII(label).decode("ascii") if label else "")
        except UnicodeError:  # a label IDNA refuses: browsers read its percent-encoded form too
            labels.append(quote(label, safe=""))
    return ".".join(labels) + colon + port
