"""Decks built on templates: every slide on one of the template's layouts, titles in title
placeholders, the template's own slides, links and objects gone, clean for PowerPoint, and
every word inside its box as LibreOffice draws it."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from openxml_audit import validate_pptx
from pptx import Presentation

from generator.backends.deck.backend import DeckBackend
from generator.ooxml.package import check_package
from tests import templates as T
from tests.conftest import BRIEFS, ROOT, SAMPLE, prepared, require_soffice
from tests.test_deck_libreoffice import inside, overlap, text_boxes

CHINESE = ROOT / "briefs" / "film-tech-symposium.zh-Hans.yaml"
BUILT = {"default": T.default_template, "renamed": T.renamed_template, "potx": T.potx_template,
         "two-masters": T.two_masters_template, "hostile-objects": T.hostile_objects_template,
         "pictures-only": T.pictures_only_template, "orphan-layout": T.orphan_layout_template}
CORPORATE = ROOT / "docs" / "examples" / "corporate-template.potx"  # the README's example
CASES = [("sample", name) for name in [*BUILT, "libreoffice", "corporate"]] + [("chinese", "corporate"),
    ("stress", "renamed"), ("stress", "libreoffice"), ("chinese", "renamed"), ("minimal", "potx")]
IDS = [f"{brief}-{template}" for brief, template in CASES]


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    """Return every template by name, one of them exported by LibreOffice (several masters)."""
    folder = tmp_path_factory.mktemp("templates")
    made = {name: build(folder) for name, build in BUILT.items()}
    made["libreoffice"] = _exported_by_libreoffice(folder, made["default"])
    made["corporate"] = CORPORATE
    return made


def _exported_by_libreoffice(folder: Path, template: Path) -> Path:
    """Return a template LibreOffice wrote: a deck on `template`, through Impress and back."""
    command = require_soffice()
    deck = folder / "lo-source.pptx"
    deck.write_bytes(_deck(SAMPLE, template))
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    subprocess.run([command, profile, "--headless", "--convert-to", "odp", "--outdir", str(folder),
                    str(deck)], check=True, capture_output=True, timeout=300)
    out = folder / "lo"
    subprocess.run([command, profile, "--headless", "--convert-to", "pptx", "--outdir", str(out),
                    str(folder / "lo-source.odp")], check=True, capture_output=True, timeout=300)
    return out / "lo-source.pptx"


def _brief(name: str) -> Path:
    return CHINESE if name == "chinese" else BRIEFS[name]


def _deck(brief: Path, template: Path) -> bytes:
    """Return the deck for `brief` built on `template`."""
    prep = prepared(brief, str(template))
    out = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def decks(templates, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Return every case's deck file."""
    folder = tmp_path_factory.mktemp("template-decks")
    paths = {}
    for brief, template in CASES:
        path = folder / f"{brief}-{template}.pptx"
        path.write_bytes(_deck(_brief(brief), templates[template]))
        paths[(brief, template)] = path
    return paths


@pytest.mark.parametrize(("brief", "template"), CASES, ids=IDS)
def test_every_slide_is_on_the_layout_chosen_for_its_kind_with_its_title_in_place(
        decks, templates, brief, template):
    prep = prepared(_brief(brief), str(templates[template]))
    plan = DeckBackend().plan(prep.story, prep.theme)
    slides = list(Presentation(str(decks[(brief, template)])).slides)
    assert len(slides) == len(plan) >= 2
    assert prep.theme.template is not None
    layouts = {"/" + layout.part for layout in prep.theme.template.package.layouts}
    for planned, slide in zip(plan, slides, strict=True):
        part = str(slide.slide_layout.part.partname)
        assert part in layouts
        assert part == "/" + prep.theme.template.choice(planned.kind.value).layout.part
        assert slide.shapes.title is not None and slide.shapes.title.text == planned.title
        assert slide.notes_slide.notes_text_frame.text == planned.notes


@pytest.mark.parametrize(("brief", "template"), CASES, ids=IDS)
def test_the_templates_slides_links_and_objects_are_gone_and_powerpoint_opens_it_clean(
        decks, brief, template):
    path = decks[(brief, template)]
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        text = b"".join(archive.read(n) for n in names)
    assert T.SAMPLE_TEXT.encode() not in text
    assert b"tracker.example" not in text
    assert not [n for n in names if "oleObject" in n or "activeX" in n or "embeddings" in n]
    assert b"<p:controls" not in text
    result = validate_pptx(path)
    assert result.is_valid, [str(e) for e in result.errors][:10]


def test_footer_date_and_slide_number_are_filled_where_the_layout_has_them(decks):
    prep = prepared(SAMPLE)
    slides = list(Presentation(str(decks[("sample", "default")])).slides)
    for number, slide in enumerate(slides, 1):
        texts = {shape.placeholder_format.type.name: shape.text_frame.text
                 for shape in slide.placeholders if shape.has_text_frame}
        assert texts["FOOTER"] == prep.story.meta.short_name
        assert texts["SLIDE_NUMBER"] == str(number)
        assert texts.get("DATE", "") == prep.story.meta.date  # no date, no empty date box
        assert not [t for t in texts.values() if not t.strip()]  # no empty placeholder is left


def test_the_kept_cleaned_template_is_the_one_cleaning_again_gives(tmp_path):
    from generator.backends.deck.template_package import clean_package, cleaned_bytes
    from generator.theme.template.package import read_template

    package = read_template(T.hostile_objects_template(tmp_path))
    kept = cleaned_bytes(package)
    assert cleaned_bytes(package) is kept  # the kept copy
    assert kept == clean_package(package.data)  # made afresh
    assert T.TRACKER.encode() not in kept


@pytest.mark.parametrize("change", ["replaced", "removed"])
def test_the_deck_is_built_on_the_template_as_read_whatever_happens_to_the_file(tmp_path, change):
    from generator.backends.deck.template_package import forget_cleaned

    path = T.default_template(tmp_path)
    prep = prepared(SAMPLE, str(path))
    before = _drawn(prep)
    if change == "replaced":  # another template, 16:9 with other layouts, saved over it
        T.renamed_template(tmp_path).replace(path)
    else:
        path.unlink()
    forget_cleaned()  # so that the deck cleans its template again: from the bytes read
    assert _drawn(prep) == before


def test_a_damaged_part_the_deck_leaves_out_does_not_reach_it(tmp_path):
    path = T.renamed_template(tmp_path)  # its sample slide's links are left out of every deck
    path.write_bytes(T.rewrite(path.read_bytes(), {"ppt/slides/_rels/slide1.xml.rels": lambda x:
                                                   x.replace(b"?>", b"?><!DOCTYPE r>", 1)}))
    deck = _drawn(prepared(SAMPLE, str(path)))
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        xml = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
        assert "ppt/slides/_rels/slide1.xml.rels" in xml  # briefgen's own first slide
        assert not any(b"<!DOCTYPE" in archive.read(name) for name in xml)
    check_package(deck)


def test_a_deck_that_is_not_a_whole_package_is_refused_naming_the_template(tmp_path, monkeypatch):
    from generator.backends.base import RenderError
    from generator.backends.deck import package as deck_package

    prep = prepared(SAMPLE, str(T.default_template(tmp_path)))
    whole = deck_package.package_bytes
    monkeypatch.setattr("generator.backends.deck.backend.package_bytes", lambda prs, props: T.rewrite(
        whole(prs, props), {"ppt/slideLayouts/slideLayout2.xml": None}))
    with pytest.raises(RenderError) as caught:
        _drawn(prep)
    assert str(caught.value).startswith(
        "template 'default.pptx': the deck built on it would be damaged: in "), caught.value
    assert "points at ppt/slideLayouts/slideLayout2.xml, which is missing" in str(caught.value)


def _drawn(prep) -> bytes:
    """Return the deck drawn from a prepared brief."""
    out = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, out)
    return out.getvalue()


def test_a_theme_naming_a_template_overrides_its_colours_in_the_deck(tmp_path):
    T.default_template(tmp_path)
    (tmp_path / "brand.yml").write_text("color:\n  primary: '#7A1F3D'\ndefaults:\n  briefgen:\n"
                                        "    template: default.pptx\n")
    data = _deck(SAMPLE, tmp_path / "brand.yml")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        theme_xml = archive.read("ppt/theme/theme1.xml")
    assert b'<a:accent1><a:srgbClr val="7A1F3D"/>' in theme_xml
    assert b'<a:accent2><a:srgbClr val="C0504D"/>' in theme_xml  # the template's own, kept


@pytest.fixture(scope="module")
def converted(decks, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Return each case's deck as LibreOffice draws it (a PDF), converted in one run."""
    command = require_soffice()
    folder = tmp_path_factory.mktemp("template-pdfs")
    subprocess.run([command, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, decks.values())],
                   check=True, capture_output=True, timeout=600)
    return {case: folder / (path.stem + ".pdf") for case, path in decks.items()}


@pytest.mark.parametrize(("brief", "template"), CASES, ids=IDS)
def test_libreoffice_draws_one_page_per_slide_and_every_word_in_its_box(
        decks, converted, brief, template):
    slides = list(Presentation(str(decks[(brief, template)])).slides)
    with pdfplumber.open(converted[(brief, template)]) as pdf:
        assert len(pdf.pages) == len(slides)
        for number, (page, slide) in enumerate(zip(pdf.pages, slides, strict=True), 1):
            words = page.extract_words()
            boxes = text_boxes(slide)
            assert words, number
            for word in words:
                assert word["x1"] <= page.width and word["bottom"] <= page.height, (number, word)
                assert any(inside(word, box) for box in boxes), (number, word["text"], "outside")
            for i, a in enumerate(words):
                for b in words[i + 1:]:
                    assert not overlap(a, b), (number, a["text"], b["text"])
