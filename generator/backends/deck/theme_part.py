"""The deck's own PowerPoint theme: colours and fonts, so text people add later matches too.

Every generated run names its typeface and colour, but a text box someone adds in PowerPoint
takes the theme's fonts and colour scheme; without this it would start in Calibri on white.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from generator.backends.base import Notice, RenderError
from generator.ooxml.names import A
from generator.ooxml.parse import PackageError, parse_part, part_bytes
from generator.theme.model import Theme

if TYPE_CHECKING:
    from pptx.presentation import Presentation

_NS = {"a": A}


def apply_theme(prs: Presentation, theme: Theme) -> None:
    """Write the theme's colour roles and typefaces into the deck's theme part."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = parse_part(part.blob, str(part.partname).lstrip("/"))
    _colors(root, theme)
    _fonts(root, theme)
    root.set("name", f"briefgen {theme.name}" if "/" not in theme.name else "briefgen")
    part._blob = part_bytes(root)


def template_deck(theme: Theme) -> Presentation:
    """Return an empty deck on the theme's template, with the colours and fonts the theme file
    sets itself written into every master's theme (the template's own stay as they are)."""
    import io

    import pptx

    from generator.backends.deck.template_package import cleaned_bytes

    assert theme.template is not None, "only a theme with a template has one to open"
    try:
        cleaned = cleaned_bytes(theme.template.package)
    except PackageError as exc:  # in a part reading the theme did not need (a sample slide's)
        name = theme.template.package.path.name
        raise RenderError([Notice((), f"template '{name}': {exc}")]) from None
    prs = pptx.Presentation(io.BytesIO(cleaned))
    props = prs.core_properties  # the template's own description is not the deck's
    for name in ("category", "comments", "content_status", "identifier", "version"):
        setattr(props, name, "")
    overrides = dict(theme.template.overrides)
    if overrides:
        for master in prs.slide_masters:
            try:
                part = master.part.part_related_by(RT.THEME)
            except KeyError:
                continue  # a master without a theme of its own: nothing to override
            root = parse_part(part.blob, str(part.partname).lstrip("/"))
            _override(root, overrides)
            part._blob = part_bytes(root)
    return prs


def _override(root: etree._Element, overrides: dict[str, str]) -> None:
    """Write overridden colour slots ('dk1': '#RRGGBB') and fonts ('major': family) into a theme."""
    scheme = root.find(".//a:clrScheme", _NS)
    for slot_name, value in overrides.items():
        if slot_name in ("major", "minor"):
            latin = root.find(f".//a:fontScheme/a:{slot_name}Font/a:latin", _NS)
            if latin is not None:
                latin.set("typeface", value)
            continue
        slot = scheme.find(f"a:{slot_name}", _NS) if scheme is not None else None
        if slot is None:
            continue
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=value.lstrip("#").upper())


def _colors(root: etree._Element, theme: Theme) -> None:
    """Point the colour scheme's roles at the theme's palette."""
    palette = theme.palette
    roles = {
        "dk1": palette.text, "lt1": palette.background, "dk2": palette.primary,
        "lt2": palette.surface, "accent1": palette.primary, "accent2": palette.accent,
        "accent3": palette.muted, "accent4": palette.rule, "hlink": palette.primary,
        "folHlink": palette.muted,
    }
    scheme = root.find(".//a:clrScheme", _NS)
    if scheme is None:
        return
    scheme.set("name", "briefgen")
    for role, color in roles.items():
        slot = scheme.find(f"a:{role}", _NS)
        if slot is None:
            continue
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=color.lstrip("#").upper())


def _fonts(root: etree._Element, theme: Theme) -> None:
    """Set the heading (major) and body (minor) typefaces, and the East Asian fallback."""
    for tag, face in (("majorFont", theme.heading), ("minorFont", theme.body)):
        font = root.find(f".//a:fontScheme/a:{tag}", _NS)
        if font is None:
            continue
        latin = font.find("a:latin", _NS)
        if latin is not None:
            latin.set("typeface", face.family)
        east_asian = font.find("a:ea", _NS)
        if east_asian is not None:
            east_asian.set("typeface", theme.cjk_family)
