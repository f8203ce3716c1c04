"""The colour roles of a theme, and the WCAG contrast of the text drawn with them."""

from __future__ import annotations

from typing import Any

from generator.errors import Problem
from generator.strict_yaml import Loc, SourceMap
from generator.theme.colors import AA_NORMAL, ColorError, best_text_on, contrast, mix, resolve_color
from generator.theme.model import TEXT_ROLES, Palette, Theme
from generator.theme.settings import BriefgenSettings


def resolve_palette(merged: dict[str, Any], smap: SourceMap, settings: BriefgenSettings,
                    problems: list[Problem]) -> tuple[Palette, dict[str, Loc]]:
    """Return the palette, and where this theme's file sets each colour role it sets."""
    color = merged.get("color", {})
    written_at: dict[str, Loc] = {}
    names = color.get("palette", {}) if isinstance(color.get("palette"), dict) else {}
    roles = (settings.colors.model_dump() if settings.colors else {})

    def pick(value: object, loc: tuple[str, ...], fallback: str, role: str = "") -> str:
        """Return `value` as '#RRGGBB' (`fallback` when unset or unreadable), noting its place."""
        if value is None:
            return fallback
        # a role the default theme sets is not this file's doing: warn only where it wrote one
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


def contrast_problems(theme: Theme, smap: SourceMap | None = None,
                      written_at: dict[str, Loc] | None = None) -> list[Problem]:
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
