"""From a brief file to a story and a theme: everything before a backend draws."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.brief.load import LoadedBrief, load_brief
from generator.errors import InputError, Problem, display_path
from generator.paths import AssetPolicy
from generator.story import Story
from generator.theme.model import Theme


@dataclass(frozen=True)
class Prepared:
    """A brief ready to render: its story, its theme, what it read and what to warn about."""

    loaded: LoadedBrief
    theme: Theme
    story: Story
    inputs: tuple[Path, ...]
    warnings: tuple[Problem, ...] = field(default=())


def resolve_theme(loaded: LoadedBrief, override: str | None, policy: AssetPolicy) -> Theme:
    """Return the theme for a brief: `override` (typed by the user) wins over the brief's own."""
    from generator.theme.resolve import load_theme

    if override:
        try:  # a path typed on the command line is trusted, and so are the files it names
            return load_theme(override, Path.cwd(), AssetPolicy(policy.root, allow_outside=True))
        except ValueError as exc:  # an unknown theme name or a missing file
            raise InputError([Problem(display_path(override), 0, 0, str(exc))]) from None
    try:
        return load_theme(loaded.brief.theme, loaded.path.parent, policy)
    except ValueError as exc:
        raise InputError([loaded.problem(("theme",), str(exc), "error")]) from None


def check(brief_path: Path, theme: str | None = None,
          policy: AssetPolicy | None = None) -> tuple[LoadedBrief, Theme, list[Problem]]:
    """Return the loaded brief, its theme and warnings; raise InputError on any error."""
    from generator.pictures import speaker_photos

    policy = policy or AssetPolicy()
    loaded = load_brief(brief_path)
    resolved = resolve_theme(loaded, theme, policy)
    _photos, problems = speaker_photos(loaded, policy)
    if problems:
        raise InputError(problems)
    return loaded, resolved, [*loaded.warnings, *resolved.warnings]


def prepare(brief_path: Path, theme: str | None = None, policy: AssetPolicy | None = None,
            text: str | None = None) -> Prepared:
    """Return everything a backend needs for the brief at `brief_path` (whose `text` may be
    given, already read), or raise InputError."""
    if text is None:
        loaded = load_brief(brief_path)
    else:
        from generator import strict_yaml
        from generator.brief.load import validate_data

        loaded = validate_data(*strict_yaml.parse(text, brief_path))
    return prepare_loaded(loaded, theme, policy or AssetPolicy())


def prepare_loaded(loaded: LoadedBrief, theme: str | None, policy: AssetPolicy) -> Prepared:
    """Return everything a backend needs for an already loaded brief, or raise InputError."""
    from generator.pictures import PictureError, speaker_photos, theme_logo
    from generator.story import build_story

    resolved = resolve_theme(loaded, theme, policy)
    photos, problems = speaker_photos(loaded, policy)
    if problems:
        raise InputError(problems)
    try:
        logo = theme_logo(resolved)
    except PictureError as exc:
        path = resolved.logo.path if resolved.logo else resolved.source
        raise InputError([Problem(display_path(path), 0, 0, f"logo {exc}")]) from None
    story = build_story(loaded.brief, photos, logo)
    inputs = _inputs(loaded, resolved, policy)
    return Prepared(loaded, resolved, story, inputs, (*loaded.warnings, *resolved.warnings))


def _inputs(loaded: LoadedBrief, theme: Theme, policy: AssetPolicy) -> tuple[Path, ...]:
    """Return every file the outputs depend on: brief, theme, pictures and fonts."""
    from generator.paths import AssetPathError, resolve_asset

    files = [loaded.path.resolve()]
    if theme.source:
        files.append(theme.source.resolve())
    if theme.logo:
        files.append(theme.logo.path)
    for face in (theme.heading, theme.body):
        files += [p for p in (face.regular, face.bold, face.italic) if p]
    for speaker in loaded.brief.speakers:
        if speaker.photo:
            with contextlib.suppress(AssetPathError):
                files.append(resolve_asset(speaker.photo, loaded.path.parent, policy))
    return tuple(dict.fromkeys(files))
