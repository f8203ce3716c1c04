"""The command line: every command and option, and the exit statuses users and scripts rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.brief.schema import schema_text
from generator.cli import main

from .conftest import ROOT, SAMPLE, with_sources

BAD_BRIEF = "event:\n  title: no\n  summary: fine\nspekers: []\n"


def run(args, cwd: Path | None = None):
    """Return click's result of running `briefgen ARGS`."""
    return CliRunner().invoke(main, args, catch_exceptions=False)


@pytest.fixture
def project(in_tmp):
    """Return a temporary project folder holding briefs/sample.yaml (the sample brief)."""
    (in_tmp / "briefs").mkdir()
    (in_tmp / "briefs" / "sample.yaml").write_text(SAMPLE.read_text())
    with_sources(in_tmp / "briefs")
    return in_tmp


@pytest.mark.parametrize(
    ("args", "status", "needle"),
    [
        (["--help"], 0, "build"),
        (["--version"], 0, "briefgen"),
        (["themes"], 0, "cinema"),
        (["backends"], 0, "pptx"),
        (["validate"], 2, "Missing argument"),
        (["build", "--format"], 2, "requires an argument"),
        (["build", "--jobs", "0"], 2, "0"),
        (["frobnicate"], 2, "No such command"),
    ],
    ids=["help", "version", "themes", "backends", "validate-no-args", "format-no-value",
         "jobs-zero", "unknown-command"],
)
def test_simple_commands(project, args, status, needle):
    result = run(args)
    assert result.exit_code == status
    assert needle in result.output


def test_validate_reports_every_problem_located_and_exits_1(project):
    (project / "bad.yaml").write_text(BAD_BRIEF)
    result = run(["validate", "bad.yaml", "briefs/sample.yaml"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "bad.yaml:2:3: event.title: expected text, but YAML reads 'no'" in lines[0]
    assert lines[1].startswith("bad.yaml:4:1: spekers: unknown key 'spekers'; did you mean 'speakers'?")
    assert "briefs/sample.yaml: ok" in result.output
    assert "Traceback" not in result.output


def test_validate_with_unknown_theme_lists_installed(project):
    result = run(["validate", "briefs/sample.yaml", "--theme", "neon"])
    assert result.exit_code == 1
    assert "unknown theme 'neon'; installed: default, cinema, print" in result.output


def test_build_markdown_writes_output_and_reports_it(project):
    result = run(["build", "-f", "md"])
    assert result.exit_code == 0, result.output
    out = project / "output" / "sample.md"
    front, heading = out.read_text().split("\n---\n", 1)
    assert front.startswith("---\nlang: en\n")
    assert heading.lstrip().startswith("# Film Technology Development and Innovation Symposium")
    assert "briefs/sample.yaml -> output/sample.md (" in result.output


def test_build_skips_unchanged_until_forced_or_edited(project):
    assert run(["build", "-f", "md"]).exit_code == 0
    again = run(["build", "-f", "md"])
    assert "unchanged, skipped" in again.output
    forced = run(["build", "-f", "md", "--force"])
    assert "-> output/sample.md" in forced.output
    brief = project / "briefs" / "sample.yaml"
    brief.write_text(brief.read_text().replace("Pingyao, Shanxi", "Pingyao, Shanxi (edited)"))
    edited = run(["build", "-f", "md"])
    assert "-> output/sample.md" in edited.output
    assert "(edited)" in (project / "output" / "sample.md").read_text()


def test_build_out_folder_and_quiet(project):
    result = run(["build", "briefs/sample.yaml", "-f", "md", "-o", "elsewhere", "--quiet"])
    assert result.exit_code == 0
    assert result.output == ""
    assert (project / "elsewhere" / "sample.md").is_file()


def test_build_failure_of_one_brief_builds_the_others_and_exits_1(project):
    (project / "briefs" / "broken.yaml").write_text(BAD_BRIEF)
    result = run(["build", "-f", "md"])
    assert result.exit_code == 1
    assert (project / "output" / "sample.md").is_file()
    assert not (project / "output" / "broken.md").exists()
    assert "briefs/broken.yaml:2:3:" in result.output
    assert "2 briefs: 1 built, 1 failed" in result.output


def test_build_unknown_format_lists_installed(project):
    result = run(["build", "-f", "ppt"])
    assert result.exit_code == 1
    assert "unknown format 'ppt'; installed: md, pdf, pptx, script" in result.output


def test_build_theme_option_overrides_brief(project):
    result = run(["build", "-f", "md", "-t", "print"])
    assert result.exit_code == 0
    missing = run(["build", "-f", "md", "-t", "missing.yml", "--force"])
    assert missing.exit_code == 1
    assert "missing.yml" in missing.output


def test_build_without_briefs_is_a_usage_error(in_tmp):
    result = run(["build"])
    assert result.exit_code == 2
    assert "no briefs" in result.output


def test_new_writes_a_valid_starter_and_never_overwrites(in_tmp):
    assert run(["new", "mine.yaml"]).exit_code == 0
    assert run(["validate", "mine.yaml"]).exit_code == 0
    before = (in_tmp / "mine.yaml").read_text()
    again = run(["new", "mine.yaml"])
    assert again.exit_code == 1
    assert "mine.yaml: already exists" in again.output
    assert (in_tmp / "mine.yaml").read_text() == before


def test_schema_prints_json_schema_with_descriptions(in_tmp):
    result = run(["schema"])
    schema = json.loads(result.output)
    assert schema["properties"]["speakers"]["description"]
    assert run(["schema", "-o", "s.json"]).exit_code == 0
    assert json.loads((in_tmp / "s.json").read_text()) == schema


def test_committed_schema_is_current():
    assert (ROOT / "brief.schema.json").read_text() == schema_text()


def test_every_sample_brief_names_the_schema():
    for brief in (ROOT / "briefs").glob("*.yaml"):
        assert brief.read_text().startswith("# yaml-language-server: $schema=../brief.schema.json")


@pytest.mark.parametrize("command", [["--help"], ["validate", str(SAMPLE)], ["schema"], ["themes"]],
                         ids=["help", "validate", "schema", "themes"])
def test_commands_that_do_not_render_import_no_rendering_library(command):
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"try:\n    main.main({command!r}, standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pptx', 'reportlab', 'PIL', 'brand_yml') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr


def test_real_subprocess_exit_statuses(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_BRIEF)
    ok = subprocess.run([sys.executable, "-m", "generator", "validate", str(SAMPLE)],
                        capture_output=True, text=True)
    assert ok.returncode == 0
    wrong = subprocess.run([sys.executable, "-m", "generator", "validate", str(bad)],
                           capture_output=True, text=True)
    assert wrong.returncode == 1
    assert "Traceback" not in wrong.stderr
    assert ":2:3: event.title:" in wrong.stderr
    usage = subprocess.run([sys.executable, "-m", "generator", "build", "--nope"],
                           capture_output=True, text=True)
    assert usage.returncode == 2


def test_batch_builds_in_parallel_and_reports_each_brief(project):
    brief = (project / "briefs" / "sample.yaml").read_text()
    for n in range(5):
        (project / "briefs" / f"copy{n}.yaml").write_text(brief.replace("Pingyao,", f"Pingyao {n},"))
    result = run(["build", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "6 briefs: 6 built" in result.output
    for n in range(5):
        deck = project / "output" / f"copy{n}.pptx"
        assert f"briefs/copy{n}.yaml -> output/copy{n}.pptx (" in result.output
        assert deck.read_bytes()[:2] == b"PK"
        assert (project / "output" / f"copy{n}.pdf").read_bytes().startswith(b"%PDF")
    again = run(["build", "-j", "2"])
    assert "6 briefs: 0 built, 6 unchanged" in again.output


@pytest.mark.parametrize(("names", "formats", "message"), [
    (["x.yaml", "other/x.yaml"], [], "other/x.yaml: has the same name as x.yaml, so both would write x.*"),
    (["x.yaml", "x-script.yaml"], ["-f", "pdf", "-f", "script"],
     "x-script.yaml: would write x-script.pdf, as x.yaml does; rename one of them"),
], ids=["same-name", "script-suffix"])
def test_briefs_that_would_write_the_same_file_are_refused_and_the_rest_built(
        in_tmp, names, formats, message):
    for name in names:
        (in_tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (in_tmp / name).write_text(SAMPLE.read_text())
    result = run(["build", *names, *formats, "-o", "out"])
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert (in_tmp / "out" / "x.pdf").is_file()  # the first brief was built
