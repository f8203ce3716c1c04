"""QR codes beside the handout's sources: a phone scans exactly each address, at least 15 mm."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess

import pdfplumber
import pypdf
import pytest

from generator.backends.handout.backend import HandoutBackend
from generator.backends.handout.codes import CODE_MIN, MM
from tests.conftest import prepared, require_programs

URLS = [
    "https://example.org/news/2024/05/film-tech-symposium",
    "https://example.org/search?q=film+technology&lang=en#results",
    "mailto:press@example.org",
    "https://example.org/reports/2024/film-technology/a-very-long-path-segment-that-goes-on-and-on",
]


def write_brief(folder, urls: list[str], theme: str = "cinema", extra: str = "") -> object:
    """Write a short brief whose sources have `urls` (and one source without an address)."""
    sources = "".join(f"  - title: Source {n}\n    publisher: Example News\n    url: \"{url}\"\n"
                      for n, url in enumerate(urls, 1))
    path = folder / "brief.yaml"
    path.write_text(f"version: 1\ntheme: {theme}\nevent:\n  title: Codes\n  summary: Sources "
                    f"with addresses.\n{extra}sources:\n{sources}  - title: A printed report\n",
                    encoding="utf-8")
    return path


def render(prep, theme=None) -> tuple[bytes, list]:
    """Return the handout's bytes and notices."""
    out = io.BytesIO()
    notices = HandoutBackend().render(prep.story, theme or prep.theme, out)
    return out.getvalue(), notices


def decoded(data: bytes, folder) -> list[str]:
    """Return what a real decoder (zbar) reads from the page rendered at 300 dpi."""
    require_programs("zbarimg", "pdftoppm")
    pdf = folder / "page.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-singlefile", str(pdf), str(folder / "page")],
                   check=True, capture_output=True, timeout=120)
    run = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable",
                          str(folder / "page.png")], capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 4), run.stderr  # 4: no code found
    return [line for line in run.stdout.splitlines() if line]


def code_boxes(data: bytes) -> list[tuple[float, float, float, float]]:
    """Return the bounding box of each QR code drawn on the page (its black modules, grouped)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        rects = [r for r in pdf.pages[0].rects
                 if tuple(r.get("non_stroking_color") or ()) == (0.0, 0.0, 0.0)]
    boxes = [[r["x0"], r["top"], r["x1"], r["bottom"]] for r in rects]
    merged = True
    while merged:  # join touching modules until each box is one code
        merged, joined = False, []
        for box in boxes:
            for other in joined:
                if box[0] <= other[2] + 2 and box[2] >= other[0] - 2 and \
                        box[1] <= other[3] + 2 and box[3] >= other[1] - 2:
                    other[:] = [min(box[0], other[0]), min(box[1], other[1]),
                                max(box[2], other[2]), max(box[3], other[3])]
                    merged = True
                    break
            else:
                joined.append(box)
        boxes = joined
    return [tuple(b) for b in boxes]


THEMES = [pytest.param("cinema", id="cinema-on-paper"), pytest.param("default", id="default"),
          pytest.param("print", id="print")]


@pytest.mark.parametrize("theme", THEMES)
def test_each_code_decodes_to_exactly_its_sources_address(tmp_path, theme):
    prep = prepared(write_brief(tmp_path, URLS, theme))
    data, _ = render(prep)
    assert sorted(decoded(data, tmp_path)) == sorted(URLS)


def test_codes_decode_on_a_dark_page_too(tmp_path):
    prep = prepared(write_brief(tmp_path, URLS))
    screen = dataclasses.replace(prep.theme, handout_colors="theme")  # the cinema page, dark
    data, _ = render(prep, screen)
    assert sorted(decoded(data, tmp_path)) == sorted(URLS)


def test_codes_are_at_least_15_mm_and_square(tmp_path):
    prep = prepared(write_brief(tmp_path, URLS))
    boxes = code_boxes(render(prep)[0])
    assert len(boxes) == len(URLS)
    for x0, top, x1, bottom in boxes:
        # the outermost modules are the finder patterns' edges: the box is the symbol itself
        assert x1 - x0 >= CODE_MIN - 0.01 and abs((x1 - x0) - (bottom - top)) < 0.01
        assert x1 - x0 >= 15 * MM - 0.01


def test_the_links_stay_with_a_description(tmp_path):
    prep = prepared(write_brief(tmp_path, URLS))
    page = pypdf.PdfReader(io.BytesIO(render(prep)[0])).pages[0]
    annots = [ref.get_object() for ref in page["/Annots"]]
    assert {a["/A"]["/URI"] for a in annots} == set(URLS)
    assert all(str(a["/Contents"]).startswith("Source ") for a in annots)


def test_a_theme_can_turn_the_codes_off(tmp_path):
    (tmp_path / "brand.yml").write_text("defaults:\n  briefgen:\n    source-codes: false\n",
                                        encoding="utf-8")
    from generator.paths import AssetPolicy
    from generator.workflow.prepare import prepare

    prep = prepare(write_brief(tmp_path, URLS, "brand.yml"), None, AssetPolicy(root=tmp_path))
    assert prep.theme.source_codes is False
    data, _ = render(prep)
    assert decoded(data, tmp_path) == [] and code_boxes(data) == []
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert {ref.get_object()["/A"]["/URI"] for ref in page["/Annots"]} == set(URLS)


@pytest.mark.parametrize(("text", "words"), [
    pytest.param("source-codes: maybe", "source-codes", id="not-a-boolean"),
    pytest.param("source-code: false", "did you mean 'source-codes'", id="misspelt"),
])
def test_a_wrong_codes_setting_is_located(tmp_path, text, words):
    from generator.errors import InputError
    from generator.paths import AssetPolicy
    from generator.theme.resolve import load_theme

    (tmp_path / "brand.yml").write_text(f"defaults:\n  briefgen:\n    {text}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme(str(tmp_path / "brand.yml"), tmp_path, AssetPolicy(root=tmp_path))
    (problem,) = [str(p) for p in caught.value.problems]
    assert ":3:5: " in problem and words in problem, problem


def takeaways(count: int) -> str:
    """Return a brief's `takeaways:` block of `count` wordy takeaways, to fill the page."""
    return "takeaways:\n" + "".join(
        f"  - Takeaway {n} is something worth remembering that runs on for a while, so that "
        "the page has to wrap it over more than one line.\n" for n in range(count))


def page_text(data: bytes) -> str:
    """Return the page's text on one line."""
    return pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().replace("\n", " ")


def listed(urls: list[str], text: str) -> list[str]:
    """Return the addresses printed on the page ('/reports/1' not counted inside '/reports/12')."""
    return [u for u in urls if re.search(re.escape(u) + r"(?!\d)", text)]


def test_sources_beyond_what_fits_lose_their_codes(tmp_path):
    urls = [f"https://example.org/reports/{n}" for n in range(1, 25)]
    prep = prepared(write_brief(tmp_path, urls, extra=takeaways(14)))
    data, notices = render(prep)
    found = decoded(data, tmp_path)
    # the first sources keep their codes; the rest show their address only, all still listed
    assert found and set(found) == set(urls[:len(found)]) and len(found) < len(urls)
    assert listed(urls, page_text(data)) == urls
    (said,) = [n.message for n in notices if n.loc == ("sources",)]
    assert f"QR codes for {len(found)} of the {len(urls)} sources" in said


def test_sources_beyond_what_fits_are_counted(tmp_path):
    urls = [f"https://example.org/reports/{n}" for n in range(1, 40)]  # and one without
    prep = prepared(write_brief(tmp_path, urls, extra=takeaways(30)))
    data, notices = render(prep)
    text = page_text(data)
    more = re.search(r"and (\d+) more sources — see the deck", text)
    assert more is not None
    shown = listed(urls, text)
    assert shown and shown == urls[:len(shown)]
    assert len(shown) + int(more.group(1)) == len(urls) + 1  # the report without an address too
    assert "Sources (40)" in text
    (said,) = [n.message for n in notices if n.loc == ("sources",)]
    assert f"lists {len(shown)} of the 40 sources and counts the rest" in said
