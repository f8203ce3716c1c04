"""Rebuilding an unchanged brief is skipped without parsing it; any change to what it read rebuilds."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from generator.batch import build_many
from generator.builder import Options, build_one
from generator.paths import AssetPolicy

BRIEF = """version: 1
theme: brand.yml
event:
  title: Film Tech Symposium
  summary: Experts met to talk about film technology.
speakers:
  - name: Lu Liang
    photo: lu.png
"""
THEME = 'color:\n  foreground: "#999999"\n'  # low contrast: the build warns


@pytest.fixture
def project(in_tmp) -> Path:
    """Return a brief with a theme and a photo beside it, built once to `out/`."""
    (in_tmp / "brief.yaml").write_text(BRIEF)
    (in_tmp / "brand.yml").write_text(THEME)
    Image.new("RGB", (40, 40), "red").save(in_tmp / "lu.png")
    first = build_one(in_tmp / "brief.yaml", options(in_tmp))
    assert first.ok and not first.skipped and first.warnings, first.errors
    return in_tmp


def options(folder: Path, **changes) -> Options:
    return replace(Options(folder / "out", ("md",), policy=AssetPolicy(folder)), **changes)


def test_unchanged_brief_is_skipped_with_the_warnings_its_build_gave(project):
    forced = build_one(project / "brief.yaml", options(project, force=True))
    first_warnings = [str(w) for w in forced.warnings]
    again = build_one(project / "brief.yaml", options(project))
    assert again.skipped and not again.written and not again.errors
    assert [str(w) for w in again.warnings] == first_warnings
    assert {p.name for p in again.inputs} == {"brief.yaml", "brand.yml", "lu.png"}  # what watch watches


def rewrite_brief(folder: Path) -> None:
    (folder / "brief.yaml").write_text(BRIEF.replace("Experts met", "Experts gathered"))


def rewrite_theme(folder: Path) -> None:
    (folder / "brand.yml").write_text(THEME + '  background: "#FFFFFE"\n')


def repaint_photo(folder: Path) -> None:
    Image.new("RGB", (40, 40), "blue").save(folder / "lu.png")


def delete_output(folder: Path) -> None:
    (folder / "out" / "brief.md").unlink()


def garble_record(folder: Path) -> None:
    (folder / "out" / ".briefgen" / "brief.json").write_text("{not json")


def record_of_wrong_shape(folder: Path) -> None:
    record = folder / "out" / ".briefgen" / "brief.json"
    state = json.loads(record.read_text())
    state["inputs"] = [7]
    record.write_text(json.dumps(state))


@pytest.mark.parametrize("change", [rewrite_brief, rewrite_theme, repaint_photo, delete_output,
                                    garble_record],
                         ids=lambda f: f.__name__.replace("_", "-"))
def test_any_change_to_what_the_build_read_rebuilds(project, change):
    change(project)
    again = build_one(project / "brief.yaml", options(project))
    assert not again.skipped and again.ok, again.errors
    assert [w.path.name for w in again.written] == ["brief.md"]


def test_a_record_of_the_wrong_shape_leaves_the_decision_to_the_full_check(project):
    record_of_wrong_shape(project)
    again = build_one(project / "brief.yaml", options(project))
    assert again.ok and again.skipped  # parsed, found unchanged, and the warnings are shown
    assert again.warnings


@pytest.mark.parametrize("changes", [
    pytest.param({"formats": ("md", "pdf")}, id="other-formats"),
    pytest.param({"theme": "print"}, id="theme-given-on-the-command-line"),
    pytest.param({"policy": AssetPolicy(Path("/"), allow_outside=True)}, id="other-file-policy"),
])
def test_other_options_rebuild(project, changes):
    again = build_one(project / "brief.yaml", options(project, **changes))
    assert not again.skipped and again.ok, again.errors


def test_a_batch_of_unchanged_briefs_starts_no_workers(project, monkeypatch):
    import generator.batch as batch

    def no_workers(*_args):
        raise AssertionError("workers were started for unchanged briefs")

    monkeypatch.setattr(batch, "warm_up", no_workers)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 1)
    results = build_many([project / "brief.yaml"] * 1, options(project))
    assert [r.skipped for r in results] == [True]


def test_an_unchanged_brief_is_not_even_parsed(project, monkeypatch):
    import generator.pipeline

    monkeypatch.setattr(generator.pipeline, "prepare", lambda *_a, **_k: pytest.fail("parsed"))
    assert build_one(project / "brief.yaml", options(project)).skipped
