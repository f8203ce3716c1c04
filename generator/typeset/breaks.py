"""Where a line may break: spaces for plain Latin text, Unicode's line-breaking rules (UAX #14) else.

Readers of Chinese and Japanese expect no line to start with closing punctuation (`。，）」`,
small kana, the prolonged sound mark) or end with an opening bracket, and Latin words inside
such text to stay whole. Those rules come from uniseg, a kept implementation of UAX #14, not
from a table of our own. It is slow (tens of microseconds a character), so texts are segmented
once each, and plain Latin text, which breaks only at spaces, never reaches it.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Latin, Greek, Cyrillic and Armenian, with general punctuation and symbols: scripts whose lines
# break at spaces, as the plain wrap does. Anything else (Hebrew on, CJK, Thai) takes the rules.
_SIMPLE = re.compile(r"[^\u0590-\u1dff\u2e80-\U0010ffff]*")


def simple(text: str) -> bool:
    """Return whether `text` breaks only at spaces, so the plain (fast) wrap is right for it."""
    return _SIMPLE.fullmatch(text) is not None


_WORDS = re.compile(r"\S+\s*|\s+")


@lru_cache(maxsize=8192)
def units(text: str) -> tuple[str, ...]:
    """Return `text` cut at every line-break opportunity; each unit keeps its trailing spaces.

    A line may break after a space, so each space-separated word is segmented on its own, and
    plain Latin words (most of a mixed text) are taken whole without asking uniseg.
    """
    out: list[str] = []
    for word in _WORDS.findall(text):
        out.extend((word,) if simple(word) else _rules(word))
    return tuple(out)


@lru_cache(maxsize=8192)
def _rules(word: str) -> tuple[str, ...]:
    """Return uniseg's UAX #14 units of one word (with its trailing spaces).

    A Chinese or Japanese sentence is one 'word' of hundreds of characters, and uniseg's pair
    table costs tens of microseconds a character. Between two ideographs (class ID) UAX #14
    always allows a break, so the word is first cut there, by uniseg's own classes, and the
    full rules run only on the short pieces between: the same units, several times faster.
    """
    from uniseg.linebreak import line_break_units  # type: ignore[import-untyped, unused-ignore]

    return tuple(unit for piece in _between_ideographs(word) for unit in line_break_units(piece))


def _between_ideographs(word: str) -> list[str]:
    """Return `word` cut wherever an ideograph follows an ideograph (UAX #14 class ID)."""
    from uniseg.linebreak import line_break  # type: ignore[import-untyped, unused-ignore]

    pieces: list[str] = []
    start = 0
    previous = ""
    for index, ch in enumerate(word):
        kind = str(line_break(ch))
        if index and kind == "ID" and previous == "ID":
            pieces.append(word[start:index])
            start = index
        previous = kind
    pieces.append(word[start:])
    return pieces


# UAX #14 classes that may not start a line (closers, stops, small kana) or end one (openers).
_NO_START = {"CL", "CP", "EX", "IS", "NS", "CJ"}
_NO_END = {"OP"}


@lru_cache(maxsize=8192)
def clusters(text: str) -> tuple[str, ...]:
    """Return the pieces a too-long unit may be cut into when nothing better is left.

    Each is a grapheme cluster (a letter with its marks), joined to its neighbour where cutting
    would start a line with a closer or end one with an opener.
    """
    if text.isascii():
        return tuple(text)
    from uniseg.graphemecluster import grapheme_clusters  # type: ignore[import-untyped, unused-ignore]
    from uniseg.linebreak import line_break  # type: ignore[import-untyped, unused-ignore]

    out: list[str] = []
    glue = False
    for cluster in grapheme_clusters(text):
        kind = str(line_break(cluster[0]))
        if out and (glue or kind in _NO_START):
            out[-1] += cluster
        else:
            out.append(cluster)
        glue = kind in _NO_END
    return tuple(out)


@lru_cache(maxsize=8192)
def at_spaces_only(text: str) -> bool:
    """Return whether the rules let `text` break only after spaces, as a plain space wrap does."""
    return simple(text) or all(unit[-1].isspace() for unit in units(text)[:-1])
