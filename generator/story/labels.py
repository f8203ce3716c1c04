"""The words of the story: briefgen's own labels, and the brief's language for dates and lists."""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from generator.words import keys, tags
from generator.words.fields import fill, literal

# Every word briefgen writes itself, by label key, in English (generator/words/keys.py says
# where each appears). `{name}` fields are filled by Labels.text(), which only substitutes
# (words/fields.py: no conversion, format or look-up, whoever wrote the label). The story carries
# them in the brief's language; backends never write an English word of their own.
ENGLISH_LABELS: dict[str, str] = keys.english()


@dataclass(frozen=True)
class Labels:
    """Words of briefgen's own for backends to use, keyed as in ENGLISH_LABELS."""

    entries: tuple[tuple[str, str], ...] = tuple(ENGLISH_LABELS.items())
    # Counted labels ('and {count} more'): each plural form, and gettext's rule choosing one.
    plurals: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
        (key, (label.english, label.plural)) for key, label in keys.LABELS.items() if label.plural)
    plural_rule: str = "n != 1"

    def text(self, key: str, **fields: str) -> str:
        """Return the label `key` with its `{field}`s filled in; unknown keys are a bug."""
        return fill(self.text_of(key), fields)

    def count(self, key: str, count: int, **fields: str) -> str:
        """Return the counted label `key` in the plural form for `count`: 'and 3 more'."""
        forms = dict(self.plurals).get(key)
        if not forms:
            return self.text(key, count=str(count), **fields)
        form = min(gettext.c2py(self.plural_rule)(count), len(forms) - 1)
        return fill(forms[form], {"count": str(count), **fields})

    def own_words(self, key: str) -> str:
        """Return what the label `key` writes of its own, every plural form, without its fields
        (the fields are the brief's texts, checked where they are written)."""
        forms = dict(self.plurals).get(key) or (self.text_of(key),)
        return " ".join(literal(form) for form in forms)

    def text_of(self, key: str) -> str:
        """Return the label `key` as written, its `{fields}` unfilled."""
        template = dict(self.entries).get(key, ENGLISH_LABELS.get(key))
        if template is None:
            raise KeyError(f"no label '{key}'")
        return template

    def part_titles(self, title: str, count: int) -> list[str]:
        """Return unique titles for `count` slides or pages of one section: 'Speakers (2 of 3)'."""
        if count <= 1:
            return [title] * count
        return [self.text("part-title", title=title, n=str(n), count=str(count))
                for n in range(1, count + 1)]


@dataclass(frozen=True)
class Voice:
    """The brief's language as the story writes it: our words, its dates and its lists."""

    labels: Labels = field(default_factory=Labels)
    match: tags.Match = tags.Match("en", "en")

    def date(self, day: dt.date | None) -> str:
        """Return `day` as a cover in this language writes it, or '' when it is unknown."""
        from generator.words.formats import long_date

        return long_date(day, self.match) if day else ""

    def names(self, items: Sequence[str]) -> str:
        """Return names joined as one list in this language: 'A; B', 'A、B和C'."""
        from generator.words.formats import names

        return names(items, self.match)

    def comma(self, *parts: str | None) -> str:
        """Return the parts that are given as one line: 'Publisher, accessed 20 May 2024'."""
        given = [part for part in parts if part]
        line = given[0] if given else ""
        for part in given[1:]:
            line = self.labels.text("comma", first=line, second=part)
        return line


def voice_for(language: str = "en", *overrides: Mapping[str, str]) -> Voice:
    """Return the voice of a (checked) BCP 47 tag, each mapping of `overrides` winning over
    the catalogue and the ones before it (a theme's labels, then a brief's)."""
    from generator.words.catalogue import load

    match = tags.match(language)
    catalogue = load(match.catalogue)
    texts = dict(catalogue.texts)
    plurals = dict(catalogue.plurals)
    for mapping in overrides:
        texts.update(mapping)
        plurals.update({key: (text,) for key, text in mapping.items() if key in plurals})
    labels = Labels(tuple(texts.items()), tuple(plurals.items()), catalogue.plural_rule)
    return Voice(labels, match)


def part_titles(title: str, count: int, labels: Labels | None = None) -> list[str]:
    """Return unique titles for `count` slides or pages of one section: 'Speakers (2 of 3)',
    in the words of `labels` (pass the story's)."""
    return (labels or Labels()).part_titles(title, count)


def role_line(title: str | None, organization: str | None, labels: Labels | None = None) -> str:
    """Return 'Deputy director, China Film Administration' from the parts that are given."""
    if title and organization:
        return (labels or Labels()).text("role", title=title, organization=organization)
    return title or organization or ""


# ISO 15924 scripts that write Han characters: a catalogue written in one is a CJK region's.
_HAN_SCRIPTS = frozenset({"Hani", "Hans", "Hant", "Jpan", "Kore"})


def cjk_region(match: tags.Match) -> str:
    """Return the CJK region of a matched language: its catalogue ('zh-Hans', 'zh-Hant', 'ja',
    'ko') when that is written with Han characters, else ''."""
    return match.catalogue if _HAN_SCRIPTS & set(tags.CATALOGUES[match.catalogue]) else ""


