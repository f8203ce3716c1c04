"""briefgen: one YAML brief about an event -> an editable PowerPoint deck and a one-page PDF handout.

The library API mirrors the command line:

    import generator
    deck = generator.render("briefs/film-tech-symposium.yaml", format="pptx")   # bytes
    results = generator.build(["briefs/film-tech-symposium.yaml"], out="output")
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"
__all__ = ["__version__", "build", "render", "InputError"]

from generator.errors import InputError  # noqa: E402  (light: no rendering library is imported)


def render(brief, *, theme: str | None = None, format: str = "pptx", root=None) -> bytes:
    """Return the document for `brief` (a path, a YAML string, or a mapping) in `format`.

    Raises InputError, whose `problems` are located messages, when the brief is wrong.
    """
    from generator.workflow.build import render_bytes
    from generator.workflow.library import prepare_any

    return render_bytes(prepare_any(brief, theme, root), format)


def build(briefs=None, *, out="output", formats=("pptx", "pdf"), theme: str | None = None,
          force: bool = False, root=None, allow_outside_files: bool = False, jobs: int | None = None):
    """Build brief files to `out` (every briefs/*.yaml when `briefs` is None); return the results."""
    from generator.paths import AssetPolicy
    from generator.workflow.batch import build_many, find_briefs
    from generator.workflow.build import Options

    policy = AssetPolicy(Path(root or Path.cwd()).resolve(), allow_outside_files)
    paths = [Path(b) for b in briefs] if briefs else find_briefs()
    options = Options(Path(out), tuple(formats), theme, force, policy)
    return build_many(paths, options, jobs=jobs)
