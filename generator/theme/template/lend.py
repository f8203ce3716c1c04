"""A theme that is, or names, a PowerPoint template: its package read, its schemes lent to the
theme, and the layout each kind of slide uses.

Within such a theme each colour role and font takes the theme file's own value first, then the
template's colour or font scheme (dk1 text, lt1 paper, accent1 primary, accent2 accent; major
headings, minor text), then what is derived from those, then the built-in default.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import Problem, display_path
from generator.paths import AssetPathError, AssetPolicy, resolve_asset
from generator.strict_yaml import Loc, Located, SourceMap
from generator.theme.model import TemplateTheme
from generator.theme.template.layouts import LayoutChoice, UnknownLayout, choose_layouts
from generator.theme.template.package import (
    MACRO_SUFFIXES,
    TEMPLATE_SUFFIXES,
    TemplateError,
    TemplatePackage,
    read_template,
)
from generator.theme.template.parts import Placeholder
from generator.theme.template.shown import listed, shown

if TYPE_CHECKING:
    from generator.theme.template.behind import Ground

TEMPLATE_KEY: Loc = ("defaults", "briefgen", "template")
LAYOUTS_KEY: Loc = ("defaults", "briefgen", "layouts")
# Where a theme file writes what a template's schemes provide, and the scheme slot it comes from.
LENT: tuple[tuple[Loc, str], ...] = (
    (("color", "foreground"), "dk1"),
    (("color", "background"), "lt1"),
    (("color", "primary"), "accent1"),
    (("color", "palette", "accent"), "accent2"),
    (("typography", "base"), "minor"),
    (("typography", "headings"), "major"),
)


def is_template_file(path: Path) -> bool:
    """Return True when `path` names a PowerPoint template (or a macro-enabled one, refused)."""
    return path.suffix.lower() in TEMPLATE_SUFFIXES + MACRO_SUFFIXES


def template_source_map(path: Path) -> SourceMap:
    """Return the source map of a theme that is a template file: it has no lines to point at."""
    smap = SourceMap(path)
    smap.values[()] = Located(0, 0)
    return smap


def template_path(data: dict[str, Any], path: Path, smap: SourceMap, policy: AssetPolicy,
                  problems: list[Problem]) -> Path | None:
    """Return the template the theme file at `path` names (relative to it), if it names one."""
    if is_template_file(path):
        return path
    written = data.get("defaults", {}).get("briefgen", {}).get("template")
    if not isinstance(written, str):
        return None
    try:
        return resolve_asset(written, path.parent, policy)
    except AssetPathError as exc:
        problems.append(smap.problem(TEMPLATE_KEY, f"template {exc}"))
        return None


def read_package(template: Path, path: Path, smap: SourceMap, problems: list[Problem]
                 ) -> TemplatePackage | None:
    """Return the template's package, or None with the reason added to `problems`."""
    try:
        return read_template(template)
    except TemplateError as exc:
        if template == path:  # the theme is the template: the file itself is named
            problems.append(Problem(display_path(path), 0, 0, str(exc)))
        else:
            problems.append(smap.problem(TEMPLATE_KEY, f"template '{display_path(template)}': {exc}"))
        return None


def lend_schemes(data: dict[str, Any], smap: SourceMap, package: TemplatePackage) -> dict[str, Any]:
    """Return the theme's data with the template's colours and fonts where it sets none itself.

    They are recorded as the file's own (at its `template:` line), so that the roles derived
    from them follow them and a contrast warning points at the template.
    """
    place = smap.find(TEMPLATE_KEY)
    values = {"major": package.major_font, "minor": package.minor_font, **dict(package.colors)}
    out = {**data}
    for loc, slot in LENT:
        value = values.get(slot)
        if not value or _at(data, loc) is not None:
            continue
        holder = out
        for key in map(str, loc[:-1]):
            inner = holder.get(key)
            holder[key] = dict(inner) if isinstance(inner, dict) else {}
            holder = holder[key]
        holder[str(loc[-1])] = value
        smap.values.setdefault(loc, place)
    return out


def overrides(data: dict[str, Any], palette_values: dict[str, str], fonts: dict[str, str]
              ) -> tuple[tuple[str, str], ...]:
    """Return the scheme slots the theme file sets itself, with the resolved values to write."""
    resolved = {"dk1": palette_values["text"], "lt1": palette_values["background"],
                "accent1": palette_values["primary"], "accent2": palette_values["accent"], **fonts}
    return tuple((slot, resolved[slot]) for loc, slot in LENT if _at(data, loc) is not None)


def template_theme(package: TemplatePackage, data: dict[str, Any], own: dict[str, Any],
                   smap: SourceMap, problems: list[Problem], palette_values: dict[str, str],
                   fonts: dict[str, str]) -> TemplateTheme | None:
    """Return the template part of a theme, with a problem for each layout it cannot use."""
    from generator.theme.template.behind import behind

    named = data.get("defaults", {}).get("briefgen", {}).get("layouts") or {}
    slots = overrides(own, palette_values, fonts)
    try:
        choices = choose_layouts(package, {k: v for k, v in named.items() if isinstance(v, str)},
                                 behind(package, slots), palette_values["text"])
    except UnknownLayout as exc:
        where = (*LAYOUTS_KEY, exc.kind)
        problems.append(smap.problem(where, f"{'.'.join(map(str, where))}: {exc}"))
        return None
    except ValueError as exc:
        problems.append(_at_template(package, smap, f"cannot build a deck: {exc}"))
        return None
    crowded = [choice for choice in choices if not choice.fits]
    if crowded:
        problems.append(_at_template(package, smap, _fallback_warning(crowded), "warning"))
    for what in package.dropped[1:] if package.slides else package.dropped:
        problems.append(_at_template(package, smap, f"left out of the deck: {what}", "warning"))
    for message in legibility_warnings(choices, palette_values["background"]):
        problems.append(_at_template(package, smap, message, "warning"))
    return TemplateTheme(package, choices, slots)


def legibility_warnings(choices: tuple[LayoutChoice, ...], paper: str) -> list[str]:
    """Return one warning per layout whose text is set on plates, and one per layout and colour
    for the placeholders whose own text colour does not read on a plain ground (the template's
    or `paper`, a plate's colour), which is kept: it is the template's choice."""
    from generator.theme.colors import contrast

    plated: dict[str, tuple[str, Ground]] = {}
    faint: dict[tuple[str, str], list[tuple[Placeholder, Ground]]] = {}
    for choice in choices:
        for slot, ground in choice.grounds:
            if ground.legible:
                continue
            if ground.artwork:
                plated.setdefault(choice.layout.name, (_area_name(slot), ground))
            if slot.idx != -1 and (not ground.artwork or contrast(ground.ink, paper) < ground.limit):
                # its own colour fails on a plain ground (the plate's, where it has one)
                faint.setdefault((choice.layout.name, ground.ink), []).append((slot, ground))
    out = [f"layout {shown(name)}: its {area} lies on artwork where text in {g.ink} reaches only "
           f"{g.ratio:.1f}:1 (it needs {g.limit:g}:1); the text is set on a plate"
           for name, (area, g) in plated.items()]
    for (name, ink), slots in faint.items():
        names = listed(list(dict.fromkeys(slot.name or slot.type for slot, _g in slots)))
        worst = min((g for _slot, g in slots), key=lambda g: g.ratio)
        out.append(f"layout {shown(name)}, placeholder{'s' if len(slots) > 1 else ''} {names}: "
                   f"text colour {ink} reaches only {worst.ratio:.1f}:1 on {worst.ground} (text "
                   f"needs {worst.limit:g}:1); kept, as the template's choice")
    return out


def _area_name(slot: Placeholder) -> str:
    """Return how a warning names a text area."""
    if slot.idx == -1:
        return "text area (the master's body area)"
    return f"placeholder {shown(slot.name or slot.type)}"


def _fallback_warning(crowded: list[LayoutChoice]) -> str:
    """Return the one warning for the kinds of slide that have no layout with room for their text."""
    kinds = ", ".join(f"{c.kind} ({shown(c.layout.name)})" for c in crowded)
    return (f"no layout has room for the text of these slides, which use the layout named with "
            f"their text in the master's body area: {kinds}; name better ones under "
            f"defaults.briefgen.layouts")


def _at_template(package: TemplatePackage, smap: SourceMap, message: str,
                 severity: str = "error") -> Problem:
    """Return a problem placed at the `template:` line, or on the template file itself."""
    if smap.path == package.path:
        return Problem(display_path(package.path), 0, 0, message, severity)
    return smap.problem(TEMPLATE_KEY, f"template: {message}", severity)


def _at(data: dict[str, Any], loc: Loc) -> object:
    """Return the value at `loc` in nested mappings, or None."""
    value: object = data
    for key in loc:
        value = value.get(key) if isinstance(value, dict) else None
    return value

