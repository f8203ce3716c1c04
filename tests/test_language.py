"""Han characters take the forms of the brief's language however a backend is called: through
`briefgen build` and `generator.render()`, or directly, as a library user or a plugin calls it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import generator
from generator.theme.model import Typeface
from generator.typeset import cjk_faces, fonts

from .conftest import prepared, require_system
from .pdfs import font_names

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
