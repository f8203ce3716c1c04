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
CJK_REGIONS = ("zh-Hans", "zh-Hant", "ja", "ko")


def region_of_language(tag: str) -> str:
    """Return the CJK region of a BCP 47 tag ('zh-Hans', 'zh-Hant', 'ja', 'ko'), or '': the
    catalogue the tag is matched to (zh-TW and zh-HK are Traditional), when it is a CJK one."""
    from generator.words.tags import LanguageError, match

    try:
        catalogue = match(tag).catalogue
    except LanguageError:
        return ""  # no language, or one without words of ours: no CJK region either
    return catalogue if catalogue in CJK_REGIONS else ""


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
