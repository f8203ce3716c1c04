"""Names a template gives itself, as briefgen's messages and reports show them: quoted, with
every invisible or control character escaped and long names cut, and long lists shortened, so
that a name cannot forge a line of a report, reverse the text around it, or fill a screen."""

from __future__ import annotations

from collections.abc import Sequence

LONGEST = 80  # characters of a name shown before it is cut
LISTED = 10  # names a list shows before it only counts the rest


def shown(name: str) -> str:
    """Return `name` quoted, controls and invisible format characters (bidi overrides, zero
    widths, line separators) escaped as \\uXXXX, and cut to LONGEST characters."""
    cut = name if len(name) <= LONGEST else name[: LONGEST - 1] + "\u2026"
    return f"'{escaped(cut)}'"


def escaped(text: str) -> str:
    """Return `text` with every character that is not printable escaped (a message that names
    a template's parts, whose names the template chose)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escaped(ch) for ch in text)


def listed(names: Sequence[str], most: int = LISTED) -> str:
    """Return the first `most` names shown and joined, and how many more there are."""
    out = ", ".join(shown(name) for name in names[:most])
    return out + (f" and {len(names) - most} more" if len(names) > most else "")


def _escaped(ch: str) -> str:
    """Return a code point written as an escape: \\u202e, \\x07, \\U000e0001."""
    cp = ord(ch)
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"
