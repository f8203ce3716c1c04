"""Which catalogue a brief's `language:` tag reads: BCP 47 checked and matched without Babel.

`briefgen validate` checks the tag on every run, so this stays a small table and one regular
expression: Babel (about 40 ms to import and load a locale) is for builds that format a date.

The rule: a script subtag chooses between catalogues of one language (zh-Hans, zh-Hant) and must
be a script the catalogue is written in; without one, Chinese goes by region (TW, HK and MO
read Traditional, every other region Simplified); any other region or variant falls back to the
language's own catalogue (en-GB -> en, fr-CA -> fr, es-419 -> es).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Catalogue tag -> the scripts a tag may name and still read it.
CATALOGUES: dict[str, tuple[str, ...]] = {
    "ar": ("Arab",),
    "de": ("Latn",),
    "en": ("Latn",),
    "es": ("Latn",),
    "fa": ("Arab",),
    "fr": ("Latn",),
    "he": ("Hebr",),
    "ja": ("Jpan", "Hani", "Hira", "Kana"),
    "ko": ("Kore", "Hang"),
    "zh-Hans": ("Hans",),
    "zh-Hant": ("Hant",),
}
SUPPORTED = tuple(CATALOGUES)
_TRADITIONAL_REGIONS = ("TW", "HK", "MO")
_REGIONS = ", each with or without a region (en-GB, zh-CN, fr-CA)"

# RFC 5646 section 2.1 'langtag' (grandfathered tags are not accepted: none has words here).
# ASCII only: without re.ASCII, IGNORECASE lets the Kelvin sign match 'k' and \d matches
# Arabic-Indic digits, and such a tag would pass here yet mean nothing to any reader of it.
_LANGTAG = re.compile(
    r"(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)"
    r"(?P<extensions>(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*)"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?",
    re.IGNORECASE | re.ASCII,
)
# What people write when they mean a tag: a language's English or own name.
_NAMES = {
    "english": "en", "chinese": "zh-Hans", "中文": "zh-Hans", "简体中文": "zh-Hans",
    "繁體中文": "zh-Hant", "japanese": "ja", "日本語": "ja", "korean": "ko", "한국어": "ko",
    "french": "fr", "français": "fr", "german": "de", "deutsch": "de", "spanish": "es",
    "español": "es", "arabic": "ar", "العربية": "ar", "hebrew": "he", "ivrit": "he",
    "עברית": "he", "persian": "fa", "farsi": "fa", "فارسی": "fa",
}
# Withdrawn language codes still in use, read as the language they became (RFC 5646 section
# 2.2.1): Java and old Android write Hebrew as 'iw'; the tag itself is kept as written.
_WITHDRAWN = {"iw": "he"}


class LanguageError(ValueError):
    """A `language:` tag that is not well formed, or has no catalogue to fall back to."""


@dataclass(frozen=True)
class Match:
    """A brief's tag, written in canonical case, and the catalogue it reads."""

    tag: str
    catalogue: str
    region: str = ""


def supported_list() -> str:
    """Return the supported tags as a message lists them."""
    return ", ".join(SUPPORTED)


def canonical(tag: str) -> str:
    """Return a well-formed tag in BCP 47's usual case: 'ZH-hant-tw' -> 'zh-Hant-TW'."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    singleton = False
    for part in parts[1:]:
        singleton = singleton or len(part) == 1
        if singleton:
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2:
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def match(tag: str) -> Match:
    """Return the catalogue `tag` reads; raise LanguageError saying why there is none."""
    written = tag.strip()
    found = _LANGTAG.fullmatch(written)
    if found is None:
        raise LanguageError(_not_a_tag(written))
    language = found["language"].lower().split("-")
    script = (found["script"] or "").title()
    region = (found["region"] or "").upper()
    # an extended language subtag ('zh-yue') is the language itself (RFC 5646 section 2.2.2)
    primary = _WITHDRAWN.get(language[-1], language[-1])
    catalogue = _catalogue(primary, script, region)
    if catalogue is None:
        raise LanguageError(f"briefgen has no words for '{written}'{_name_hint(written)}; "
                            f"supported: {supported_list()}{_REGIONS}")
    return Match(canonical(written), catalogue, region)


def _catalogue(language: str, script: str, region: str) -> str | None:
    """Return the catalogue for a language, script and region, or None when none fits."""
    if language == "zh":
        if not script:
            script = "Hant" if region in _TRADITIONAL_REGIONS else "Hans"
        name = f"zh-{script}"
        return name if name in CATALOGUES else None
    if language not in CATALOGUES:
        return None
    return language if not script or script in CATALOGUES[language] else None


def _not_a_tag(written: str) -> str:
    """Return why `written` is not a BCP 47 tag, with the likeliest fix."""
    hint = _name_hint(written)
    if not hint and not written.isascii():
        other = next(ch for ch in written if not ch.isascii())
        hint = (f" (U+{ord(other):04X} {unicodedata.name(other, 'unnamed').lower()} is not "
                "ASCII: a tag is ASCII letters, digits and hyphens)")
    if not hint and "_" in written:
        fixed = written.replace("_", "-")
        if _LANGTAG.fullmatch(fixed):
            hint = f" (write it with hyphens: '{canonical(fixed)}')"
    return f"'{written}' is not a BCP 47 language tag{hint}; supported: {supported_list()}{_REGIONS}"


def _name_hint(written: str) -> str:
    """Return " (did you mean 'fr'?)" when `written` is a language's name."""
    meant = _NAMES.get(written.strip().lower())
    return f" (did you mean '{meant}'?)" if meant else ""
