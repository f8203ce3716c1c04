"""Shared fixtures: the briefs the tests build, and a story prepared from each."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples every run (a failure there is reproducible, never luck);
# locally each run explores new ones.
settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "briefs" / "film-tech-symposium.yaml"
TEST_BRIEFS = Path(__file__).resolve().parent / "briefs"
MINIMAL = TEST_BRIEFS / "minimal.yaml"
STRESS = TEST_BRIEFS / "stress.yaml"
BRIEFS = {"sample": SAMPLE, "minimal": MINIMAL, "stress": STRESS}
THEMES = ("default", "cinema", "print")


def prepared(brief: Path, theme: str | None = None):
    """Return the Prepared brief (story, theme) for `brief`, optionally under another theme."""
    from generator.paths import AssetPolicy
    from generator.workflow.prepare import prepare

    return prepare(brief, theme, AssetPolicy(root=ROOT))


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run the test inside an empty temporary folder (the project root for path checks)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def soffice() -> str | None:
    """Return the LibreOffice command if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def markdown_body(text: str) -> str:
    """Return a Markdown summary without its front matter (`---` ... `---`)."""
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1].lstrip("\n")
    return text
