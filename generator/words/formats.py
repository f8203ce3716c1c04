"""Dates and lists as a reader of the brief's language writes them, through Babel (CLDR).

Babel is imported inside the functions that need it, only when there is a date or a list of
several names to write: `briefgen validate`, `--help` and briefs without either never load it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from generator.words.tags import Match

# The locale whose conventions a catalogue follows when the tag names no region. English is
# British, as briefgen's English always was: '17 May 2024', 'Organised by'.
_DEFAULT_LOCALES = {"en": "en_GB", "zh-Hans": "zh_Hans_CN", "zh-Hant": "zh_Hant_TW"}
# English joins names with semicolons, as briefgen always did: organisations' names hold 'and'
# and commas ('China Research Institute of Film Science and Technology'), so 'A, B and C'
# could be misread. Other languages join with their own list pattern ('A、B和C', 'A, B et C').
_SEPARATORS = {"en": "; "}
# Hebrew joins the last name with the prefix 'ו' ('and') written onto it; before a word that
# does not start with a Hebrew letter (a Latin name, a digit) the prefix takes a hyphen, as
# the Academy of the Hebrew Language writes it: 'א, ב וג' but 'א, ב ו-BBC'.
_PREFIX_HYPHEN = {"he": re.compile(r"[^\u05d0-\u05ea]")}


def babel_locale(match: Match) -> str:
    """Return the Babel locale for a matched tag: its own when it names a region Babel knows
    ('en-US' -> en_US, 'zh-HK' -> zh_Hant_HK), else its catalogue's default."""
    fallback = _DEFAULT_LOCALES.get(match.catalogue, match.catalogue.replace("-", "_"))
    if not match.region:
        return fallback
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(match.tag, sep="-"))
    except (UnknownLocaleError, ValueError):
        return fallback


def long_date(day: dt.date, match: Match) -> str:
    """Return `day` as a cover writes it: '17 May 2024', '2024年5月17日', '17 mai 2024'."""
    from babel.dates import format_date

    return str(format_date(day, "long", locale=babel_locale(match)))


def names(items: Sequence[str], match: Match) -> str:
    """Return names joined as one list in the reader's language: 'A、B和C', 'A; B; C'."""
    if len(items) <= 1:
        return "".join(items)
    separator = _SEPARATORS.get(match.catalogue)
    if separator is not None:
        return separator.join(items)
    from babel.lists import format_list

    return str(format_list(_prefixed(list(items), match), style="standard",
                           locale=babel_locale(match)))


def _prefixed(items: list[str], match: Match) -> list[str]:
    """Return `items` with a hyphen before the last one where the language's 'and' is a prefix
    that cannot join it directly (Hebrew 'ו-BBC')."""
    needs_hyphen = _PREFIX_HYPHEN.get(match.catalogue)
    if needs_hyphen is not None and needs_hyphen.match(items[-1]):
        items[-1] = "-" + items[-1]
    return items
