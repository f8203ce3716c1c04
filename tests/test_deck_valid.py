"""Every deck briefgen writes opens in PowerPoint without a repair prompt (Open XML SDK rules)."""

from __future__ import annotations

import io

import pytest
from openxml_audit import validate_pptx
from pptx import Presentation

from generator.backends.deck import DeckBackend

from .conftest import BRIEFS, THEMES, prepared

CASES = [pytest.param(brief, theme, id=f"{brief}-{theme}") for brief in BRIEFS for theme in THEMES]


@pytest.mark.parametrize(("brief", "theme"), CASES)
def test_the_deck_passes_the_open_xml_validator(brief, theme, tmp_path):
    prep = prepared(BRIEFS[brief], theme)
    buffer = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, buffer)
    path = tmp_path / "deck.pptx"
    path.write_bytes(buffer.getvalue())
    result = validate_pptx(path)
    assert result.is_valid, [str(e) for e in result.errors][:10]
    assert len(Presentation(path).slides) >= 2  # a real deck was checked, not an empty one


def test_the_validator_catches_a_broken_deck(tmp_path):
    """The check above can fail: a deck whose slide names a missing layout is refused."""
    prep = prepared(BRIEFS["minimal"])
    buffer = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, buffer)
    import zipfile

    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "ppt/slides/slide1.xml":
                data = data.replace(b"<p:cSld", b"<p:cSld bogus=\"1\"", 1)
            target.writestr(item, data)
    assert not validate_pptx(broken).is_valid
