"""DrawingML colours as a reader sees them: scheme colours through the master's colour map and
the theme's colour scheme, system and preset colours, and the lumMod, lumOff, tint and shade
that PowerPoint's colour picker writes."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.ooxml.names import A
from generator.theme.colors import rgb

if TYPE_CHECKING:
    from lxml import etree

# The slots a colour map names (bg1, tx1, ...) and what a map without them says.
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2", "accent1": "accent1",
               "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
               "accent5": "accent5", "accent6": "accent6", "hlink": "hlink",
               "folHlink": "folHlink"}
# Office's own scheme, for a theme part that lacks a slot.
_OFFICE = {"dk1": "#000000", "lt1": "#FFFFFF", "dk2": "#44546A", "lt2": "#E7E6E6",
           "accent1": "#4472C4", "accent2": "#ED7D31", "accent3": "#A5A5A5",
           "accent4": "#FFC000", "accent5": "#5B9BD5", "accent6": "#70AD47",
           "hlink": "#0563C1", "folHlink": "#954F72"}
# The preset colours decks use in practice; others read as black, as a missing colour would.
_PRESETS = {"white": "#FFFFFF", "black": "#000000", "red": "#FF0000", "green": "#008000",
            "blue": "#0000FF", "yellow": "#FFFF00", "gray": "#808080", "grey": "#808080",
            "lightGray": "#D3D3D3", "darkGray": "#A9A9A9", "silver": "#C0C0C0"}
_COLOUR_TAGS = frozenset(f"{{{A}}}{t}" for t in
                         ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"))
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass(frozen=True)
class Scheme:
    """The colours a slide's scheme slots stand for: the theme's scheme read through its colour map."""

    slots: dict[str, str]  # 'dk1' -> '#RRGGBB'
    mapping: dict[str, str]  # 'tx1' -> 'dk1'

    def slot(self, name: str, placeholder: str | None = None) -> str:
        """Return the colour of scheme slot `name` (a mapped name such as tx1, or a theme slot)."""
        if name == "phClr" and placeholder:
            return placeholder
        theme_slot = self.mapping.get(name, name)
        return self.slots.get(theme_slot) or _OFFICE.get(theme_slot, "#000000")

    def with_map(self, override: etree._Element | None) -> Scheme:
        """Return this scheme under a layout's or slide's colour map override (itself without one)."""
        if override is None:
            return self
        mapping = dict(self.mapping)
        mapping.update({k: str(v) for k, v in override.attrib.items() if k in DEFAULT_MAP})
        return Scheme(self.slots, mapping)


def scheme_of(theme: etree._Element | None, colour_map: etree._Element | None) -> Scheme:
    """Return the scheme of a master: its theme part's colours read through its clrMap."""
    from generator.theme.template.scheme import read_schemes

    slots = dict(read_schemes(theme)[0]) if theme is not None else {}
    mapping = dict(DEFAULT_MAP)
    if colour_map is not None:
        mapping.update({k: str(v) for k, v in colour_map.attrib.items() if k in DEFAULT_MAP})
    return Scheme(slots, mapping)


def colour_in(holder: etree._Element | None, scheme: Scheme, placeholder: str | None = None) -> str | None:
    """Return the colour a fill or colour holder (solidFill, a stop, fontRef, ...) names, or None."""
    if holder is None:
        return None
    element = next((child for child in holder if child.tag in _COLOUR_TAGS), None)
    return colour(element, scheme, placeholder) if element is not None else None


def colour(element: etree._Element, scheme: Scheme, placeholder: str | None = None) -> str:
    """Return a colour element (srgbClr, schemeClr, ...) as '#RRGGBB', its modifiers applied."""
    base = _base(element, scheme, placeholder)
    for modifier in element:
        base = _modified(base, modifier.tag.rpartition("}")[2], _percent(modifier.get("val")))
    return base


def alpha(holder: etree._Element | None) -> float:
    """Return the opacity (0 to 1) of the colour a fill holds; 1 when it states none."""
    element = next((c for c in holder if c.tag in _COLOUR_TAGS), None) if holder is not None else None
    found = element.find(f"{{{A}}}alpha") if element is not None else None
    return _percent(found.get("val")) if found is not None else 1.0


def _base(element: etree._Element, scheme: Scheme, placeholder: str | None) -> str:
    """Return the colour an element names before its modifiers."""
    tag = element.tag.rpartition("}")[2]
    if tag == "srgbClr":
        return _hex(element.get("val")) or "#000000"
    if tag == "schemeClr":
        return scheme.slot(str(element.get("val", "tx1")), placeholder)
    if tag == "sysClr":
        return _hex(element.get("lastClr")) or ("#FFFFFF" if element.get("val") == "window" else "#000000")
    if tag == "prstClr":
        return _PRESETS.get(str(element.get("val", "")), "#000000")
    if tag == "scrgbClr":
        channels = (_percent(element.get(c)) for c in ("r", "g", "b"))
        return "#" + "".join(f"{round(_gamma(v) * 255):02X}" for v in channels)
    hue = (_number(element.get("hue")) / 60000 / 360) % 1.0
    red, green, blue = colorsys.hls_to_rgb(hue, _percent(element.get("lum")), _percent(element.get("sat")))
    return _from_unit(red, green, blue)


def _modified(base: str, modifier: str, amount: float) -> str:
    """Return `base` with one DrawingML colour modifier applied."""
    if modifier in ("tint", "shade"):  # in linear light, as Office and LibreOffice draw them
        towards = 1.0 if modifier == "tint" else 0.0
        linear = (_linear(v / 255) for v in rgb(base))
        return _from_unit(*(_gamma(v * amount + towards * (1.0 - amount)) for v in linear))
    if modifier in ("lumMod", "lumOff"):
        red, green, blue = (v / 255 for v in rgb(base))
        hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
        light = light * amount if modifier == "lumMod" else light + amount
        return _from_unit(*colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), sat))
    return base  # alpha and the rarer modifiers do not change what the colour is


def _from_unit(red: float, green: float, blue: float) -> str:
    """Return channels from 0 to 1 as '#RRGGBB'."""
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02X}" for v in (red, green, blue))


def _linear(channel: float) -> float:
    """Return an sRGB channel (0 to 1) in linear light."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _gamma(linear: float) -> float:
    """Return a linear channel (scRGB) as an sRGB one."""
    linear = min(max(linear, 0.0), 1.0)
    return linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055


def _hex(value: str | None) -> str | None:
    """Return a six-digit hex value as '#RRGGBB', or None when it is not one."""
    if value and len(value) == 6 and all(ch in _HEX for ch in value):
        return "#" + value.upper()
    return None


def _number(value: str | None) -> int:
    """Return an attribute's whole number (0 when missing or not one)."""
    from generator.ooxml.parse import whole_number

    return whole_number(value) or 0


def _percent(value: str | None) -> float:
    """Return a DrawingML percentage (100000 is 100 %) as a fraction; a value ending in '%' too."""
    if value and value.endswith("%"):
        try:
            return float(value[:-1]) / 100
        except ValueError:
            return 1.0
    return _number(value) / 100_000 if value is not None else 1.0
