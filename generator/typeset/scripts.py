"""What script a text is in: its direction, its language tag, and Arabic shaping for drawing.

PowerPoint shapes and orders right-to-left text itself; a PDF shows glyphs exactly as drawn, so
the handout draws Arabic in its joined (presentation) forms, in visual order. Shaping is done by
arabic-reshaper and ordering by python-bidi (see typeset/lines.py), never by hand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Scripts whose letters change shape or order by rules a PDF drawn glyph by glyph cannot follow
# without a shaping engine: Syriac, Thaana, N'Ko, the Indic scripts, Tibetan, Myanmar, Khmer,
# Mongolian. Drawn character by character they would be wrong, so the handout refuses them.
_UNSHAPED = re.compile(r"[\u0700-\u074f\u0780-\u07ff\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f"
                       r"\u1780-\u18af\ua8e0-\ua8ff\ua9e0-\ua9ff\uaa60-\uaa7f]")
# The language a run in another script than the brief's is tagged with, by its first letter.
_SCRIPT_LANG = (
    (re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]"), "he-IL"),
    (_ARABIC, "ar-SA"),  # _ARABIC_RUN
    (re.compile(r"[\u0e00-\u0e7f]"), "th-TH"),
    (re.compile(r"[\u0400-\u04ff]"), "ru-RU"),
    (re.compile(r"[\u0370-\u03ff]"), "el-GR"),
)


# Languages written right to left (ISO 639 codes; 'iw' is Hebrew's withdrawn code), and the
# ISO 15924 scripts that are: a script subtag ('az-Arab', 'pa-Arab') decides over the language.
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "lrc",
                            "mzn", "pnb", "ps", "sd", "syr", "ug", "ur", "yi"})
_RTL_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa"})


def rtl_language(tag: str) -> bool:
    """Return whether a document in the BCP 47 language `tag` reads right to left ('ar',
    'he-IL', 'fa-IR', 'ur'; 'az-Arab' too, 'ar-Latn' not): its pages are then mirrored."""
    parts = tag.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():  # a script subtag says how it is written
            return part.title() in _RTL_SCRIPTS
        if len(part) == 1:  # extensions and private use say nothing of the direction
            break
    return parts[0].lower() in _RTL_LANGUAGES


def rtl_text(text: str) -> bool:
    """Return whether `text` holds any right-to-left letters (Hebrew, Arabic)."""
    return _RTL.search(text) is not None


def base_rtl(text: str) -> bool:
    """Return whether a paragraph of `text` reads right to left: its first strong letter is RTL."""
    if not rtl_text(text):
        return False
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def shaped(text: str) -> str:
    """Return `text` with its Arabic letters in their joined forms (still in logical order)."""
    if text.isascii() or _ARABIC.search(text) is None:
        return text
    return _reshape(text)


@lru_cache(maxsize=8192)
def _reshape(text: str) -> str:
    """Return arabic-reshaper's joined forms of `text`, cached (fitting asks many times)."""
    return str(_reshaper().reshape(text))


@lru_cache(maxsize=1)
def _reshaper() -> Any:
    """Return arabic-reshaper's reshaper (imported only when Arabic is drawn), with its
    ligatures of whole words and phrases off: 'الله' as U+FDF2 and the like are glyphs the
    fonts we embed lack, so a name such as 'عبدالله' would print a box. Letter ligatures
    (lam-alef) stay: every Arabic font has them."""
    import arabic_reshaper  # type: ignore[import-untyped, unused-ignore]
    from arabic_reshaper.ligatures import SENTENCES_LIGATURES, WORDS_LIGATURES  # type: ignore[import-untyped, unused-ignore]

    whole_words = {name: False for name, _ in (*SENTENCES_LIGATURES, *WORDS_LIGATURES)}
    return arabic_reshaper.ArabicReshaper(configuration=whole_words)


# Arabic's vowel and other combining marks (harakat, the superscript alef, Quranic marks): the
# shaping deletes them, since the handout cannot place a mark over its letter.
_HARAKAT = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4"
                      r"\u06e7\u06e8\u06ea-\u06ed]")


def dropped_marks(text: str) -> str:
    """Return the combining marks of Arabic script in `text` that shaping leaves out, once each."""
    return "".join(dict.fromkeys(_HARAKAT.findall(text)))


def visual_order(text: str, rtl: bool) -> tuple[list[int], str]:
    """Return the logical indices of one line's characters in visual order, and its mirrored text.

    The levels and their reordering are python-bidi's (its UAX #9 steps, kept per character so
    each glyph keeps its font); `rtl` is the paragraph's direction.
    """
    from bidi import algorithm  # type: ignore[import-untyped, unused-ignore]

    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index  # survives the reordering, which moves these records
    for step in (algorithm.explicit_embed_and_overrides, algorithm.resolve_weak_types,
                 algorithm.resolve_neutral_types, algorithm.resolve_implicit_levels,
                 algorithm.reorder_resolved_levels):
        step(storage, False)
    chars = storage["chars"]
    algorithm.apply_mirroring(storage, False)
    mirrored = [""] * len(text)
    for char in chars:
        mirrored[char["index"]] = char["ch"]
    return [char["index"] for char in chars], "".join(mirrored)


def unshaped(text: str) -> list[str]:
    """Return the characters of `text` in scripts the handout cannot draw correctly, each once."""
    return list(dict.fromkeys(_UNSHAPED.findall(text)))


def run_language(text: str) -> str | None:
    """Return the language tag of a run in a script with a language of its own, else None."""
    if text.isascii():
        return None
    for pattern, tag in _SCRIPT_LANG:
        if pattern.search(text):
            return tag
    return None


def same_script(tag: str, other: str) -> bool:
    """Return whether the language tags `tag` and `other` name the same language, or whether a
    run's Arabic script is the brief's own (Persian, Urdu, ... are written in it: their runs
    are the brief's language, not Arabic)."""
    if tag.split("-")[0].lower() == other.split("-")[0].lower():
        return True
    return tag == _ARABIC_RUN and _written_in_arabic(other)


_ARABIC_RUN = "ar-SA"  # what `run_language` calls a run of Arabic letters
_ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "ckb", "fa", "ks", "lrc", "mzn", "pnb", "ps", "sd",
                                      "ug", "ur"})


def _written_in_arabic(tag: str) -> bool:
    """Return whether the language `tag` is written in Arabic script ('fa-IR', 'az-Arab')."""
    parts = tag.replace("_", "-").split("-")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    if script:
        return script.title() == "Arab"
    return parts[0].lower() in _ARABIC_SCRIPT_LANGUAGES
