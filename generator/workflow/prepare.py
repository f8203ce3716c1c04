"""From a brief (a file, YAML text or a mapping) to a story and a theme: all before a backend draws.

One way in, in the order of the job: read the brief once, check it, resolve its theme, find and
load the pictures it names, tell the story. Every problem found on the way is a located line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem, display_path
from generator.paths import AssetPolicy
from generator.story import Picture, Story
from generator.theme.model import Theme

if TYPE_CHECKING:  # importing the brief model means importing pydantic: only when preparing
    from generator.brief.load import LoadedBrief

# What `prepare` accepts: the path of a brief file, YAML text, or the brief as a mapping.
BriefSource = str | os.PathLike[str] | Mapping[str, Any]
UNNAMED = Path("<brief>")


@dataclass(frozen=True)
class Prepared:
    """A brief ready to render: its story, its theme, the files it read and what to warn about."""

    loaded: LoadedBrief
    theme: Theme
    story: Story
    inputs: tuple[Path, ...]
    warnings: tuple[Problem, ...] = field(default=())


def prepare(brief: BriefSource, theme: str | None = None, policy: AssetPolicy | None = None, *,
            text: str | None = None, decode_pictures: bool = True) -> Prepared:
    """Return everything a backend needs for `brief`, or raise InputError listing every problem.

    `text` is the brief file's text when the caller has already read it. `theme` (a name or
    path typed by the user) overrides the brief's own `theme:`. Without `decode_pictures`,
    pictures are checked from their headers only (for `validate`) and the story has none.
    """
    policy = policy or AssetPolicy()
    loaded = _load(brief, text)
    resolved = resolve_theme(loaded, theme, policy)
    from generator.workflow.brief_pictures import find_pictures
    from generator.workflow.check.quotes import quote_problems, source_text_files

    pictures = find_pictures(loaded, policy, decode_pictures)
    if pictures.problems:
        raise InputError(pictures.problems)
    logo = _logo(resolved) if decode_pictures else None
    from generator.story import build_story

    story = build_story(loaded.brief, pictures.photos(), logo, theme_labels=dict(resolved.labels),
                        logos=pictures.logos())
    inputs = _inputs(loaded, resolved, [*pictures.files.values(), *source_text_files(loaded, policy)])
    quoted = quote_problems(loaded, policy)  # quotes found in no source's text
    warnings = (*loaded.warnings, *pictures.warnings, *quoted, *resolved.warnings)
    return Prepared(loaded, resolved, story, inputs, warnings)


def _load(brief: BriefSource, text: str | None) -> LoadedBrief:
    """Return the checked brief from a path (read once), YAML text or a mapping."""
    from generator import strict_yaml
    from generator.brief.load import validate_data

    if isinstance(brief, Mapping):
        return validate_data(*strict_yaml.parse(_as_yaml(brief), UNNAMED))
    if isinstance(brief, str) and not _names_a_file(brief):
        return validate_data(*strict_yaml.parse(brief, UNNAMED))
    if isinstance(brief, str | os.PathLike):
        path = Path(brief)
        return validate_data(*strict_yaml.parse(text if text is not None else _read(path), path))
    raise InputError([Problem(str(UNNAMED), 0, 0,
                              f"cannot read a brief from {type(brief).__name__}")])


def _names_a_file(text: str) -> bool:
    """Return True when a string is a brief's file name rather than the brief's YAML text."""
    return "\n" not in text and text.endswith((".yaml", ".yml"))


def _read(path: Path) -> str:
    from generator.files import read_text

    return read_text(path)


def _as_yaml(mapping: Mapping[str, Any]) -> str:
    """Return a mapping as YAML text, so it passes the same strict checks as a file."""
    import yaml

    return str(yaml.safe_dump(dict(mapping), allow_unicode=True, sort_keys=False))


def resolve_theme(loaded: LoadedBrief, override: str | None, policy: AssetPolicy) -> Theme:
    """Return the theme for a brief: `override` (typed by the user) wins over the brief's own."""
    from generator.theme.locate import is_theme_name
    from generator.theme.resolve import load_theme

    if override:
        # A path typed on the command line is trusted, and so are the files it names; a name
        # finds a file of the project (themes/), confined like the files briefs name.
        typed = policy if is_theme_name(override) else AssetPolicy(policy.root, allow_outside=True)
        try:
            return load_theme(override, Path.cwd(), typed)
        except ValueError as exc:  # an unknown theme name or a missing file
            raise InputError([Problem(display_path(override), 0, 0, str(exc))]) from None
    try:
        return load_theme(loaded.brief.theme, loaded.path.parent, policy)
    except ValueError as exc:
        raise InputError([loaded.problem(("theme",), str(exc), "error")]) from None


def _logo(theme: Theme) -> Picture | None:
    """Return the theme's logo ready to place; raise InputError when it is unusable."""
    from generator.images import PictureError
    from generator.pictures import load_picture

    if theme.logo is None:
        return None
    try:
        return load_picture(theme.logo.path, theme.logo.alt)
    except PictureError as exc:
        raise InputError([Problem(display_path(theme.logo.path), 0, 0, f"logo {exc}")]) from None


def _inputs(loaded: LoadedBrief, theme: Theme, read: list[Path]) -> tuple[Path, ...]:
    """Return every file the outputs depend on (brief, theme, fonts, and the pictures and
    texts in `read`), for watching."""
    files = [loaded.path.resolve()] if loaded.path != UNNAMED else []
    if theme.source:
        files.append(theme.source.resolve())
    if theme.logo:
        files.append(theme.logo.path)
    if theme.template:
        files.append(theme.template.package.path.resolve())
    for face in (theme.heading, theme.body):
        files += [p for p in (face.regular, face.bold, face.italic) if p]
    files += read
    return tuple(dict.fromkeys(files))
