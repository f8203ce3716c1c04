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


def with_sources(folder: Path) -> None:
    """Copy the sample brief's source texts beside a copy of it in `folder` (its quotes are
    checked against them; a brief without them builds, with a warning)."""
    import shutil

    shutil.copytree(SAMPLE.parent / "sources", folder / "sources", dirs_exist_ok=True)


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


# -- system packages ------------------------------------------------------------------------------
# A test that needs a Debian package the README's `pip install` cannot bring is skipped without
# it, naming the package; .ci/run installs them all and sets BRIEFGEN_REQUIRE_SYSTEM=1, which
# turns each such skip into a failure. Every such skip goes through `require_system`.

REQUIRE_SYSTEM = "BRIEFGEN_REQUIRE_SYSTEM"
# The programs the tests open outputs with: what a reason calls each, and its Debian package.
PROGRAMS = {
    "soffice": ("LibreOffice", "libreoffice-impress"),
    "pdftoppm": ("poppler's pdftoppm", "poppler-utils"),
    "pdftotext": ("poppler's pdftotext", "poppler-utils"),
    "pdffonts": ("poppler's pdffonts", "poppler-utils"),
    "zbarimg": ("zbar's zbarimg", "zbar-tools"),
    "chromium": ("Chromium", "chromium"),
    "chromedriver": ("chromedriver", "chromium-driver"),
}
LATIN_TWINS = "fonts-liberation2"
DEJAVU = "fonts-dejavu-core"


def require_system(what: str, packages: list[str]) -> None:
    """Skip the test for want of `what` from the Debian `packages` (none: nothing is missing);
    fail it instead under BRIEFGEN_REQUIRE_SYSTEM=1, where they are meant to be installed."""
    if not packages:
        return
    reason = f"needs {what}: apt-get install {' '.join(dict.fromkeys(packages))}"
    if os.environ.get(REQUIRE_SYSTEM) == "1":
        pytest.fail(f"{reason} ({REQUIRE_SYSTEM}=1: every system package must be installed)")
    pytest.skip(reason)


def require_programs(*names: str) -> None:
    """Skip (or fail, see `require_system`) unless every program in `names` is installed."""
    missing = [PROGRAMS[name] for name in names if _program(name) is None]
    require_system(", ".join(called for called, _ in missing), [package for _, package in missing])


def _program(name: str) -> str | None:
    """Return the path of program `name` (LibreOffice by either of its names), or None."""
    return soffice() if name == "soffice" else shutil.which(name)


def require_soffice() -> str:
    """Return the LibreOffice command; skip (or fail) without it."""
    require_programs("soffice")
    return str(soffice())


def saved_by_libreoffice(data: bytes, folder: Path) -> bytes:
    """Return the deck `data` after LibreOffice opened it and saved it as .pptx again, as an
    editor's LibreOffice would (it rewrites the whole package); skip (or fail) without it."""
    import subprocess

    soffice = require_soffice()
    (folder / "in").mkdir(parents=True)
    (folder / "in" / "deck.pptx").write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pptx", "--outdir", str(folder / "out"),
                    str(folder / "in" / "deck.pptx")], check=True, capture_output=True, timeout=180)
    return (folder / "out" / "deck.pptx").read_bytes()


def require_cjk_faces(*regions: str, bold: bool = False) -> None:
    """Skip (or fail) unless each CJK region ('zh-Hans', 'zh-Hant', 'ja', 'ko') among `regions`
    has its embeddable face installed; other names are ignored, so a test may pass any fonts."""
    from generator.typeset import cjk_faces, fonts

    missing = [cjk_faces.REGIONS[r] for r in dict.fromkeys(regions)
               if r in cjk_faces.REGIONS and fonts.cjk_face(r, bold) is None]
    require_system(", ".join(f"an embeddable {region.name} font" for region in missing),
                   [region.package for region in missing])


def require_latin_twins() -> None:
    """Skip (or fail) unless the standard PDF faces' embeddable twins (Liberation) are installed."""
    from generator.typeset import fonts

    missing = fonts.embedded("Helvetica") == "Helvetica"
    require_system("the Liberation fonts", [LATIN_TWINS] if missing else [])


def needs_programs(*names: str) -> pytest.MarkDecorator:
    """Mark a test that runs the programs `names`: checked by `require_programs` before its setup."""
    return pytest.mark.needs_programs(*names)


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker `needs_programs`."""
    config.addinivalue_line("markers", "needs_programs(*names): the test runs these programs")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip (or fail) a test marked `needs_programs` before its fixtures start anything."""
    for mark in item.iter_markers("needs_programs"):
        require_programs(*mark.args)


def markdown_body(text: str) -> str:
    """Return a Markdown summary without its front matter (`---` ... `---`)."""
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1].lstrip("\n")
    return text
