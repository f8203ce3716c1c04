"""Fonts travel with the file: every font of the handout and the script is embedded (subset), CJK
in a TrueType face of the text's own region, and the build says what to install where it cannot."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.theme.model import Typeface
from generator.typeset import cjk_faces, fonts

from .conftest import ROOT, SAMPLE, TEST_BRIEFS, needs_programs, require_cjk_faces

CHINESE_SAMPLE = ROOT / "briefs" / "film-tech-symposium.zh-Hans.yaml"
needs_poppler = needs_programs("pdffonts", "pdftoppm")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """Build the handout and the script of both samples, and the Japanese and Korean briefs."""
    folder = tmp_path_factory.mktemp("embed")
    for brief in (SAMPLE, CHINESE_SAMPLE, TEST_BRIEFS / "chinese.yaml", TEST_BRIEFS / "arabic.yaml"):
        result = CliRunner().invoke(main, ["build", str(brief), "-o", str(folder), "-f", "pdf",
                                           "-f", "script"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "install" not in result.output  # every font here embeds: nothing to warn about
    return folder


def pdffonts(path: Path) -> list[tuple[str, str, str]]:
    """Return (name, emb, sub) for each font pdffonts lists in the PDF at `path`."""
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    return [(row.split()[0], *row.split()[-5:-3]) for row in rows]


PDFS = ["film-tech-symposium.pdf", "film-tech-symposium.zh-Hans.pdf", "film-tech-symposium-script.pdf",
        "film-tech-symposium.zh-Hans-script.pdf", "chinese.pdf", "arabic.pdf", "arabic-script.pdf"]


@needs_poppler
@pytest.mark.parametrize("name", PDFS, ids=PDFS)
def test_every_font_is_embedded_as_a_subset(out, name):
    listed = pdffonts(out / name)
    assert listed
    assert all((emb, sub) == ("yes", "yes") for _font, emb, sub in listed), listed


def embedded_faces(path: Path) -> set[str]:
    """Return the names of the faces in a PDF, without subset tags or collection indexes."""
    return {re.sub(r"-\d+$", "", font.split("+", 1)[-1]) for font, _e, _s in pdffonts(path)}


def face_name(region: str) -> str:
    """Return the PostScript name of the region's embeddable face, as a PDF names it."""
    from reportlab.pdfbase import pdfmetrics

    name = pdfmetrics.getFont(fonts.cjk_face(region)).face.name
    return name.decode() if isinstance(name, bytes) else str(name)


@needs_poppler
def test_chinese_is_drawn_in_an_embedded_chinese_face(out):
    names = embedded_faces(out / "film-tech-symposium.zh-Hans.pdf")
    assert face_name("zh-Hans") in names
    assert not names & set(fonts.CJK_FONTS.values())


def no_cjk_fontconfig(folder: Path) -> dict[str, str]:
    """Return an environment whose fontconfig knows only the DejaVu fonts."""
    dejavu = Path(fonts.available_fallbacks()[0][0]).parent
    conf = folder / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{dejavu}</dir>'
                    f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


@needs_poppler
def test_the_chinese_handout_draws_its_text_where_no_cjk_font_is_installed(out, tmp_path):
    env = no_cjk_fontconfig(tmp_path)
    known = subprocess.run(["fc-list", ":lang=zh-cn"], capture_output=True, text=True, env=env).stdout
    assert known.strip() == ""  # the reader's machine really has no Chinese font
    pdf = out / "film-tech-symposium.zh-Hans.pdf"
    for name, environ in (("here", dict(os.environ)), ("bare", env)):
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(pdf), str(tmp_path / name)],
                       check=True, env=environ, capture_output=True)
    # Drawn only from the embedded fonts, the page is the same as on a machine with them all.
    assert (tmp_path / "bare.png").read_bytes() == (tmp_path / "here.png").read_bytes()


@pytest.mark.parametrize(("region", "text"), [
    ("zh-Hans", "张伟在北京发表演讲"), ("zh-Hant", "張偉在台北發表演講"), ("ja", "東京で発表しました"),
    ("ko", "서울에서 발표했습니다"),
], ids=["zh-Hans", "zh-Hant", "ja", "ko"])
def test_each_region_is_drawn_in_an_embeddable_face_of_its_own(region, text):
    require_cjk_faces(region)
    face = fonts.cjk_face(region)
    assert face is not None, f"install {cjk_faces.REGIONS[region].package}"
    assert fonts.han_script(text) == region
    drawn = {font for font, part in fonts.runs(text, plain_face()) if part.strip()}
    assert drawn == {face}
    path, index = cjk_faces.face_file(region)  # type: ignore[misc]
    known = {f.family for f in cjk_faces.fontconfig_faces() if (f.path, f.index) == (path, index)}
    assert not known or known & set(cjk_faces.REGIONS[region].families)
    with open(path, "rb") as handle:  # TrueType outlines: ReportLab cannot embed CFF
        assert handle.read(4) in (b"\x00\x01\x00\x00", b"ttcf", b"true")


def plain_face() -> Typeface:
    """Return the default theme's body face: Helvetica's metrics, no files."""
    return Typeface("Arial", None, None, None, "Helvetica")


HIDDEN = """
import sys
from generator.typeset import cjk_faces, fonts
from generator.workflow.prepare import prepare
from generator.backends.handout import HandoutBackend
import io
if sys.argv[2] == "cjk":
    cjk_faces.face_file = lambda tag, bold=False: None
else:
    fonts.font_index = lambda: {}
ready = prepare(sys.argv[1])
for notice in HandoutBackend().render(ready.story, ready.theme, io.BytesIO()):
    print(notice.loc, notice.message)
"""


@pytest.mark.parametrize(("hide", "brief", "package"), [
    ("cjk", CHINESE_SAMPLE, "fonts-droid-fallback"), ("cjk", TEST_BRIEFS / "chinese.yaml", None),
    ("latin", SAMPLE, "fonts-liberation2"),
], ids=["no-chinese-face", "chinese-brief", "no-liberation"])
def test_a_missing_embeddable_font_is_warned_with_the_package_to_install(hide, brief, package):
    # In a process of its own: the fonts found are remembered for the life of a process.
    result = subprocess.run([sys.executable, "-c", HIDDEN, str(brief), hide], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    if package is None:
        assert "install fonts-" in result.stdout
        return
    warnings = [line for line in result.stdout.splitlines() if f"install {package}" in line]
    assert len(warnings) == 1 + (hide == "latin"), result.stdout  # Latin: regular and bold


def test_each_font_is_parsed_once_per_process():
    from reportlab.pdfbase import pdfmetrics

    require_cjk_faces("zh-Hans")
    first = fonts.cjk_face("zh-Hans")
    assert first is not None
    parsed = pdfmetrics.getFont(first)
    fonts.runs_by_character("再一次的中文", plain_face())
    assert fonts.cjk_face("zh-Hans") == first and pdfmetrics.getFont(first) is parsed
    assert cjk_faces.fontconfig_faces.cache_info().misses <= 1


@pytest.mark.parametrize(("tag", "region"), [
    ("zh-Hans", "zh-Hans"), ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh-Hant", "zh-Hant"),
    ("zh-TW", "zh-Hant"), ("zh-Hant-HK", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-Hans-HK", "zh-Hans"),
    ("ja-JP", "ja"), ("ko", "ko"), ("en", ""), ("ar", ""), ("fr-CA", ""),
], ids=lambda v: v or "none")
def test_the_briefs_language_names_a_region(tag, region):
    from generator.story import cjk_region
    from generator.words.tags import match

    assert cjk_region(match(tag)) == region


def test_every_catalogue_names_a_region_the_fonts_know_or_none():
    from generator.story import cjk_region
    from generator.words.tags import SUPPORTED, match

    named = {cjk_region(match(tag)) for tag in SUPPORTED} - {""}
    assert named == set(cjk_faces.REGIONS)


@needs_poppler
@pytest.mark.parametrize(("tag", "title", "region"), [
    ("ja", "東京国際映画祭", "ja"), ("zh-Hant", "臺北電影節", "zh-Hant"),
    ("zh-Hans", "上海国际电影节", "zh-Hans"),
], ids=["ja", "zh-Hant", "zh-Hans"])
def test_han_without_kana_takes_the_forms_of_the_briefs_language(tmp_path, tag, title, region):
    brief = tmp_path / "brief.yaml"
    brief.write_text(f"language: {tag}\nevent:\n  title: {title}\n  summary: {title}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(brief), "-o", str(tmp_path), "-f", "pdf"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    names = embedded_faces(tmp_path / "brief.pdf")
    wanted = face_name(region)
    assert wanted in names
    assert not names & ({face_name(r) for r in cjk_faces.REGIONS} - {wanted})
