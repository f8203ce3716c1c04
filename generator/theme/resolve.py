"""Resolve a theme: its brand.yml file merged over the built-in default, checked, as one `Theme`.

Finding the file is `locate`; the parts are `settings`, `palette`, `typefaces` and `logo`.
"""

from __future__ import annotations

import copy
import dataclasses
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Problem
from generator.paths import AssetPolicy
from generator.theme.brand import check_brand
from generator.theme.locate import (
    TEMPLATE_FILES,
    builtin_dir,
    find_theme,
    is_builtin,
    list_themes,
    read_theme_file,
)
from generator.theme.logo import resolve_logo
from generator.theme.model import Theme
from generator.theme.palette import contrast_problems, resolve_palette, resolve_paper_palette
from generator.theme.settings import BriefgenSettings, check_settings, type_scale
from generator.theme.typefaces import typefaces
from generator.words.overrides import written

if TYPE_CHECKING:
    from generator.theme import template

# Other modules and the tests import these from here, where they lived before the split.
__all__ = ["builtin_dir", "contrast_problems", "find_theme", "list_themes", "load_theme"]


def load_theme(spec: str | None, base_dir: Path, policy: AssetPolicy | None = None) -> Theme:
    """Return the resolved Theme for `spec`, or raise InputError with located problems."""
    path = find_theme(spec, base_dir)
    builtin = is_builtin(path)
    try:
        info = path.stat()
    except OSError:
        return _resolve(path, builtin, policy or AssetPolicy())  # reports the problem
    key = (path, builtin, policy or AssetPolicy(), info.st_mtime_ns, info.st_size)
    theme = _resolve_unchanged(*key)
    if theme.template is not None and theme.template.stamp != file_stamp(theme.template.package.path):
        _resolve_unchanged.cache_clear()  # the template a brand.yml names was saved since
        theme = _resolve_unchanged(*key)
    return theme


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


def _resolve(path: Path, builtin: bool, policy: AssetPolicy) -> Theme:
    """Return the Theme in the file at `path`, or raise InputError with its errors."""
    is_template = path.suffix.lower() in TEMPLATE_FILES
    if is_template:
        from generator.theme.from_template import template_source_map

        data: dict[str, Any] = {}
        smap = template_source_map(path)
    else:
        data, smap = read_theme_file(path)
    problems: list[Problem] = []
    if not builtin and data:
        problems += check_brand(path, data, smap)
    check_settings(data, smap, problems)
    if problems:
        raise InputError(problems)
    own, package = data, None
    if is_template or _names_template(data):  # the template machinery is imported only then
        from generator.theme import from_template

        template = from_template.template_path(data, path, smap, policy, problems)
        if template is not None:
            package = from_template.read_package(template, path, smap, problems)
        if package is not None:
            data = from_template.lend_schemes(data, smap, package)
    _raise_errors(problems)
    merged = _merge(_default_data(), data)
    settings = BriefgenSettings.model_validate(merged["defaults"]["briefgen"])
    palette, written_at = resolve_palette(merged, smap, settings, problems)
    paper = (resolve_paper_palette(merged, own, smap, palette, written_at, problems)
             if settings.handout_colors != "theme" else None)
    heading, body = typefaces(merged, own, path, smap, policy, problems)
    if package is not None:
        problems[:] = _without_lent_metrics(problems, own, package)
    logo = resolve_logo(own, path, smap, policy, problems)
    template_part = None
    if package is not None:
        fonts = {"major": heading.family, "minor": body.family}
        from generator.theme.from_template import template_theme

        template_part = template_theme(package, data, own, smap, problems,
                                       dataclasses.asdict(palette), fonts)
        if template_part is not None:
            template_part = dataclasses.replace(template_part, stamp=file_stamp(package.path))
    _raise_errors(problems)
    theme = Theme(
        name=path.stem if builtin else str(path),
        description=settings.description or "",
        palette=palette, heading=heading, body=body,
        cjk_family=settings.cjk_family or "Microsoft YaHei",
        slide_scale=type_scale(settings.slide_type), page_scale=type_scale(settings.page_type),
        slide_size=settings.slide_size or "16:9", paper=settings.paper or "A4",
        slide_margin=settings.slide_margin or 40.0, page_margin=settings.page_margin or 40.0,
        gutter=settings.gutter if settings.gutter is not None else 20.0,
        logo=logo, source=path, labels=tuple(written(settings.labels).items()),
        handout_colors=settings.handout_colors or "paper", paper_palette=paper,
        source_codes=settings.source_codes is not False,
        template=template_part,
    )
    warnings = tuple(problems) + tuple(contrast_problems(theme, smap, written_at))
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
