"""briefgen check on decks: each of a dozen problems planted in a deck made with python-pptx is
found, once, with the line a reader sees; hostile decks give one line; every deck briefgen builds
(test and sample briefs x built-in themes x test templates) passes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from generator.workflow.check.run import check_deck, check_paths

EMU = 12700


def _png(colour: str, size: tuple[int, int] = (64, 64)) -> io.BytesIO:
    """Return a PNG of one colour."""
    stream = io.BytesIO()
    Image.new("RGB", size, colour).save(stream, "PNG")
    stream.seek(0)
    return stream


def _text(slide, x: float, y: float, w: float, h: float, text: str, size: float = 20,
          colour: str = "000000", name: str = ""):
    """Add a text box in points with one run of `text`; return it."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    box = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    if name:
        box.name = name
    run = box.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.color.rgb = RGBColor.from_string(colour)
    return box


def _titled(prs, title: str):
    """Return a new 'Title Only' slide with `title`."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = title
    return slide


def planted_deck() -> bytes:
    """Return a deck with one planted problem per slide (slide numbers in PLANTED)."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    prs = Presentation()
    # 1: a picture without alt text
    slide = _titled(prs, "Speakers")
    photo = slide.shapes.add_picture(_png("#336699"), Pt(40), Pt(150), Pt(100), Pt(100))
    photo.name = "Lu Liang"  # python-pptx describes it by its file name, which describes nothing
    # 2: a shape with no text and no alt text
    slide = _titled(prs, "Shapes")
    slide.shapes.add_shape(MSO_SHAPE.OVAL, Pt(40), Pt(150), Pt(80), Pt(80)).name = "Badge"
    # 3: a slide without a title
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, 40, 150, 400, 40, "Nothing names this slide")
    # 4: a duplicate title (of slide 1)
    _titled(prs, "Speakers")
    # 5: the title after other content in reading order
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, 40, 150, 400, 40, "Read first", name="Intro")
    title = _text(slide, 40, 30, 600, 60, "Order", size=32, name="Title")
    slide.shapes._spTree.remove(title._element)
    slide.shapes._spTree.append(title._element)
    _make_title(title)
    # 6: a table without a header row
    slide = _titled(prs, "Figures")
    table = slide.shapes.add_table(2, 2, Pt(40), Pt(150), Pt(300), Pt(60))
    table.name = "Numbers"
    table._element.nvGraphicFramePr.cNvPr.set("descr", "Numbers by year")
    table._element.graphic.graphicData.tbl.tblPr.set("firstRow", "0")
    # 7: link text that is a bare address
    slide = _titled(prs, "Links")
    box = _text(slide, 40, 150, 600, 40, "https://example.org/report", name="Link")
    box.text_frame.paragraphs[0].runs[0].hyperlink.address = "https://example.org/report"
    # 8: an empty placeholder (Title and Content: the body is left empty)
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Empty body"
    # 9: 8 pt text
    slide = _titled(prs, "Fine print")
    _text(slide, 40, 150, 600, 40, "Terms apply", size=8, name="Fine print")
    # 10: pale grey text on white
    slide = _titled(prs, "Pale")
    _text(slide, 40, 150, 600, 40, "Barely there", size=16, colour="CCCCCC", name="Pale note")
    # 11: white text on a white picture
    slide = _titled(prs, "Snow")
    picture = slide.shapes.add_picture(_png("#FAFAFA"), Pt(40), Pt(150), Pt(600), Pt(200))
    picture.name = "Snowfield"
    picture._element.nvPicPr.cNvPr.set("descr", "A snowfield")
    _text(slide, 60, 200, 500, 40, "Caption on snow", colour="FFFFFF", name="Snow caption")
    # 12: text that runs out of its box
    slide = _titled(prs, "Long")
    crammed = _text(slide, 40, 150, 200, 30, "This sentence is far too long for a box this small. " * 3,
                    name="Crammed")
    crammed.text_frame.word_wrap = True
    crammed.text_frame.auto_size = MSO_AUTO_SIZE.NONE
    stream = io.BytesIO()
    prs.save(stream)
    return stream.getvalue()


def _make_title(shape) -> None:
    """Make a text box the slide's title placeholder."""
    from pptx.oxml.ns import qn

    nv_pr = shape._element.find(qn("p:nvSpPr")).find(qn("p:nvPr"))
    nv_pr.append(nv_pr.makeelement(qn("p:ph"), {"type": "title"}))


PLANTED = [
    ("picture", "deck.pptx: slide 1: 'Lu Liang' picture: no alt text (only its file name, "
                "'image.png'); describe it, or mark it decorative"),
    ("shape", "deck.pptx: slide 2: 'Badge' shape: no alt text (describe it, or mark it decorative)"),
    ("no-title", "deck.pptx: slide 3: no slide title"),
    ("duplicate", "deck.pptx: slide 4: warning: same title as slide 1 ('Speakers'); make each title "
                  "distinct"),
    ("order", "deck.pptx: slide 5: warning: 'Intro' shape: read before the slide title; move the title "
              "first in the reading order"),
    ("table", "deck.pptx: slide 6: 'Numbers' table: table has no header row"),
    ("link", "deck.pptx: slide 7: warning: 'Link' shape: link text is a bare address "
             "(https://example.org/report); say where it leads"),
    ("placeholder", "deck.pptx: slide 8: warning: 'Content Placeholder 2' shape: empty placeholder "
                    "(fill it or delete it)"),
    ("small", "deck.pptx: slide 9: warning: 'Fine print' shape: text at 8 pt, below the 14 pt floor"),
    ("pale", "deck.pptx: slide 10: 'Pale note' shape: text #CCCCCC on #FFFFFF: contrast 1.61:1, below 4.5:1"),
    ("on-picture", "deck.pptx: slide 11: 'Snow caption' shape: text #FFFFFF on #FAFAFA: contrast 1.04:1, "
                   "below 3:1"),
]


@pytest.fixture(scope="module")
def planted() -> list[str]:
    """Return the lines `check` gives for the planted deck."""
    return [str(f) for f in check_deck(planted_deck(), "deck.pptx")]


@pytest.mark.parametrize("line", [line for _id, line in PLANTED], ids=[i for i, _line in PLANTED])
def test_planted_problem_is_found(planted: list[str], line: str) -> None:
    assert line in planted


def test_overflow_is_found(planted: list[str]) -> None:
    start = "deck.pptx: slide 12: 'Crammed' shape: text runs out of its box: it needs "
    found = [line for line in planted if line.startswith(start)]
    assert len(found) == 1, planted


def test_nothing_else_is_found(planted: list[str]) -> None:
    expected = {line for _id, line in PLANTED}
    others = [line for line in planted if line not in expected and "'Crammed'" not in line]
    assert others == []


def _themes(folder: Path) -> list[str]:
    """Return every built-in and project theme, and the test templates, as `--theme` takes them."""
    from tests import templates

    builders = (templates.default_template, templates.renamed_template, templates.potx_template,
                templates.two_masters_template)
    return ["default", "cinema", "print", "corporate", *(str(b(folder)) for b in builders)]


def _briefs() -> list[Path]:
    """Return the test briefs and the sample briefs."""
    root = Path(__file__).resolve().parent.parent
    return sorted((root / "tests" / "briefs").glob("*.yaml")) + sorted((root / "briefs").glob("*.yaml"))


@pytest.fixture(scope="module")
def built_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Return the findings of every brief built in every theme, by 'brief@theme'."""
    import generator

    folder = tmp_path_factory.mktemp("templates")
    found: dict[str, list[str]] = {}
    for brief in _briefs():
        for theme in _themes(folder):
            name = f"{brief.stem}@{Path(theme).name}"
            data = generator.render(brief, theme=theme, format="pptx",
                                    root=Path(__file__).resolve().parent.parent)
            found[name] = [f"{f.rule}: {f}" for f in check_deck(data, name)]
    return found


# What a deck on a template may be found to have: a colour the template itself gives a
# placeholder's text (python-pptx's own footers, tinted to 3.3:1), which the build keeps and
# warns about, as a template's choice.
TEMPLATES_OWN = "(the template's own colour)"


def test_every_built_deck_passes(built_findings: dict[str, list[str]]) -> None:
    assert len(built_findings) == len(_briefs()) * 8
    builtin = [line for name, lines in built_findings.items() for line in lines
               if name.split("@")[1] in ("default", "cinema", "print")]
    assert builtin == []
    others = [line for lines in built_findings.values() for line in lines
              if not (line.startswith("contrast: ") and ": warning: " in line
                      and line.endswith(TEMPLATES_OWN))]
    assert others == []
    # ... and that is found where it is: the footers of the decks on python-pptx's template.
    assert any(line.endswith(TEMPLATES_OWN) for name, lines in built_findings.items()
               if name.endswith("@default.pptx") for line in lines)


def test_built_decks_are_checked_for_contrast(built_findings: dict[str, list[str]]) -> None:
    """A negative control: the same rules find a planted problem in a built deck."""
    import generator

    root = Path(__file__).resolve().parent.parent
    data = generator.render(root / "briefs" / "film-tech-symposium.yaml", theme="cinema",
                            format="pptx", root=root)
    from tests.templates import rewrite

    pale = rewrite(data, {"ppt/slides/slide2.xml": lambda x: x.replace(b'val="F3ECE2"', b'val="3B332D"')})
    found = [str(f) for f in check_deck(pale, "pale.pptx") if f.rule == "contrast"]
    assert found and all(line.startswith("pale.pptx: slide 2: ") for line in found)


HOSTILE = [
    ("not-a-zip", b"hello", "deck.pptx: cannot be checked: not a zip package"),
    ("encrypted", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
     "deck.pptx: cannot be checked: encrypted or password-protected"),
]


def _with_slide(data: bytes, slide: bytes) -> bytes:
    """Return the planted deck with its first slide's XML replaced."""
    from tests.templates import rewrite

    return rewrite(data, {"ppt/slides/slide1.xml": lambda _old: slide})


def _many_shapes(count: int) -> bytes:
    """Return a slide part holding `count` empty shapes."""
    shape = (b'<p:sp><p:nvSpPr><p:cNvPr id="9" name="s"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
             b'<p:spPr/></p:sp>')
    return (b'<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>'
            + shape * count + b"</p:spTree></p:cSld></p:sld>")


@pytest.mark.parametrize("data, start", [(d, s) for _i, d, s in HOSTILE], ids=[i for i, _d, _s in HOSTILE])
def test_unreadable_deck_is_one_error(data: bytes, start: str) -> None:
    found = check_deck(data, "deck.pptx")
    assert len(found) == 1 and str(found[0]).startswith(start) and found[0].severity == "error"


def test_zip_bomb_is_refused() -> None:
    from tests.templates import _zipped

    bomb = _zipped({"ppt/media/big.bin": b"\0" * (210 * 2**20)})
    found = check_deck(bomb, "deck.pptx")
    assert [str(f) for f in found] == [
        "deck.pptx: cannot be checked: too large unpacked: more than 200 MB (a damaged or hostile package)"]


def test_hundred_thousand_shapes_are_refused() -> None:
    found = check_deck(_with_slide(planted_deck(), _many_shapes(100_000)), "deck.pptx")
    assert len(found) == 1 and str(found[0]).startswith("deck.pptx: cannot be checked: too large")


def test_huge_text_is_measured_within_a_cap() -> None:
    import time

    text = ("word " * 900_000).encode()
    slide = _many_shapes(0).replace(b"</p:spTree>", (
        b'<p:sp><p:nvSpPr><p:cNvPr id="2" name="Huge"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        b'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1270000" cy="1270000"/></a:xfrm></p:spPr>'
        b'<p:txBody><a:bodyPr/><a:p><a:r><a:t>' + text + b"</a:t></a:r></a:p></p:txBody></p:sp></p:spTree>"))
    started = time.perf_counter()
    found = [f.rule for f in check_deck(_with_slide(planted_deck(), slide), "deck.pptx")]
    assert time.perf_counter() - started < 20
    assert "too-much-text" in found


def test_lines_and_json(tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(planted_deck())
    printed: list[str] = []
    assert check_paths([deck], json_format=True, echo=printed.append) == 1
    objects = json.loads(printed[0])
    assert {"deck", "slide", "shape", "rule", "severity", "message"} <= set(objects[0])
    assert {o["severity"] for o in objects} == {"error", "warning"}


def test_clean_deck_exits_zero(tmp_path: Path) -> None:
    import generator

    root = Path(__file__).resolve().parent.parent
    deck = tmp_path / "sample.pptx"
    deck.write_bytes(generator.render(root / "briefs" / "film-tech-symposium.yaml", format="pptx", root=root))
    printed: list[str] = []
    assert check_paths([deck], echo=printed.append) == 0
    assert printed == [f"{deck}: no problems found"]


def test_check_imports_no_rendering_library() -> None:
    from tests.templates import run_alone

    lines = run_alone(
        "import sys\nfrom generator.workflow.check.run import check_paths\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'reportlab')))\n")
    assert lines[-1] == "[]"
