"""The message catalogues: each language's words read from its compiled gettext `.mo` file.

The standard library's gettext reads them, so a build needs no Babel for words (Babel compiles
the `.po` files and formats dates and lists). Each message's context is its label key and its
msgid the English text, so translators see both.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.words.keys import LABELS

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "briefgen"
# Plural rules send every count below this to some form: enough to find each form's text.
_PLURAL_PROBE = 200


@dataclass(frozen=True)
class Catalogue:
    """One language's labels: plain texts by key, every plural form of counted ones, the rule."""

    language: str
    texts: Mapping[str, str]
    plurals: Mapping[str, tuple[str, ...]]
    plural_rule: str  # gettext's C expression of n, as in the catalogue's Plural-Forms


def po_path(language: str) -> Path:
    """Return the `.po` file of the catalogue `language` (zh-Hans, fr, ...)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    """Return the compiled `.mo` file of the catalogue `language`."""
    return po_path(language).with_suffix(".mo")


def shipped() -> list[str]:
    """Return the catalogues that ship, by folder name."""
    return sorted(p.name for p in LOCALE_DIR.iterdir() if mo_path(p.name).exists())


@cache
def load(language: str) -> Catalogue:
    """Return the catalogue `language`; a message it lacks reads in English."""
    with mo_path(language).open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    rule = _plural_rule(translations.info().get("plural-forms", ""))
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for key, label in LABELS.items():
        if label.plural:
            plurals[key] = _forms(translations, key, label.english, label.plural, rule)
            texts[key] = plurals[key][-1]
        else:
            texts[key] = translations.pgettext(key, label.english)
    return Catalogue(language, texts, plurals, rule)


def _plural_rule(header: str) -> str:
    """Return the expression of a Plural-Forms header ('nplurals=2; plural=(n != 1);')."""
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name.strip() == "plural":
            return value.strip()
    return "n != 1"


def _forms(translations: gettext.GNUTranslations, key: str, one: str, many: str,
           rule: str) -> tuple[str, ...]:
    """Return the text of each plural form of a counted label, in form order."""
    choose = gettext.c2py(rule)
    first_count: dict[int, int] = {}
    for n in range(_PLURAL_PROBE):
        first_count.setdefault(choose(n), n)
    return tuple(translations.npgettext(key, one, many, first_count[form])
                 for form in sorted(first_count))
