"""Every word of ours in the brief's language: catalogues, tags, overrides, dates, lists, documents."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import unicodedata

import pypdf
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from pptx import Presentation

from generator.backends.deck import DeckBackend
from generator.backends.handout import HandoutBackend
from generator.backends.markdown import MarkdownBackend
from generator.cli import main
from generator.paths import AssetPolicy
from generator.story import ENGLISH_LABELS, Labels, voice_for
from generator.words import LABELS, SUPPORTED, LanguageError, match
from generator.words.catalogue import load, po_path, shipped
from generator.words.compile import stale
from generator.words.fields import check
from generator.workflow.prepare import prepare

from .conftest import ROOT, SAMPLE

LANGUAGES = [pytest.param(lang, id=lang) for lang in SUPPORTED]
ZH_SAMPLE = ROOT / "briefs" / "film-tech-symposium.zh-Hans.yaml"


# -- the catalogues ------------------------------------------------------------------------

def test_the_catalogues_shipped_are_the_languages_supported():
    assert shipped() == sorted(SUPPORTED)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_mo_says_what_compiling_its_po_gives(lang):
    assert not stale(lang), f"run: python -m generator.words.compile ({lang} .mo is stale)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_has_every_message_with_only_its_fields(lang):
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle)
    found = {m.context: m for m in catalog if m.id}
    assert set(found) == set(LABELS)
    for key, message in found.items():
        assert not message.fuzzy, key
        assert message.id == (LABELS[key].english if not LABELS[key].plural
                              else (LABELS[key].english, LABELS[key].plural)), key
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{lang}: '{key}' is not translated"
        if LABELS[key].plural:
            assert len(forms) == catalog.num_plurals, key
        for form in forms:  # plain text and the label's own {fields}: nothing str.format adds
            assert check(form, LABELS[key].fields) == form, (lang, key, form)


def test_the_english_catalogue_is_the_english_of_the_code():
    assert load("en").texts == ENGLISH_LABELS


# -- language tags -------------------------------------------------------------------------

TAGS = [
    ("en", "en", "en"), ("EN-gb", "en-GB", "en"), ("en-US", "en-US", "en"),
    ("zh-CN", "zh-CN", "zh-Hans"), ("zh", "zh", "zh-Hans"), ("zh-SG", "zh-SG", "zh-Hans"),
    ("zh-TW", "zh-TW", "zh-Hant"), ("zh-HK", "zh-HK", "zh-Hant"), ("zh-hant", "zh-Hant", "zh-Hant"),
    ("zh-Hans-HK", "zh-Hans-HK", "zh-Hans"), ("fr-CA", "fr-CA", "fr"), ("es-419", "es-419", "es"),
    ("de-CH-1996", "de-CH-1996", "de"), ("ja-JP", "ja-JP", "ja"), ("ko-Kore-KR", "ko-Kore-KR", "ko"),
    ("ar-EG", "ar-EG", "ar"), ("he", "he", "he"), ("he-IL", "he-IL", "he"),
    ("he-Hebr-IL", "he-Hebr-IL", "he"), ("iw", "iw", "he"), ("iw-IL", "iw-IL", "he"),
    ("fa", "fa", "fa"), ("FA-ir", "fa-IR", "fa"), ("fa-Arab-AF", "fa-Arab-AF", "fa"),
]


@pytest.mark.parametrize(("tag", "canonical", "catalogue"), TAGS, ids=[t[0] for t in TAGS])
def test_a_tag_falls_back_to_the_catalogue_of_its_language(tag, canonical, catalogue):
    assert (match(tag).tag, match(tag).catalogue) == (canonical, catalogue)


REFUSED = [
    ("pt-BR", "briefgen has no words for 'pt-BR'"),
    ("zh-Latn", "briefgen has no words for 'zh-Latn'"),
    ("en-Cyrl", "briefgen has no words for 'en-Cyrl'"),
    ("he-Latn", "briefgen has no words for 'he-Latn'"),
    ("fa-Cyrl", "briefgen has no words for 'fa-Cyrl'"),
    # Urdu is not offered: the handout's fonts lack its yeh barree and heh goal (see the README)
    ("ur-PK", "briefgen has no words for 'ur-PK'"),
    ("hebrew", "no words for 'hebrew' (did you mean 'he'?)"),
    ("Farsi", "no words for 'Farsi' (did you mean 'fa'?)"),
    ("persian", "no words for 'persian' (did you mean 'fa'?)"),
    ("עברית", "is not a BCP 47 language tag (did you mean 'he'?)"),
    ("فارسی", "is not a BCP 47 language tag (did you mean 'fa'?)"),
    ("english", "no words for 'english' (did you mean 'en'?)"),
    ("en_GB", "'en_GB' is not a BCP 47 language tag (write it with hyphens: 'en-GB')"),
    ("中文", "is not a BCP 47 language tag (did you mean 'zh-Hans'?)"),
    ("en-", "'en-' is not a BCP 47 language tag"),
    ("ar-\u0664\u0661\u0669", "'ar-\u0664\u0661\u0669' is not a BCP 47 language tag (U+0664 "
     "arabic-indic digit four is not ASCII: a tag is ASCII letters, digits and hyphens)"),
    ("en-\u212a\u212a", "'en-\u212a\u212a' is not a BCP 47 language tag (U+212A kelvin sign is "
     "not ASCII: a tag is ASCII letters, digits and hyphens)"),
    ("e\u017f", "'e\u017f' is not a BCP 47 language tag (U+017F latin small letter long s is "
     "not ASCII: a tag is ASCII letters, digits and hyphens)"),
    ("es-\uff14\uff11\uff19", "'es-\uff14\uff11\uff19' is not a BCP 47 language tag (U+FF14 "
     "fullwidth digit four is not ASCII: a tag is ASCII letters, digits and hyphens)"),
    ("en\u200b", "'en\u200b' is not a BCP 47 language tag (U+200B zero width space is not "
     "ASCII: a tag is ASCII letters, digits and hyphens)"),
]


@pytest.mark.parametrize(("tag", "words"), REFUSED, ids=[t[0] for t in REFUSED])
def test_a_tag_without_words_is_refused_naming_what_is_supported(tag, words):
    with pytest.raises(LanguageError) as caught:
        match(tag)
    assert words in str(caught.value)
    assert "supported: ar, de, en, es, fa, fr, he, ja, ko, zh-Hans, zh-Hant" in str(caught.value)


# -- located mistakes ----------------------------------------------------------------------

SUPPORTED_TAIL = ("supported: ar, de, en, es, fa, fr, he, ja, ko, zh-Hans, zh-Hant, each with or "
                  "without a region (en-GB, zh-CN, fr-CA)")
EVENT = "event:\n  title: T\n  summary: S\n"
MISTAKES = [
    pytest.param("language: pt-BR\n" + EVENT,
                 [f"brief.yaml:1:1: language: briefgen has no words for 'pt-BR'; {SUPPORTED_TAIL}"],
                 id="unknown-language"),
    pytest.param("language: en_GB\n" + EVENT,
                 ["brief.yaml:1:1: language: 'en_GB' is not a BCP 47 language tag (write it with "
                  f"hyphens: 'en-GB'); {SUPPORTED_TAIL}"], id="malformed-language"),
    pytest.param("labels:\n  takeaway: Lessons\n" + EVENT,
                 ["brief.yaml:2:3: labels.takeaway: unknown key 'takeaway'; did you mean "
                  "'takeaways'?"], id="unknown-label"),
    pytest.param("language: ar-\u0664\u0661\u0669\n" + EVENT,
                 ["brief.yaml:1:1: language: 'ar-\u0664\u0661\u0669' is not a BCP 47 language tag "
                  "(U+0664 arabic-indic digit four is not ASCII: a tag is ASCII letters, digits "
                  f"and hyphens); {SUPPORTED_TAIL}"], id="arabic-indic-digits"),
    pytest.param("language: e\u017f\n" + EVENT,
                 ["brief.yaml:1:1: language: 'e\u017f' is not a BCP 47 language tag (U+017F "
                  "latin small letter long s is not ASCII: a tag is ASCII letters, digits and "
                  f"hyphens); {SUPPORTED_TAIL}"], id="long-s-for-es"),
    # The loader gives text in NFC, which makes the Kelvin sign a 'K': the tag is checked as written.
    pytest.param('language: "\u212ao"\n' + EVENT,
                 ["brief.yaml:1:1: language: '\u212ao' is not a BCP 47 language tag (U+212A "
                  "kelvin sign is not ASCII: a tag is ASCII letters, digits and hyphens); "
                  f"{SUPPORTED_TAIL}"], id="kelvin-sign-for-ko"),
    pytest.param(EVENT + 'language: "en-\u212aR"\n',
                 ["brief.yaml:4:1: language: 'en-\u212aR' is not a BCP 47 language tag (U+212A "
                  "kelvin sign is not ASCII: a tag is ASCII letters, digits and hyphens); "
                  f"{SUPPORTED_TAIL}"], id="kelvin-sign-in-region"),
    pytest.param(EVENT + 'language: "\\u212Ao"\n',
                 ["brief.yaml:4:1: language: '\u212ao' is not a BCP 47 language tag (U+212A "
                  "kelvin sign is not ASCII: a tag is ASCII letters, digits and hyphens); "
                  f"{SUPPORTED_TAIL}"], id="kelvin-sign-escaped"),
    pytest.param(EVENT + "language: \u212a\n",
                 ["brief.yaml:4:1: language: '\u212a' is not a BCP 47 language tag (U+212A "
                  "kelvin sign is not ASCII: a tag is ASCII letters, digits and hyphens); "
                  f"{SUPPORTED_TAIL}"], id="kelvin-sign-alone-told-once"),
    pytest.param("labels:\n  raised-by: 'Von {nom}'\n" + EVENT,
                 ["brief.yaml:2:3: labels.raised-by: '{nom}' is not a field of this label; it "
                  "may use {name}"], id="unknown-field"),
]


@pytest.mark.parametrize(("content", "lines"), MISTAKES)
def test_a_language_or_label_mistake_is_one_located_line(in_tmp, content, lines):
    (in_tmp / "brief.yaml").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "brief.yaml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("brief.yaml:")] == lines
    assert "Traceback" not in result.output


def test_a_theme_label_mistake_is_located_in_the_theme(in_tmp):
    (in_tmp / "th").mkdir()
    (in_tmp / "th" / "_brand.yml").write_text(
        "meta:\n  name: t\ndefaults:\n  briefgen:\n    labels:\n      takeaway: X\n"
        "      sources: '{url}'\n")
    (in_tmp / "brief.yaml").write_text("theme: th/_brand.yml\n" + EVENT)
    result = CliRunner().invoke(main, ["validate", "brief.yaml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "th/_brand.yml:6:7: defaults.briefgen.labels.takeaway: unknown key; did you mean "
        "'takeaways'?",
        "th/_brand.yml:7:7: defaults.briefgen.labels.sources: '{url}': this label takes no "
        "{fields}; write plain text"]


# -- overrides, dates and lists ------------------------------------------------------------

def test_brief_labels_win_over_theme_labels_which_win_over_the_catalogue(in_tmp):
    (in_tmp / "_brand.yml").write_text(
        "meta:\n  name: t\ndefaults:\n  briefgen:\n    labels:\n      takeaways: Theme words\n"
        "      sources: Reading\n")
    brief = ("theme: _brand.yml\nlanguage: fr\nlabels:\n  takeaways: Brief words\n"
             "takeaways: [x]\nsources: [{title: y}]\npriorities: [{title: z}]\n" + EVENT)
    (in_tmp / "brief.yaml").write_text(brief)
    story = prepare(in_tmp / "brief.yaml", policy=AssetPolicy(root=in_tmp)).story
    titles = [s.title for s in story.sections]
    assert "Brief words" in titles and "Reading" in titles and "Priorités" in titles


CONVENTIONS = [
    ("en", "12 October 2023", "A; B; C"), ("en-US", "October 12, 2023", "A; B; C"),
    ("zh-Hans", "2023年10月12日", "A、B和C"), ("zh-HK", "2023年10月12日", "A、B及C"),
    ("ja", "2023年10月12日", "A、B、C"), ("ko", "2023년 10월 12일", "A, B 및 C"),
    ("fr", "12 octobre 2023", "A, B et C"), ("de", "12. Oktober 2023", "A, B und C"),
    ("es", "12 de octubre de 2023", "A, B y C"), ("ar", "12 أكتوبر 2023", "A وB وC"),
    # Hebrew's 'and' is a prefix, hyphenated before a Latin letter (see the Hebrew names below)
    ("he", "12 באוקטובר 2023", "A, B ו-C"), ("he-IL", "12 באוקטובר 2023", "A, B ו-C"),
    # Persian: CLDR's list pattern (with its right-to-left mark) and month names; Babel writes
    # dates in Latin digits, which the handout's fonts draw
    ("fa", "12 اکتبر 2023", "A،\u200f B، و C"), ("fa-AF", "12 اکتوبر 2023", "A،\u200f B، و C"),
]


@pytest.mark.parametrize(("tag", "date", "names"), CONVENTIONS, ids=[c[0] for c in CONVENTIONS])
def test_dates_and_lists_follow_the_readers_conventions(tag, date, names):
    voice = voice_for(tag)
    assert voice.date(dt.date(2023, 10, 12)) == date
    assert voice.names(["A", "B", "C"]) == names


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("en", 1, "and 1 more"), ("en", 3, "and 3 more"), ("fr", 1, "et 1 autre"),
    ("fr", 2, "et 2 autres"), ("zh-Hans", 5, "及其他5项"), ("ar", 2, "واثنان آخران")],
    ids=["en-1", "en-3", "fr-1", "fr-2", "zh-5", "ar-2"])
def test_counts_take_the_plural_form_of_their_language(lang, n, text):
    assert voice_for(lang).labels.count("and-more", n) == text


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("he", 1, "ועוד דובר אחד — פרטים במצגת"), ("he", 2, "ועוד שני דוברים — פרטים במצגת"),
    ("he", 3, "ועוד 3 דוברים — פרטים במצגת"), ("he", 11, "ועוד 11 דוברים — פרטים במצגת"),
    ("fa", 1, "و 1 سخنران دیگر — جزئیات در اسلایدها"),
    ("fa", 7, "و 7 سخنران دیگر — جزئیات در اسلایدها"),
    ("en", 2, "and 2 more speakers — see the deck")],
    ids=["he-1", "he-2", "he-3", "he-11", "fa-1", "fa-7", "en-2"])
def test_counted_speakers_read_as_the_language_counts(lang, n, text):
    # Hebrew has a form for one, one for two (the dual) and one for the rest; a Persian noun
    # after a number stays singular, so both its forms read alike
    assert voice_for(lang).labels.count("more-speakers", n) == text


@pytest.mark.parametrize(("items", "joined"), [
    (["לאה", "דן", "חנה"], "לאה, דן וחנה"), (["לאה", "BBC"], "לאה ו-BBC"),
    (["BBC", "2024"], "BBC ו-2024"), (["BBC", "לאה"], "BBC ולאה"), (["לאה"], "לאה")],
    ids=["hebrew", "latin-last", "digit-last", "hebrew-last", "one"])
def test_hebrew_lists_hyphenate_and_only_before_what_is_not_hebrew(items, joined):
    assert voice_for("he").names(items) == joined


def test_persian_words_are_written_with_persian_letters():
    """Persian writes yeh and kaf as U+06CC and U+06A9; the Arabic letters look alike in some
    forms but search, sort and read aloud as another language's."""
    catalogue = load("fa")
    texts = [form for key in LABELS for form in catalogue.plurals.get(key, (catalogue.texts[key],))]
    arabic_only = {"\u064a", "\u0643", "\u0649", "\u0629"}
    assert all(not arabic_only & set(text) for text in texts)
    assert any("\u06cc" in text for text in texts) and any("\u06a9" in text for text in texts)
    assert arabic_only & set("".join(load("ar").texts.values()))  # the check can fail


def test_continued_titles_are_in_the_storys_words():
    assert Labels().part_titles("Speakers", 2) == ["Speakers (1 of 2)", "Speakers (2 of 2)"]
    assert voice_for("zh-Hans").labels.part_titles("发言嘉宾", 2)[1] == "发言嘉宾（2/2）"


def test_validate_and_help_never_import_babel():
    for args in (["validate", str(SAMPLE)], ["--help"]):
        run = subprocess.run([sys.executable, "-X", "importtime", "-m", "generator", *args],
                             capture_output=True, text=True, cwd=ROOT, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "babel" not in run.stderr.lower(), args


# -- the documents, reopened ---------------------------------------------------------------

# Words drawn by files that are not the story's to change yet, with the line that must change.
PENDING: dict[tuple[str, str], str] = {}  # words a backend still writes itself: none
# The labels the sample brief makes each document show (3 speakers: no overview slide; the
# deck's cover credits the hosts with the 'hosted-by' fact, not the 'hosts-line').
SHOWN = {
    "pptx": ("glance", "priorities", "takeaways", "sources", "where", "hosted-by",
             "organized-by", "attended", "raised-by"),
    "pdf": ("speakers", "priorities", "takeaways", "sources", "organized-by", "attended",
            "raised-by", "made-with", "hosts-line", "notes-panel"),
    "md": ("glance", "speakers", "priorities", "takeaways", "sources", "where", "hosted-by",
           "organized-by", "attended", "raised-by", "topic"),
}
FIELDS = {"name": "Zhang Wei", "names": "China Film Administration"}


# Persian's zero-width non-joiner (in 'اولویت‌ها') and marks take no glyph: a PDF has none of them
_INVISIBLE = "[\u200c\u200e\u200f]"
_UNDRAWN = r"\s+|" + _INVISIBLE


def _sample_in(lang: str) -> str:
    """Return the English sample brief's text with `language: lang` added."""
    return SAMPLE.read_text(encoding="utf-8").replace("version: 1\n", f"version: 1\nlanguage: {lang}\n")


def _document_text(fmt: str, lang: str) -> tuple[str, Labels]:
    """Return the text a reader sees in one format of the sample in `lang`, and its labels."""
    prep = prepare(_sample_in(lang), None, AssetPolicy(root=ROOT))
    backend = {"pptx": DeckBackend, "pdf": HandoutBackend, "md": MarkdownBackend}[fmt]()
    out = io.BytesIO()
    backend.render(prep.story, prep.theme, out)
    out.seek(0)
    if fmt == "pptx":
        text = "\n".join(shape.text_frame.text for slide in Presentation(out).slides
                         for shape in slide.shapes if shape.has_text_frame)
    elif fmt == "pdf":
        text = pypdf.PdfReader(out).pages[0].extract_text()
    else:
        text = out.getvalue().decode("utf-8")
    # wrapped lines break CJK words; Arabic is drawn in shaped presentation forms (NFKC undoes
    # them) in visual order, so a right-to-left label is also looked for reversed
    text = unicodedata.normalize("NFKC", re.sub(_UNDRAWN, "", text))
    return text + "\n" + text[::-1], prep.story.labels


def _shown(labels: Labels, key: str) -> str:
    """Return a label as the sample shows it, its fields filled, in NFKC."""
    fields = {f: FIELDS[f] for f in LABELS[key].fields}
    return unicodedata.normalize("NFKC", re.sub(_INVISIBLE, "", labels.text(key, **fields)))


def _present(label: str, text: str) -> bool:
    """Return True when every word of `label` is in the document's `text` (right-to-left
    lines come out of the PDF in visual order, word by word)."""
    return all(word in text for word in label.split())


def _absent(label: str, text: str) -> bool:
    """Return True when the whole of `label` is nowhere in the document's `text`."""
    return re.sub(r"\s+", "", label) not in text


DOCS = [pytest.param(fmt, lang, id=f"{lang}-{fmt}") for lang in SUPPORTED
        for fmt in ("pptx", "pdf", "md")]


@pytest.mark.parametrize(("fmt", "lang"), DOCS)
def test_every_document_speaks_the_briefs_language(fmt, lang):
    text, labels = _document_text(fmt, lang)
    english = Labels()
    for key in SHOWN[fmt]:
        assert _present(_shown(labels, key), text), f"{key}: '{labels.text(key)}' missing"
        if _shown(english, key) != _shown(labels, key):
            assert _absent(_shown(english, key), text), f"{key}: '{english.text(key)}' is left"


def test_the_chinese_sample_reads_as_a_chinese_editor_writes_it():
    prep = prepare(ZH_SAMPLE, None, AssetPolicy(root=ROOT))
    facts = {f.label: f.value for f in prep.story.sections[1].items}
    assert facts["承办单位"] == "中国电影科学技术研究所和山西省委宣传部"
    assert facts["参会单位"] == "电影局、制片公司、设备制造商、影院和行业协会"
    assert prep.story.meta.hosts_line == "主办单位：国家电影局"
    md = "\n".join(MarkdownBackend().lines(prep.story))
    assert md.startswith('---\nlang: zh-Hans\ntitle: "电影科技发展与创新研讨会"\n---\n')
    assert "**主题：**" in md and "Topic" not in md
