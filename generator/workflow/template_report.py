"""`briefgen template FILE`: what a PowerPoint template holds and how the deck will use it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError, Problem, display_path
from generator.paths import AssetPolicy
from generator.theme.model import TemplateTheme
from generator.theme.template.layouts import LayoutChoice
from generator.theme.template.package import LayoutInfo
from generator.theme.template.parts import Placeholder
from generator.theme.template.shown import escaped, shown

if TYPE_CHECKING:
    from generator.theme.template.behind import Behind

# How `briefgen template` names placeholder types, in the order it lists them.
ROLE_NAMES = {"title": "title", "ctrTitle": "title", "subTitle": "subtitle", "body": "text",
              "obj": "content", "pic": "picture", "tbl": "table", "chart": "chart",
              "dgm": "diagram", "media": "media", "clipArt": "picture", "dt": "date",
              "ftr": "footer", "sldNum": "slide number"}
# The placeholders whose text `template` judges against what lies behind them.
TEXT_AREAS = ("title", "ctrTitle", "subTitle", "body", "obj")
# Layouts listed per master before the rest are only counted.
LAYOUTS_SHOWN = 40
# The colour roles the deck and handout take from the scheme, as `template` shows them.
SCHEME_ROLES = (("dk1", "text"), ("lt1", "paper"), ("accent1", "primary"), ("accent2", "accent"))


def template_report(spec: str) -> tuple[list[str], list[Problem]]:
    """Return the lines describing the template `spec` names (a .pptx/.potx, or a brand.yml
    that names one) and its warnings; raise InputError when it cannot be used."""
    from generator.theme.resolve import load_theme

    try:
        theme = load_theme(spec, Path.cwd(), AssetPolicy(Path.cwd(), allow_outside=True))
    except ValueError as exc:
        raise InputError([Problem(spec, 0, 0, str(exc))]) from None
    if theme.template is None:
        raise InputError([Problem(display_path(spec), 0, 0,
                                  "names no PowerPoint template (give a .pptx or .potx file, or a "
                                  "brand.yml with defaults: briefgen: template:)")])
    return describe(theme.template), list(theme.warnings)


def describe(template: TemplateTheme) -> list[str]:
    """Return the report's lines: size, masters, layouts, the choice per kind, schemes."""
    package = template.package
    lines = [f"{escaped(display_path(package.path))}: {package.width:g} x {package.height:g} pt "
             f"({_shape(package.width, package.height)}), {len(package.masters)} "
             f"master{'s' if len(package.masters) != 1 else ''}, {len(package.layouts)} layouts"]
    from generator.theme.template.behind import behind

    seen = behind(package, template.overrides)
    for number, master in enumerate(package.masters):
        lines.append(f"master {number + 1}: {shown(master)}")
        its = [la for la in package.layouts if la.master == number]
        for layout in its[:LAYOUTS_SHOWN]:
            lines.append(f"  {shown(layout.name)}: {_holds(layout.placeholders)}{_reads(seen, layout)}")
        if len(its) > LAYOUTS_SHOWN:
            lines.append(f"  and {len(its) - LAYOUTS_SHOWN} more layouts")
    lines.append("slides use:")
    width = max(len(choice.kind) for choice in template.choices)
    for choice in template.choices:
        lines.append(f"  {choice.kind:<{width}}  {_used(choice)}")
    colors = ", ".join(f"{role} {escaped(package.color(slot) or '')}" for slot, role in SCHEME_ROLES
                       if package.color(slot))
    lines.append(f"scheme: {colors or 'no colours'}; headings in "
                 f"{escaped(package.major_font) or '?'}, text in {escaped(package.minor_font) or '?'}")
    own = dict(template.overrides)
    if own:
        lines.append("the theme file sets: " + ", ".join(f"{escaped(str(slot))} {escaped(str(value))}"
                                                  for slot, value in own.items()))
    for dropped in package.dropped:
        lines.append(f"left out of decks: {escaped(dropped)}")
    return lines


def _shape(width: float, height: float) -> str:
    """Return a slide size's shape in words ('16:9', '4:3', or its ratio)."""
    ratio = width / height
    for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
        if abs(ratio - value) < 0.01:
            return name
    return f"{ratio:.2f}:1"


def _holds(placeholders: tuple[Placeholder, ...]) -> str:
    """Return what a layout's placeholders are, in words ('title, content, footer')."""
    names = [ROLE_NAMES.get(p.type, shown(p.type)) + (" (vertical)" if p.vertical else "")
             for p in placeholders]
    return ", ".join(names) if names else "nothing to fill"


def _reads(seen: Behind, layout: LayoutInfo) -> str:
    """Return how the text of a layout's text areas reads where they sit, in words: on artwork
    or a plain ground, and the lowest contrast measured ('' for a layout without text areas)."""
    areas = [p for p in layout.placeholders if p.type in TEXT_AREAS]
    if not areas:
        return ""
    grounds = [seen.placeholder(layout.part, p) for p in areas]
    worst = min(grounds, key=lambda g: g.ratio / g.limit)
    where = "on artwork" if any(g.artwork for g in grounds) else "on a plain ground"
    verdict = "" if worst.legible else f", below the {worst.limit:g}:1 text needs"
    return f"; text {where}, contrast {worst.ratio:.1f}:1 at least{verdict}"


def _used(choice: LayoutChoice) -> str:
    """Return the layout one kind of slide uses and why."""
    master = f" (master {choice.layout.master + 1})"
    return f"{shown(choice.layout.name)}{master}: {escaped(choice.reason)}"
