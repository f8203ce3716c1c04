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
from generator.paths import AssetPathError, AssetPolicy, resolve_asset
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
    files, problems, case_warnings = _photo_files(loaded, policy)
    from generator.workflow.check.quotes import quote_problems, source_text_files

    case_warnings += quote_problems(loaded, policy)  # quotes found in no source's text
    photos, picture_problems = _photos(loaded, files, decode_pictures)
    problems += picture_problems
    logo_files, logo_problems, logo_warnings = _logo_files(loaded, policy)
    logos, unusable = _logos(loaded, logo_files, decode_pictures)
    problems += logo_problems + unusable
    case_warnings += logo_warnings
    if problems:
        raise InputError(problems)
    logo = _logo(resolved) if decode_pictures else None
    from generator.story import build_story

    story = build_story(loaded.brief, photos, logo, theme_labels=dict(resolved.labels), logos=logos)
    inputs = _inputs(loaded, resolved, [*files.values(), *logo_files.values(),
                                        *source_text_files(loaded, policy)])
    warnings = (*loaded.warnings, *case_warnings, *resolved.warnings)
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


def _photo_files(loaded: LoadedBrief,
                 policy: AssetPolicy) -> tuple[dict[int, Path], list[Problem], list[Problem]]:
    """Return the file each speaker's photo names, by speaker index, a problem for each that
    may not or cannot be used, and a warning for each that opened only under another case."""
    files: dict[int, Path] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for index, speaker in enumerate(loaded.brief.speakers):
        if not speaker.photo:
            continue
        notes: list[str] = []
        try:
            files[index] = resolve_asset(speaker.photo, loaded.path.parent, policy, notes)
        except AssetPathError as exc:
            problems.append(_photo_problem(loaded, index, exc))
        loc = ("speakers", index, "photo")
        warnings += [loaded.problem(loc, note, "warning") for note in notes]
    return files, problems, warnings


def _photos(loaded: LoadedBrief, files: dict[int, Path],
            decode: bool) -> tuple[dict[int, Picture], list[Problem]]:
    """Return each photo ready to place (or only checked, without `decode`), and its problems."""
    from generator.images import PictureError
    from generator.pictures import check_picture, load_picture

    photos: dict[int, Picture] = {}
    problems: list[Problem] = []
    for index, path in files.items():
        speaker = loaded.brief.speakers[index]
        alt = ", ".join(p for p in (speaker.name, speaker.title, speaker.organization) if p)
        try:
            if decode:
                photos[index] = load_picture(path, alt)
            else:
                check_picture(path)
        except (AssetPathError, PictureError, OSError) as exc:
            problems.append(_photo_problem(loaded, index, exc))
    return photos, problems


def _photo_problem(loaded: LoadedBrief, index: int, exc: Exception) -> Problem:
    """Return a located problem for a speaker's photo, naming the file as the brief writes it."""
    written = loaded.brief.speakers[index].photo or ""
    if isinstance(exc, OSError) and not isinstance(exc, AssetPathError):
        text = f"'{written}' cannot be read: {exc.strerror}"
    else:
        text = str(exc) if str(exc).startswith("'") else f"'{written}' {exc}"
    return loaded.problem(("speakers", index, "photo"), text, "error")


# The brief's keys whose entries are organisations that may name a logo.
_ORGANISATIONS = ("hosts", "organizers", "sponsors")
Loc = tuple[str | int, ...]


def _logo_files(loaded: LoadedBrief,
                policy: AssetPolicy) -> tuple[dict[Loc, Path], list[Problem], list[Problem]]:
    """Return the file each organisation's logo names, by its brief path ('hosts', 0), a problem
    for each that may not or cannot be used, and a warning for each found under another case;
    the same policy as speakers' photos."""
    files: dict[Loc, Path] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for group in _ORGANISATIONS:
        for index, party in enumerate(getattr(loaded.brief, group)):
            if not party.logo:
                continue
            notes: list[str] = []
            try:
                files[(group, index)] = resolve_asset(party.logo, loaded.path.parent, policy, notes)
            except AssetPathError as exc:
                problems.append(_logo_problem(loaded, (group, index), exc))
            warnings += [loaded.problem((group, index, "logo"), note, "warning") for note in notes]
    return files, problems, warnings


def _logos(loaded: LoadedBrief, files: dict[Loc, Path],
           decode: bool) -> tuple[dict[Loc, Picture], list[Problem]]:
    """Return each organisation's logo ready to place (or only checked, without `decode`)."""
    from generator.images import PictureError
    from generator.pictures import check_logo, load_logo

    logos: dict[Loc, Picture] = {}
    problems: list[Problem] = []
    for loc, path in files.items():
        group, index = loc
        name = getattr(loaded.brief, str(group))[int(index)].name
        try:
            if decode:
                logos[loc] = load_logo(path, name)
            else:
                check_logo(path)
        except (AssetPathError, PictureError, OSError) as exc:
            problems.append(_logo_problem(loaded, loc, exc))
    return logos, problems


def _logo_problem(loaded: LoadedBrief, loc: Loc, exc: Exception) -> Problem:
    """Return a located problem for an organisation's logo, naming the file as written."""
    group, index = loc
    written = getattr(loaded.brief, str(group))[int(index)].logo or ""
    if isinstance(exc, OSError) and not isinstance(exc, AssetPathError):
        text = f"'{written}' cannot be read: {exc.strerror}"
    else:
        text = str(exc) if str(exc).startswith("'") else f"'{written}' {exc}"
    return loaded.problem((group, index, "logo"), text, "error")


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
