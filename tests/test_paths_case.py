"""Letter-case mistakes anywhere in a path a brief or theme writes: the whole path, corrected
as the user would write it, is offered, and the offer never looks outside the project folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.paths import AssetPathError, AssetPolicy, resolve_asset

from .conftest import ROOT

JPEG = b"\xff\xd8\xff\xe0 never read: the name is refused first"


def lay_out(root: Path, files: list[str]) -> None:
    """Create each of `files` (paths relative to `root`; a trailing slash makes a folder)."""
    for name in files:
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(JPEG)


def refusal(written: str, base: Path, policy: AssetPolicy) -> str:
    """Return the words with which `written` (relative to `base`) is refused."""
    with pytest.raises(AssetPathError) as caught:
        resolve_asset(written, base, policy)
    return str(caught.value)


# (files on disk, the folder the path is relative to, the path written, the path offered or None)
CASES = [
    pytest.param(["fixtures/Photos/grace.jpg"], ".", "fixtures/photos/grace.jpg",
                 "fixtures/Photos/grace.jpg", id="wrong-case-in-a-folder"),
    pytest.param(["fixtures/photos/Grace.jpg"], ".", "fixtures/photos/grace.jpg",
                 "fixtures/photos/Grace.jpg", id="wrong-case-in-the-file-name"),
    pytest.param(["fixtures/Photos/Grace.jpg"], ".", "fixtures/photos/grace.JPG",
                 "fixtures/Photos/Grace.jpg", id="wrong-case-in-both"),
    pytest.param(["FIXTURES/PHOTOS/GRACE.JPG"], ".", "fixtures/photos/grace.jpg",
                 "FIXTURES/PHOTOS/GRACE.JPG", id="wrong-case-in-every-part"),
    pytest.param(["PHOTOS/Grace.jpg", "Photos/Grace.jpg"], ".", "photos/grace.jpg",
                 "PHOTOS/Grace.jpg", id="several-candidates-first-in-code-point-order"),
    pytest.param(["PHOTOS/other.jpg", "Photos/Grace.jpg"], ".", "photos/grace.jpg",
                 "Photos/Grace.jpg", id="several-candidates-the-one-that-leads-on"),
    pytest.param(["fixtures/Pictures/Grace.jpg"], ".", "fixtures/photos/grace.jpg", None,
                 id="no-candidate-folder"),
    pytest.param(["fixtures/Photos/face.jpg"], ".", "fixtures/photos/grace.jpg", None,
                 id="no-candidate-file"),
    pytest.param(["photos/", "Photos/Grace.jpg"], ".", "photos/grace.jpg", None,
                 id="part-that-exists-is-kept"),
    pytest.param(["Photos/Grace.jpg", "briefs/"], "briefs", "../photos/grace.jpg",
                 "../Photos/Grace.jpg", id="dot-dot-part"),
    pytest.param(["briefs/sub/", "Photos/Grace.jpg"], "briefs", "sub/../../photos/grace.jpg",
                 "sub/../../Photos/Grace.jpg", id="inside-then-dot-dot"),
    pytest.param(["Photos/Grace.jpg"], ".", "./photos//grace.jpg", "./Photos//Grace.jpg",
                 id="dot-and-double-slash-kept-as-written"),
    pytest.param(["Photos/Grace.jpg/"], ".", "photos/grace.jpg", "Photos/Grace.jpg",
                 id="leads-to-a-folder-still-offered"),
]


@pytest.mark.parametrize(("files", "base", "written", "offered"), CASES)
def test_case_mistake_anywhere_in_a_path_is_offered_whole(in_tmp, files, base, written, offered):
    lay_out(in_tmp, files)
    words = refusal(written, in_tmp / base, AssetPolicy(in_tmp))
    hint = f"; did you mean '{offered}'?" if offered else ""
    assert words == f"'{written}' does not exist{hint}"


def test_absolute_path_is_offered_from_the_project_folder(in_tmp):
    lay_out(in_tmp, ["Photos/Grace.jpg"])
    written = f"{in_tmp}/photos/grace.jpg"
    assert refusal(written, in_tmp, AssetPolicy(in_tmp)) == (
        f"'{written}' does not exist; did you mean '{in_tmp}/Photos/Grace.jpg'?")


@pytest.fixture
def fenced(tmp_path, monkeypatch):
    """Return a project folder `proj/` (the current folder) beside an `outside/` folder."""
    (tmp_path / "proj").mkdir()
    lay_out(tmp_path / "outside", ["Pics/Grace.jpg", "pics/grace.jpg.txt"])
    monkeypatch.chdir(tmp_path / "proj")
    return tmp_path / "proj"


def _folder_link_out(root: Path) -> str:
    (root / "pics").symlink_to(root.parent / "outside" / "Pics")
    return "PICS/grace.jpg"


def _file_link_out(root: Path) -> str:
    (root / "Grace.jpg").symlink_to(root.parent / "outside" / "Pics" / "Grace.jpg")
    return "grace.jpg"


def _folder_link_out_then_up(root: Path) -> str:
    (root / "Link").symlink_to(root.parent / "outside" / "Pics")
    return "link/../pics/grace.jpg"


NEVER_OUTSIDE = [
    pytest.param(lambda root: "../outside/pics/grace.jpg", "is outside the project folder proj/",
                 id="dot-dot-out"),
    pytest.param(_folder_link_out, "does not exist", id="symlinked-folder-out"),
    pytest.param(_file_link_out, "does not exist", id="symlinked-file-out"),
    pytest.param(_folder_link_out_then_up, "does not exist", id="symlinked-folder-then-dot-dot"),
]


@pytest.mark.parametrize(("written_by", "words"), NEVER_OUTSIDE)
def test_offer_never_points_or_looks_outside_the_project(fenced, written_by, words):
    written = written_by(fenced)
    refused = refusal(written, fenced, AssetPolicy(fenced))
    assert words in refused
    assert "did you mean" not in refused and "Grace" not in refused and "Pics" not in refused


def test_offer_follows_the_trust_outside_when_allowed(fenced):
    written = _folder_link_out(fenced)
    refused = refusal(written, fenced, AssetPolicy(fenced, allow_outside=True))
    assert refused == f"'{written}' does not exist; did you mean 'pics/Grace.jpg'?"


# ---- every place a brief or theme names a file --------------------------------------------------

BRIEF = "event:\n  title: T\n  summary: S\n"
THEMED = "theme: brand/theme.yml\n" + BRIEF
FONT = ("typography:\n  fonts:\n    - family: Brand\n      source: file\n      files:\n"
        "        - path: fonts/brand.ttf\n  base: Brand\n")

# (files on disk, the brief, brand/theme.yml, the line printed)
PLACES = [
    pytest.param(["Photos/Grace.png"], BRIEF + "speakers:\n  - name: A\n    photo: photos/grace.png\n",
                 None, "brief.yaml:6:5: speakers[0].photo: 'photos/grace.png' does not exist; "
                 "did you mean 'Photos/Grace.png'?", id="photo"),
    pytest.param(["brand/Logos/Logo.png"], THEMED, "logo: logos/logo.png\n",
                 "brand/theme.yml:1:1: logo: 'logos/logo.png' does not exist; did you mean "
                 "'Logos/Logo.png'?", id="logo"),
    pytest.param(["brand/Fonts/Brand.ttf"], THEMED, FONT,
                 "brand/theme.yml:6:11: typography.fonts[0].files[0]: 'fonts/brand.ttf' does not "
                 "exist; did you mean 'Fonts/Brand.ttf'?", id="font-file"),
    pytest.param(["Brand/Theme.yml"], THEMED, None,
                 "brief.yaml:1:1: theme: theme file 'brand/theme.yml' does not exist; did you mean "
                 "'Brand/Theme.yml'?", id="brief-theme-path"),
    pytest.param(["brand/Corporate/Template.potx"], THEMED,
                 "defaults:\n  briefgen:\n    template: corporate/template.potx\n",
                 "brand/theme.yml:3:5: template 'corporate/template.potx' does not exist; did you "
                 "mean 'Corporate/Template.potx'?", id="template"),
]


@pytest.mark.parametrize(("files", "brief", "theme", "line"), PLACES)
def test_every_file_a_brief_or_theme_names_gets_the_offer(in_tmp, files, brief, theme, line):
    lay_out(in_tmp, files)
    if theme is not None:
        (in_tmp / "brand").mkdir(exist_ok=True)
        (in_tmp / "brand" / "theme.yml").write_text(theme)
    (in_tmp / "brief.yaml").write_text(brief)
    result = CliRunner().invoke(main, ["validate", "brief.yaml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == line


def test_corrected_template_path_is_the_one_that_builds(in_tmp):
    """The offer is a path that works: written as offered, the template is used."""
    (in_tmp / "Brand").mkdir()
    example = ROOT / "docs" / "examples" / "corporate-template.potx"
    (in_tmp / "Brand" / "Corporate.potx").write_bytes(example.read_bytes())
    (in_tmp / "theme.yml").write_text("defaults:\n  briefgen:\n    template: brand/corporate.potx\n")
    (in_tmp / "brief.yaml").write_text("theme: theme.yml\n" + BRIEF)
    refused = CliRunner().invoke(main, ["validate", "brief.yaml"], catch_exceptions=False)
    offered = refused.output.split("did you mean '")[1].split("'")[0]
    assert offered == "Brand/Corporate.potx"
    (in_tmp / "theme.yml").write_text(f"defaults:\n  briefgen:\n    template: {offered}\n")
    accepted = CliRunner().invoke(main, ["validate", "brief.yaml"], catch_exceptions=False)
    assert accepted.exit_code == 0, accepted.output
