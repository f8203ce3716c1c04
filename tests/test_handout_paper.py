"""The handout is made for paper: dark ink on white whatever the theme, every text colour read
against what it is drawn on, the theme's identity kept, and the deck in its screen colours."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from PIL import Image
from pptx import Presentation

from generator.backends.deck.backend import DeckBackend
from generator.backends.handout.backend import HandoutBackend
from generator.errors import InputError
from generator.paths import AssetPolicy
from generator.theme.colors import contrast, rgb
from generator.theme.resolve import load_theme
from tests.conftest import SAMPLE, THEMES, prepared, require_programs

DPI = 100
WHITE = (255, 255, 255)


def render(prep, theme=None) -> bytes:
    """Return the handout's bytes."""
    out = io.BytesIO()
    HandoutBackend().render(prep.story, theme or prep.theme, out)
    return out.getvalue()


def picture(data: bytes, folder: Path) -> Image.Image:
    """Return the page as poppler draws it, at DPI."""
    require_programs("pdftoppm")
    (folder / "page.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-singlefile", str(folder / "page.pdf"),
                    str(folder / "page")], check=True, capture_output=True, timeout=120)
    return Image.open(folder / "page.png").convert("RGB")


def hex_of(pixel: tuple[int, ...]) -> str:
    """Return '#RRGGBB' for a pixel."""
    return "#{:02X}{:02X}{:02X}".format(*pixel[:3])


def paper_share(image: Image.Image) -> float:
    """Return the share of the page below the header band that is white paper."""
    w, h = image.size
    pixels = [image.getpixel((x, y)) for x in range(0, w, 4) for y in range(h // 5, h, 4)]
    return sum(1 for p in pixels if p == WHITE) / len(pixels)


@pytest.mark.parametrize("theme", THEMES, ids=list(THEMES))
def test_the_handout_prints_on_white_paper(tmp_path, theme):
    prep = prepared(SAMPLE, theme)
    data = render(prep)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
    image = picture(data, tmp_path)
    w, h = image.size
    corners = [image.getpixel((x, y)) for x, y in ((3, h - 3), (w - 3, h - 3), (3, h // 2),
                                                  (w - 3, h // 2))]
    assert corners == [WHITE] * 4, corners
    assert paper_share(image) > 0.45  # the rest: text, and the panels' pale tint


def test_a_dark_theme_keeps_its_identity_on_paper():
    screen = load_theme("cinema", Path.cwd())
    paper = screen.handout_palette
    assert screen.palette.background == "#14110F"  # the deck keeps its screen colours
    assert paper.background == "#FFFFFF" and paper.text == screen.palette.background
    assert paper.accent == screen.palette.accent  # the curtain red
    assert paper.on_primary == screen.palette.primary  # the marquee gold, on the band


@pytest.mark.parametrize("theme", THEMES, ids=list(THEMES))
def test_every_letter_reads_on_what_it_is_drawn_on(tmp_path, theme):
    prep = prepared(SAMPLE, theme)
    data = render(prep)
    image = picture(data, tmp_path)
    scale = DPI / 72
    low = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for char in pdf.pages[0].chars:
            if not char["text"].strip():
                continue
            color = char["non_stroking_color"]
            ink = "#" + "".join(f"{round(v * 255):02X}" for v in color)
            box = (char["x0"], char["top"], char["x1"], char["bottom"])
            x0, top, x1, bottom = (round(v * scale) for v in box)
            around = Counter(image.getpixel((x, y)) for x in range(x0, x1 + 1)
                             for y in range(top, bottom + 1))
            ground = hex_of(around.most_common(1)[0][0])  # the fill: most of a letter's box
            if contrast(ink, ground) < 4.5 - 0.05:
                low.append((char["text"], ink, ground))
    assert not low, low[:5]


def test_the_deck_keeps_its_screen_colours():
    prep = prepared(SAMPLE, "cinema")
    out = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, out)
    xml = b"".join(slide.part.blob for slide in Presentation(out).slides)
    assert b"14110F" in xml.upper() or b"14110F" in out.getvalue()


def test_theme_colours_on_the_handout_when_a_theme_asks(tmp_path):
    (tmp_path / "brand.yml").write_text(
        'color:\n  background: "#14110F"\n  foreground: "#F3ECE2"\n  primary: "#E2B04A"\n'
        "defaults:\n  briefgen:\n    handout-colors: theme\n", encoding="utf-8")
    theme = load_theme(str(tmp_path / "brand.yml"), tmp_path, AssetPolicy(root=tmp_path))
    assert theme.handout_palette == theme.palette and theme.warnings == ()
    image = picture(render(prepared(SAMPLE), theme), tmp_path)
    assert image.getpixel((3, image.size[1] - 3)) == rgb("#14110F")


NIGHT = ('meta:\n  name: Night\ncolor:\n  background: "#0E1726"\n  foreground: "#EEF2F7"\n'
         '  primary: "#F2B84B"\n  secondary: "#9AA5B1"\n')


def test_a_user_themes_colours_that_fail_on_paper_are_darkened_and_named(tmp_path):
    (tmp_path / "brand.yml").write_text(NIGHT, encoding="utf-8")
    theme = load_theme(str(tmp_path / "brand.yml"), tmp_path, AssetPolicy(root=tmp_path))
    paper = theme.handout_palette
    assert paper.text == "#0E1726"  # the theme's own dark ground is its ink on paper
    for role, line in (("primary", 6), ("muted", 7)):
        screen, printed = getattr(theme.palette, role), getattr(paper, role)
        assert printed != screen and contrast(printed, "#FFFFFF") >= 4.5
        (said,) = [w for w in theme.warnings if screen in w.message and printed in w.message]
        assert (said.line, said.severity) == (line, "warning")
        assert "paper-colors" in said.message and "darker" in said.message
    assert all(contrast(fore, back) >= 4.5 for _what, fore, back in paper.text_pairs())


def test_the_build_prints_which_colours_it_darkened(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    (tmp_path / "brand.yml").write_text(NIGHT, encoding="utf-8")
    brief = tmp_path / "brief.yaml"
    brief.write_text("theme: brand.yml\nevent:\n  title: T\n  summary: S\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(brief), "-o", str(tmp_path / "out"),
                                       "-f", "pdf", "--root", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "brand.yml:6:3: warning: the handout prints the primary colour #F2B84B as #" in result.output


@pytest.mark.parametrize("name", THEMES, ids=list(THEMES))
def test_built_in_themes_declare_paper_colours_that_need_no_notice(name):
    theme = load_theme(name, Path.cwd())
    assert theme.warnings == () and theme.paper_palette is not None
    pairs = theme.paper_palette.text_pairs()
    assert all(contrast(fore, back) >= 4.5 for _what, fore, back in pairs)
    assert contrast(theme.paper_palette.accent, theme.paper_palette.background) >= 3


def test_a_declared_paper_colour_that_does_not_read_is_warned_at_its_line(tmp_path):
    (tmp_path / "brand.yml").write_text(
        'defaults:\n  briefgen:\n    paper-colors:\n      muted: "#BBBBBB"\n', encoding="utf-8")
    theme = load_theme(str(tmp_path / "brand.yml"), tmp_path, AssetPolicy(root=tmp_path))
    assert theme.handout_palette.muted == "#BBBBBB"  # declared: used as it is, not darkened
    said = [w for w in theme.warnings if w.message.startswith("on paper, the contrast of muted")]
    assert said and all((w.line, w.col) == (4, 7) for w in said)


@pytest.mark.parametrize(("text", "words"), [
    pytest.param("handout-colors: dark", "handout-colors", id="unknown-choice"),
    pytest.param("paper-colors:\n      primry: \"#000000\"", "did you mean 'primary'", id="misspelt-role"),
    pytest.param("paper-colors:\n      primary: inky", "not a colour", id="not-a-colour"),
])
def test_a_wrong_paper_setting_is_located(tmp_path, text, words):
    (tmp_path / "brand.yml").write_text(f"defaults:\n  briefgen:\n    {text}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme(str(tmp_path / "brand.yml"), tmp_path, AssetPolicy(root=tmp_path))
    (problem,) = [str(p) for p in caught.value.problems]
    assert "brand.yml:" in problem and words in problem, problem


def test_handout_colours_follow_the_theme_in_the_same_story(tmp_path):
    prep = prepared(SAMPLE, "cinema")
    screen = dataclasses.replace(prep.theme, handout_colors="theme")
    assert paper_share(picture(render(prep, screen), tmp_path)) < 0.05  # the dark page
