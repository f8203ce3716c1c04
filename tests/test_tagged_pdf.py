"""The handout and the script are tagged PDFs: PDF/UA-1's machine-checkable rules pass, checked
by two validators (page-validation's UA-1 profile and pdfua), and fail when tagging is broken."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys

import pikepdf
import pytest
from PIL import Image

from generator.backends.handout.backend import HandoutBackend
from generator.backends.script.backend import ScriptBackend
from generator.story import Picture
from tests.conftest import ROOT, SAMPLE, STRESS, TEST_BRIEFS, prepared
from tests.pdfs import pdfua_problems, structure, ua_failures
from tests.test_handout_condense import big_brief

BACKENDS = {"handout": HandoutBackend, "script": ScriptBackend}


def _logo() -> Picture:
    """Return a small PNG logo with its alt text."""
    png = io.BytesIO()
    Image.new("RGB", (400, 200), "#E2B04A").save(png, "PNG")
    return Picture(png.getvalue(), 400, 200, "png", "Symposium logo", "test")


def _briefs(folder):
    """Return each test brief's prepared story and theme, by name."""
    cases = {
        "english": prepared(SAMPLE),
        "chinese": prepared(TEST_BRIEFS / "chinese.yaml"),
        "chinese-sample": prepared(ROOT / "briefs" / "film-tech-symposium.zh-Hans.yaml"),
        "arabic": prepared(TEST_BRIEFS / "arabic.yaml"),
        "stress": prepared(STRESS),
        "programme": prepared(TEST_BRIEFS / "programme.yaml"),
        "400-speakers": prepared(big_brief(folder, 400, sources=5)),
    }
    out = {name: (p.story, p.theme) for name, p in cases.items()}
    logo = prepared(SAMPLE, "cinema")
    out["logo-screen-colours"] = (dataclasses.replace(logo.story, logo=_logo()),
                                  dataclasses.replace(logo.theme, handout_colors="theme"))
    template = prepared(SAMPLE, "corporate")  # the project's theme on a PowerPoint template
    out["template-colours"] = (template.story,
                               dataclasses.replace(template.theme, handout_colors="theme"))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Return the bytes of every brief's handout and script, by (brief, format)."""
    folder = tmp_path_factory.mktemp("tagged")
    out = {}
    for name, (story, theme) in _briefs(folder).items():
        for kind, backend in BACKENDS.items():
            buffer = io.BytesIO()
            backend().render(story, theme, buffer)
            out[(name, kind)] = buffer.getvalue()
    return out


BRIEFS = ["english", "chinese", "chinese-sample", "arabic", "stress", "programme", "400-speakers",
          "logo-screen-colours", "template-colours"]
CASES = [(brief, kind) for brief in BRIEFS for kind in BACKENDS]
IDS = [f"{brief}-{kind}" for brief, kind in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_page_validation_finds_no_failed_pdf_ua_rule(built, case):
    assert ua_failures(built[case]) == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pdfua_finds_nothing_and_evaluates_every_rule(built, case, tmp_path):
    assert pdfua_problems(built[case], tmp_path) == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_structure_starts_with_the_title_as_the_one_h1(built, case):
    tree = structure(built[case])
    roles = [role for _depth, role, _entries in tree]
    assert roles[0] == "Document"
    assert roles.count("H1") == 1 and roles.index("H1") == 1
    assert "H2" in roles and "P" in roles


def test_the_handouts_lists_facts_and_codes_are_tagged(built):
    tree = structure(built[("stress", "handout")])
    roles = [role for _depth, role, _entries in tree]
    assert {"Table", "TR", "TH", "TD", "L", "LI", "Lbl", "LBody", "Figure", "Link"} <= set(roles)
    headers = [entries for _d, role, entries in tree if role == "TH"]
    # The key facts' labels head their rows; the programme's column heads head its columns.
    assert [e.get("/Scope") for e in headers][:2] == ["/Row", "/Row"]
    assert {e.get("/Scope") for e in headers} == {"/Row", "/Column"}
    figures = [entries for _d, role, entries in tree if role == "Figure"]
    # Each QR code's alt text names the source and the address it opens.
    assert figures and all("https://" in e["/Alt"] or "mailto:" in e["/Alt"] for e in figures)
    links = [entries for _d, role, entries in tree if role == "Link"]
    with pikepdf.open(io.BytesIO(built[("stress", "handout")])) as pdf:
        annotations = [a for page in pdf.pages for a in page.get("/Annots", [])]
        assert all("/StructParent" in a for a in annotations)
        assert pdf.pages[0].Tabs == "/S"
    assert len(links) == len(annotations) > 0 and all(e.get("objr") for e in links)


def test_the_logo_is_a_figure_with_its_alt_text(built):
    tree = structure(built[("logo-screen-colours", "handout")])
    assert [e["/Alt"] for _d, role, e in tree if role == "Figure"] == ["Symposium logo"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_metadata_claims_pdf_ua_with_title_and_language(built, case):
    with pikepdf.open(io.BytesIO(built[case])) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert '<rdf:li xml:lang="x-default">' in xmp and "dc:title" in xmp
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        language = {"chinese": "zh-Hans", "chinese-sample": "zh-Hans", "arabic": "ar"}
        assert str(pdf.Root.Lang) == language.get(case[0], "en")


@pytest.mark.parametrize("kind", list(BACKENDS))
def test_arabic_is_read_in_logical_order_through_actual_text(built, kind):
    story, _theme = prepared(TEST_BRIEFS / "arabic.yaml").story, None
    streams = b""
    with pikepdf.open(io.BytesIO(built[("arabic", kind)])) as pdf:
        for page in pdf.pages:
            streams += b"".join(c.read_bytes() for c in page.obj.Contents.as_list()) \
                if isinstance(page.obj.Contents, pikepdf.Array) else page.obj.Contents.read_bytes()
    texts = [bytes.fromhex(h.decode()).decode("utf-16-be")
             for h in re.findall(rb"/ActualText <FEFF([0-9A-F]+)>", streams)]
    # The glyphs are drawn joined and right to left; what a reader hears is the brief's text.
    assert any(story.meta.title in text for text in texts), texts


@pytest.mark.parametrize("kind", list(BACKENDS))
def test_tagged_output_is_byte_reproducible(kind):
    prep = prepared(STRESS)
    first, second = io.BytesIO(), io.BytesIO()
    BACKENDS[kind]().render(prep.story, prep.theme, first)
    BACKENDS[kind]().render(prep.story, prep.theme, second)
    assert first.getvalue() == second.getvalue()


# Negative controls: each break of the tagging makes both validators fail.

def _without_alt(data: bytes) -> bytes:
    """Return the PDF with the /Alt of every Figure element taken away."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure":
                del obj.Alt
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _with_untagged_text(data: bytes) -> bytes:
    """Return the PDF with a line of text drawn on its first page outside any marked content."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        font = next(iter(page.Resources.Font.keys()))
        page.contents_add(pikepdf.Stream(pdf, f"BT {font} 12 Tf 72 72 Td (untagged) Tj ET".encode()))
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


BREAKS = [("figure-without-alt", _without_alt, "FIGURE", "UA-13-004"),
          ("untagged-text", _with_untagged_text, "CONTENT-TAGGING", "UA-01-")]


@pytest.mark.parametrize(("name", "breaking", "rule", "pdfua_rule"), BREAKS,
                         ids=[b[0] for b in BREAKS])
def test_a_broken_tagging_fails_both_validators(built, tmp_path, name, breaking, rule, pdfua_rule):
    source = built[("logo-screen-colours", "handout")]
    assert ua_failures(source) == [] and pdfua_problems(source, tmp_path) == []
    broken = breaking(source)
    assert any(rule in failure for failure in ua_failures(broken)), ua_failures(broken)
    assert any(p.startswith(pdfua_rule) for p in pdfua_problems(broken, tmp_path)), \
        pdfua_problems(broken, tmp_path)


def test_validating_a_brief_imports_no_pdf_library():
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"try:\n    main.main(['validate', {str(SAMPLE)!r}], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pikepdf', 'reportlab') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
