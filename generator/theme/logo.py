"""The logo of a theme: which of brand.yml's ways of writing one names the file, and its alt text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.paths import AssetPathError, AssetPolicy, resolve_asset
from generator.strict_yaml import Loc, SourceMap
from generator.theme.model import Logo


def resolve_logo(data: dict[str, Any], path: Path, smap: SourceMap, policy: AssetPolicy,
                 problems: list[Problem]) -> Logo | None:
    """Return the logo the theme file at `path` names, or None; add a problem for a bad path."""
    logo = data.get("logo")
    if logo is None:
        return None
    written, alt, loc = _logo_entry(logo)
    if not written:
        return None
    name = data.get("meta", {}).get("name") if isinstance(data.get("meta"), dict) else None
    name = name.get("full") if isinstance(name, dict) else name
    try:
        file = resolve_asset(written, path.parent, policy)
    except AssetPathError as exc:
        problems.append(smap.problem(loc, f"{'.'.join(map(str, loc))}: {exc}"))
        return None
    return Logo(file, alt or (f"{name} logo" if name else "Logo"))


def _logo_entry(logo: object) -> tuple[str | None, str | None, Loc]:
    """Return (path, alt text, place) of the logo to use from a brand.yml `logo` value."""
    if isinstance(logo, str):
        return logo, None, ("logo",)
    if not isinstance(logo, dict):
        return None, None, ("logo",)
    images = logo.get("images", {}) if isinstance(logo.get("images"), dict) else {}
    for size in ("medium", "large", "small"):
        value = logo.get(size)
        if isinstance(value, dict) and isinstance(value.get("path"), str):
            return value["path"], value.get("alt"), ("logo", size, "path")
        if isinstance(value, dict):
            value = value.get("light") or value.get("dark")
        if isinstance(value, str):
            entry = images.get(value)
            if isinstance(entry, dict):
                return entry.get("path"), entry.get("alt"), ("logo", "images", value, "path")
            if isinstance(entry, str):
                return entry, None, ("logo", "images", value)
            return value, None, ("logo", size)
    return None, None, ("logo",)
