"""The colour roles of a theme, and the WCAG contrast of the text drawn with them.

Each role takes the theme file's own value; else, when the file sets colours of its own
(primary, background or foreground), a value derived from them; else the built-in default's.
"""

from __future__ import annotations

from typing import Any

from generator.errors import Problem
from generator.strict_yaml import Loc, SourceMap
from generator.theme.colors import (
    AA_NORMAL,
    ColorError,
    accent_from,
    best_text_on,
    contrast,
    mix,
    readable_mix,
    resolve_color,
)
from generator.theme.model import TEXT_ROLES, Palette, Theme
from generator.theme.settings import BriefgenSettings

BASE = ("color",)
ROLES = ("defaults", "briefgen", "colors")
# Where a file may set each role that can be derived, the first place first.
DERIVABLE: dict[str, tuple[Loc, ...]] = {
    "surface": (ROLES + ("surface",),),
    "muted": (ROLES + ("muted",), BASE + ("secondary",)),
    "accent": (ROLES + ("accent",), BASE + ("palette", "accent")),
    "rule": (ROLES + ("rule",),),
}
# How far derived roles move from the background towards the theme's own hue.
SURFACE_TINT = 0.06
RULE_TINT = 0.22
MUTED_HUE = 0.2  # muted text takes this much of the hue, then pales as far as AA allows
MUTED_MOST = 0.45


def resolve_palette(merged: dict[str, Any], smap: SourceMap, settings: BriefgenSettings,
                    problems: list[Problem]) -> tuple[Palette, dict[str, Loc]]:
    """Return the palette, and where this theme's file sets each colour role it sets."""
    color = merged.get("color", {})
    written_at: dict[str, Loc] = {}
    names = color.get("palette", {}) if isinstance(color.get("palette"), dict) else {}
    roles = (settings.colors.model_dump() if settings.colors else {})

    def pick(value: object, loc: Loc, fallback: str, role: str = "") -> str:
        """Return `value` as '#RRGGBB' (`fallback` when unset or unreadable), noting its place."""
        if value is None:
            return fallback
        # a role the default theme sets is not this file's doing: warn only where it wrote one
        if role and smap.value(loc) is not None:
            written_at[role] = loc
        try:
            return resolve_color(value, names)
        except ColorError as exc:
            problems.append(smap.problem(loc, f"{'.'.join(map(str, loc))}: {exc}"))
            return fallback

    def own(*locs: Loc) -> bool:
        """Return True when this theme's file itself writes a value at one of `locs`."""
        return any(smap.value(loc) is not None for loc in locs)

    def role(name: str, derived: str | None, fallback: str) -> str:
        """Return a derivable role: the file's own value, else `derived`, else the merged one."""
        if derived is not None and not own(*DERIVABLE[name]):
            return derived
        for loc in DERIVABLE[name]:
            value = _at(merged, loc)
            if value is not None:
                return pick(value, loc, fallback, name)
        return fallback

    background = pick(color.get("background"), BASE + ("background",), "#FFFFFF", "background")
    text = pick(color.get("foreground"), BASE + ("foreground",), "#111111", "text")
    primary = pick(color.get("primary"), BASE + ("primary",), text, "primary")
    inks = ("#FFFFFF", "#000000", background, text)
    # A file that sets colours of its own gets the other roles from them, not from default's.
    derive = own(*(BASE + (key,) for key in ("primary", "background", "foreground")))
    own_primary = own(BASE + ("primary",))
    hue = primary if own_primary else text
    surface = role("surface", _ground(background, hue, text) if derive else None,
                   mix(background, text, 0.06))
    muted = role("muted", readable_mix(mix(text, hue, MUTED_HUE), background,
                                       (background, surface), MUTED_MOST) if derive else None,
                 mix(text, background, 0.35))
    accent = role("accent", accent_from(primary, background, inks) if own_primary else None,
                  primary)
    rule = role("rule", mix(background, hue, RULE_TINT) if derive else None,
                mix(background, text, 0.2))
    return Palette(
        background=background, surface=surface, text=text, muted=muted,
        primary=primary, accent=accent,
        on_primary=pick(roles.get("on_primary"), ROLES + ("on-primary",),
                        best_text_on(primary, inks), "on_primary"),
        on_accent=pick(roles.get("on_accent"), ROLES + ("on-accent",),
                       best_text_on(accent, inks), "on_accent"),
        rule=rule,
    ), written_at


def _at(data: dict[str, Any], loc: Loc) -> object:
    """Return the value at `loc` in nested mappings, or None."""
    value: object = data
    for key in loc:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _ground(background: str, hue: str, text: str) -> str:
    """Return the palest tint of `hue` on `background` for panels that text still reads on."""
    for amount in (SURFACE_TINT, SURFACE_TINT * 2 / 3, SURFACE_TINT / 3):
        candidate = mix(background, hue, amount)
        if contrast(text, candidate) >= AA_NORMAL + 0.1:
            return candidate
    return background


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
