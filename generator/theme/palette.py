"""The colour roles of a theme, and the WCAG contrast of the text drawn with them.

Each role takes the theme file's own value; else, when the file sets colours of its own
(primary, background or foreground), a value derived from them; else the built-in default's.
"""

from __future__ import annotations

from typing import Any

from generator.errors import Problem
from generator.strict_yaml import Loc, SourceMap
from generator.theme.colors import (
    AA_LARGE,
    AA_NORMAL,
    ColorError,
    accent_from,
    best_text_on,
    contrast,
    is_dark,
    mix,
    readable_mix,
    resolve_color,
)
from generator.theme.model import TEXT_ROLES, Palette, Theme, screen_ratio
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
                      written_at: dict[str, Loc] | None = None,
                      on_paper: dict[str, str] | None = None) -> list[Problem]:
    """Return a warning for each text colour below WCAG AA contrast on its background on a slide
    (3:1 for a colour drawn only as large text), placed at the colour this theme's file sets
    (the text colour first), else at `color:`. A colour the handout prints darker on paper
    (`on_paper`: role -> what it prints) is said in the same warning, and taken from `on_paper`."""
    found = []
    written_at = written_at or {}
    on_paper = {} if on_paper is None else on_paper
    for what, fore_role, back_role in TEXT_ROLES:
        fore, back = getattr(theme.palette, fore_role), getattr(theme.palette, back_role)
        ratio, needed = contrast(fore, back), screen_ratio(fore_role)
        if ratio < needed:
            large = " for large text" if needed < AA_NORMAL else ""
            message = (f"contrast of {what} is {ratio:.2f}:1 ({fore} on {back}); "
                       f"WCAG AA needs {needed:g}:1{large}")
            if fore_role in on_paper:
                message += f"; on paper the handout prints it as {on_paper.pop(fore_role)}"
            loc = written_at.get(fore_role) or written_at.get(back_role) or ("color",)
            where = smap.problem(loc, message, "warning") if smap else \
                Problem(theme.name, 0, 0, message, "warning")
            found.append(where)
    return found


# The handout on paper: white paper unless a theme declares its own, and every colour drawn on it.
PAPER = "#FFFFFF"
PAPER_AT = ROLES[:2] + ("paper-colors",)
# A derived paper colour that does not read is moved towards the ink in steps this small, so it
# stays as close to the theme's own colour as contrast allows.
DARKEN_STEP = 0.02
# (role, what a warning calls it, its key under `paper-colors:`, the ratio it needs on paper).
PAPER_CHECKS = (
    ("text", "the foreground", "text", AA_NORMAL),
    ("muted", "muted text", "muted", AA_NORMAL),
    ("primary", "the primary colour", "primary", AA_NORMAL),
    ("accent", "the accent", "accent", AA_LARGE),  # a fill, seen as a shape
)


def resolve_paper_palette(merged: dict[str, Any], own: dict[str, Any], smap: SourceMap,
                          screen: Palette, written_at: dict[str, Loc],
                          problems: list[Problem],
                          darkened: dict[str, tuple[str, Problem]] | None = None
                          ) -> Palette:
    """Return the handout's colours on paper: the roles the theme file declares under
    `paper-colors:`, the rest derived from its screen colours and darkened until they read on
    the paper (WCAG AA), with a warning for each colour darkened (also kept in `darkened`, by
    role, so that a colour that fails on screen too is said once) and each declared pair that
    does not read."""
    names = merged.get("color", {}).get("palette", {})
    names = names if isinstance(names, dict) else {}
    declared = _declared_paper(own, names, smap, problems)
    dark = is_dark(screen.background)
    background = declared.get("background", PAPER)
    # A dark theme's own ground is the ink it would choose for paper; its panels become tints.
    derived = {"text": screen.background if dark else screen.text, "muted": screen.muted,
               "primary": screen.primary, "accent": screen.accent}
    surface = declared.get("surface") or (
        _ground(background, screen.primary, derived["text"]) if dark else screen.surface)
    rule = declared.get("rule") or (mix(background, screen.primary, RULE_TINT) if dark
                                    else screen.rule)
    roles = {"background": background, "surface": surface, "rule": rule}
    for role, what, key, ratio in PAPER_CHECKS:
        if role in declared:
            roles[role] = declared[role]
            continue
        grounds = (background, surface) if role in ("text", "muted") else (background,)
        roles[role] = _readable_on(derived[role], grounds, ratio)
        if roles[role] != derived[role]:
            message = (f"the handout prints {what} {derived[role]} as {roles[role]} on paper, "
                       f"darker, so that it reads on {background} (WCAG AA {ratio:g}:1); choose "
                       f"it yourself under defaults: briefgen: paper-colors: {key}")
            problem = smap.problem(written_at.get(role) or ("color",), message, "warning")
            problems.append(problem)
            if darkened is not None:
                darkened[role] = (roles[role], problem)
    inks = (PAPER, "#000000", roles["text"], background)
    for role, screen_ink in (("on_primary", screen.on_primary), ("on_accent", screen.on_accent)):
        fill = roles[role.removeprefix("on_")]
        roles[role] = declared.get(role) or (
            screen_ink if contrast(screen_ink, fill) >= AA_NORMAL else best_text_on(fill, inks))
    paper = Palette(**roles)
    problems += _paper_contrast(paper, declared, smap)
    return paper


def _declared_paper(own: dict[str, Any], names: dict[str, Any], smap: SourceMap,
                    problems: list[Problem]) -> dict[str, str]:
    """Return the paper colours the theme file itself declares, by role, as '#RRGGBB'."""
    block = _at(own, PAPER_AT)
    found: dict[str, str] = {}
    for key, value in (block.items() if isinstance(block, dict) else ()):
        if value is None:
            continue
        loc = PAPER_AT + (key,)
        try:
            found[str(key).replace("-", "_")] = resolve_color(value, names)
        except ColorError as exc:
            problems.append(smap.problem(loc, f"{'.'.join(map(str, loc))}: {exc}"))
    return found


def _readable_on(color: str, grounds: tuple[str, ...], ratio: float) -> str:
    """Return `color` itself when it reads on every ground, else the least darker (on a light
    ground; lighter on a dark one) shade of it that does, a hair above `ratio`."""
    if all(contrast(color, g) >= ratio for g in grounds):
        return color
    ink = best_text_on(grounds[0], ("#000000", "#FFFFFF"))
    amount = DARKEN_STEP
    while amount < 1:
        candidate = mix(color, ink, amount)
        if all(contrast(candidate, g) >= ratio + 0.1 for g in grounds):
            return candidate
        amount = round(amount + DARKEN_STEP, 4)
    return ink


def _paper_contrast(paper: Palette, declared: dict[str, str], smap: SourceMap) -> list[Problem]:
    """Return a warning for each text colour of the paper palette below WCAG AA on its fill,
    placed at the declared colour (only declared colours can fall short)."""
    found = []
    for what, fore_role, back_role in TEXT_ROLES:
        fore, back = getattr(paper, fore_role), getattr(paper, back_role)
        ratio = contrast(fore, back)
        if ratio < AA_NORMAL:
            role = fore_role if fore_role in declared else back_role
            loc = PAPER_AT + (role.replace("_", "-"),) if role in declared else PAPER_AT
            found.append(smap.problem(loc, f"on paper, the contrast of {what} is {ratio:.2f}:1 "
                                           f"({fore} on {back}); WCAG AA needs {AA_NORMAL}:1",
                                      "warning"))
    return found
