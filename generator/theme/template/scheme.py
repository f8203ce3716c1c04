"""A template's colour and font scheme, read from its theme part: the colours each scheme
slot holds and the major (headings) and minor (text) typefaces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.ooxml.names import A

if TYPE_CHECKING:
    from lxml import etree

# A font's family name is at most 63 characters in OpenType's name table; room to spare.
_LONGEST_FONT = 128
_HEX = frozenset("0123456789abcdefABCDEF")


def read_schemes(theme: etree._Element) -> tuple[tuple[tuple[str, str], ...], str, str]:
    """Return a theme part's colour scheme (slot -> '#RRGGBB') and its major and minor fonts."""
    colors: list[tuple[str, str]] = []
    scheme = theme.find(f".//{{{A}}}clrScheme")
    for slot in scheme if scheme is not None else []:
        value = _scheme_color(slot)
        if value:
            colors.append((_local(slot), value))
    fonts = theme.find(f".//{{{A}}}fontScheme")
    return tuple(colors), _font(fonts, "majorFont"), _font(fonts, "minorFont")


def _scheme_color(slot: etree._Element) -> str:
    """Return a colour-scheme slot as '#RRGGBB' (an sRGB value, or a system colour's last value)."""
    for child in slot:
        tag = _local(child)
        value = child.get("val") if tag == "srgbClr" else child.get("lastClr") if tag == "sysClr" else None
        if value and len(value) == 6 and all(ch in _HEX for ch in value):
            return "#" + str(value).upper()
    return ""


def _local(element: etree._Element) -> str:
    """Return an element's tag without its namespace."""
    return str(element.tag).rpartition("}")[2]


def _font(scheme: etree._Element | None, which: str) -> str:
    """Return the Latin typeface of the font scheme's major or minor font ('' when unset, or
    when it is no font's name: too long, or holding control or invisible characters, which
    would otherwise reach messages and the deck's fonts)."""
    latin = scheme.find(f"{{{A}}}{which}/{{{A}}}latin") if scheme is not None else None
    typeface = str(latin.get("typeface", "")) if latin is not None else ""
    return typeface if typeface.isprintable() and len(typeface) <= _LONGEST_FONT else ""
