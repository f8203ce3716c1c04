"""Grafting an edited deck's slides and shapes into a newly built deck (ooxml.graft): an editor
adds a slide with a picture and notes, a text box with a link, moves a title and makes it bold;
the new deck gets them, opens in python-pptx, passes the package check and the Open XML
validator, and LibreOffice draws one page per slide. What cannot be carried is left out, named."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openxml_audit import validate_pptx
from pptx import Presentation
from pptx.util import Emu

from generator.backends.deck import DeckBackend
from generator.ooxml.graft import Graft, GraftError
from generator.ooxml.names import A, P, R
from generator.ooxml.package import check_package
from generator.ooxml.parse import PackageError
from tests import templates as T
from tests.conftest import SAMPLE, needs_programs, prepared, require_soffice, saved_by_libreoffice

STAMP = (2026, 1, 2, 3, 4, 6)
ADDED_TITLE = "Added by the editor"
NOTES = "Say this about the green picture"
COLOUR = (37, 201, 99)  # the picture's, a green no look of briefgen's draws
BOX_TEXT = "A note the editor added"
LINK = "https://example.org/programme"
MOVED = (Emu(300000), Emu(200000), Emu(6000000))  # left, top, width
ADDED_AFTER = 3  # the editor's slide follows slide 3


def png() -> bytes:
    """Return a small PNG of one colour made with Pillow."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (96, 64), COLOUR).save(out, "PNG")
    return out.getvalue()


def build(template: Path | None = None) -> bytes:
    """Return the sample deck, in the built-in look or on `template`."""
    prep = prepared(SAMPLE, str(template) if template else None)
    out = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, out)
    return out.getvalue()


def edited(data: bytes) -> bytes:
    """Return the deck as an editor leaves it: a slide with a picture and notes after slide 3,
    a text box with a link on slide 2, slide 1's subtitle moved, widened and bold."""
    prs = Presentation(io.BytesIO(data))
    layout = next(lay for lay in prs.slide_layouts if lay._element.get("type") == "titleOnly")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = ADDED_TITLE
    slide.shapes.add_picture(io.BytesIO(png()), Emu(914400), Emu(1828800), Emu(3657600))
    slide.notes_slide.notes_text_frame.text = NOTES
    entries = prs.slides._sldIdLst
    entry = entries[-1]
    entries.remove(entry)
    entries.insert(ADDED_AFTER, entry)
    box = prs.slides[1].shapes.add_textbox(Emu(914400), Emu(5200000), Emu(4000000), Emu(500000))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = BOX_TEXT
    run.hyperlink.address = LINK
    subtitle = subtitle_of(prs.slides[0])
    subtitle.left, subtitle.top, subtitle.width = MOVED
    subtitle.text_frame.paragraphs[0].runs[0].font.bold = True
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Found:
    """Where the editor's changes are in an old deck, by shape id (a save may renumber them)."""

    box: int
    subtitle: int
    new_subtitle: int


def found(old: bytes, new: bytes) -> Found:
    """Return the ids of the text box on slide 2 and the subtitles of slide 1 (old and new)."""
    old_deck, new_deck = Presentation(io.BytesIO(old)), Presentation(io.BytesIO(new))
    box = next(s for s in old_deck.slides[1].shapes if s.has_text_frame and s.text_frame.text == BOX_TEXT)
    return Found(box.shape_id, subtitle_of(old_deck.slides[0]).shape_id,
                 subtitle_of(new_deck.slides[0]).shape_id)


def subtitle_of(slide):
    """Return the cover slide's subtitle placeholder (of index 1 on a template), not bold."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    return next(s for s in slide.placeholders if s.placeholder_format.idx == 1
                or s.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)


def grafted(old: bytes, new: bytes) -> tuple[bytes, Graft]:
    """Return the new deck with the editor's slide, text box and subtitle brought in."""
    at = found(old, new)
    graft = Graft(new, old)
    graft.add_slide(ADDED_AFTER + 1, ADDED_AFTER)
    graft.add_shapes(2, [at.box], 2)
    graft.restyle(1, at.subtitle, 1, at.new_subtitle, text=True)
    return graft.result(STAMP), graft


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, tuple[bytes, bytes]]:
    """Return (old, new) decks by case: the built-in look, the same deck saved by LibreOffice,
    and decks on two templates."""
    folder = tmp_path_factory.mktemp("graft")
    builtin = build()
    default_template, renamed = T.default_template(folder), T.renamed_template(folder)
    return {"builtin": (edited(builtin), build()),
            "libreoffice": (saved_by_libreoffice(edited(builtin), folder / "lo"), build()),
            "default-template": (edited(build(default_template)), build(default_template)),
            "renamed-template": (edited(build(renamed)), build(renamed))}


CASES = ["builtin", "libreoffice", "default-template", "renamed-template"]


@pytest.fixture(scope="module")
def results(decks) -> dict[str, tuple[bytes, Graft]]:
    """Return each case's grafted deck."""
    return {case: grafted(*decks[case]) for case in CASES}


def titles(data: bytes) -> list[str]:
    """Return each slide's title text ('' for a slide without one)."""
    deck = Presentation(io.BytesIO(data))
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in deck.slides]


@pytest.mark.parametrize("case", CASES)
def test_the_added_slide_takes_its_place(case, decks, results):
    data, _graft = results[case]
    new_titles = titles(decks[case][1])
    assert titles(data) == [*new_titles[:ADDED_AFTER], ADDED_TITLE, *new_titles[ADDED_AFTER:]]


@pytest.mark.parametrize("case", CASES)
def test_the_added_picture_and_notes_are_carried(case, results):
    slide = Presentation(io.BytesIO(results[case][0])).slides[ADDED_AFTER]
    pictures = [s for s in slide.shapes if s.shape_type == 13]
    assert [p.image.blob for p in pictures] == [png()]
    assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text == NOTES


@pytest.mark.parametrize("case", CASES)
def test_the_text_box_is_on_its_slide_with_its_link(case, results):
    deck = Presentation(io.BytesIO(results[case][0]))
    boxes = [s for s in deck.slides[1].shapes if s.has_text_frame and s.text_frame.text == BOX_TEXT]
    assert len(boxes) == 1
    assert boxes[0].text_frame.paragraphs[0].runs[0].hyperlink.address == LINK
    assert not any(s.has_text_frame and s.text_frame.text == BOX_TEXT
                   for i, slide in enumerate(deck.slides) if i != 1 for s in slide.shapes)
    ids = [s.shape_id for s in deck.slides[1].shapes]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES)
def test_the_restyled_subtitle_is_where_the_editor_put_it(case, decks, results):
    """Where the edited deck holds it (LibreOffice keeps positions in hundredths of a mm)."""
    title = subtitle_of(Presentation(io.BytesIO(results[case][0])).slides[0])
    moved = subtitle_of(Presentation(io.BytesIO(decks[case][0])).slides[0])
    assert (title.left, title.top, title.width) == (moved.left, moved.top, moved.width)
    placed = (title.left, title.top, title.width)
    assert all(abs(got - want) < 360 for got, want in zip(placed, MOVED, strict=True))
    assert title.text_frame.paragraphs[0].runs[0].font.bold is True


@pytest.mark.parametrize("case", CASES)
def test_the_grafted_deck_is_whole_and_valid(case, results, tmp_path):
    data, graft = results[case]
    check_package(data)
    path = tmp_path / "grafted.pptx"
    path.write_bytes(data)
    report = validate_pptx(path)
    assert report.is_valid, [str(e) for e in report.errors][:10]
    assert not [line for line in graft.lost if "layout" not in line]


def picture_pixels(pdf: Path, page: int) -> int:
    """Return how many pixels of `page` of `pdf`, drawn by poppler, have the picture's colour."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", str(page), "-l", str(page), str(pdf),
                    str(pdf.with_suffix(""))], check=True, capture_output=True, timeout=60)
    drawn = next(pdf.parent.glob(f"{pdf.stem}-*{page}.png"))
    with Image.open(drawn) as image:
        colours = image.convert("RGB").getcolors(image.width * image.height) or []
    return sum(count for count, rgb in colours
               if all(abs(got - want) <= 12 for got, want in zip(rgb, COLOUR, strict=True)))


@needs_programs("soffice", "pdftoppm")
@pytest.mark.parametrize("case", ["builtin", "renamed-template"])
def test_libreoffice_draws_one_page_per_slide_and_the_picture(case, results, tmp_path):
    from tests.pdfs import reader

    data = results[case][0]
    (tmp_path / "deck.pptx").write_bytes(data)
    subprocess.run([require_soffice(), f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "deck.pptx")], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "deck.pdf"
    assert len(reader(pdf.read_bytes()).pages) == len(Presentation(io.BytesIO(data)).slides)
    assert picture_pixels(pdf, ADDED_AFTER + 1) > 100
    assert picture_pixels(pdf, ADDED_AFTER) < 10  # the check can fail: not on the slide before


def test_the_validator_and_check_catch_a_dangling_reference(results, tmp_path):
    """The checks above can fail: the grafted deck with its picture's relationship removed."""
    data = results["builtin"][0]
    broken = patched(data, {ADDED_RELS: lambda x: re.sub(
        rb'<Relationship Id="rId\d+"[^>]*image[^>]*/>', b"", x)})
    with pytest.raises(PackageError, match="missing relationship"):
        check_package(broken)


# -- an old deck that is damaged or hostile, or holds what cannot be carried -----------------------

# The editor's slide (4th in show order) and its relationships, by the part a deck gives it:
# python-pptx names it after the deck's slide count, which grows with the sample brief.
ADDED = "{the editor's slide}"
ADDED_RELS = "{the editor's slide's relationships}"
COMMENTS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:cmLst xmlns:p="'
            b'http://schemas.openxmlformats.org/presentationml/2006/main"><p:cm authorId="0" '
            b'dt="2026-01-01T00:00:00" idx="1"><p:pos x="10" y="10"/><p:text>Check this</p:text>'
            b'</p:cm><p:cm authorId="0" dt="2026-01-01T00:00:00" idx="2"><p:pos x="20" y="20"/>'
            b'<p:text>And this</p:text></p:cm></p:cmLst>')
COMMENTS_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.comments+xml"
TRACKER = b"http://tracker.example/pixel.png"


def slide_member(members: dict[str, bytes], index: int) -> str:
    """Return the zip member of the slide at `index` in show order, as the package names it
    (python-pptx renames slide parts when it lists them, so it cannot be asked)."""
    from lxml import etree

    listed = etree.fromstring(members["ppt/presentation.xml"]).find(f"{{{P}}}sldIdLst")
    rid = listed[index].get(f"{{{R}}}id")
    rels = etree.fromstring(members["ppt/_rels/presentation.xml.rels"])
    target = next(rel.get("Target") for rel in rels if rel.get("Id") == rid)
    return "ppt/" + target.removeprefix("/ppt/")


def patched(data: bytes, changes: dict[str, object]) -> bytes:
    """Return the package with members replaced by bytes or by a function of their bytes
    (ADDED and ADDED_RELS name the editor's slide's parts); a function must change its member,
    so that damage meant for one part never lands, silently, on nothing."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    part = slide_member(members, ADDED_AFTER)
    folder, base = part.rsplit("/", 1)
    parts = {ADDED: part, ADDED_RELS: f"{folder}/_rels/{base}.rels"}
    for key, change in changes.items():
        name = parts.get(key, key)
        if callable(change):
            before = members[name]
            members[name] = change(before)
            assert members[name] != before, f"the change to {name} changes nothing"
        else:
            members[name] = change  # type: ignore[assignment]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, member in members.items():
            archive.writestr(name, member)
    return out.getvalue()


def image_target(target: bytes) -> dict[str, object]:
    """Return the change that points the added slide's picture at `target`."""
    return {ADDED_RELS: lambda x: x.replace(b'Target="../media/image1.png"', b'Target="' + target + b'"')}


def with_rel(kind: bytes, target: bytes, external: bool = False) -> Callable[[bytes], bytes]:
    """Return a change adding a relationship of `kind` to a slide's relationships."""
    mode = b' TargetMode="External"' if external else b""
    rel = (b'<Relationship Id="rId40" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'relationships/' + kind + b'" Target="' + target + b'"' + mode + b"/>")
    return lambda x: x.replace(b"</Relationships>", rel + b"</Relationships>")


HOSTILE = {
    "target outside the package": (image_target(b"../../../outside.png"),
                                   ["a picture whose part is missing or outside the deck",
                                    "shape 'Picture 2'"], True),
    "missing target": (image_target(b"../media/nothing.png"),
                       ["a picture whose part is missing or outside the deck"], True),
    "missing relationship id": ({ADDED: lambda x: x.replace(b'r:embed="rId2"', b'r:embed="rId99"')},
                                ["shape 'Picture 2' (what it shows is missing)"], True),
    "comments": ({ADDED_RELS: with_rel(b"comments", b"../comments/comment1.xml"),
                  "ppt/comments/comment1.xml": COMMENTS,
                  "[Content_Types].xml": lambda x: x.replace(b"</Types>", b'<Override PartName="/ppt/'
                                                             b'comments/comment1.xml" ContentType="'
                                                             + COMMENTS_TYPE + b'"/></Types>')},
                 ["slide 4: its 2 comments"], False),
    "picture linked from outside": ({ADDED_RELS: with_rel(b"image", TRACKER, external=True),
                                     ADDED: lambda x: x.replace(b'r:embed="rId2"', b'r:link="rId40"')},
                                    ["slide 4: a picture linked from outside the deck"], False),
    "an ActiveX control": ({ADDED_RELS: with_rel(b"control", b"../activeX/activeX1.xml")},
                           ["slide 4: its control"], True),
    "a layout of its own": ({"ppt/slideLayouts/slideLayout6.xml": lambda x: x.replace(
        b'type="titleOnly"', b'type="cust"').replace(b'name="Title Only"', b'name="Editor\'s own"')},
        ["slide 4: its layout \"Editor's own\" (placed on the layout 'Blank')"], False),
}


@pytest.fixture(scope="module")
def plain(decks) -> tuple[bytes, bytes]:
    """Return the built-in look's (old, new) decks."""
    return decks["builtin"]


@pytest.mark.parametrize(("change", "lines", "damaged"), HOSTILE.values(), ids=HOSTILE.keys())
def test_what_cannot_be_carried_is_left_out_and_named(change, lines, damaged, plain, tmp_path):
    old = patched(plain[0], change)
    if damaged:  # the old deck really is damaged: the package check refuses it
        with pytest.raises(PackageError):
            check_package(old)
    graft = Graft(plain[1], old)
    graft.add_slide(ADDED_AFTER + 1, ADDED_AFTER)
    data = graft.result(STAMP)
    check_package(data)
    (tmp_path / "deck.pptx").write_bytes(data)
    report = validate_pptx(tmp_path / "deck.pptx")
    assert report.is_valid, [str(e) for e in report.errors][:10]
    for line in lines:
        assert any(line in lost for lost in graft.lost), graft.lost
    assert titles(data)[ADDED_AFTER] == ADDED_TITLE
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert not [n for n in names if "comment" in n or "activeX" in n or "outside" in n]
        assert not any(TRACKER in archive.read(n) for n in names)


def test_an_untouched_old_slide_loses_nothing(plain):
    """The control of the table above: the same slide, unchanged, is carried whole."""
    graft = Graft(plain[1], plain[0])
    graft.add_slide(ADDED_AFTER + 1, ADDED_AFTER)
    assert graft.lost == []


REFUSED = {
    "not a zip": (b"minutes of the meeting", "not a zip package"),
    "a document": (T._zipped({"word/document.xml": b"<w:document/>"}), "not a PowerPoint deck"),
    "encrypted": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "encrypted"),
}


@pytest.mark.parametrize(("old", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_an_old_deck_that_is_no_deck_is_refused_in_one_line(old, message, plain):
    with pytest.raises(GraftError, match=message) as caught:
        Graft(plain[1], old)
    assert "\n" not in str(caught.value)


MISTAKES = {
    "no such old slide": (lambda g: g.add_slide(99, None), "the old deck has no slide 99"),
    "no such place": (lambda g: g.add_slide(1, 42), "the new deck has no slide 42"),
    "no such shape": (lambda g: g.add_shapes(2, [9999], 2), "slide 2 has no shape with id 9999"),
    "no such new shape": (lambda g: g.restyle(1, 2, 1, 9999, text=False),
                          "new slide 1 has no shape with id 9999"),
}


@pytest.mark.parametrize(("call", "message"), MISTAKES.values(), ids=MISTAKES.keys())
def test_a_graft_of_what_is_not_there_is_refused_and_changes_nothing(call, message, plain):
    graft = Graft(plain[1], plain[0])
    before = dict(graft.members)
    with pytest.raises(GraftError, match=message):
        call(graft)
    assert graft.members == before


ORDERS = {
    "same place twice keeps call order": ([2, 2], ["n1", "n2", "A", "B", "n3"]),
    "first and last": ([0, None], ["A", "n1", "n2", "n3", "B"]),
    "after the last slide, then at the end": ([3, None, 3], ["n1", "n2", "n3", "A", "C", "B"]),
}


@pytest.mark.parametrize(("places", "order"), ORDERS.values(), ids=ORDERS.keys())
def test_slides_go_where_they_are_asked(places, order, plain):
    """On a three-slide deck, the old slide added at each place in turn, its shapes' names
    marked A, B, C by `rename` so that each copy can be told apart."""
    graft = Graft(three_slides(), plain[0])
    for letter, after in zip("ABC", places, strict=False):
        graft.add_slide(ADDED_AFTER + 1, after, rename=lambda name, mark=letter: f"{name} {mark}")
    data = graft.result(STAMP)
    deck = Presentation(io.BytesIO(data))
    seen = [f"n{s.shapes.title.text[-1]}" if s.shapes.title.text.startswith("new")
            else s.shapes.title.name[-1] for s in deck.slides]
    assert seen == order
    check_package(data)


def three_slides(notes_master: bool = True) -> bytes:
    """Return a python-pptx deck of three titled slides 'new 1'..'new 3' (a notes master when
    asked: python-pptx makes one with the first notes page)."""
    prs = Presentation()
    for number in range(1, 4):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"new {number}"
        if notes_master and number == 1:
            slide.notes_slide.notes_text_frame.text = "first"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# -- shapes, links, notes and media ---------------------------------------------------------------

def media(data: bytes) -> list[str]:
    """Return the package's media parts."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [n for n in archive.namelist() if n.startswith("ppt/media/")]


@pytest.mark.parametrize("times", [1, 2], ids=["once", "twice"])
def test_the_same_picture_added_twice_is_one_part(times, plain):
    graft = Graft(plain[1], plain[0])
    for _ in range(times):
        graft.add_slide(ADDED_AFTER + 1, None)
    data = graft.result(STAMP)
    assert len(media(data)) == len(media(plain[1])) + 1
    pictures = [s.image.blob for slide in Presentation(io.BytesIO(data)).slides
                for s in slide.shapes if s.shape_type == 13]
    assert pictures == [png()] * times


def connected(data: bytes) -> bytes:
    """Return the deck with two boxes joined by a connector on slide 2."""
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE

    prs = Presentation(io.BytesIO(data))
    shapes = prs.slides[1].shapes
    first = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(500000), Emu(500000), Emu(900000), Emu(500000))
    second = shapes.add_shape(MSO_SHAPE.OVAL, Emu(3000000), Emu(500000), Emu(900000), Emu(500000))
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 1, 1)
    line.begin_connect(first, 3)
    line.end_connect(second, 1)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_shapes_added_twice_are_renumbered_and_their_connectors_follow(plain):
    old = connected(plain[0])
    graft = Graft(plain[1], old)
    copied = [shape_id for shape_id, _name in graft.slide_shapes("old", 2)[-3:]]
    graft.add_shapes(2, copied, 2, rename=lambda name: f"{name} (edited)")
    graft.add_shapes(2, copied, 2)  # the second copy's ids all clash with the first's
    data = graft.result(STAMP)
    slide = Presentation(io.BytesIO(data)).slides[1]
    ids = [e.get("id") for e in slide._element.iter(f"{{{P}}}cNvPr")]
    assert len(ids) == len(set(ids))
    shapes = list(slide.shapes)
    for box, oval, line in (shapes[-6:-3], shapes[-3:]):
        ends = line._element.find(f"{{{P}}}nvCxnSpPr/{{{P}}}cNvCxnSpPr")
        assert [e.get("id") for e in ends] == [str(box.shape_id), str(oval.shape_id)]
    assert [s.name.endswith("(edited)") for s in shapes[-6:]] == [True] * 3 + [False] * 3
    check_package(data)


def linked(data: bytes) -> bytes:
    """Return the deck with the editor's slide's title linked to slide 3."""
    prs = Presentation(io.BytesIO(data))
    prs.slides[ADDED_AFTER].shapes.title.click_action.target_slide = prs.slides[2]
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


LINKS = {"not carried": ({}, None, ["slide 4: its link to slide 3"]),
         "to a new slide": ({3: 2}, 2, []),
         "to a carried slide": ({}, 3, [])}


@pytest.mark.parametrize(("mapping", "target", "lost"), LINKS.values(), ids=LINKS.keys())
def test_a_link_to_another_slide_points_at_its_slide_or_goes(mapping, target, lost, plain):
    graft = Graft(plain[1], linked(plain[0]))
    graft.link_slides.update(mapping)
    if target == 3:
        graft.add_slide(3, 0)  # slide 3 itself carried first: the link points at its copy
    graft.add_slide(ADDED_AFTER + 1, None)
    data = graft.result(STAMP)
    deck = Presentation(io.BytesIO(data))
    action = deck.slides[-1].shapes.title.click_action
    if target is None:
        assert action.target_slide is None
        assert deck.slides[-1].shapes.title._element.find(f".//{{{A}}}hlinkClick") is None
    else:
        expected = deck.slides[0] if target == 3 else deck.slides[target - 1]
        assert action.target_slide == expected
    assert graft.lost == lost
    check_package(data)


@pytest.mark.parametrize("notes_master", [True, False], ids=["notes master", "no notes master"])
def test_notes_need_the_new_decks_notes_master(notes_master, plain):
    graft = Graft(three_slides(notes_master), plain[0])
    graft.add_slide(ADDED_AFTER + 1, None)
    data = graft.result(STAMP)
    slide = Presentation(io.BytesIO(data)).slides[-1]
    assert slide.has_notes_slide == notes_master
    assert (slide.notes_slide.notes_text_frame.text == NOTES) if notes_master else True
    assert graft.lost == ([] if notes_master else
                          ["slide 4: its notes (the new deck has no notes master)"])
    check_package(data)


def test_restyle_without_text_keeps_the_new_text(plain):
    at = found(*plain)
    graft = Graft(plain[1], plain[0])
    graft.restyle(1, at.subtitle, 1, at.new_subtitle, text=False)
    title = subtitle_of(Presentation(io.BytesIO(graft.result(STAMP))).slides[0])
    assert (title.left, title.top, title.width) == MOVED
    assert title.text_frame.paragraphs[0].runs[0].font.bold is not True
