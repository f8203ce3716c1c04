"""Colours: reading theme values, mixing, and the WCAG contrast ratio."""

from __future__ import annotations

import re
from typing import Any

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAMED = {"white": "#FFFFFF", "black": "#000000"}
AA_NORMAL = 4.5


class ColorError(ValueError):
    """A theme colour that cannot be read."""


def resolve_color(value: object, palette: dict[str, Any], depth: int = 0) -> str:
    """Return '#RRGGBB' for a hex value or a (possibly chained) palette name."""
    if not isinstance(value, str):
        raise ColorError(f"{value!r} is not a colour; write it as \"#RRGGBB\"")
    text = value.strip()
    if text in palette and depth < 8:
        return resolve_color(palette[text], palette, depth + 1)
    if text.lower() in _NAMED:
        return _NAMED[text.lower()]
    match = _HEX.fullmatch(text)
    if not match:
        names = ", ".join(sorted(palette)) or "none defined"
        raise ColorError(f"'{text}' is not a colour; write \"#RRGGBB\" or a palette name "
                         f"({names})")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def rgb(color: str) -> tuple[int, int, int]:
    """Return the (r, g, b) bytes of '#RRGGBB'."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def mix(a: str, b: str, amount: float) -> str:
    """Return the colour `amount` of the way from `a` to `b`."""
    pairs = zip(rgb(a), rgb(b), strict=True)
    return "#" + "".join(f"{round(x + (y - x) * amount):02X}" for x, y in pairs)


def luminance(color: str) -> float:
    """Return the WCAG relative luminance of a colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio between two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def best_text_on(fill: str, candidates: tuple[str, ...]) -> str:
    """Return whichever candidate text colour contrasts most with `fill`."""
    return max(candidates, key=lambda c: contrast(c, fill))


AA_LARGE = 3.0  # WCAG's ratio for large text and for shapes that must be seen (1.4.11)


def is_dark(color: str) -> bool:
    """Return True when light text reads better on `color` than dark text does."""
    return contrast(color, "#FFFFFF") > contrast(color, "#000000")


def accent_from(primary: str, background: str, inks: tuple[str, ...]) -> str:
    """Return a shade (on light backgrounds) or tint (on dark ones) of `primary` for accents.

    It must read as a colour of its own beside the primary, stand out from the background as
    a shape (3:1), and carry one of `inks` as text (4.5:1); the primary itself when none does.
    """
    away = ("#FFFFFF", "#000000") if is_dark(background) else ("#000000", "#FFFFFF")
    for target in away:
        for amount in (0.25, 0.35, 0.45, 0.55):
            candidate = mix(primary, target, amount)
            ink = best_text_on(candidate, inks)
            if (contrast(candidate, background) >= AA_LARGE and contrast(ink, candidate) >= AA_NORMAL
                    and contrast(candidate, primary) >= 1.3):
                return candidate
    return primary


def readable_mix(ink: str, toward: str, grounds: tuple[str, ...], most: float) -> str:
    """Return `ink` moved as far towards `toward` (at most `most`) as keeps 4.5:1 on `grounds`."""
    amount = most
    while amount > 0:
        candidate = mix(ink, toward, amount)
        # a hair above AA, so that rounding in a viewer never tips it under
        if all(contrast(candidate, g) >= AA_NORMAL + 0.1 for g in grounds):
            return candidate
        amount = round(amount - 0.05, 2)
    return ink
