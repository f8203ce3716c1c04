"""Right-to-left briefs are mirrored as PowerPoint's right-to-left layouts are: in the deck's
built-in look (the left-to-right slide mirrored shape by shape, reading order kept) and on the
handout (columns, markers, key facts, header and footer), measured where a reader sees them.

The briefs are one small brief in four languages, written here from tests/briefs/arabic.yaml
(its sentences, translated as in tests/briefs/hebrew.yaml and persian.yaml): Arabic, Hebrew,
Persian and English, each with its own `language:` and so briefgen's own words in it. The
direction is decided from the tag alone: the same story read as English is the control.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from generator.backends.deck.backend import DeckBackend
from generator.backends.handout.backend import HandoutBackend
from generator.backends.script.backend import ScriptBackend
from generator.ooxml.names import qn
from generator.paths import AssetPolicy
from generator.typeset import scripts
from generator.workflow.prepare import prepare
from tests.conftest import require_soffice
from tests.pdfs import pdfua_problems, structure, ua_failures
from tests.test_deck_libreoffice import inside, overlap, text_boxes


@dataclass(frozen=True)
class Words:
    """What the brief says, in one language."""

    title: str
    summary: str
    name: str
    role: str
    points: tuple[str, str]
    takeaway: str


ARABIC = Words(
    "ندوة تقنيات السينما",
    "اجتمع صناع الأفلام والمهندسون لمناقشة مستقبل التصوير الافتراضي والمؤثرات البصرية (VFX) "
    "في صناعة السينما.",
    "ليلى حسن", "مديرة التصوير",
    ("التصوير الافتراضي يوفر الوقت والمال في الإنتاج.",
     "يجب تدريب جيل جديد من الفنيين على الأدوات الرقمية."),
    "التعاون بين الفنانين والمهندسين هو مفتاح الابتكار.")
HEBREW = Words(
    "כנס טכנולוגיות הקולנוע",
    "יוצרי סרטים ומהנדסים נפגשו כדי לדון בעתיד ההפקה הווירטואלית והאפקטים החזותיים (VFX) "
    "בתעשיית הקולנוע.",
    "ליילה חסן", "מנהלת צילום",
    ("ההפקה הווירטואלית חוסכת זמן וכסף.", "יש להכשיר דור חדש של טכנאים בכלים דיגיטליים."),
    "שיתוף הפעולה בין אמנים למהנדסים הוא המפתח לחדשנות.")
PERSIAN = Words(
    "همایش فناوری‌های سینما",
    "فیلمسازان و مهندسان برای گفتگو درباره آینده تولید مجازی و جلوه‌های ویژه (VFX) در صنعت "
    "سینما گرد هم آمدند.",
    "لیلا حسن", "مدیر فیلمبرداری",
    ("تولید مجازی در زمان و هزینه صرفه‌جویی می‌کند.",
     "باید نسل جدیدی از تکنسین‌ها با ابزارهای دیجیتال آموزش ببینند."),
    "همکاری میان هنرمندان و مهندسان کلید نوآوری است.")
ENGLISH = Words(
    "Film Technology Symposium",
    "Filmmakers and engineers met to discuss the future of virtual production and visual "
    "effects (VFX) in the film industry.",
    "Layla Hassan", "Director of photography",
    ("Virtual production saves time and money.",
     "A new generation of technicians must be trained in digital tools."),
    "Cooperation between artists and engineers is the key to innovation.")

# id: (what the brief says, its language: tag)
CASES = {
    "ar": (ARABIC, "ar"),
    "ar-EG": (ARABIC, "ar-EG"),
    "he": (HEBREW, "he"),
    "fa-IR": (PERSIAN, "fa-IR"),
    "en": (ENGLISH, "en"),
}
RTL = [case for case in CASES if case != "en"]
IDS = list(CASES)


def _brief(words: Words, language: str) -> dict:
    """Return the brief: a speaker with a photo and two points, three priorities, two takeaways."""
    return {
        "language": language, "theme": "logo.yml",
        "event": {"title": words.title, "summary": words.summary},
        "organizers": [words.name],
        "speakers": [{"name": words.name, "title": words.role, "photo": "face.png",
                      "points": list(words.points)}],
        "priorities": [{"title": text} for text in (*words.points, words.takeaway)],
        "takeaways": [words.takeaway, words.points[1]],
    }


@dataclass
class Built:
    """One case built: its deck, its handout, the deck of the same story read left to right."""

    deck: bytes
    handout: bytes
    ltr_deck: bytes
    rtl: bool
    script: bytes = b""


def _render(backend: object, story: object, theme: object) -> bytes:
    """Return what `backend` writes for `story` drawn in `theme`."""
    out = io.BytesIO()
    backend.render(story, theme, out)  # type: ignore[attr-defined]
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Built]:
    """Return every case's deck and handout, and its story's deck drawn left to right."""
    folder = tmp_path_factory.mktemp("rtl")
    Image.new("RGB", (300, 400), (90, 110, 140)).save(folder / "face.png")
    Image.new("RGB", (240, 80), (200, 30, 40)).save(folder / "mark.png")
    (folder / "logo.yml").write_text("meta:\n  name: marked\nlogo: mark.png\n", encoding="utf-8")
    out = {}
    for case, (words, language) in CASES.items():
        path = folder / f"{case}.yaml"
        path.write_text(yaml.safe_dump(_brief(words, language), allow_unicode=True), encoding="utf-8")
        prep = prepare(path, None, AssetPolicy(root=folder))
        story = prep.story
        ltr = dataclasses.replace(story, meta=dataclasses.replace(story.meta, language="en"))
        out[case] = Built(_render(DeckBackend(), story, prep.theme),
                          _render(HandoutBackend(), story, prep.theme),
                          _render(DeckBackend(), ltr, prep.theme),
                          scripts.rtl_language(story.meta.language),
                          _render(ScriptBackend(), story, prep.theme))
    return out


@pytest.mark.parametrize(("tag", "rtl"), [
    ("ar", True), ("ar-EG", True), ("he", True), ("he-IL", True), ("iw", True), ("fa-IR", True),
    ("ur-PK", True), ("yi", True), ("az-Arab", True), ("pa-Arab-PK", True), ("ar-Latn", False),
    ("en", False), ("en-GB", False), ("fr", False), ("zh-Hant-TW", False), ("ja", False),
    ("haw", False), ("ar-x-private", True)],
    ids=lambda v: str(v))
def test_the_direction_follows_the_language_tag(tag, rtl):
    assert scripts.rtl_language(tag) is rtl


def test_every_case_reads_as_the_table_says(built):
    assert {case for case, b in built.items() if b.rtl} == set(RTL)


# The deck, as python-pptx reads it back.

def _shapes(data: bytes) -> list[dict[str, tuple[int, int, int, int]]]:
    """Return each slide's shapes by name: (x, y, width, height) in EMU."""
    prs = Presentation(io.BytesIO(data))
    return [{shape.name.split(" | briefgen:")[0]: (shape.left, shape.top, shape.width, shape.height)
             for shape in slide.shapes if shape.left is not None}
            for slide in prs.slides]


def _centre(box: tuple[int, int, int, int]) -> float:
    """Return the horizontal centre of a shape's box."""
    return box[0] + box[2] / 2


@pytest.mark.parametrize("case", IDS)
def test_the_deck_is_its_left_to_right_twin_mirrored(built, case):
    """Every shape of a right-to-left deck sits at x -> slide width - x - width of the same
    story's left-to-right deck, same size, same order; an English deck is its twin exactly."""
    b = built[case]
    width = Presentation(io.BytesIO(b.deck)).slide_width
    ours, twin = Presentation(io.BytesIO(b.deck)), Presentation(io.BytesIO(b.ltr_deck))
    assert len(ours.slides) == len(twin.slides)
    moved = 0
    for slide, other in zip(ours.slides, twin.slides, strict=True):
        mine, theirs = list(slide.shapes), list(other.shapes)
        assert [s.name for s in mine] == [s.name for s in theirs]  # the reading order is kept
        for shape, ltr in zip(mine, theirs, strict=True):
            assert (shape.top, shape.width, shape.height) == (ltr.top, ltr.width, ltr.height)
            expected = width - ltr.left - ltr.width if b.rtl else ltr.left
            assert shape.left == expected, (shape.name, shape.left, expected)
            moved += shape.left != ltr.left
    assert (moved > 0) is b.rtl  # the check can fail: a mirrored deck moves its shapes


@pytest.mark.parametrize("case", IDS)
def test_the_decks_own_shapes_are_on_the_reading_side(built, case):
    """Cover band, title rules, the cover's logo, the speaker's photo column and the number
    badges on the right of a right-to-left deck, the slide number and the title row's logo on
    the left; the other way in English."""
    b = built[case]
    slides = _shapes(b.deck)
    middle = Presentation(io.BytesIO(b.deck)).slide_width / 2
    right = b.rtl

    def on_right(box: tuple[int, int, int, int]) -> bool:
        return _centre(box) > middle

    assert on_right(slides[0]["Cover band"]) is right
    rules = [s["Title rule"] for s in slides[1:]]
    assert rules and all(on_right(rule) is right for rule in rules)
    assert all(on_right(s["Slide number"]) is not right for s in slides[1:])
    # The cover's logo heads its text; a content slide's ends its title row.
    assert on_right(slides[0]["Logo"]) is right
    assert all(on_right(s["Logo"]) is not right for s in slides[1:])
    speaker = next(s for s in slides if any(name.startswith("Photo: ") for name in s))
    photo = next(box for name, box in speaker.items() if name.startswith("Photo: "))
    assert (_centre(photo) > _centre(speaker["Points"])) is right
    cards = next(s for s in slides if "Number 1" in s)
    badges = [cards[f"Number {n}"] for n in (1, 2, 3)]
    texts = [box for name, box in cards.items()
             if name in {*ENGLISH.points, ENGLISH.takeaway, *ARABIC.points, ARABIC.takeaway,
                         *HEBREW.points, HEBREW.takeaway, *PERSIAN.points, PERSIAN.takeaway}]
    assert len(texts) == 3
    for badge, text in zip(badges, texts, strict=True):
        assert (badge[0] > text[0] + text[2] - 1) is right  # beside its text, on its side
    first, second = badges[0], badges[1]
    if first[1] == second[1]:  # one row: the first card on the reading side
        assert (first[0] > second[0]) is right


@pytest.mark.parametrize("case", IDS)
def test_the_decks_paragraphs_start_on_the_reading_side(built, case):
    """Bulleted paragraphs read right to left from the right edge (rtl='1', algn='r') in a
    right-to-left deck, and the slide number is set from the left; in English, neither."""
    b = built[case]
    prs = Presentation(io.BytesIO(b.deck))
    bulleted, numbers = [], []
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                ppr = p._p.find(qn("a:pPr"))
                if ppr is not None and ppr.find(qn("a:buChar")) is not None:
                    bulleted.append((ppr.get("rtl"), ppr.get("algn")))
            if shape.name.startswith("Slide number"):
                numbers.append(shape.text_frame.paragraphs[0]._p.find(qn("a:pPr")).get("algn"))
    assert len(bulleted) >= 4 and numbers
    if b.rtl:
        assert set(bulleted) == {("1", "r")}
        assert set(numbers) == {"l"}
    else:
        assert set(bulleted) == {(None, "l")}
        assert set(numbers) == {"r"}


@pytest.mark.parametrize("case", RTL)
def test_the_mirrored_deck_passes_the_open_xml_validator(built, case, tmp_path):
    from openxml_audit import validate_pptx

    path = tmp_path / "deck.pptx"
    path.write_bytes(built[case].deck)
    result = validate_pptx(path)
    assert result.is_valid, [str(e) for e in result.errors][:10]


# The deck as LibreOffice draws it.

@pytest.fixture(scope="module")
def drawn(built, tmp_path_factory) -> dict[str, Path]:
    """Return the PDF LibreOffice draws of each case's deck, converted in one run."""
    command = require_soffice()
    folder = tmp_path_factory.mktemp("rtl-drawn")
    paths = []
    for case, b in built.items():
        path = folder / f"{case}.pptx"
        path.write_bytes(b.deck)
        paths.append(str(path))
    subprocess.run([command, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *paths],
                   check=True, capture_output=True, timeout=600)
    return {case: folder / f"{case}.pdf" for case in built}


def _slide_with(data: bytes, prefix: str) -> tuple[int, dict[str, tuple[float, ...]]]:
    """Return the index of the first slide holding a shape named `prefix`..., and its shapes
    by name in points."""
    for index, shapes in enumerate(_shapes(data)):
        if any(name.startswith(prefix) for name in shapes):
            return index, {name: tuple(Emu(v).pt for v in box) for name, box in shapes.items()}
    raise AssertionError(f"no slide has a shape named {prefix}")


def _within(char: dict, box: tuple[float, ...]) -> bool:
    """Return whether a drawn character lies inside a box (x, y, w, h) in points."""
    x, y, w, h = box
    return x - 1 <= char["x0"] and char["x1"] <= x + w + 1 and y - 1 <= char["top"] <= y + h + 1


@pytest.mark.parametrize("case", IDS)
def test_libreoffice_draws_the_photo_and_bullets_on_the_reading_side(built, drawn, case):
    b = built[case]
    index, shapes = _slide_with(b.deck, "Photo: ")
    with pdfplumber.open(drawn[case]) as pdf:
        page = pdf.pages[index]
        photo = max(page.images, key=lambda im: im["width"] * im["height"])
        points = shapes["Points"]
        chars = [c for c in page.chars if _within(c, points) and c["text"].strip()]
        bullets = [c for c in chars if c["text"] == "\u2022"]
        words = [c for c in chars if c["text"] != "\u2022"]
    assert len(bullets) == 2 and words
    if b.rtl:
        assert photo["x0"] > max(c["x1"] for c in chars)
        assert min(c["x0"] for c in bullets) > max(c["x1"] for c in words)
    else:
        assert photo["x1"] < min(c["x0"] for c in chars)
        assert max(c["x1"] for c in bullets) < min(c["x0"] for c in words)


@pytest.mark.parametrize("case", IDS)
def test_libreoffice_draws_the_rules_and_badges_on_the_reading_side(built, drawn, case):
    b = built[case]
    index, shapes = _slide_with(b.deck, "Number 1")
    with pdfplumber.open(drawn[case]) as pdf:
        page = pdf.pages[index]
        middle = page.width / 2
        rule = shapes["Title rule"]
        drawn_rules = [r for r in page.rects + page.curves
                       if abs(r["height"] - rule[3]) < 1 and abs(r["width"] - rule[2]) < 1]
        assert drawn_rules
        assert all((r["x0"] > middle) is b.rtl for r in drawn_rules)
        cards = [box for name, box in shapes.items() if name.startswith("Card: ")]
        for n in (1, 2, 3):
            card = next(c for c in cards if _within_box(shapes[f"Number {n}"], c))
            inside_card = [c for c in page.chars if _within(c, card) and c["text"].strip()]
            digit = [c for c in inside_card if c["text"] == str(n)]
            text = [c for c in inside_card if c["text"] != str(n)]
            assert len(digit) == 1 and text
            if b.rtl:
                assert digit[0]["x0"] > max(c["x1"] for c in text)
            else:
                assert digit[0]["x1"] < min(c["x0"] for c in text)


def _within_box(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    """Return whether the box `inner` lies inside `outer` (x, y, w, h, in points)."""
    return (outer[0] <= inner[0] and inner[0] + inner[2] <= outer[0] + outer[2]
            and outer[1] <= inner[1] and inner[1] + inner[3] <= outer[1] + outer[3])


@pytest.mark.parametrize("case", IDS)
def test_libreoffice_draws_every_word_of_a_mirrored_deck_in_its_box(built, drawn, case):
    slides = list(Presentation(io.BytesIO(built[case].deck)).slides)
    with pdfplumber.open(drawn[case]) as pdf:
        assert len(pdf.pages) == len(slides)
        for number, (page, slide) in enumerate(zip(pdf.pages, slides, strict=True), 1):
            words = page.extract_words()
            boxes = text_boxes(slide)
            for word in words:
                assert word["x0"] >= 0 and word["x1"] <= page.width, (number, word["text"])
                assert any(inside(word, box) for box in boxes), (number, word["text"], "outside")
            for i, a in enumerate(words):
                for other in words[i + 1:]:
                    assert not overlap(a, other), (number, a["text"], other["text"])


# The handout, as pdfplumber and pypdf read it.

def _accent_squares(page) -> list[dict]:
    """Return the small filled squares the handout draws as bullets and badges."""
    return [r for r in page.rects if r["fill"] and abs(r["width"] - r["height"]) < 0.5
            and r["width"] < 20]


def _line_of(marker: dict, chars: list[dict], middle: float) -> list[dict]:
    """Return the characters of the same column beside a marker, on its first line."""
    centre = (marker["top"] + marker["bottom"]) / 2
    side = marker["x0"] > middle
    return [c for c in chars if c["top"] - 2 <= centre <= c["bottom"] + 2
            and (c["x0"] > middle) is side and c["text"].strip()]


@pytest.mark.parametrize("case", IDS)
def test_the_handouts_badges_and_bullets_are_on_the_reading_side(built, case):
    b = built[case]
    with pdfplumber.open(io.BytesIO(b.handout)) as pdf:
        page = pdf.pages[0]
        middle = page.width / 2
        markers = _accent_squares(page)
        digits = {c["text"] for c in page.chars if c["text"].isdigit()}
        beside = [(m, _line_of(m, page.chars, middle)) for m in markers]
    assert {"1", "2", "3"} <= digits
    assert len(markers) == 5  # three badges, two bullets
    for marker, line in beside:
        text = [c for c in line if not (marker["x0"] <= c["x0"] and c["x1"] <= marker["x1"])]
        assert text, marker
        if b.rtl:
            assert marker["x0"] > max(c["x1"] for c in text)
        else:
            assert marker["x1"] < min(c["x0"] for c in text)


def _outline_left(data: bytes) -> list[float]:
    """Return the left edge of each bookmarked section heading, in reading order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [float(entry.left) for entry in reader.outline if not isinstance(entry, list)]


@pytest.mark.parametrize("case", IDS)
def test_the_handouts_first_column_is_on_the_reading_side(built, case):
    """The first section (the speakers) heads the right-hand column of a right-to-left page."""
    b = built[case]
    lefts = _outline_left(b.handout)
    width = pypdf.PdfReader(io.BytesIO(b.handout)).pages[0].mediabox.width
    assert len(lefts) == 3
    assert (lefts[0] > float(width) / 2) is b.rtl


@pytest.mark.parametrize("case", IDS)
def test_the_handouts_header_footer_and_facts_are_mirrored(built, case):
    """The logo on the left of a right-to-left page's band and the maker's line on the left of
    its footer; a key fact's label on the right of its value. The other way in English."""
    b = built[case]
    with pdfplumber.open(io.BytesIO(b.handout)) as pdf:
        page = pdf.pages[0]
        middle = page.width / 2
        logo = min(page.images, key=lambda im: im["top"])
        maker = [w for w in page.extract_words() if "briefgen" in w["text"]]
        # The key facts' panel: the one filled box a column wide and a few lines tall.
        panel, = (r for r in page.rects if r["fill"] and 10 < r["height"] < 60
                  and 100 < r["width"] < middle)
        in_panel = [c for c in page.chars if c["text"].strip() and panel["x0"] <= c["x0"]
                    and c["x1"] <= panel["x1"] and panel["top"] <= c["top"] <= panel["bottom"]]
    assert (logo["x1"] < middle) is b.rtl
    assert len(maker) == 1 and (maker[0]["x1"] < middle) is b.rtl
    labels = [c for c in in_panel if "Bold" in c["fontname"]]
    values = [c for c in in_panel if "Bold" not in c["fontname"]]
    assert labels and values
    if b.rtl:
        assert min(c["x0"] for c in labels) > max(c["x1"] for c in values)
    else:
        assert max(c["x1"] for c in labels) < min(c["x0"] for c in values)


@pytest.mark.parametrize("case", IDS)
def test_the_handout_stays_one_tagged_page_with_facts_read_label_first(built, case, tmp_path):
    b = built[case]
    assert len(pypdf.PdfReader(io.BytesIO(b.handout)).pages) == 1
    assert ua_failures(b.handout) == [] and pdfua_problems(b.handout, tmp_path) == []
    roles = [role for _depth, role, _entries in structure(b.handout)]
    rows = [i for i, role in enumerate(roles) if role == "TR"]
    assert rows
    assert all(roles[i + 1:i + 3] == ["TH", "TD"] for i in rows)


# The presenter's script: its lines and its footer.

@pytest.mark.parametrize("case", IDS)
def test_the_scripts_lines_start_at_the_reading_margin_and_its_footer_is_mirrored(built, case):
    """Every line of a right-to-left script ends at the right margin (those in Latin letters
    too) and its page number is on the left; in English, lines start at the left margin."""
    b = built[case]
    with pdfplumber.open(io.BytesIO(b.script)) as pdf:
        page = pdf.pages[0]
        rule = max(page.lines, key=lambda line: line["top"])  # the footer's rule
        left, right = rule["x0"], rule["x1"]
        lines = [line for line in page.extract_text_lines(return_chars=False)
                 if line["bottom"] < rule["top"]]
        number = [c for c in page.chars if c["text"] == "/" and c["top"] > rule["top"]]
    assert len(lines) >= 5 and len(number) == 1
    for line in lines:
        edge = line["x1"] if b.rtl else line["x0"]
        assert abs(edge - (right if b.rtl else left)) < 2, line["text"]
    assert (number[0]["x0"] < (left + right) / 2) is b.rtl
