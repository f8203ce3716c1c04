"""The OOXML layer: one hardened parser with size caps, zip packages read within limits, and a
deck read back as its slides' text, agreeing with python-pptx."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest
from pptx import Presentation

from generator.backends.deck.backend import DeckBackend
from generator.ooxml import package as package_module
from generator.ooxml import parse
from generator.ooxml.deck import read_deck
from generator.ooxml.names import A, qn
from generator.ooxml.package import NotAPackage, Package, resolve_target
from generator.ooxml.parse import PackageError, parse_part
from tests import templates as T
from tests.conftest import BRIEFS, ROOT, SAMPLE, prepared

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  b"<lolz>&lol2;</lolz>")
EXTERNAL_DTD = b'<!DOCTYPE x SYSTEM "http://tracker.example/x.dtd"><x/>'
EXTERNAL_ENTITY = (b'<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                   b"<x>&secret;</x>")


@pytest.mark.parametrize(("data", "caps", "message"), [
    (BILLION_LAUGHS, {}, "refused: ppt/slides/slide1.xml declares a DOCTYPE"),
    (EXTERNAL_DTD, {}, "refused: ppt/slides/slide1.xml declares a DOCTYPE"),
    (EXTERNAL_ENTITY, {}, "refused: ppt/slides/slide1.xml declares a DOCTYPE"),
    (b"<x><y></x>", {}, "damaged: ppt/slides/slide1.xml is not well-formed XML (line 1: Opening "
     "and ending tag mismatch: y line 1 and x)"),
    (b"<x>" + b"<y/>" * 20 + b"</x>", {"MAX_ELEMENTS": 20},
     "too large: ppt/slides/slide1.xml holds more than 20 XML elements"),
    (b"<x>" + b" " * 2**20 + b"</x>", {"MAX_PART_BYTES": 2**20},
     "too large: ppt/slides/slide1.xml unpacks to 1 MB; a part may be at most 1 MB"),
], ids=["billion-laughs", "external-dtd", "external-entity", "not-well-formed", "too-many-elements",
        "too-large"])
def test_a_part_the_parser_refuses_is_one_message_naming_the_part(monkeypatch, data, caps, message):
    for name, value in caps.items():
        monkeypatch.setattr(parse, name, value)
    with pytest.raises(PackageError) as caught:
        parse_part(data, "ppt/slides/slide1.xml")
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_part_within_the_caps_is_parsed_as_written():
    root = parse_part(b'<a:p xmlns:a="' + A.encode() + b'"><a:r><a:t>Hi &amp; bye</a:t></a:r></a:p>',
                      "part.xml")
    assert root.tag == qn("a:p") and root.findtext(f"{qn('a:r')}/{qn('a:t')}") == "Hi & bye"


_PEAK_MEMORY = """
import resource
from generator.ooxml.parse import PackageError, parse_part
try:
    parse_part(b"<r>" + b"<a/>" * 7_000_000 + b"</r>", "ppt/slideLayouts/slideLayout1.xml")
except PackageError as exc:
    print(exc)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_a_part_of_millions_of_elements_is_refused_before_its_tree_takes_the_memory():
    # 28 MB of empty elements: a whole tree of them takes about 900 MB; counted while parsing,
    # the part is refused at the cap with a fraction of that.
    message, peak_mb = T.run_alone(_PEAK_MEMORY)
    assert message.startswith("too large: ppt/slideLayouts/slideLayout1.xml holds more than")
    assert int(peak_mb) < 400, f"peak memory {peak_mb} MB"


def _zip(members: dict[str, bytes]) -> bytes:
    """Return a zip holding `members`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("data", "caps", "error", "message"), [
    (b"just text", {}, NotAPackage, "not a zip package"),
    (_zip({f"f{n}.xml": b"<x/>" for n in range(6)}), {"MAX_MEMBERS": 5}, PackageError,
     "too many files inside (6); a package may hold at most 5"),
    (_zip({"big.bin": b"\0" * 2048}), {"MAX_EXPANDED_BYTES": 1024}, PackageError,
     "too large unpacked"),
], ids=["not-a-zip", "too-many-members", "too-large-unpacked"])
def test_a_package_beyond_the_caps_is_refused_before_any_part_is_read(monkeypatch, data, caps, error,
                                                                       message):
    for name, value in caps.items():
        monkeypatch.setattr(package_module, name, value)
    with pytest.raises(error) as caught:
        Package(data)
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_part_declared_larger_than_the_cap_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(parse, "MAX_PART_BYTES", 1024)
    with Package(_zip({"big.xml": b"<x>" + b" " * 2048 + b"</x>"})) as package:
        monkeypatch.setattr(package, "read", lambda name: pytest.fail("unpacked"))
        with pytest.raises(PackageError, match="too large: big.xml unpacks to"):
            package.xml("big.xml")


def test_relationships_are_indexed_once_and_resolved_against_their_part(tmp_path):
    with Package(T.renamed_template(tmp_path).read_bytes()) as package:
        rels = package.rels("ppt/slides/slide1.xml")
        assert package.rels("ppt/slides/slide1.xml") is rels  # read and indexed once
        kinds = {rel.kind: rel for rel in rels}
        assert kinds["slideLayout"].part.startswith("ppt/slideLayouts/slideLayout")
        assert kinds["hyperlink"].external and kinds["hyperlink"].part == ""
        assert package.main_part() == "ppt/presentation.xml"
        types = package.content_types()
        assert types.of("ppt/presentation.xml") == T.PPTX
        assert types.of("docProps/thumbnail.jpeg") == "image/jpeg"  # by its extension
        assert package.rels("ppt/presentation.xml") and package.rels("no/such.xml") == ()
        with pytest.raises(PackageError, match="damaged: it lacks no/such.xml"):
            package.xml("no/such.xml")


@pytest.mark.parametrize(("source", "target", "member"), [
    ("ppt/slides/slide1.xml", "../slideLayouts/slideLayout2.xml", "ppt/slideLayouts/slideLayout2.xml"),
    ("ppt/presentation.xml", "slides/slide1.xml", "ppt/slides/slide1.xml"),
    ("", "ppt/presentation.xml", "ppt/presentation.xml"),
    ("ppt/slides/slide1.xml", "/ppt/media/image1.png", "ppt/media/image1.png"),
], ids=["relative-up", "relative-down", "package-own", "absolute"])
def test_a_relationship_target_names_the_member_it_points_at(source, target, member):
    assert resolve_target(source, target) == member


def _built(brief, theme: str | None = None) -> bytes:
    """Return the deck built for `brief`."""
    prep = prepared(brief, theme)
    out = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, out)
    return out.getvalue()


@pytest.mark.parametrize(("brief", "theme"), [
    (SAMPLE, None), (BRIEFS["stress"], None), (SAMPLE, "corporate"),
], ids=["sample", "stress", "on-a-template"])
def test_a_deck_is_read_back_as_python_pptx_reads_it(brief, theme):
    corporate = str(ROOT / "docs" / "examples" / "corporate-template.potx")
    data = _built(brief, corporate if theme == "corporate" else theme)
    slides = read_deck(data)
    expected = Presentation(io.BytesIO(data)).slides
    assert len(slides) == len(expected) >= 2
    for slide, shown in zip(slides, expected, strict=True):
        assert [(s.id, s.name, s.text) for s in slide.shapes] == [
            (s.shape_id, s.name, _text_of(s)) for s in shown.shapes
            if s.has_text_frame or getattr(s, "has_table", False)]
        assert slide.layout == str(shown.slide_layout.part.partname).lstrip("/")
        assert slide.notes == shown.notes_slide.notes_text_frame.text


def _text_of(shape) -> str:
    """Return a shape's text as python-pptx reads it: a table's is its cells' paragraphs, row by
    row, one a line."""
    if shape.has_text_frame:
        return shape.text_frame.text
    return "\n".join(p.text for row in shape.table.rows for cell in row.cells
                     for p in cell.text_frame.paragraphs)


def test_a_decks_own_slides_are_read_whoever_made_it(tmp_path):
    slides = read_deck(T.renamed_template(tmp_path).read_bytes())
    assert [s.part for s in slides] == ["ppt/slides/slide1.xml"]
    assert [(s.placeholder, s.text) for s in slides[0].shapes] == [("title", T.SAMPLE_TEXT),
                                                                    ("body", "tracked")]


def test_a_package_that_is_not_a_deck_is_refused():
    data = T.rewrite(T.default_bytes(), {"[Content_Types].xml": lambda x: x.replace(
        T.PPTX.encode(), b"application/vnd.openxmlformats-officedocument.wordprocessingml."
        b"document.main+xml")})
    with pytest.raises(PackageError, match="not a PowerPoint deck"):
        read_deck(data)


def test_the_layer_imports_no_rendering_library_and_its_names_no_xml_library():
    code = ("import sys\nimport generator.ooxml.names\n"
            "print('NAMES', [m for m in ('lxml', 'zipfile') if m in sys.modules])\n"
            "import generator.ooxml.deck, generator.ooxml.package, generator.ooxml.parse\n"
            "print('HEAVY', [m for m in ('pptx', 'reportlab') if m in sys.modules])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "NAMES []" in done.stdout and "HEAVY []" in done.stdout, done.stdout + done.stderr
