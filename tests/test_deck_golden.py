"""Golden slide XML for the sample brief under the default theme.

Regenerate after an intended change with BRIEFGEN_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.backends.deck.backend import DeckBackend
from tests.conftest import SAMPLE, prepared

GOLDEN = Path(__file__).resolve().parent / "golden" / "deck"
UPDATE = os.environ.get("BRIEFGEN_UPDATE_GOLDEN") == "1"


def canonical_parts(data: bytes) -> dict[str, str]:
    """Return each slide and notes part of a deck as canonical, indented XML text."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith(("ppt/slides/slide", "ppt/notesSlides/notesSlide")):
                root = etree.fromstring(archive.read(name))
                etree.indent(root, space="  ")
                text = etree.tostring(root, method="c14n").decode()
                parts[name.rsplit("/", 1)[1]] = text + "\n"
    return parts


@pytest.fixture(scope="module")
def parts() -> dict[str, str]:
    p = prepared(SAMPLE, "default")
    out = io.BytesIO()
    DeckBackend().render(p.story, p.theme, out)
    found = canonical_parts(out.getvalue())
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.xml"):
            old.unlink()
        for name, text in found.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    return found


def test_same_parts_as_golden(parts):
    assert sorted(parts) == sorted(p.name for p in GOLDEN.glob("*.xml")), \
        "slides added or removed; regenerate with BRIEFGEN_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.xml")))
def test_part_matches_golden(parts, name):
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert parts.get(name) == expected, f"{name} changed; regenerate with BRIEFGEN_UPDATE_GOLDEN=1"
