"""The handout with awkward input: markup in the brief, too much text, odd characters, a logo."""

from __future__ import annotations

import dataclasses
import io
import re
import textwrap

import pdfplumber
import pypdf
import pytest
from PIL import Image

from generator.backends.base import RenderError
from generator.backends.handout.backend import HandoutBackend
from generator.story import Picture
from generator.typeset import fonts
from tests.conftest import SAMPLE, prepared, require_cjk_faces, require_latin_twins, require_programs
from tests.pdfs import page_text

HOSTILE = {
    "title": 'R&D <font size=40>Big</font> & "quotes"',
    "summary": 'a < b and <img src="/etc/passwd"/> and &amp; entity &nbsp;',
    "name": '<a href="javascript:alert(1)">Click</a>',
    "role": "</para><para>",
    "topic": "<br/><b>bold?</b>",
    "takeaway": "<strike>struck</strike> ]]> <!-- c --> <unknown/>",
    "source": "Evil\" onclick='x'",
}
HOSTILE_URL = 'https://example.org/a?q="x"&y=<z>'


def render(story, theme) -> bytes:
    """Return the handout's bytes."""
    buffer = io.BytesIO()
    HandoutBackend().render(story, theme, buffer)
    return buffer.getvalue()


def write_brief(folder, body: str):
    """Write a brief file and return its path."""
    path = folder / "brief.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def quoted(value: str) -> str:
    """Return `value` as a YAML single-quoted scalar."""
    return "'" + value.replace("'", "''") + "'"


@pytest.fixture
def hostile(tmp_path):
    """Return the handout bytes of a brief whose strings look like markup."""
    h = {k: quoted(v) for k, v in HOSTILE.items()}
    path = write_brief(tmp_path, f"""\
        version: 1
        event:
          title: {h['title']}
          summary: {h['summary']}
        speakers:
          - name: {h['name']}
            title: {h['role']}
            topic: {h['topic']}
        takeaways:
          - {h['takeaway']}
        sources:
          - title: {h['source']}
            url: {quoted(HOSTILE_URL)}
        """)
    prep = prepared(path)
    return render(prep.story, prep.theme)


@pytest.mark.parametrize("field", list(HOSTILE), ids=list(HOSTILE))
def test_markup_in_the_brief_is_printed_literally(hostile, field):
    text = page_text(hostile)
    assert re.sub(r"\s+", "", HOSTILE[field]) in re.sub(r"\s+", "", text)


def test_markup_in_the_brief_changes_nothing_else(hostile):
    page = pypdf.PdfReader(io.BytesIO(hostile)).pages[0]
    uris = [ref.get_object()["/A"]["/URI"] for ref in page.get("/Annots", [])]
    assert uris and all(u == "https://example.org/a?q=%22x%22&y=%3Cz%3E" for u in uris)
    assert not page.images  # nothing was fetched or read
    with pdfplumber.open(io.BytesIO(hostile)) as pdf:
        assert max(c["size"] for c in pdf.pages[0].chars) <= 20.01
        assert not any(c.get("fontname", "").endswith("Bold") and c["text"] == "?"
                       for c in pdf.pages[0].chars if c["size"] < 10)


def overlong_brief(folder, speakers: int):
    """Write a brief with `speakers` wordy speakers and return its path."""
    lines = ["version: 1", "event:", "  title: Too much", "  summary: Far too much.", "speakers:"]
    for n in range(speakers):
        lines += [f"  - name: Speaker Number {n} With A Rather Long Name",
                  "    title: Head of a department whose name goes on for quite a while, and then more",
                  "    organization: An organisation with a very long name that wraps over several lines",
                  f"    topic: A topic described at length, with qualifications, caveats and examples {n}"]
    return write_brief(folder, "\n".join(lines) + "\n")


def overlong_priorities(folder, count: int):
    """Write a brief whose own priorities, `count` wordy ones, cannot fit one page."""
    lines = ["version: 1", "event:", "  title: Too much", "  summary: Far too much.", "priorities:"]
    for n in range(count):
        lines += [f"  - title: Priority number {n}, stated at some length",
                  "    detail: " + " ".join(["A detail described at length, with qualifications, "
                                             f"caveats and examples {n}."] * 4)]
    return write_brief(folder, "\n".join(lines) + "\n")


def test_an_overlong_brief_is_refused_with_located_notices(tmp_path):
    # Speakers and sources are condensed to fit (test_handout_condense.py); the event's own
    # priorities are not, so a page they overflow at 7 pt is refused.
    prep = prepared(overlong_priorities(tmp_path, 40))
    with pytest.raises(RenderError) as caught:
        render(prep.story, prep.theme)
    notices = caught.value.notices
    first = notices[0]
    assert re.search(r"\d+% longer than one page even at 7 pt", first.message)
    assert first.loc == ("priorities",)
    assert any(n.loc[:1] == ("priorities",) and len(n.loc) == 2 for n in notices[1:])
    lines = [prep.loaded.problem(n.loc, n.message).line for n in notices]
    assert all(line > 0 for line in lines)


def test_a_long_brief_that_fits_is_set_smaller_not_refused(tmp_path):
    prep = prepared(overlong_brief(tmp_path, 16))
    data = render(prep.story, prep.theme)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        body = [c["size"] for c in pdf.pages[0].chars]
    assert min(body) >= 7 - 0.01
    assert min(body) < prep.theme.page_scale.small


def undrawable() -> str | None:
    """Return a character no font on this machine draws, or None if every candidate is drawn."""
    theme = prepared(SAMPLE).theme
    for ch in ("\U000E01EF", "\U0010FFFD", "\U000F0000", "\U0001FBFF", "\u0378"):
        if fonts.missing_glyphs(ch, theme.body):
            return ch
    return None


def test_characters_no_font_draws_are_named_not_boxed():
    ch = undrawable()
    if ch is None:
        pytest.skip("every candidate character has a font on this machine")
    require_latin_twins()  # else the title also warns of Helvetica
    prep = prepared(SAMPLE)
    meta = dataclasses.replace(prep.story.meta, title=f"Title {ch} here")
    story = dataclasses.replace(prep.story, meta=meta)
    buffer = io.BytesIO()
    notices = HandoutBackend().render(story, prep.theme, buffer)
    assert [n.loc for n in notices] == [("event", "title")]
    assert fonts.describe(ch) in notices[0].message
    assert ch not in page_text(buffer.getvalue())


def test_the_logo_sits_in_the_header_band():
    prep = prepared(SAMPLE, "cinema")
    image = Image.new("RGB", (400, 200), "#E2B04A")
    png = io.BytesIO()
    image.save(png, "PNG")
    logo = Picture(png.getvalue(), 400, 200, "png", "Symposium logo", "test")
    data = render(dataclasses.replace(prep.story, logo=logo), prep.theme)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert len(page.images) == 1
        picture = page.images[0]
        assert picture["x1"] <= page.width - prep.theme.page_margin + 0.01
        assert picture["top"] >= 0 and picture["bottom"] < 160
        assert picture["width"] == pytest.approx(2 * picture["height"], rel=0.01)


@pytest.mark.parametrize("title", ["Σύνοδος Ωλ \u2260 \u2211", "电影 · 映画 · 영화"],
                         ids=["fallback-ttf", "cjk"])
def test_embedded_fonts_keep_output_identical_and_text_extractable(title):
    prep = prepared(SAMPLE)
    story = dataclasses.replace(prep.story, meta=dataclasses.replace(prep.story.meta, title=title))
    first, second = render(story, prep.theme), render(story, prep.theme)
    assert first == second
    text = page_text(first)
    assert title.replace(" ", "") in text.replace(" ", "")


def test_astral_cjk_characters_are_named_not_boxed():
    # CJK CID fonts are encoded in UCS-2, which cannot hold characters beyond U+FFFF.
    require_latin_twins()  # else the title also warns of Helvetica and STSong-Light
    require_cjk_faces("zh-Hans")
    prep = prepared(SAMPLE)
    title = "M\U00024CF9\u7532 S"
    story = dataclasses.replace(prep.story, meta=dataclasses.replace(prep.story.meta, title=title))
    buffer = io.BytesIO()
    notices = HandoutBackend().render(story, prep.theme, buffer)
    assert [n.loc for n in notices] == [("event", "title")]
    assert "U+24CF9" in notices[0].message
    with pdfplumber.open(buffer) as pdf:
        assert "M\u7532S" in pdf.pages[0].extract_text().replace(" ", "")


def test_bullet_in_text_reads_back_with_poppler(tmp_path):
    """U+2022 is drawn in the standard font and extracts as a bullet (pdftotext, as viewers do)."""
    import subprocess

    import generator

    require_programs("pdftotext")
    pdf = tmp_path / "bullet.pdf"
    pdf.write_bytes(generator.render({"event": {"title": "Bullet \u2022 test", "summary": "Dots"}},
                                     format="pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Bullet \u2022 test" in text
