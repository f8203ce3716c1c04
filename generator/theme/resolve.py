"""Resolve a theme: find the brand.yml file, merge it over the built-in default, check it."""

from __future__ import annotations

import copy
import difflib
from functools import cache, lru_cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator import strict_yaml
from generator.errors import InputError, Problem
from generator.paths import AssetPathError, AssetPolicy, resolve_asset
from generator.strict_yaml import SourceMap
from generator.theme.brand import check_brand
from generator.theme.colors import AA_NORMAL, ColorError, best_text_on, contrast, mix, resolve_color
from generator.theme.model import TEXT_ROLES, Logo, Palette, Theme, TypeScale
from generator.theme.settings import BriefgenSettings
from generator.theme.typefaces import typefaces

BUILTIN = ("default", "cinema", "print")
ROLE_KEYS = ("surface", "muted", "accent", "on_primary", "on_accent", "rule")


def builtin_dir() -> Path:
    """Return the folder holding the built-in theme files."""
    return Path(__file__).resolve().parent.parent / "themes"


def list_themes() -> list[tuple[str, str]]:
    """Return (name, one-line description) for every built-in theme."""
    out = []
    for name in BUILTIN:
        data, _ = _load_file(builtin_dir() / f"{name}.yml")
        out.append((name, data.get("defaults", {}).get("briefgen", {}).get("description", "")))
    return out


def find_theme(spec: str | None, base_dir: Path) -> Path:
    """Return the theme file named by `spec`: a built-in name, a file, or a folder of _brand.yml."""
    if not spec:
        spec = "default"
    if spec in BUILTIN:
        return builtin_dir() / f"{spec}.yml"
    path = Path(spec) if Path(spec).is_absolute() else base_dir / spec
    if path.is_dir():
        for name in ("_brand.yml", "_brand.yaml", "brand/_brand.yml", "_brand/_brand.yml"):
            if (path / name).is_file():
                return path / name
        raise ValueError(f"the folder '{spec}' holds no _brand.yml")
    if path.is_file():
        return path
    if "/" in spec or spec.endswith((".yml", ".yaml")):
        raise ValueError(f"theme file '{spec}' does not exist")
    raise ValueError(f"unknown theme '{spec}'; installed: {', '.join(BUILTIN)}, "
                     "or give the path of a brand.yml file")


def load_theme(spec: str | None, base_dir: Path, policy: AssetPolicy | None = None) -> Theme:
    """Return the resolved Theme for `spec`, or raise InputError with located problems."""
    path = find_theme(spec, base_dir)
    builtin = path.parent == builtin_dir() and path.stem in BUILTIN
    try:
        info = path.stat()
    except OSError:
        return _resolve(path, builtin, policy or AssetPolicy())  # reports the problem
    return _resolve_unchanged(path, builtin, policy or AssetPolicy(), info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=32)
def _resolve_unchanged(path: Path, builtin: bool, policy: AssetPolicy, mtime_ns: int,
                       size: int) -> Theme:
    """Return the resolved theme, remembered while its file keeps the same time and size
    (a batch of briefs in one theme reads it once; a save in watch mode reads it again)."""
    return _resolve(path, builtin, policy)


@cache
def _default_data() -> dict:
    data, _ = _load_file(builtin_dir() / "default.yml")
    return data


def _load_file(path: Path) -> tuple[dict, SourceMap]:
    data, smap = strict_yaml.load(path)
    if not isinstance(data, dict):
        raise InputError([smap.problem((), "a theme is a brand.yml mapping (color:, typography:)")])
    return data, smap


def _resolve(path: Path, builtin: bool, policy: AssetPolicy) -> Theme:
    data, smap = _load_file(path)
    problems: list[Problem] = []
    if not builtin:
        problems += check_brand(path, data, smap)
    _check_settings(data, smap, problems)
    if problems:
        raise InputError(problems)
    merged = _merge(_default_data(), data)
    settings = BriefgenSettings.model_validate(merged["defaults"]["briefgen"])
    palette, written_at = _palette(merged, data, smap, settings, problems)
    heading, body = typefaces(merged, data, path, smap, policy, problems)
    logo = _logo(data, path, smap, policy, problems)
    if any(p.severity == "error" for p in problems):
        raise InputError([p for p in problems if p.severity == "error"])
    theme = Theme(
        name=path.stem if builtin else str(path),
        description=settings.description or "",
        palette=palette, heading=heading, body=body,
        cjk_family=settings.cjk_family or "Microsoft YaHei",
        slide_scale=_scale(settings.slide_type), page_scale=_scale(settings.page_type),
        slide_size=settings.slide_size or "16:9", paper=settings.paper or "A4",
        slide_margin=settings.slide_margin or 40.0, page_margin=settings.page_margin or 40.0,
        gutter=settings.gutter if settings.gutter is not None else 20.0,
        logo=logo, source=path,
    )
    warnings = tuple(problems) + tuple(contrast_problems(theme, smap, written_at))
    return Theme(**{**theme.__dict__, "warnings": warnings}) if warnings else theme


def _check_settings(data: dict, smap: SourceMap, problems: list[Problem]) -> None:
    """Add a located problem for each fault in the theme's own `defaults: briefgen:` block."""
    defaults = data.get("defaults")
    block = defaults.get("briefgen") if isinstance(defaults, dict) else None
    if block is None:
        return
    try:
        BriefgenSettings.model_validate(block)
    except ValidationError as exc:
        for err in exc.errors():
            loc = ("defaults", "briefgen", *err["loc"])
            dotted = ".".join(str(p) for p in loc)
            what = _settings_message(err, loc)
            problems.append(smap.problem(loc, f"{dotted}: {what}"))


def _settings_message(err: dict, loc: tuple) -> str:
    """Return the words for one fault in `defaults: briefgen:`, with a 'did you mean' for keys."""
    if err["type"] != "extra_forbidden":
        msg = err["msg"]
        return msg[:1].lower() + msg[1:]
    model = BriefgenSettings
    for part in err["loc"][:-1]:
        field = model.model_fields.get(str(part).replace("-", "_"))
        inner = getattr(field.annotation, "__args__", (field.annotation,))[0] if field else None
        model = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        if model is None:
            return "unknown key"
    names = [name.replace("_", "-") for name in model.model_fields]
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    return "unknown key" + (f"; did you mean '{close[0]}'?" if close else "")


def _merge(base: dict, over: dict) -> dict:
    """Return `base` with `over` merged into it, mappings merged key by key."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _palette(merged: dict, own: dict, smap: SourceMap, settings: BriefgenSettings,
             problems: list[Problem]) -> tuple[Palette, dict[str, tuple]]:
    """Return the palette, and where this theme's file sets each colour role it sets."""
    color = merged.get("color", {})
    written_at: dict[str, tuple] = {}
    names = color.get("palette", {}) if isinstance(color.get("palette"), dict) else {}
    roles = (settings.colors.model_dump() if settings.colors else {})

    def pick(value, loc, fallback, role=""):
        if value is None:
            return fallback
        if role and smap.value(loc) is not None:
            written_at[role] = loc
        try:
            return resolve_color(value, names)
        except ColorError as exc:
            problems.append(smap.problem(loc, f"{'.'.join(loc)}: {exc}"))
            return fallback

    base = ("color",)
    background = pick(color.get("background"), base + ("background",), "#FFFFFF", "background")
    text = pick(color.get("foreground"), base + ("foreground",), "#111111", "text")
    primary = pick(color.get("primary"), base + ("primary",), text, "primary")
    role_loc = ("defaults", "briefgen", "colors")
    muted_loc = role_loc + ("muted",) if roles.get("muted") else base + ("secondary",)
    muted = pick(roles.get("muted") or color.get("secondary"), muted_loc, mix(text, background, 0.35),
                 "muted")
    accent = pick(roles.get("accent") or names.get("accent"), role_loc + ("accent",), primary, "accent")
    surface = pick(roles.get("surface"), role_loc + ("surface",), mix(background, text, 0.06), "surface")
    ink_choices = ("#FFFFFF", "#000000", background, text)
    return Palette(
        background=background, surface=surface, text=text, muted=muted,
        primary=primary, accent=accent,
        on_primary=pick(roles.get("on_primary"), role_loc + ("on-primary",),
                        best_text_on(primary, ink_choices), "on_primary"),
        on_accent=pick(roles.get("on_accent"), role_loc + ("on-accent",),
                       best_text_on(accent, ink_choices), "on_accent"),
        rule=pick(roles.get("rule"), role_loc + ("rule",), mix(background, text, 0.2)),
    ), written_at


def _scale(scale) -> TypeScale:
    values = scale.model_dump() if scale else {}
    missing = [k for k, v in values.items() if v is None]
    if missing:
        raise ValueError(f"type scale lacks {missing}")
    return TypeScale(**values)


def _logo(data: dict, path: Path, smap: SourceMap, policy: AssetPolicy,
          problems: list[Problem]) -> Logo | None:
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


def _logo_entry(logo) -> tuple[str | None, str | None, tuple]:
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


def contrast_problems(theme: Theme, smap: SourceMap | None = None,
                      written_at: dict[str, tuple] | None = None) -> list[Problem]:
    """Return a warning for each text colour below WCAG AA contrast on its background, placed
    at the colour this theme's file sets (the text colour first), else at `color:`."""
    found = []
    written_at = written_at or {}
    for what, fore_role, back_role in TEXT_ROLES:
        fore, back = getattr(theme.palette, fore_role), getattr(theme.palette, back_role)
        ratio = contrast(fore, back)
        if ratio < AA_NORMAL:
            message = (f"contrast of {what} is {ratio:.2f}:1 ({fore} on {back}); "
                       f"WCAG AA needs {AA_NORMAL}:1")
            loc = written_at.get(fore_role) or written_at.get(back_role) or ("color",)
            where = smap.problem(loc, message, "warning") if smap else \
                Problem(theme.name, 0, 0, message, "warning")
            found.append(where)
    return found
