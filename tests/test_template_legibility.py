"""Decks on templates whose artwork lies behind text, or whose layouts leave little room: no
word of one shape overlaps another's, and every line of text reaches its contrast limit on the
page as LibreOffice draws it (or is a template's own colour on a plain ground, warned about).

Words are measured on the rendered PDF with pdfplumber. The ground under each line is read from
the same page drawn without its text (the PDF's text-showing operators removed with pikepdf,
then rasterised with pdftoppm), so that glyphs do not count as their own background.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from generator.backends.deck.backend import DeckBackend
from generator.theme.colors import AA_LARGE, AA_NORMAL, contrast
from tests import templates as T
from tests.conftest import SAMPLE, needs_programs, prepared, require_soffice, saved_by_libreoffice
from tests.test_deck_libreoffice import overlap

BUILT = {"picture-background": T.picture_background_template, "band": T.band_template,
         "dark-layout": T.dark_layout_template, "tiny-placeholders": T.tiny_placeholders_template,
         "middle-title": T.middle_title_template, "pale-subtitle": T.pale_subtitle_template}
NAMES = [*BUILT, "libreoffice-middle-title"]
SHARE = 0.95  # of a line's ground that must reach its limit, as the build asks
DPI = 72  # one pixel a point


# --- what the build knows before drawing -------------------------------------------------

def _theme(template: Path):
    """Return the resolved theme of the sample brief on `template`."""
    return prepared(SAMPLE, str(template)).theme


@pytest.mark.parametrize(("name", "kind", "artwork", "plated"), [
    ("picture-background", "glance", True, True),
    ("band", "takeaways", True, True),
    ("dark-layout", "cover", False, False),
    ("tiny-placeholders", "glance", False, False),
], ids=["picture", "band", "dark-layout-cover", "tiny"])
def test_each_text_area_knows_what_lies_behind_it(tmp_path, name, kind, artwork, plated):
    choice = _theme(BUILT[name](tmp_path)).template.choice(kind)
    bodies = [g for p, g in choice.grounds if p.type in ("body", "obj", "subTitle")]
    assert bodies and all(g.artwork == artwork for g in bodies)
    area = choice.slots.bodies[0] if choice.fits else choice.area
    assert (choice.plated(area) is not None) == plated


def test_a_dark_layout_with_dark_text_is_set_on_plates_and_warned_about_by_name(tmp_path):
    theme = _theme(T.dark_layout_template(tmp_path))
    choice = theme.template.choice("glance")
    assert choice.layout.name == "Title and Content"
    assert all(choice.plated(p) is not None for p in choice.filled())
    messages = [w.message for w in theme.warnings]
    assert [m for m in messages if "'Title and Content'" in m and "plate" in m]


def test_a_placeholders_own_faint_colour_is_kept_and_named_with_its_colour(tmp_path):
    theme = _theme(T.pale_subtitle_template(tmp_path))
    subtitle = theme.template.choice("cover").slots.bodies[0]
    assert theme.template.choice("cover").plated(subtitle) is None  # kept: the template's choice
    faint = [w.message for w in theme.warnings if f"#{T.PALE}" in w.message]
    assert len(faint) == 1
    assert "'Title Slide'" in faint[0] and "'Subtitle 2'" in faint[0]


def _meet(a, b) -> bool:
    """Return True when two placeholders' boxes share some area."""
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def test_text_without_a_layout_with_room_keeps_clear_of_the_title_and_footer(tmp_path):
    template = _theme(T.tiny_placeholders_template(tmp_path)).template
    crowded = [c for c in template.choices if not c.fits]
    assert crowded
    met = []
    for choice in crowded:
        taken = [choice.slots.title, *choice.layout.of_type("dt", "ftr", "sldNum")]
        assert not [other.type for other in taken if _meet(choice.area, other)]
        body = template.package.master_bodies[choice.layout.master]
        met += [other for other in taken if _meet(body, other)]
    assert met  # negative control: the master's whole body area meets a title


def test_text_under_a_title_across_the_middle_keeps_to_the_part_clear_of_it(tmp_path):
    template = _theme(T.middle_title_template(tmp_path)).template
    met = []
    for choice in template.choices:
        title = choice.slots.title
        assert not [p.type for p in choice.filled()[1:] if _meet(p, title)], choice.kind
        met += [p for p in choice.layout.of_type("body", "obj", "subTitle") if _meet(p, title)]
    assert met  # negative control: as the layouts have them, their text placeholders meet the title


def test_briefgen_template_shows_artwork_and_contrast_per_layout(tmp_path):
    from generator.workflow.template_report import describe

    lines = describe(_theme(T.band_template(tmp_path)).template)
    banded = next(line for line in lines if line.startswith("  'Title and Content'"))
    plain = next(line for line in lines if line.startswith("  'Title Only'"))
    assert "text on artwork, contrast 3.5:1" in banded and "below the 4.5:1" in banded
    assert "text on a plain ground, contrast 21.0:1" in plain


def test_each_template_is_analysed_once(tmp_path):
    from generator.theme.template import behind

    package = _theme(T.band_template(tmp_path)).template.package
    assert behind.behind(package) is behind.behind(package)


# --- what LibreOffice draws -----------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Path, Path, list[str]]]:
    """Return per case (the PDF, the PDF drawn without text, the build's warnings), with two
    negative controls: the old fallback area, and the picture deck without its plates."""
    require_soffice()
    folder = tmp_path_factory.mktemp("legibility")
    templates = {name: build(folder) for name, build in BUILT.items()}
    exported = folder / "libreoffice-middle-title.pptx"
    exported.write_bytes(saved_by_libreoffice(templates["middle-title"].read_bytes(), folder / "lo"))
    templates["libreoffice-middle-title"] = exported
    decks, warnings = {}, {}
    for name, template in templates.items():
        prep = prepared(SAMPLE, str(template))
        out = io.BytesIO()
        DeckBackend().render(prep.story, prep.theme, out)
        decks[name] = out.getvalue()
        warnings[name] = [w.message for w in prep.theme.warnings]
    decks["old-fallback"] = _with_old_fallback(decks["tiny-placeholders"])
    decks["no-plates"] = _without_plates(decks["picture-background"])
    warnings["old-fallback"], warnings["no-plates"] = warnings["tiny-placeholders"], []
    for name, data in decks.items():
        (folder / f"{name}.pptx").write_bytes(data)
    subprocess.run([require_soffice(), f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    *(str(folder / f"{name}.pptx") for name in decks)],
                   check=True, capture_output=True, timeout=600)
    return {name: (folder / f"{name}.pdf", _without_text(folder / f"{name}.pdf"), warnings[name])
            for name in decks}


def _with_old_fallback(deck: bytes) -> bytes:
    """Return a deck with its fallback text boxes moved back to the master's whole body area."""
    prs = Presentation(io.BytesIO(deck))
    body = next(p for p in prs.slide_master.placeholders if p.placeholder_format.idx == 1)
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name.startswith("Text"):
                shape.left, shape.top = body.left, body.top
                shape.width, shape.height = body.width, body.height
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _without_plates(deck: bytes) -> bytes:
    """Return a deck with the plates taken off its placeholders (text straight on the artwork)."""
    prs = Presentation(io.BytesIO(deck))
    for slide in prs.slides:
        for shape in slide.placeholders:
            sp_pr = shape._element.spPr
            for fill in sp_pr.findall("{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill"):
                sp_pr.remove(fill)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _without_text(pdf: Path) -> Path:
    """Return a copy of `pdf` drawn without its text: every text-showing operator removed."""
    import pikepdf

    out = pdf.with_name(pdf.stem + "-bare.pdf")
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            kept = [(operands, operator) for operands, operator in pikepdf.parse_content_stream(page)
                    if str(operator) not in ("Tj", "TJ", "'", '"')]
            page.Contents = document.make_stream(pikepdf.unparse_content_stream(kept))
        document.save(out)
    return out


def _overlapping_words(pdf: Path) -> list[tuple[int, str, str]]:
    """Return (page, word, word) for every two words whose boxes overlap on a page."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            words = page.extract_words()
            for n, word in enumerate(words):
                found += [(number, word["text"], other["text"]) for other in words[n + 1:]
                          if overlap(word, other)]
    return found


def _images(bare: Path, folder: Path) -> list:
    """Return the pages of `bare` rasterised at DPI, as Pillow images."""
    from PIL import Image

    prefix = folder / bare.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(bare), str(prefix)], check=True,
                   capture_output=True, timeout=300)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob(f"{bare.stem}-*.png"))]


def _hex(colour) -> str:
    """Return a pdfplumber colour (grey or RGB, from 0 to 1) as '#RRGGBB'."""
    values = tuple(colour or (0,))
    if len(values) == 1:
        values = values * 3
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        values = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return "#" + "".join(f"{round(v * 255):02X}" for v in values[:3])


def faint_lines(pdf: Path, bare: Path, exempt: set[str]) -> list[str]:
    """Return every line of text whose colour does not reach its limit over SHARE of the ground
    under it on the page drawn without text; colours in `exempt` (warned of) are left out."""
    pages = _images(bare, bare.parent)
    failing = []
    with pdfplumber.open(pdf) as document:
        for number, (page, image) in enumerate(zip(document.pages, pages, strict=True), 1):
            scale = image.width / float(page.width)
            for line in page.extract_text_lines(return_chars=True):
                chars = [c for c in line["chars"] if c["text"].strip()]
                if not chars:
                    continue
                inks = [_hex(c["non_stroking_color"]) for c in chars]
                ink = max(set(inks), key=inks.count)  # a bullet may be in another colour
                size = max(c["size"] for c in chars)
                bold = any("bold" in c["fontname"].lower() for c in chars)
                limit = AA_LARGE if size >= 18 - 0.05 or (bold and size >= 14 - 0.05) else AA_NORMAL
                box = tuple(round(v * scale) for v in (line["x0"], line["top"], line["x1"], line["bottom"]))
                area = image.crop(box)
                counted = area.getcolors(maxcolors=area.width * area.height + 1) or []
                total = sum(count for count, _pixel in counted) or 1
                passing = sum(count for count, pixel in counted
                              if contrast(ink, "#{:02X}{:02X}{:02X}".format(*pixel)) >= limit - 0.05)
                if not _warned(ink, exempt) and passing < SHARE * total:
                    failing.append(f"page {number}: {line['text'][:40]!r} in {ink}: "
                                   f"{passing / total:.0%} of its ground reaches {limit:g}:1")
    return failing


def _warned(ink: str, exempt: set[str]) -> bool:
    """Return True when `ink` is one of the warned colours, as LibreOffice rounds it (its tints
    may differ from Office's by a unit or two a channel)."""
    from generator.theme.colors import rgb

    return any(max(abs(a - b) for a, b in zip(rgb(ink), rgb(colour), strict=True)) <= 4
               for colour in exempt)


def _exempt(warnings: list[str]) -> set[str]:
    """Return the text colours the build warned are the template's own on a plain ground."""
    import re

    return {m.group(1).upper() for w in warnings if "template's choice" in w
            for m in [re.search(r"text colour (#[0-9A-Fa-f]{6})", w)] if m}


@needs_programs("pdftoppm")
@pytest.mark.parametrize("name", NAMES)
def test_no_word_overlaps_another_on_any_slide(rendered, name):
    pdf, _bare, _warnings = rendered[name]
    assert _overlapping_words(pdf) == []


@needs_programs("pdftoppm")
@pytest.mark.parametrize("name", NAMES)
def test_every_line_reaches_its_contrast_on_the_rendered_page(rendered, name):
    pdf, bare, warnings = rendered[name]
    assert faint_lines(pdf, bare, _exempt(warnings)) == []


@needs_programs("pdftoppm")
def test_the_checks_fail_on_the_old_fallback_area_and_without_plates(rendered):
    """Negative controls: the same checks find the overlaps and the faint lines they guard
    against when the fallback text is put back across the title, or the plates are taken off."""
    assert _overlapping_words(rendered["old-fallback"][0])
    pdf, bare, _warnings = rendered["no-plates"]
    assert faint_lines(pdf, bare, set())
