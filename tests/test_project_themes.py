"""A project's own themes in its top-level themes/ folder: found by name after the built-ins,
listed by `briefgen themes`, and confined to the project like every file a brief names."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.paths import AssetPolicy
from generator.theme.resolve import load_theme

from .conftest import ROOT

GREEN = "1B5E20"
ACME = f'color:\n  primary: "#{GREEN}"\ndefaults:\n  briefgen:\n    description: Acme green.\n'
BRIEF = "event:\n  title: T\n  summary: S\n"


def cli(*args: str):
    """Return click's result of running `briefgen ARGS` (exceptions propagate)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(root: Path, name: str, text: str) -> Path:
    """Write `text` to `root/name`, making its folders."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def slides_text(deck: Path) -> str:
    """Return the XML of every slide of the deck at `deck`, joined."""
    with zipfile.ZipFile(deck) as package:
        return "".join(package.read(name).decode() for name in package.namelist()
                       if name.startswith("ppt/slides/slide"))


def layout_names(deck: Path) -> list[str]:
    """Return the name of the layout each slide of the deck at `deck` is on, in order."""
    from pptx import Presentation

    return [slide.slide_layout.name for slide in Presentation(str(deck)).slides]


# (files of the project's themes/ folder, the theme named, how it is named)
FOUND = [
    pytest.param({"themes/acme.yml": ACME}, "brief", id="file-by-brief"),
    pytest.param({"themes/acme/_brand.yml": ACME}, "brief", id="folder-by-brief"),
    pytest.param({"themes/acme.yml": ACME}, "option", id="file-by-option"),
    pytest.param({"themes/acme/_brand.yml": ACME, "themes/acme.yml": "color:\n  primary: red\n"},
                 "brief", id="folder-before-file"),
    pytest.param({"themes/acme/_brand.yml": ACME}, "option-from-a-brief-elsewhere", id="nested-brief"),
]


@pytest.mark.parametrize(("files", "named_by"), FOUND)
def test_brief_naming_a_project_theme_builds_in_its_colours(in_tmp, files, named_by):
    for name, text in files.items():
        write(in_tmp, name, text)
    folder = "briefs/" if named_by == "option-from-a-brief-elsewhere" else ""
    write(in_tmp, f"{folder}brief.yaml", ("theme: acme\n" if named_by == "brief" else "") + BRIEF)
    option = [] if named_by == "brief" else ["-t", "acme"]
    result = cli("build", f"{folder}brief.yaml", "-f", "pptx", "-o", "out", *option)
    assert result.exit_code == 0, result.output
    assert f'srgbClr val="{GREEN}"' in slides_text(in_tmp / "out" / "brief.pptx")


def test_the_project_is_the_root_given(tmp_path, monkeypatch):
    project = tmp_path / "project"
    write(project, "themes/acme.yml", ACME)
    write(project, "brief.yaml", "theme: acme\n" + BRIEF)
    monkeypatch.chdir(tmp_path)
    assert "unknown theme 'acme'" in cli("validate", "project/brief.yaml").output
    assert cli("validate", "project/brief.yaml", "--root", "project").exit_code == 0


def test_the_shipped_example_builds_on_the_example_template(in_tmp):
    """themes/corporate in this repository names docs/examples' template, inside the project."""
    theme = load_theme("corporate", ROOT, AssetPolicy(ROOT))
    assert theme.template is not None and theme.warnings == ()
    assert theme.template.package.path == ROOT / "docs" / "examples" / "corporate-template.potx"
    result = cli("build", str(ROOT / "tests" / "briefs" / "minimal.yaml"), "--root", str(ROOT),
                 "-t", "corporate", "-f", "pptx", "-o", "out")
    assert result.exit_code == 0, result.output
    assert layout_names(in_tmp / "out" / "minimal.pptx")[0] == "Titelfolie"


def test_built_in_name_wins_and_the_hidden_project_theme_is_named(in_tmp):
    write(in_tmp, "themes/print.yml", ACME)
    write(in_tmp, "brief.yaml", "theme: print\n" + BRIEF)
    result = cli("build", "brief.yaml", "-f", "pptx", "-o", "out")
    assert result.exit_code == 0, result.output
    assert GREEN not in slides_text(in_tmp / "out" / "brief.pptx")
    assert ("themes/print.yml: warning: this project theme is not used: 'print' names the "
            "built-in theme; rename the file to use it") in result.output


def test_no_warning_without_a_project_theme_of_the_name(in_tmp):
    write(in_tmp, "themes/acme.yml", ACME)
    write(in_tmp, "brief.yaml", "theme: print\n" + BRIEF)
    result = cli("validate", "brief.yaml")
    assert result.output == "brief.yaml: ok\n"


# (files of the project's themes/, the columns `briefgen themes` prints after the built-ins)
LISTED = [
    pytest.param({}, [], id="none"),
    pytest.param({"themes/acme.yml": ACME}, [["acme", "project", "Acme green."]], id="file"),
    pytest.param({"themes/acme/_brand.yml": ACME, "themes/acme/logo.png": ""},
                 [["acme", "project", "Acme green."]], id="folder"),
    pytest.param({"themes/acme.yml": "color:\n  primary: red\n"}, [["acme", "project"]],
                 id="no-description"),
    pytest.param({"themes/acme.yml": ACME, "themes/README.md": "x", "themes/notes/a.txt": "x"},
                 [["acme", "project", "Acme green."]], id="other-files-ignored"),
    pytest.param({"themes/print.yml": ACME},
                 [["print", "project", "hidden by the built-in 'print': rename themes/print.yml "
                   "to use it"]], id="hidden-by-built-in"),
    pytest.param({"themes/acme.yml": "color: [\n"},
                 [["acme", "project", "cannot be used: not valid YAML: expected the node content, "
                   "but found '<stream end>' (while parsing a flow node)"]], id="broken"),
]


@pytest.mark.parametrize(("files", "expected"), LISTED)
def test_themes_command_lists_the_projects_beside_the_built_ins(in_tmp, files, expected):
    for name, text in files.items():
        write(in_tmp, name, text)
    result = cli("themes")
    assert result.exit_code == 0
    columns = [line.split(None, 2) for line in result.output.splitlines()]
    assert [row[:2] for row in columns[:3]] == [
        ["default", "built-in"], ["cinema", "built-in"], ["print", "built-in"]]
    assert columns[3:] == expected
    starts = {line.index(row[1]) for line, row in zip(result.output.splitlines(), columns, strict=True)}
    assert len(starts) == 1  # one column for where each theme comes from


def test_themes_command_in_this_repository_lists_the_example():
    result = CliRunner().invoke(main, ["themes", "--root", str(ROOT)])
    assert "corporate  project   The example corporate template" in result.output


def test_unknown_name_lists_the_built_ins_and_the_projects(in_tmp):
    write(in_tmp, "themes/acme.yml", ACME)
    write(in_tmp, "themes/zenith/_brand.yml", ACME)
    write(in_tmp, "brief.yaml", "theme: acmee\n" + BRIEF)
    result = cli("validate", "brief.yaml")
    assert result.exit_code == 1
    assert result.output == (
        "brief.yaml:1:1: theme: unknown theme 'acmee' (did you mean 'acme'?); installed: "
        "default, cinema, print; this project's themes/: acme, zenith; or give the path of a "
        "brand.yml file or a .pptx/.potx template\n")
