"""The language a document is written in, for the glyph forms of Han characters.

The same Han character is drawn differently in Simplified and Traditional Chinese, Japanese and
Korean. Kana or hangul in a text say which it is; text with neither takes the document's
language, set here for the duration of one render. Importing this module imports no font
library, so a render that draws no text pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_REGION: ContextVar[str] = ContextVar("han_region", default="")
_TRADITIONAL = ("hant", "tw", "hk", "mo")


def region_of_language(tag: str) -> str:
    """Return the CJK region of a BCP 47 tag ('zh-Hans', 'zh-Hant', 'ja', 'ko'), or ''."""
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] == "zh":
        return "zh-Hant" if any(p in _TRADITIONAL for p in parts[1:]) and "hans" not in parts else "zh-Hans"
    return parts[0] if parts[0] in ("ja", "ko") else ""


def document_region() -> str:
    """Return the CJK region of the document being drawn, or '' when it is in no CJK language."""
    return _REGION.get()


@contextmanager
def writing(tag: str) -> Iterator[None]:
    """Draw in the language `tag` (the brief's) until the block ends."""
    token = _REGION.set(region_of_language(tag or ""))
    try:
        yield
    finally:
        _REGION.reset(token)
