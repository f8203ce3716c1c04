"""Resolve a theme: its brand.yml file merged over the built-in default, checked, as one `Theme`.

Finding the file is `locate`; the parts are `settings`, `palette`, `typefaces` and `logo`.
"""

from __future__ import annotations

import copy
import dataclasses
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem, display_path
from generator.paths import AssetPolicy
from generator.strict_yaml import Loc, SourceMap
from generator.theme.brand import check_brand
from generator.theme.locate import (
    TEMPLATE_FILES,
    builtin_dir,
    find_theme,
    hidden_project_theme,
    is_builtin,
    list_themes,
    read_theme_file,
)
from generator.theme.logo import resolve_logo
from generator.theme.model import REGION_FAMILIES, Palette, TemplateTheme, Theme, Typeface
from generator.theme.palette import contrast_problems, resolve_palette, resolve_paper_palette
from generator.theme.settings import BriefgenSettings, check_settings, type_scale
from generator.theme.typefaces import typefaces
from generator.words.overrides import written

if TYPE_CHECKING:
    from generator.theme.template import package as template

# Other modules and the tests import these from here, where they lived before the split.
__all__ = ["builtin_dir", "contrast_problems", "find_theme", "list_themes", "load_theme"]


def load_theme(spec: str | None, base_dir: Path, policy: AssetPolicy | None = None) -> Theme:
    """Return the resolved Theme for `spec`, or raise InputError with located problems (and
    ValueError when `spec` names no theme)."""
    policy = policy or AssetPolicy()
    path = find_theme(spec, base_dir, policy)
    builtin = is_builtin(path)
    try:
        info = path.stat()
    except OSError:
        return _resolve(path, builtin, policy)  # reports the problem
    key = (path, builtin, policy, info.st_mtime_ns, info.st_size)
    theme = _resolve_unchanged(*key)
    if theme.template is not None and theme.template.stamp != file_stamp(theme.template.package.path):
        _resolve_unchanged.cache_clear()  # the template a brand.yml names was saved since
        theme = _resolve_unchanged(*key)
    return _noting_hidden_theme(theme, spec or "default", policy.root)


def _noting_hidden_theme(theme: Theme, spec: str, root: Path) -> Theme:
    """Return `theme` with a warning when it is a built-in whose name a project theme also has
    (the built-in wins, so the project's file would be silently ignored)."""
    hidden = hidden_project_theme(spec, root)
    if hidden is None:
        return theme
    warning = Problem(display_path(root / hidden), 0, 0, f"this project theme is not used: "
                      f"'{spec}' names the built-in theme; rename the file to use it", "warning")
    return dataclasses.replace(theme, warnings=(*theme.warnings, warning))


@lru_cache(maxsize=32)
def _resolve_unchanged(path: Path, builtin: bool, policy: AssetPolicy, _mtime_ns: int,
                       _size: int) -> Theme:
    """Return the resolved theme, remembered while its file keeps the same time and size
    (a batch of briefs in one theme reads it once; a save in watch mode reads it again).

    The time and size are unused here: they are part of the cache key.
    """
    return _resolve(path, builtin, policy)


@cache
def _default_data() -> dict[str, Any]:
    """Return the built-in default theme, which every theme is merged over."""
    data, _ = read_theme_file(builtin_dir() / "default.yml")
    return data


@dataclasses.dataclass
class _Reading:
    """One theme file on its way to a Theme: what it says, and the problems found so far."""

    path: Path
    builtin: bool
    policy: AssetPolicy
    own: dict[str, Any]  # what the file itself writes
    smap: SourceMap
    is_template: bool  # the file is a PowerPoint template, not a brand.yml
    problems: list[Problem] = dataclasses.field(default_factory=list)
    data: dict[str, Any] = dataclasses.field(default_factory=dict)  # own, over a template's schemes
    package: template.TemplatePackage | None = None


def _resolve(path: Path, builtin: bool, policy: AssetPolicy) -> Theme:
    """Return the Theme in the file at `path`, or raise InputError with its errors."""
    reading = _read(path, builtin, policy)
    _check(reading)
    _lend_template(reading)
    merged = _merge(_default_data(), reading.data)
    settings = BriefgenSettings.model_validate(merged["defaults"]["briefgen"])
    palette, written_at = resolve_palette(merged, reading.smap, settings, reading.problems)
    darkened: dict[str, tuple[str, Problem]] = {}
    paper = _paper_palette(reading, merged, settings, palette, written_at, darkened)
    heading, body = _typefaces(reading, merged)
    logo = resolve_logo(reading.own, path, reading.smap, policy, reading.problems)
    template_part = _template_part(reading, palette, heading, body)
    _raise_errors(reading.problems)
    theme = Theme(
        name=path.stem if builtin else str(path),
        description=settings.description or "",
        palette=palette, heading=heading, body=body,
        cjk_family=settings.cjk_family or REGION_FAMILIES["zh-Hans"],
        cjk_family_named=settings.cjk_family is not None,
        slide_scale=type_scale(settings.slide_type), page_scale=type_scale(settings.page_type),
        slide_size=settings.slide_size or "16:9", paper=settings.paper or "A4",
        slide_margin=settings.slide_margin or 40.0, page_margin=settings.page_margin or 40.0,
        gutter=settings.gutter if settings.gutter is not None else 20.0,
        logo=logo, source=path, labels=tuple(written(settings.labels).items()),
        handout_colors=settings.handout_colors or "paper", paper_palette=paper,
        source_codes=settings.source_codes is not False,
        template=template_part,
    )
    return _with_warnings(theme, reading, written_at, darkened)


def _read(path: Path, builtin: bool, policy: AssetPolicy) -> _Reading:
    """Read the theme file: a brand.yml's mapping, or nothing but a place for a template file."""
    if path.suffix.lower() in TEMPLATE_FILES:
        from generator.theme.template.lend import template_source_map

        return _Reading(path, builtin, policy, {}, template_source_map(path), is_template=True)
    own, smap = read_theme_file(path)
    return _Reading(path, builtin, policy, own, smap, is_template=False)


def _check(reading: _Reading) -> None:
    """Check the file against brand.yml and `defaults: briefgen:`; raise on any problem."""
    if not reading.builtin and reading.own:
        reading.problems += check_brand(reading.path, reading.own, reading.smap)
    check_settings(reading.own, reading.smap, reading.problems)
    if reading.problems:
        raise InputError(reading.problems)


def _lend_template(reading: _Reading) -> None:
    """Find and read the template the theme is or names, and lend its schemes beneath the file."""
    reading.data = reading.own
    if not (reading.is_template or _names_template(reading.own)):
        return  # the template machinery is imported only for themes with a template
    from generator.theme.template import lend as from_template

    found = from_template.template_path(reading.own, reading.path, reading.smap, reading.policy,
                                        reading.problems)
    if found is not None:
        reading.package = from_template.read_package(found, reading.path, reading.smap,
                                                     reading.problems)
    if reading.package is not None:
        reading.data = from_template.lend_schemes(reading.own, reading.smap, reading.package)
    _raise_errors(reading.problems)


def _paper_palette(reading: _Reading, merged: dict[str, Any], settings: BriefgenSettings,
                   palette: Palette, written_at: dict[str, Loc],
                   darkened: dict[str, tuple[str, Problem]]) -> Palette | None:
    """Return the handout's paper colours, or None when it keeps the screen colours."""
    if settings.handout_colors == "theme":
        return None
    return resolve_paper_palette(merged, reading.own, reading.smap, palette, written_at,
                                 reading.problems, darkened)


def _typefaces(reading: _Reading, merged: dict[str, Any]) -> tuple[Typeface, Typeface]:
    """Return the heading and body typefaces, without warnings about fonts a template lent."""
    heading, body = typefaces(merged, reading.own, reading.path, reading.smap, reading.policy,
                              reading.problems)
    if reading.package is not None:
        reading.problems[:] = _without_lent_metrics(reading.problems, reading.own, reading.package)
    return heading, body


def _template_part(reading: _Reading, palette: Palette, heading: Typeface,
                   body: Typeface) -> TemplateTheme | None:
    """Return what the deck takes from the template (its layouts, lent colours), stamped."""
    if reading.package is None:
        return None
    from generator.theme.template.lend import template_theme

    fonts = {"major": heading.family, "minor": body.family}
    part = template_theme(reading.package, reading.data, reading.own, reading.smap,
                          reading.problems, dataclasses.asdict(palette), fonts)
    if part is None:
        return None
    return dataclasses.replace(part, stamp=reading.package.stamp)


def _with_warnings(theme: Theme, reading: _Reading, written_at: dict[str, Loc],
                   darkened: dict[str, tuple[str, Problem]]) -> Theme:
    """Return `theme` carrying the warnings found while resolving it and its contrast warnings;
    a colour that fails on screen and is printed darker on paper is one warning, not two."""
    on_paper = {role: color for role, (color, _) in darkened.items()}
    contrast = contrast_problems(theme, reading.smap, written_at, on_paper)
    # What `contrast_problems` took from `on_paper` is said in its warning, not on its own.
    merged = [problem for role, (_, problem) in darkened.items() if role not in on_paper]
    kept = [p for p in reading.problems if p not in merged]
    warnings = tuple(kept) + tuple(contrast)
    return dataclasses.replace(theme, warnings=warnings) if warnings else theme


def _names_template(data: dict[str, Any]) -> bool:
    """Return True when a theme file names a PowerPoint template (defaults: briefgen: template:)."""
    defaults = data.get("defaults")
    block = defaults.get("briefgen") if isinstance(defaults, dict) else None
    return isinstance(block, dict) and block.get("template") is not None


def _raise_errors(problems: list[Problem]) -> None:
    """Raise InputError with the errors among `problems`, if there are any."""
    if any(p.severity == "error" for p in problems):
        raise InputError([p for p in problems if p.severity == "error"])


def _without_lent_metrics(problems: list[Problem], own: dict[str, Any],
                          package: template.TemplatePackage) -> list[Problem]:
    """Return `problems` without the 'no metrics' warning for a font the template names.

    The user did not write that family, and a template's fonts (Calibri, Aptos) are narrower
    than the Helvetica widths text is then fitted with, so the fit is safe.
    """
    lent = {package.major_font, package.minor_font} - {"", *_families(own)}
    return [p for p in problems
            if not ("no metrics for the font" in p.message
                    and any(f"'{family}'" in p.message for family in lent))]


def _families(own: dict[str, Any]) -> set[str]:
    """Return the font families a theme file names itself under typography."""
    typo = own.get("typography") if isinstance(own.get("typography"), dict) else {}
    found = set()
    for entry in (typo or {}).values():
        family = entry.get("family") if isinstance(entry, dict) else entry
        if isinstance(family, str):
            found.add(family)
    return found


def file_stamp(path: Path) -> tuple[int, int]:
    """Return a file's modification time and size (0, 0 when it cannot be read)."""
    try:
        info = path.stat()
    except OSError:
        return 0, 0
    return info.st_mtime_ns, info.st_size


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Return `base` with `over` merged into it, mappings merged key by key."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
