"""`build --keep-edits`: a deck edited since it was built is merged into its rebuild, field by
field (kept from the deck, taken from the brief, merged, or a located conflict), with the slides
and shapes the user added carried into it; and the merged deck is guarded like an edited one."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from openxml_audit import validate_pptx
from PIL import Image
from pptx import Presentation
from pptx.util import Pt

from generator.brief.edit import apply
from generator.briefpaths import parse_path
from generator.workflow.edits import field_edits, read_built
from generator.workflow.merge.texts import merge_texts, tokens

from .conftest import ROOT, SAMPLE, TEST_BRIEFS, require_soffice, saved_by_libreoffice
from .editing import project, rebuilt_texts, run, set_paragraph, theme_args
from .test_pull import HOSTILE, HOSTILE_IDS

TEMPLATE = str(ROOT / "docs" / "examples" / "corporate-template.potx")
BRIEF = Path("briefs/sample.yaml")
DECK = Path("output/sample.pptx")
TAKEAWAY, POINT = "takeaways[0]", "speakers[1].points[0]"


# -- one text merged three ways -------------------------------------------------------------------

@pytest.mark.parametrize(("base", "deck", "brief", "merged"), [
    ("The quick fox", "The quick fox", "The slow fox", "The slow fox"),
    ("The quick fox", "The quick brown fox", "The quick fox", "The quick brown fox"),
    ("The quick fox jumps", "The quick brown fox jumps", "The quick fox leaps",
     "The quick brown fox leaps"),
    ("The quick fox", "The fast fox", "The slow fox", None),
    ("The quick fox", "The fast fox", "The fast fox", "The fast fox"),
    ("电影技术发展与创新研讨会在平遥举行", "电影技术发展与创新研讨会在山西平遥举行",
     "电影科技发展与创新研讨会在平遥举行", "电影科技发展与创新研讨会在山西平遥举行"),
    ("a b c d e", "a B c d e", "a b c d E", "a B c d E"),
    ("a b", "a b c", "a b d", None),
], ids=["brief-only", "deck-only", "both-apart", "both-same-words", "same-edit", "chinese-apart",
        "words-apart", "both-append"])
def test_one_text_merged_three_ways(base, deck, brief, merged):
    assert merge_texts(base, deck, brief) == merged


def test_tokens_give_the_text_back_and_cut_cjk_by_character():
    text = "Lu Liang's  talk, 电影技术 (2023)\nnext"
    assert "".join(tokens(text)) == text
    assert tokens("电影技术") == ["电", "影", "技", "术"]
    assert tokens("don't") == ["don", "'", "t"]


# -- the deck and the brief, edited --------------------------------------------------------------

def edited_deck(data: bytes, edits: dict[str, str]) -> bytes:
    """Return the deck with each field's one paragraph given a new text."""
    record = read_built(data).record
    prs = Presentation(io.BytesIO(data))
    for path, new in edits.items():
        number = next(s.number for s in record.slides for sh in s.shapes for p in sh.paras
                      if p.field == path)
        set_paragraph(prs, number, record.fields[path].value, new)
    return saved(prs)


def saved(prs) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def edit_brief(folder: Path, changes: dict[str, str]) -> None:
    """Change values of the project's brief, in place, as its author would."""
    brief = folder / BRIEF
    text = apply(brief.read_text(), {parse_path(k): v for k, v in changes.items()}, str(BRIEF))
    brief.write_text(text)


def brief_value(folder: Path, path: str) -> str:
    from generator import strict_yaml

    data, _ = strict_yaml.parse((folder / BRIEF).read_text(), BRIEF)
    for step in parse_path(path):
        data = data[step]
    return data


def base_value(folder: Path, path: str) -> str:
    return read_built((folder / DECK).read_bytes()).record.fields[path].value


def build(*flags: str, theme: str | None = None):
    return run("build", str(BRIEF), "-f", "pptx", *flags, *theme_args(theme))


# -- the three cases ------------------------------------------------------------------------------

def test_a_field_edited_only_on_the_deck_keeps_the_deck_text_and_suggests_pull(in_tmp):
    deck = project(in_tmp, SAMPLE)
    old_brief = (in_tmp / BRIEF).read_text()
    new_takeaway = base_value(in_tmp, TAKEAWAY) + " Confirmed by the board."
    deck.write_bytes(edited_deck(deck.read_bytes(), {TAKEAWAY: new_takeaway}))
    edit_brief(in_tmp, {"event.location": "Pingyao, Shanxi"})

    merged = build("--keep-edits")

    assert merged.exit_code == 0, merged.output
    shown = rebuilt_texts(deck)
    assert new_takeaway in shown and "Pingyao, Shanxi" in shown
    assert "Pingyao, Shanxi province, China" not in shown
    assert f": warning: {TAKEAWAY}: kept as edited on slide" in merged.stderr
    assert "'briefgen pull output/sample.pptx' brings it into the brief" in merged.stderr
    assert (in_tmp / BRIEF).read_text() == apply(old_brief, {("event", "location"): "Pingyao, Shanxi"},
                                                 str(BRIEF)), "the brief file is never written"
    # The merged deck still says the takeaway was edited: pull brings it into the brief.
    assert [f.path for f in field_edits(deck.read_bytes()).edited] == [TAKEAWAY]
    pulled = run("pull", str(DECK))
    assert pulled.exit_code == 0, pulled.output
    assert brief_value(in_tmp, TAKEAWAY) == new_takeaway


def test_a_field_edited_on_both_sides_apart_is_merged(in_tmp):
    deck = project(in_tmp, SAMPLE)
    old = base_value(in_tmp, POINT)
    words = old.split()
    on_deck = " ".join([*words[:-1], "(checked)", words[-1]])
    in_brief = " ".join(["Notably,", *words])
    deck.write_bytes(edited_deck(deck.read_bytes(), {POINT: on_deck}))
    edit_brief(in_tmp, {POINT: in_brief})

    merged = build("--keep-edits")

    assert merged.exit_code == 0, merged.output
    expected = " ".join(["Notably,", *words[:-1], "(checked)", words[-1]])
    assert expected in rebuilt_texts(deck)
    assert f"{POINT}: merged: the brief's edit and the one on slide" in merged.stderr
    assert brief_value(in_tmp, POINT) == in_brief


@pytest.mark.parametrize("theme", [None, TEMPLATE], ids=["builtin", "template"])
def test_a_field_edited_on_both_sides_in_the_same_words_is_a_located_conflict(in_tmp, theme):
    deck = project(in_tmp, SAMPLE, theme)
    deck.write_bytes(edited_deck(deck.read_bytes(), {TAKEAWAY: "The deck's own takeaway."}))
    edit_brief(in_tmp, {TAKEAWAY: "The brief's own takeaway."})
    before = deck.read_bytes()
    line = (in_tmp / BRIEF).read_text().splitlines().index("  - The brief's own takeaway.") + 1

    merged = build("--keep-edits", theme=theme)

    assert merged.exit_code == 1
    assert (f"briefs/sample.yaml:{line}:5: {TAKEAWAY}: changed both in the brief and on slide "
            in merged.stderr), merged.stderr
    assert "brief: \"The brief's own takeaway.\", deck: \"The deck's own takeaway.\"" in merged.stderr
    assert "Traceback" not in merged.output
    assert deck.read_bytes() == before, "a conflict leaves the deck as it was"


# -- what the user added stays --------------------------------------------------------------------

def picture(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "PNG")
    return out.getvalue()


def add_things(data: bytes, png: bytes) -> tuple[bytes, int, tuple[int, int]]:
    """Return the deck with a slide (a picture and notes) added after slide 2, a text box added
    to slide 3 and slide 3's title moved; and that slide's number, and the title's new place."""
    prs = Presentation(io.BytesIO(data))
    layout = prs.slide_layouts[len(prs.slide_layouts) - 1]
    added = prs.slides.add_slide(layout)
    added.shapes.add_picture(io.BytesIO(png), Pt(60), Pt(60), Pt(200), Pt(150))
    added.shapes.add_textbox(Pt(300), Pt(60), Pt(300), Pt(60)).text_frame.text = "Last week's figures"
    added.notes_slide.notes_text_frame.text = "Mention the figures."
    order = prs.slides._sldIdLst
    order.insert(2, order[-1])  # now slide 3
    third = prs.slides[3]
    third.shapes.add_textbox(Pt(30), Pt(30), Pt(260), Pt(40)).text_frame.text = "A remark of mine"
    title = third.shapes.title
    title.left, title.top = title.left + Pt(36), title.top + Pt(12)
    return saved(prs), 3, (title.left, title.top)


def slide_texts(slide) -> list[str]:
    """Return the texts of a slide's shapes; a slide number's cached text aside (LibreOffice
    saves it as '<number>', and every application draws the number itself)."""
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame
            and not s.text_frame.text.strip("<>").isalnum()]


@pytest.mark.parametrize(("brief", "theme", "through_libreoffice"), [
    (SAMPLE, None, False), (SAMPLE, None, True), (SAMPLE, TEMPLATE, False),
    (TEST_BRIEFS / "chinese.yaml", TEMPLATE, True), (TEST_BRIEFS / "arabic.yaml", "print", False),
], ids=["builtin", "builtin-libreoffice", "template", "chinese-template-libreoffice", "arabic"])
def test_added_slides_and_shapes_and_moved_shapes_are_carried(in_tmp, brief, theme,
                                                             through_libreoffice):
    deck = project(in_tmp, brief, theme)
    png = picture((200, 30, 60))
    edited, number, _ = add_things(deck.read_bytes(), png)
    if through_libreoffice:
        edited = saved_by_libreoffice(edited, in_tmp / "lo")
    deck.write_bytes(edited)
    before = Presentation(io.BytesIO(edited))
    followed = slide_texts(before.slides[number - 2])
    moved = before.slides[number].shapes.title
    moved_title, place = moved.text_frame.text, (moved.left, moved.top)  # as LibreOffice kept it
    first = brief_value(in_tmp, "takeaways[0]")
    edit_brief(in_tmp, {"takeaways[0]": first + " Agreed."})

    merged = build("--keep-edits", theme=theme)

    assert merged.exit_code == 0, merged.output
    prs = Presentation(str(deck))
    assert len(prs.slides) == len(before.slides)
    carried = prs.slides[number - 1]
    assert slide_texts(prs.slides[number - 2]) == followed, "the slide it followed comes first"
    pictures = [s for s in carried.shapes if s.shape_type == 13]
    assert [p.image.blob for p in pictures] == [png]
    assert "Last week's figures" in slide_texts(carried)
    assert carried.notes_slide.notes_text_frame.text == "Mention the figures."
    remarked = prs.slides[number]
    assert "A remark of mine" in slide_texts(remarked)
    assert remarked.shapes.title.text_frame.text == moved_title
    assert (remarked.shapes.title.left, remarked.shapes.title.top) == place
    assert first + " Agreed." in rebuilt_texts(deck)
    audit = validate_pptx(deck)
    assert audit.is_valid, [str(e) for e in audit.errors][:10]
    pictures_drawn = drawn_pictures(deck, in_tmp / "pdf")
    assert len(pictures_drawn) == len(prs.slides), "LibreOffice draws one page per slide"
    assert (64, 48) in pictures_drawn[number - 1], "and the added slide's picture on its page"
    assert (64, 48) not in pictures_drawn[number - 2]


def drawn_pictures(deck: Path, folder: Path) -> list[list[tuple[int, int]]]:
    """Return, page by page, the pixel sizes of the pictures LibreOffice draws of the deck."""
    import pdfplumber

    soffice = require_soffice()
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
                   check=True, capture_output=True, timeout=180)
    with pdfplumber.open(folder / f"{deck.stem}.pdf") as pdf:
        return [[tuple(image["srcsize"]) for image in page.images] for page in pdf.pages]


# -- the guard, and what is not merged ------------------------------------------------------------

def test_a_merged_deck_is_guarded_until_pulled(in_tmp):
    deck = project(in_tmp, SAMPLE)
    new = base_value(in_tmp, TAKEAWAY) + " (deck)"
    deck.write_bytes(edited_deck(deck.read_bytes(), {TAKEAWAY: new}))
    assert build("--keep-edits").exit_code == 0
    merged = deck.read_bytes()

    plain = build()

    assert plain.exit_code == 1
    assert "holding edits that a merge (--keep-edits) kept and the brief does not have" in plain.stderr
    assert f"{TAKEAWAY} on slide" in plain.stderr
    assert deck.read_bytes() == merged
    assert run("pull", str(DECK)).exit_code == 0
    again = build()
    assert again.exit_code == 0, again.output
    assert new in rebuilt_texts(deck)


def test_a_deck_that_cannot_be_merged_is_left_in_place_saying_why(in_tmp):
    deck = project(in_tmp, SAMPLE)
    blank = io.BytesIO()
    Presentation().save(blank)
    deck.write_bytes(blank.getvalue())
    edit_brief(in_tmp, {TAKEAWAY: "A new takeaway."})

    merged = build("--keep-edits")

    assert merged.exit_code == 1
    assert "its edits cannot be merged (not a deck briefgen built" in merged.stderr
    assert deck.read_bytes() == blank.getvalue()


def test_keep_edits_and_force_exclude_each_other(in_tmp):
    project(in_tmp, SAMPLE)
    done = build("--keep-edits", "--force")
    assert done.exit_code == 2
    assert "--force and --keep-edits exclude each other" in done.output


def test_an_unedited_deck_is_simply_rebuilt(in_tmp):
    deck = project(in_tmp, SAMPLE)
    edit_brief(in_tmp, {TAKEAWAY: "A new takeaway."})
    done = build("--keep-edits")
    assert done.exit_code == 0, done.output
    assert "A new takeaway." in rebuilt_texts(deck)
    assert "warning" not in done.stderr
    assert build().exit_code == 0, "nothing was kept, so the next plain build replaces it"


def test_text_added_to_a_shape_whose_text_the_brief_changed_is_kept_aside(in_tmp):
    deck = project(in_tmp, SAMPLE)
    record = read_built(deck.read_bytes()).record
    number = next(s.number for s in record.slides for sh in s.shapes for p in sh.paras
                  if p.field == POINT)
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    box = next(s for s in prs.slides[number - 1].shapes
               if s.has_text_frame and base_value(in_tmp, POINT) in s.text_frame.text.replace("\u200b", ""))
    box.text_frame.add_paragraph().text = "An aside of mine."
    edited = saved(prs)
    deck.write_bytes(edited)
    edit_brief(in_tmp, {POINT: "A point rewritten in the brief."})

    merged = build("--keep-edits")

    assert merged.exit_code == 0, merged.output
    assert "the text edited there that maps to no field is not carried" in merged.stderr
    kept = in_tmp / "output" / "sample.edited.pptx"
    assert kept.read_bytes() == edited
    assert "A point rewritten in the brief." in rebuilt_texts(deck)


# -- hostile decks: one line, the deck left as it is ----------------------------------------------

@pytest.mark.parametrize(("make", "message"), [
    pytest.param(make, message.replace("output/sample.pptx: ", ""), id=name)
    for (make, message), name in zip(HOSTILE, HOSTILE_IDS, strict=True) if name != "not-a-zip"
])
def test_hostile_decks_are_left_in_place_in_one_line(in_tmp, make, message):
    deck = project(in_tmp, SAMPLE)
    deck.write_bytes(make(deck.read_bytes()))
    before = deck.read_bytes()
    edit_brief(in_tmp, {TAKEAWAY: "A new takeaway."})

    merged = build("--keep-edits")

    assert merged.exit_code == 1
    said = [line for line in merged.stderr.splitlines() if "sample.pptx" in line]
    assert len(said) == 1 and "its edits cannot be merged (" in said[0] and message in said[0], said
    assert "Traceback" not in merged.output
    assert deck.read_bytes() == before
