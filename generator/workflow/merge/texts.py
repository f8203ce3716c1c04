"""One field's text merged three ways: what briefgen wrote (base), the deck's and the brief's.

The texts are cut into words, the spaces between them and single punctuation marks, and each
Han, kana or Hangul character alone (those scripts put no spaces between words), so that two
edits merge when they change different words and conflict when they touch the same ones. The
merge itself is merge3's (the three-way merge of Bazaar and Breezy), on those tokens.
"""

from __future__ import annotations

import re

# One token: a run of spaces; one CJK character; a run of other letters, digits and marks
# (a word, whatever its script); or one other character.
_CJK = ("\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f")
_TOKEN = re.compile(rf"\s+|[{_CJK}]|[^\W{_CJK}]+|.", re.DOTALL)


def tokens(text: str) -> list[str]:
    """Return `text` cut into the tokens a merge compares; joined, they give `text` back."""
    return _TOKEN.findall(text)


def merge_texts(base: str, deck: str, brief: str) -> str | None:
    """Return the deck's and the brief's edits of `base` merged, or None when they touch."""
    if deck in (brief, base):
        return brief
    if brief == base:
        return deck
    from merge3 import Merge3

    merged: list[str] = []
    for group in Merge3(tokens(base), tokens(deck), tokens(brief)).merge_groups():
        if group[0] == "conflict":
            return None
        merged.extend(group[-1])
    return "".join(merged)
