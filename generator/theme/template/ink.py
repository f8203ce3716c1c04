"""The colour a layout placeholder's text inherits, and the fill it paints under its text:
from the placeholder itself, then the master's placeholder of its kind, then the master's
text style (title or body), as PowerPoint resolves them; else the scheme's text colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.ooxml.names import A, P
from generator.theme.template.colours import Scheme, colour_in

if TYPE_CHECKING:
    from lxml import etree

    from generator.theme.template.fills import Painter
    from generator.theme.template.paint import Fill

_STYLE_OF = {"title": "titleStyle", "ctrTitle": "titleStyle", "dt": "otherStyle",
             "ftr": "otherStyle", "sldNum": "otherStyle"}


def inherited_ink(kind: str, sp: etree._Element, parent: etree._Element | None,
                  master: etree._Element, scheme: Scheme) -> str:
    """Return the colour ('#RRGGBB') the first level of a placeholder's text is drawn in."""
    chain = [sp] if parent is None else [sp, parent]
    levels = [s.find(f"{{{P}}}txBody/{{{A}}}lstStyle/{{{A}}}lvl1pPr") for s in chain]
    styles = master.find(f"{{{P}}}txStyles")
    if styles is not None:
        style = styles.find(f"{{{P}}}{_STYLE_OF.get(kind, 'bodyStyle')}")
        levels.append(style.find(f"{{{A}}}lvl1pPr") if style is not None else None)
    for level in levels:
        run = level.find(f"{{{A}}}defRPr") if level is not None else None
        found = colour_in(run.find(f"{{{A}}}solidFill"), scheme) if run is not None else None
        if found:
            return found
    for shape in chain:
        style_ref = shape.find(f"{{{P}}}style/{{{A}}}fontRef")
        found = colour_in(style_ref, scheme) if style_ref is not None else None
        if found:
            return found
    return scheme.slot("tx1")


def own_fill(sp: etree._Element, parent: etree._Element | None, painter: Painter, scheme: Scheme,
             part: str, master_part: str) -> Fill | None:
    """Return the fill a placeholder paints under its text (its own, else its master's), or None."""
    found = painter.fill(sp.find(f"{{{P}}}spPr"), scheme, part, sp.find(f"{{{P}}}style"))
    if found is None and parent is not None:
        found = painter.fill(parent.find(f"{{{P}}}spPr"), scheme, master_part,
                             parent.find(f"{{{P}}}style"))
    return found
