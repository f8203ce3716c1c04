"""The built-in look as LibreOffice draws it, measured slide by slide: cards as tall as what
they hold, no top-heavy slide, sparse text set larger (never past the heading size), a cover
with a hierarchy, and logos that stand out from what is behind them."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from statistics import median

import pdfplumber
import pytest
from PIL import Image
from pptx import Presentation

from generator.backends.deck.backend import DeckBackend
from generator.backends.deck.layout import Box, Deck
from generator.backends.handout.backend import HandoutBackend
from generator.paths import AssetPolicy
from generator.theme.colors import contrast
from generator.workflow.prepare import prepare
from tests.conftest import BRIEFS, ROOT, TEST_BRIEFS, THEMES, prepared, require_soffice

DESIGN_BRIEFS = {**BRIEFS, "two-priorities": TEST_BRIEFS / "two-priorities.yaml"}
CASES = [(brief, theme) for brief in DESIGN_BRIEFS for theme in THEMES]
IDS = [f"{brief}-{theme}" for brief, theme in CASES]
DPI = 60
INK = 10  # a pixel differs from a fill when a channel differs by more than this (panels are
# only a little darker than the slide)
MOST_EMPTY = 0.40  # of a row's tallest card, below its content
REACH = 0.45  # every slide's content reaches at least this far down its body area
SPARSE = 0.35  # content spanning less of the body area than this is sparse...
EMU = 12700


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> dict[tuple[str, str], tuple[list, list[Image.Image], list]]:
    """Return (slides, page images, pdfplumber pages' words) for every case, drawn by LibreOffice."""
    command = require_soffice()
    folder = tmp_path_factory.mktemp("design")
    paths = {}
    for brief, theme in CASES:
        p = prepared(DESIGN_BRIEFS[brief], theme)
        out = io.BytesIO()
        DeckBackend().render(p.story, p.theme, out)
        paths[(brief, theme)] = folder / f"{brief}-{theme}.pptx"
        paths[(brief, theme)].write_bytes(out.getvalue())
    subprocess.run([command, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, paths.values())],
                   check=True, capture_output=True, timeout=900)
    found = {}
    for case, path in paths.items():
        slides = list(Presentation(str(path)).slides)
        with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
            images = [page.to_image(resolution=DPI).original.convert("RGB") for page in pdf.pages]
            chars = [page.chars for page in pdf.pages]
        found[case] = (slides, images, chars)
    return found


def rgb(color: str) -> tuple[int, int, int]:
    """Return the bytes of '#RRGGBB'."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def inked_rows(image: Image.Image, box: Box, ground: str, inset: float) -> list[float]:
    """Return the slide y (points) of every pixel row inside `box`, `inset` from its sides, that
    holds a pixel differing from the colour `ground`."""
    scale = DPI / 72.0
    x0, x1 = round((box.x + inset) * scale), round((box.x + box.w - inset) * scale)
    y0, y1 = round((box.y + 2) * scale), round((box.y + box.h - 2) * scale)
    base = rgb(ground)
    rows = []
    pixels = image.load()
    for y in range(max(0, y0), min(image.height, y1)):
        for x in range(max(0, x0), min(image.width, x1)):
            if max(abs(a - b) for a, b in zip(pixels[x, y], base, strict=True)) > INK:
                rows.append(y / scale)
                break
    return rows


def shape_box(shape) -> Box:
    """Return a shape's box in points."""
    return Box(shape.left / EMU, shape.top / EMU, shape.width / EMU, shape.height / EMU)


def card_rows(slide) -> list[list[Box]]:
    """Return the slide's cards and panels (fills named 'Card: ...' or 'Key facts panel'), by row."""
    boxes = [shape_box(s) for s in slide.shapes
             if s.name.startswith("Card: ") or s.name == "Key facts panel"]
    rows: dict[int, list[Box]] = {}
    for box in boxes:
        rows.setdefault(round(box.y), []).append(box)
    return [rows[y] for y in sorted(rows)]


def empty_share(image: Image.Image, card: Box, surface: str) -> float:
    """Return the share of a card's height under the last pixel row of what it holds."""
    rows = inked_rows(image, card, surface, inset=12.0)
    bottom = max(rows, default=card.y)
    return (card.y + card.h - bottom) / card.h


def geometry(brief: str, theme: str) -> tuple[Deck, str, str]:
    """Return the deck's grid for a case, with the theme's background and surface colours."""
    p = prepared(DESIGN_BRIEFS[brief], theme)
    return Deck(None, p.story, p.theme), p.theme.palette.background, p.theme.palette.surface


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_cards_are_as_tall_as_what_they_hold(drawn, brief, theme):
    slides, images, _ = drawn[(brief, theme)]
    _, _, surface = geometry(brief, theme)
    emptiest = []
    for number, (slide, image) in enumerate(zip(slides, images, strict=True), 1):
        for row in card_rows(slide):
            heights = {round(card.h, 1) for card in row}
            assert len(heights) == 1, (number, "cards of one row differ in height", heights)
            tallest = max(row, key=lambda card: card.h)
            share = min(empty_share(image, card, surface) for card in row if card.h == tallest.h)
            emptiest.append((round(share, 2), number))
    assert all(share <= MOST_EMPTY for share, _ in emptiest), sorted(emptiest)[-3:]


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_no_slide_is_top_heavy_and_sparse_text_is_set_larger(drawn, brief, theme):
    slides, images, chars = drawn[(brief, theme)]
    deck, background, _ = geometry(brief, theme)
    area, heading = deck.content, deck.theme.slide_scale.heading
    for number, (image, page_chars) in enumerate(zip(images[1:], chars[1:], strict=True), 2):
        rows = inked_rows(image, area, background, inset=0.0)
        assert rows, (number, "nothing under the title")
        reach = (max(rows) - area.y) / area.h
        assert reach >= REACH, (number, f"content ends {reach:.0%} down the body area")
        body = [c for c in page_chars if c["top"] >= area.y - 2 and c["bottom"] <= area.y + area.h + 2
                and not inside_mark(c, slides[number - 1])]
        largest = max((c["size"] for c in body), default=0.0)
        assert largest <= heading + 0.5, (number, f"{largest:.1f}pt is past the heading size")
        extent = (max(rows) - min(rows)) / area.h
        assert extent >= SPARSE or largest >= heading - 0.5, \
            (number, f"content spans {extent:.0%} of the body at {largest:.1f}pt")


def inside_mark(char, slide) -> bool:
    """Return True when a character is drawn inside a portrait's initials or a number badge."""
    for shape in slide.shapes:
        if shape.name.startswith(("Initials: ", "Number ")):
            box = shape_box(shape)
            if box.x <= char["x0"] and char["x1"] <= box.x + box.w + 1 and \
                    box.y - 1 <= char["top"] and char["bottom"] <= box.y + box.h + 1:
                return True
    return False


COVER_PARTS = ("Title", "Subtitle", "When and where", "Credits")  # from the top down


@pytest.mark.parametrize(("brief", "theme"), CASES, ids=IDS)
def test_cover_has_a_hierarchy(drawn, brief, theme):
    slides, _, chars = drawn[(brief, theme)]
    deck, _, _ = geometry(brief, theme)
    sizes = []
    for part in COVER_PARTS:
        boxes = [shape_box(s) for s in slides[0].shapes if s.name.startswith(part)]
        inside = [c["size"] for c in chars[0] for box in boxes if c["text"].strip()
                  and box.y - 2 <= c["top"] and c["bottom"] <= box.y + box.h + 2]
        if inside:
            sizes.append((part, round(max(inside), 1)))
    # the title first and largest, each part below it smaller, or (the credits) no larger
    assert sizes[0][0] == "Title" and sizes[0][1] >= deck.theme.slide_scale.title - 0.5, sizes
    assert all(a[1] > b[1] or (b[0] == "Credits" and a[1] >= b[1])
               for a, b in zip(sizes, sizes[1:], strict=False)), sizes
    title = [c for c in chars[0] if round(c["size"], 1) == sizes[0][1]]
    width = max(c["x1"] for c in title) - min(c["x0"] for c in title)
    assert width >= 0.5 * deck.width, f"the title spans only {width / deck.width:.0%} of the cover"
    if len(sizes) == 1:  # only the title is known: it is set as a display title, not left small
        assert sizes[0][1] > deck.theme.slide_scale.title + 0.5, sizes


FIXTURES = Path(__file__).resolve().parent / "themes"


def logo_contrast(image: Image.Image, box: tuple[float, float, float, float], scale: float) -> float:
    """Return the contrast between a drawn logo's commonest colour and the colour just around it."""
    x0, top, x1, bottom = (round(v * scale) for v in box)
    inside = [image.getpixel((x, y)) for x in range(x0 + 1, x1 - 1) for y in range(top + 1, bottom - 1)]
    ring = [image.getpixel((x, y)) for x in range(x0 - 3, x1 + 3) for y in (top - 3, bottom + 2)]
    ink = max(set(inside), key=inside.count)
    behind = tuple(round(median(p[i] for p in ring)) for i in range(3))
    return contrast("#{:02X}{:02X}{:02X}".format(*ink), "#{:02X}{:02X}{:02X}".format(*behind))


def test_handout_logo_stands_out_from_its_band(in_tmp):
    (in_tmp / "themes").mkdir()
    for name in ("primary-only.yml", "logo.png"):
        (in_tmp / "themes" / name).write_bytes((FIXTURES / name).read_bytes())
    brief = in_tmp / "brief.yaml"
    brief.write_text("theme: themes/primary-only.yml\nevent:\n  title: T\n  summary: S\n",
                     encoding="utf-8")
    ready = prepare(brief, None, AssetPolicy(root=in_tmp))
    # the fixture's logo is the band's own red family: on the band it would all but vanish
    assert contrast(ready.theme.palette.primary, "#C81E28") < 3
    out = io.BytesIO()
    HandoutBackend().render(ready.story, ready.theme, out)
    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        page = pdf.pages[0]
        (logo,) = page.images
        image = page.to_image(resolution=144).original.convert("RGB")
    ratio = logo_contrast(image, (logo["x0"], logo["top"], logo["x1"], logo["bottom"]), 2.0)
    assert ratio >= 3, f"the logo is {ratio:.2f}:1 against what is behind it"


def test_sample_palette_is_the_brand_s_own(in_tmp):
    text = (ROOT / "briefs" / "film-tech-symposium.yaml").read_text(encoding="utf-8")
    (in_tmp / "themes").mkdir()
    for name in ("primary-only.yml", "logo.png"):
        (in_tmp / "themes" / name).write_bytes((FIXTURES / name).read_bytes())
    brief = in_tmp / "sample.yaml"
    brief.write_text(text.replace("\ntheme: cinema\n", "\ntheme: themes/primary-only.yml\n"),
                     encoding="utf-8")
    ready = prepare(brief, None, AssetPolicy(root=in_tmp))
    default = prepared(ROOT / "briefs" / "film-tech-symposium.yaml", "default").theme.palette
    out = io.BytesIO()
    DeckBackend().render(ready.story, ready.theme, out)
    fills = set()
    for slide in Presentation(out).slides:
        for shape in slide.shapes:
            if shape.name in ("Title rule", "Cover rule") or shape.name.startswith("Number "):
                fills.add(str(shape.fill.fore_color.rgb))
    assert fills and default.accent.lstrip("#") not in fills, fills


NIGHT = 'meta:\n  name: Night\nlogo: mark.png\ncolor:\n  background: "#0E1726"\n' \
        '  foreground: "#EEF2F7"\n  primary: "#F2B84B"\n'


def test_deck_logo_stands_out_from_a_dark_slide(in_tmp):
    mark = Image.new("RGBA", (120, 40), (0, 0, 0, 0))
    mark.paste((20, 20, 30, 255), (4, 4, 116, 36))  # a near-black mark: lost on a navy slide
    mark.save(in_tmp / "mark.png")
    (in_tmp / "_brand.yml").write_text(NIGHT, encoding="utf-8")
    brief = in_tmp / "brief.yaml"
    brief.write_text("theme: _brand.yml\nevent:\n  title: T\n  summary: S\n", encoding="utf-8")
    ready = prepare(brief, None, AssetPolicy(root=in_tmp))
    assert contrast(ready.theme.palette.background, "#14141E") < 3
    out = io.BytesIO()
    DeckBackend().render(ready.story, ready.theme, out)
    (in_tmp / "deck.pptx").write_bytes(out.getvalue())
    subprocess.run([require_soffice(), f"-env:UserInstallation=file://{in_tmp / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(in_tmp),
                    str(in_tmp / "deck.pptx")], check=True, capture_output=True, timeout=300)
    slides = list(Presentation(str(in_tmp / "deck.pptx")).slides)
    with pdfplumber.open(in_tmp / "deck.pdf") as pdf:
        for number, (slide, page) in enumerate(zip(slides, pdf.pages, strict=True), 1):
            image = page.to_image(resolution=144).original.convert("RGB")
            (logo,) = [shape_box(s) for s in slide.shapes if s.name == "Logo"]
            ratio = logo_contrast(image, (logo.x, logo.y, logo.x + logo.w, logo.y + logo.h), 2.0)
            assert ratio >= 3, (number, f"the logo is {ratio:.2f}:1 against what is behind it")
