"""briefgen: one YAML brief about an event -> an editable PowerPoint deck and a one-page PDF handout.

The library API mirrors the command line:

    import generator
    deck = generator.render("briefs/film-tech-symposium.yaml", format="pptx")   # bytes
    results = generator.build(["briefs/film-tech-symposium.yaml"], out="output")
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "build", "render", "InputError"]

from generator.errors import InputError  # noqa: E402  (light: no rendering library is imported)

if TYPE_CHECKING:
    from generator.workflow.build import Result
    from generator.workflow.prepare import BriefSource


def render(brief: BriefSource, *, theme: str | None = None, format: str = "pptx",
           root: str | PathLike[str] | None = None) -> bytes:
    """Return the document for `brief` (a path, a YAML string, or a mapping) in `format`.

    Raises InputError, whose `problems` are located messages, when the brief is wrong or the
    format cannot draw it.
    """
    from generator.paths import AssetPolicy
    from generator.workflow.prepare import prepare
    from generator.workflow.render import draw, located

    prepared = prepare(brief, theme, AssetPolicy(Path(root or Path.cwd()).resolve()))
    rendered = located(prepared, draw(format, prepared.story, prepared.theme))
    if rendered.data is None:
        raise InputError(rendered.errors)
    return rendered.data


def build(briefs: Iterable[str | PathLike[str]] | None = None, *,
          out: str | PathLike[str] = "output", formats: Iterable[str] = ("pptx", "pdf"),
          theme: str | None = None, force: bool = False, root: str | PathLike[str] | None = None,
          allow_outside_files: bool = False, jobs: int | None = None) -> list[Result]:
    """Build brief files to `out` (every briefs/*.yaml when `briefs` is None); return the results."""
    from generator.paths import AssetPolicy
    from generator.workflow.batch import build_many, find_briefs
    from generator.workflow.build import Options

    policy = AssetPolicy(Path(root or Path.cwd()).resolve(), allow_outside_files)
    paths = [Path(b) for b in briefs] if briefs else find_briefs()
    options = Options(Path(out), tuple(formats), theme, force, policy)
    return build_many(paths, options, jobs=jobs)
