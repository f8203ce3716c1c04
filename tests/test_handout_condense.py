"""Events of any size on one page: the handout condenses its lists in visible steps, never
silently, keeps readable type before it shrinks to the floor, and the deck keeps everyone."""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdf
import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from generator.backends.handout import onepage
from generator.backends.handout.backend import HandoutBackend
from generator.backends.handout.condense import NAMES_KEPT, steps
from generator.backends.handout.content import gather
from generator.cli import main
from tests.conftest import SAMPLE, prepared

FIRST = ["Lu", "Guo", "Zhang", "Chen", "Wang", "Ana", "Maria", "Olu", "Priya", "Jonas"]
LAST = ["Liang", "Fan", "Wei", "Hua", "Kowalski", "Fernández", "Adeyemi", "Sharma", "Berg"]


class _Plain(yaml.SafeDumper):
    """A YAML writer that writes repeated values out (the brief loader refuses anchors)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def big_brief(folder, count: int, sources: int = 0):
    """Write the sample brief with `count` speakers (its own first) and return its path."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    own = data["speakers"]
    data["speakers"] = own + [
        dict(own[i % len(own)], name=f"{FIRST[i % 10]} {LAST[i // 10 % 9]} {i + 1}")
        for i in range(len(own), count)]
    if sources:
        data["sources"] = [{"title": f"Report {i + 1}", "publisher": "Example News",
                            "url": f"https://example.org/reports/{i + 1}"} for i in range(sources)]
    path = folder / f"speakers-{count}.yaml"
    path.write_text(yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def squeeze(text: str) -> str:
    """Return `text` without whitespace, so wrapped lines compare equal."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Return, for 50, 200 and 400 speakers: the brief's speakers, the build's exit code and
    output, the handout's text and page count, and the deck's text."""
    folder = tmp_path_factory.mktemp("condense")
    found = {}
    for count in (50, 200, 400):
        path = big_brief(folder, count)
        out = folder / f"out{count}"
        result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)],
                                    catch_exceptions=False)
        names = [s["name"] for s in yaml.safe_load(path.read_text(encoding="utf-8"))["speakers"]]
        reader = pypdf.PdfReader(out / f"{path.stem}.pdf")
        deck = Presentation(str(out / f"{path.stem}.pptx"))
        deck_text = "\n".join(shape.text_frame.text for slide in deck.slides
                              for shape in slide.shapes if shape.has_text_frame)
        found[count] = (names, result, reader.pages[0].extract_text(), len(reader.pages), deck_text)
    return found


@pytest.mark.parametrize("count", [50, 200, 400], ids=["50", "200", "400"])
def test_any_number_of_speakers_builds_a_one_page_handout(built, count):
    names, result, text, pages, _deck = built[count]
    assert result.exit_code == 0, result.output
    assert pages == 1
    if count > 50:
        assert f"Speakers ({count})" in text  # how many there were


@pytest.mark.parametrize("count", [50, 200, 400], ids=["50", "200", "400"])
def test_the_handout_names_everyone_or_says_where_the_rest_are(built, count):
    names, result, text, _pages, _deck = built[count]
    shown = [n for n in names if squeeze(n) in squeeze(text)]
    more = re.search(r"and (\d+) more speakers — see the deck", text.replace("\n", " "))
    if more is None:
        assert shown == names, "a speaker was dropped without a word"
    else:
        assert len(shown) + int(more.group(1)) == count
        assert shown == names[:len(shown)], "the names shown are the first, in the brief's order"
        assert len(shown) >= NAMES_KEPT
    if count == 50:
        assert more is None  # fifty names fit in columns


@pytest.mark.parametrize("count", [50, 200, 400], ids=["50", "200", "400"])
def test_the_build_says_what_it_condensed(built, count):
    _names, result, text, _pages, _deck = built[count]
    lines = result.output.splitlines()
    said = [line for line in lines if "pdf: to fit one page" in line and ": agenda: " not in line]
    assert all(":23:1: warning: speakers:" in line for line in said), result.output
    # The programme, condensed first, is said at its own key.
    assert all(re.search(r":\d+:1: warning: agenda: pdf: to fit one page the handout ", line)
               for line in lines if ": agenda: " in line)
    assert said or count == 50, result.output  # fifty speakers may fit with their topics
    if "more speakers" in text:
        assert re.search(rf"names \d+ of the {count} speakers", said[0]), said


@pytest.mark.parametrize("count", [200, 400], ids=["200", "400"])
def test_the_deck_keeps_every_speaker(built, count):
    names, _result, _text, _pages, deck = built[count]
    assert all(name in deck for name in names)


def test_condensing_keeps_readable_type_before_shrinking_to_the_floor(tmp_path):
    prep = prepared(big_brief(tmp_path, 200))
    out = io.BytesIO()
    HandoutBackend().render(prep.story, prep.theme, out)
    with pdfplumber.open(out) as pdf:
        summary = [c["size"] for c in pdf.pages[0].chars if c["text"] == "E"][:1]
    scale = prep.theme.page_scale
    assert summary and summary[0] >= scale.subheading * onepage.COMFORT - 0.01


def test_the_steps_go_from_least_to_most_lost(tmp_path):
    prep = prepared(big_brief(tmp_path, 60, sources=3))
    ladder = steps(gather(prep.story), codes_on=True)
    # The programme's speakers and rooms go first (all its sessions are keynotes: no keynote step)
    assert [s.cut.programme for s in ladder[:2]] == ["full", "titles"]
    cuts = [(s.cut, s.counted) for s in ladder[1:]]
    assert cuts[0][0].topics and not cuts[0][0].names_only
    assert not cuts[1][0].topics and not cuts[1][0].names_only
    assert cuts[2][0].names_only
    assert [c for _, c in cuts[3:]] == ["speakers", "codes", "sources", "", "speakers"]
    assert ladder[-2].cut.programme == "counted"  # ... and it is counted before the last names


def test_a_400_speaker_handout_is_a_short_search(tmp_path, monkeypatch):
    prep = prepared(big_brief(tmp_path, 400, sources=5))
    laid_out = []
    real = onepage.flow

    def counting(*args, **kwargs):
        laid_out.append(args[4] if len(args) > 4 else kwargs.get("cut"))
        return real(*args, **kwargs)

    monkeypatch.setattr(onepage, "flow", counting)
    out = io.BytesIO()
    notices = HandoutBackend().render(prep.story, prep.theme, out)
    assert len(laid_out) <= 25, f"{len(laid_out)} layouts of the page"
    assert len(pypdf.PdfReader(out).pages) == 1
    assert {n.loc for n in notices} >= {("speakers",)}
