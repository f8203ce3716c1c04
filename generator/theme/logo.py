"""The logo of a theme: which of brand.yml's ways of writing one names the file (the light or
dark variant that suits the theme's background), its alt text, and the colours it is drawn in."""

from __future__ import annotations

import io
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.paths import AssetPathError, AssetPolicy, read_capped, resolve_asset
from generator.strict_yaml import Loc, SourceMap
from generator.theme.colors import ColorError, contrast, is_dark, resolve_color
from generator.theme.locate import builtin_dir, read_theme_file
from generator.theme.model import Logo

MEASURED_SIDE = 96  # logos are measured from a thumbnail: their colours, not their detail
MEASURED_BYTES = 20_000_000
SAME = 1.15  # pixels this close in contrast to the border are the logo's own backdrop


def resolve_logo(data: dict[str, Any], path: Path, smap: SourceMap, policy: AssetPolicy,
                 problems: list[Problem]) -> Logo | None:
    """Return the logo the theme file at `path` names, or None; add a problem for a bad path."""
    logo = data.get("logo")
    if logo is None:
        return None
    written, alt, loc = _logo_entry(logo, _dark_background(data))
    if not written:
        return None
    name = data.get("meta", {}).get("name") if isinstance(data.get("meta"), dict) else None
    name = name.get("full") if isinstance(name, dict) else name
    try:
        file = resolve_asset(written, path.parent, policy)
    except AssetPathError as exc:
        problems.append(smap.problem(loc, f"{'.'.join(map(str, loc))}: {exc}"))
        return None
    ground, inks = measure_logo(file)
    return Logo(file, alt or (f"{name} logo" if name else "Logo"), ground, inks)


def _logo_entry(logo: object, dark: bool) -> tuple[str | None, str | None, Loc]:
    """Return (path, alt text, place) of the logo to use from a brand.yml `logo` value; of a
    light/dark pair, the variant made for a `dark` (or light) background."""
    if isinstance(logo, str):
        return logo, None, ("logo",)
    if not isinstance(logo, dict):
        return None, None, ("logo",)
    images = logo.get("images", {}) if isinstance(logo.get("images"), dict) else {}
    order = ("dark", "light") if dark else ("light", "dark")
    for size in ("medium", "large", "small"):
        value = logo.get(size)
        loc: Loc = ("logo", size)
        if isinstance(value, dict) and not isinstance(value.get("path"), str):
            variant = next((v for v in order if value.get(v)), None)
            if variant is None:
                continue
            value, loc = value[variant], (*loc, variant)
        if isinstance(value, dict) and isinstance(value.get("path"), str):
            return value["path"], value.get("alt"), (*loc, "path")
        if isinstance(value, str):
            entry = images.get(value)
            if isinstance(entry, dict):
                return entry.get("path"), entry.get("alt"), ("logo", "images", value, "path")
            if isinstance(entry, str):
                return entry, None, ("logo", "images", value)
            return value, None, loc
    return None, None, ("logo",)


def _dark_background(data: dict[str, Any]) -> bool:
    """Return True when the theme's background (its own, else the default's) is dark."""
    found = data.get("color")
    color: dict[str, Any] = found if isinstance(found, dict) else {}
    default_color = _default_color()
    names = {**default_color.get("palette", {}), **(color.get("palette") or {})}
    try:
        return is_dark(resolve_color(color.get("background", default_color["background"]), names))
    except ColorError:
        return False  # reported where the palette is resolved


@cache
def _default_color() -> dict[str, Any]:
    """Return the built-in default theme's `color` mapping."""
    data, _ = read_theme_file(builtin_dir() / "default.yml")
    color: dict[str, Any] = data["color"]
    return color


def measure_logo(file: Path) -> tuple[str | None, tuple[tuple[str, float], ...]]:
    """Return the logo's own backdrop (the plain border of an opaque logo, else None) and the
    colours of the rest of its pixels with their share; nothing when it cannot be read (the
    picture check that follows says why)."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(read_capped(file, MEASURED_BYTES))) as image:
            image.thumbnail((MEASURED_SIDE, MEASURED_SIDE))
            rgba = image.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None, ()
    w, h = rgba.size
    data = rgba.tobytes()
    pixels = [(data[i], data[i + 1], data[i + 2], data[i + 3]) for i in range(0, len(data), 4)]
    border = [pixels[i] for i in range(w * h) if i < w or i >= w * (h - 1) or i % w in (0, w - 1)]
    ground = _plain(border)
    counts: Counter[str] = Counter()
    for r, g, b, a in pixels:
        if a < 128:
            continue  # transparent: what is behind shows through
        ink = "#" + "".join(f"{round(v / 17) * 17:02X}" for v in (r, g, b))  # 16 steps a channel
        if ground is None or contrast(ink, ground) >= SAME:
            counts[ink] += 1
    if not counts and ground is not None:
        return None, ((ground, 1.0),)  # all one colour: the logo is its border
    total = sum(counts.values())
    return ground, tuple((ink, n / total) for ink, n in counts.most_common(24))


def _plain(border: list[tuple[int, int, int, int]]) -> str | None:
    """Return the colour of a border that is opaque and (nearly) all one colour, else None."""
    if not border or any(a < 250 for *_, a in border):
        return None
    r, g, b, _ = Counter(border).most_common(1)[0][0]
    color = f"#{r:02X}{g:02X}{b:02X}"
    alike = sum(1 for p in border if contrast(f"#{p[0]:02X}{p[1]:02X}{p[2]:02X}", color) < SAME)
    return color if alike >= 0.9 * len(border) else None
