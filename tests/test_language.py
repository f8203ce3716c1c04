"""The brief's language in every document: Han characters take the forms of the brief's
language however a backend is called (through `briefgen build` and `generator.render()`, or
directly, as a library user or a plugin calls it), and Hebrew and Persian briefs are built in
their own words, with letters the handout's fonts draw in every joined form."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdf
import pytest
from click.testing import CliRunner

import generator
from generator.cli import main
from generator.ooxml.names import qn
from generator.story import voice_for
from generator.theme.model import Typeface
from generator.typeset import cjk_faces, fonts

from .conftest import TEST_BRIEFS, prepared, require_system
from .pdfs import font_names, pdfua_problems, ua_failures

# Kanji only, no kana: nothing in these texts says they are Japanese but the brief's language.
KANJI = "中村明"  # in every CJK national character set, so each region's font has it
JAPANESE = f"""language: ja
event:
  title: 東京国際映画祭
  summary: 国際映画祭開幕
speakers:
  - name: {KANJI}
    points: [映画技術]
"""
# The fonts ReportLab names without embedding, for a region that has no embeddable face here.
VIEWER_FONTS = {"zh-Hans": "STSong-Light", "zh-Hant": "STSong-Light", "ja": "HeiseiKakuGo-W5",
                "ko": "HYGothic-Medium"}
REGIONS = list(cjk_faces.REGIONS)


def plain_face() -> Typeface:
    """Return the default theme's body face: Helvetica's metrics, no files."""
    return Typeface("Arial", None, None, None, "Helvetica")


def expected_font(region: str) -> str:
    """Return the font that should draw Han characters of `region`: its embeddable face when
    installed, the viewer's font when no CJK face is; skip when only other regions' are."""
    face = fonts.cjk_face(region)
    if face is not None:
        return face
    if any(fonts.cjk_face(other) for other in REGIONS):
        require_system(f"the {cjk_faces.REGIONS[region].name} face", [cjk_faces.REGIONS[region].package])
    return VIEWER_FONTS[region]


def pdf_name(font: str) -> str:
    """Return the name a PDF gives `font`: a TrueType face's own name, else the font's."""
    from reportlab.pdfbase import pdfmetrics

    name = getattr(pdfmetrics.getFont(font).face, "name", font)
    return name.decode() if isinstance(name, bytes) else str(name)


@pytest.fixture(scope="module")
def japanese(tmp_path_factory) -> Path:
    """Return the path of a Japanese brief whose title, summary and speaker are kanji only."""
    path = tmp_path_factory.mktemp("ja") / "ja.yaml"
    path.write_text(JAPANESE, encoding="utf-8")
    return path


def test_the_story_carries_the_language_and_its_cjk_region(japanese):
    meta = prepared(japanese).story.meta
    assert (meta.language, meta.cjk_region) == ("ja", "ja")


@pytest.mark.parametrize("region", REGIONS, ids=REGIONS)
def test_kanji_only_text_takes_the_face_of_the_documents_region(region):
    wanted = expected_font(region)
    assert fonts.runs(KANJI, plain_face(), region=region) == [(wanted, KANJI)]


def test_a_japanese_and_a_chinese_document_draw_the_same_kanji_differently():
    japanese, chinese = expected_font("ja"), expected_font("zh-Hans")
    if japanese == chinese:
        require_system("a Japanese face apart from the Chinese one", ["fonts-ipaexfont"])
    assert fonts.runs(KANJI, plain_face(), region="ja") != fonts.runs(KANJI, plain_face(),
                                                                          region="zh-Hans")


def backend_for(name: str):
    """Return a new backend of format `name`, imported as a library user would."""
    from generator.backends.deck import DeckBackend
    from generator.backends.handout import HandoutBackend
    from generator.backends.markdown import MarkdownBackend
    from generator.backends.script import ScriptBackend

    return {"pptx": DeckBackend, "pdf": HandoutBackend, "script": ScriptBackend,
            "md": MarkdownBackend}[name]()


FORMATS = ["pptx", "pdf", "script", "md"]


@pytest.mark.parametrize("name", FORMATS, ids=FORMATS)
def test_a_backend_called_directly_draws_what_the_build_draws(japanese, name):
    ready = prepared(japanese)
    direct = io.BytesIO()
    backend_for(name).render(ready.story, ready.theme, direct)
    built = generator.render(japanese, format=name, root=japanese.parent)
    assert direct.getvalue() == built


@pytest.mark.parametrize("name", ["pdf", "script"], ids=["handout", "script"])
def test_a_pdf_drawn_directly_names_the_japanese_face_for_kanji(japanese, name):
    ja, zh = expected_font("ja"), expected_font("zh-Hans")
    ready = prepared(japanese)
    out = io.BytesIO()
    backend_for(name).render(ready.story, ready.theme, out)
    names = font_names(out.getvalue())
    assert pdf_name(ja) in names
    assert ja == zh or pdf_name(zh) not in names


def _kanji_runs(data: bytes) -> list[tuple[str, str]]:
    """Return the (lang, East Asian typeface) of every run in a deck that holds the kanji name."""
    from pptx import Presentation

    found = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            for run in shape.element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}r"):
                if KANJI in "".join(run.itertext()):
                    rpr = run.find("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr")
                    ea = rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
                    found.append((rpr.get("lang"), ea.get("typeface") if ea is not None else ""))
    return found


@pytest.mark.parametrize(("language", "lang", "face", "cjk_family"), [
    ("ja", "ja", "Yu Gothic", None),
    ("ko", "ko", "Malgun Gothic", None),
    ("zh-Hant", "zh-Hant", "Microsoft JhengHei", None),
    ("zh-Hans", "zh-Hans", "Microsoft YaHei", None),
    ("en", "zh-CN", "Microsoft YaHei", None),
    ("ja", "ja", "Noto Sans CJK JP", "Noto Sans CJK JP"),
    ("en", "zh-CN", "Noto Sans CJK JP", "Noto Sans CJK JP"),
], ids=["japanese", "korean", "traditional", "simplified", "english", "theme-face-japanese",
        "theme-face-english"])
def test_a_kanji_only_name_in_a_deck_is_tagged_and_set_for_the_documents_region(
        tmp_path, language, lang, face, cjk_family):
    brief = tmp_path / "brief.yaml"
    theme = ""
    if cjk_family:
        (tmp_path / "_brand.yml").write_text(
            f"defaults:\n  briefgen:\n    cjk-family: {cjk_family}\n", encoding="utf-8")
        theme = "theme: _brand.yml\n"
    brief.write_text(theme + JAPANESE.replace("language: ja", f"language: {language}"),
                     encoding="utf-8")
    runs = _kanji_runs(generator.render(brief, format="pptx", root=tmp_path))
    assert runs and set(runs) == {(lang, face)}


# -- Hebrew and Persian: briefs in the language, every document in its words ----------------

HEBREW_BRIEF, PERSIAN_BRIEF = TEST_BRIEFS / "hebrew.yaml", TEST_BRIEFS / "persian.yaml"
RTL_BRIEFS = {"he": HEBREW_BRIEF, "fa": PERSIAN_BRIEF}
RTL_IDS = list(RTL_BRIEFS)


@dataclass(frozen=True)
class Build:
    """What `briefgen build` said of one brief, and the files it wrote."""

    output: str
    exit_code: int
    folder: Path
    stem: str

    def data(self, suffix: str) -> bytes:
        """Return the bytes of the output file `<stem><suffix>`."""
        return (self.folder / f"{self.stem}{suffix}").read_bytes()


@pytest.fixture(scope="module")
def rtl_builds(tmp_path_factory) -> dict[str, Build]:
    """Return each right-to-left test brief built in every format through the command line."""
    out = {}
    for tag, brief in RTL_BRIEFS.items():
        folder = tmp_path_factory.mktemp(tag)
        result = CliRunner().invoke(main, ["build", str(brief), "-o", str(folder), "-f", "pptx",
                                           "-f", "pdf", "-f", "script", "-f", "md"],
                                    catch_exceptions=False)
        out[tag] = Build(result.output, result.exit_code, folder, brief.stem)
    return out


@pytest.mark.parametrize("tag", RTL_IDS)
def test_a_hebrew_or_persian_brief_validates(tag):
    result = CliRunner().invoke(main, ["validate", str(RTL_BRIEFS[tag])], catch_exceptions=False)
    assert (result.exit_code, result.output.strip()) == (0, f"{RTL_BRIEFS[tag]}: ok")


@pytest.mark.parametrize("tag", RTL_IDS)
def test_it_builds_every_format_without_a_notice(rtl_builds, tag):
    built = rtl_builds[tag]
    assert built.exit_code == 0, built.output
    assert "warning" not in built.output and "no font" not in built.output, built.output
    assert {p.name for p in built.folder.iterdir()} >= {
        f"{built.stem}{suffix}" for suffix in (".pptx", ".pdf", "-script.pdf", ".md")}


def _pdf_text(data: bytes) -> str:
    """Return a PDF's text as a reader's copy gives it: joined forms undone (NFKC), spaces and
    the zero-width non-joiner (no glyph) taken out, and reversed too (visual order)."""
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    text = unicodedata.normalize("NFKC", re.sub(r"\s+|\u200c", "", text))
    return text + "\n" + text[::-1]


def _words(tag: str, key: str, **fields: str) -> list[str]:
    """Return the words of a label in the language `tag`, as `_pdf_text` leaves them."""
    text = voice_for(tag).labels.text(key, **fields)
    return [unicodedata.normalize("NFKC", word.replace("\u200c", "")) for word in text.split()]


@pytest.mark.parametrize("tag", RTL_IDS)
def test_the_handout_is_one_tagged_page_in_the_briefs_words(rtl_builds, tag, tmp_path):
    data = rtl_builds[tag].data(".pdf")
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
    text = _pdf_text(data)
    for key in ("speakers", "takeaways", "notes-panel", "made-with"):
        assert all(word in text for word in _words(tag, key)), key
    assert "Speakers" not in text and "Notes" not in text  # the English is gone
    assert ua_failures(data) == [] and pdfua_problems(data, tmp_path) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == tag


@pytest.mark.parametrize("tag", RTL_IDS)
def test_the_script_is_tagged_and_in_the_briefs_words(rtl_builds, tag):
    data = rtl_builds[tag].data("-script.pdf")
    text = _pdf_text(data)
    for number in ("1", "2", "3", "4"):  # every slide's heading, in the brief's words
        assert all(word in text for word in _words(tag, "script-slide", number=number))
    assert "Slide" not in text
    assert ua_failures(data) == []


@pytest.mark.parametrize("tag", RTL_IDS)
def test_the_deck_reads_right_to_left_in_the_briefs_words(rtl_builds, tag):
    from pptx import Presentation

    slides = list(Presentation(io.BytesIO(rtl_builds[tag].data(".pptx"))).slides)
    titles = [slide.shapes.title.text_frame.text if slide.shapes.title else "" for slide in slides]
    shapes_text = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
                   for slide in slides]
    labels = voice_for(tag).labels
    for key in ("glance", "takeaways"):
        assert any(labels.text(key) in text for text in (*titles, *shapes_text)), key
    bulleted = [p._p.pPr.get("rtl") for slide in slides for shape in slide.shapes
                if shape.has_text_frame for p in shape.text_frame.paragraphs
                if p._p.pPr is not None and p._p.pPr.find(qn("a:buChar")) is not None]
    assert bulleted and set(bulleted) == {"1"}


@pytest.mark.parametrize("tag", RTL_IDS)
def test_the_markdown_names_the_language(rtl_builds, tag):
    md = rtl_builds[tag].data(".md").decode("utf-8")
    assert md.startswith(f"---\nlang: {tag}\n")
    assert f"## {voice_for(tag).labels.text('speakers')}" in md


# -- letters the handout's fonts draw -------------------------------------------------------

HEBREW_LETTERS = "אבגדהוזחטיכךלמםנןסעפףצץקרשת"
# The Persian alphabet (with پ چ ژ گ, keheh and Farsi yeh), hamza's seats, digits, punctuation.
PERSIAN_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئؤأء" + "۰۱۲۳۴۵۶۷۸۹" + "،؛؟«»"


def _in_every_form(letters: str) -> str:
    """Return each letter alone, first, between and last in a word, as words to shape."""
    return " ".join(f"{ch} {ch}ب ب{ch}ب ب{ch}" for ch in letters)


def _catalogue_texts(tag: str) -> str:
    """Return every form of every label of a catalogue, as one text."""
    from generator.words.catalogue import load

    catalogue = load(tag)
    return " ".join(form for key in catalogue.texts
                    for form in catalogue.plurals.get(key, (catalogue.texts[key],)))


@pytest.mark.parametrize(("text", "missing"), [
    pytest.param(_in_every_form(HEBREW_LETTERS), [], id="hebrew-letters"),
    pytest.param(_in_every_form(PERSIAN_LETTERS), [], id="persian-letters"),
    pytest.param(_catalogue_texts("he"), [], id="hebrew-catalogue"),
    pytest.param(_catalogue_texts("fa"), [], id="persian-catalogue"),
    pytest.param("\U0010fffd", ["\U0010fffd"], id="control-private-use"),
])
def test_the_handouts_fonts_draw_every_joined_form(text, missing):
    from generator.typeset import scripts

    if not fonts.available_fallbacks():
        require_system("DejaVu Sans", ["fonts-dejavu-core"])
    for bold in (False, True):
        face = plain_face()
        drawn = scripts.shaped(text)
        assert [ch for ch in dict.fromkeys(drawn)
                if fonts.font_for(ch, face, bold=bold) is None] == missing


def test_a_zero_width_non_joiner_keeps_persian_letters_apart_on_the_handout(rtl_builds):
    """'یادداشت‌ها' (notes): teh takes its final form before the non-joiner and heh its initial
    form after it, as a reader writes it; joined through, both would be medial."""
    text = "".join(page.extract_text() for page in
                   pypdf.PdfReader(io.BytesIO(rtl_builds["fa"].data(".pdf"))).pages)
    teh_final, heh_initial, teh_medial, heh_medial = "\ufe96", "\ufeeb", "\ufe98", "\ufeec"
    assert f"{teh_final}{heh_initial}" in text
    assert f"{teh_medial}{heh_medial}" not in text


# -- known gaps outside the catalogues: strict, so the fix turns each into a pass to unmark ----

def _persian_handout(folder: Path, title: str) -> tuple[str, str]:
    """Return what building a Persian brief titled `title` says, and its handout's text."""
    (folder / "brief.yaml").write_text(f"language: fa\nevent:\n  title: {title}\n  summary: متن\n",
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder / "brief.yaml"), "-o", str(folder),
                                       "-f", "pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output, _pdf_text((folder / "brief.pdf").read_bytes())


def test_a_name_holding_allah_is_drawn_letter_by_letter(tmp_path):
    """The shaping joins no whole word into one ligature (U+FDF2 for 'الله'), a glyph the fonts
    lack: 'عبدالله' prints as its letters."""
    output, text = _persian_handout(tmp_path, "همایش عبدالله")
    assert "عبدالله" in text and "\ufdf2" not in text and "no font" not in output


def test_the_ezafe_hamza_is_left_out_and_said(tmp_path):
    """Shaping leaves Arabic script's combining marks out (the handout cannot place a mark over
    its letter): the ezafe's hamza in 'خانهٔ' is not drawn, and the build says so."""
    output, text = _persian_handout(tmp_path, "خانهٔ سینما")
    assert "\u0654" not in text
    assert ("the handout draws this text without its combining marks "
            "(U+0654 ARABIC HAMZA ABOVE)") in output


def test_the_persian_decks_runs_are_tagged_persian(rtl_builds):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(rtl_builds["fa"].data(".pptx")))
    tags = {rpr.get("lang") for slide in deck.slides
            for rpr in slide.shapes._spTree.iter(qn("a:rPr"))}
    assert tags == {"fa"}
