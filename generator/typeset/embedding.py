"""Which of a document's fonts would travel without their glyphs, and what to install instead.

A PDF that names a font without embedding it is drawn with whatever the reader's viewer has:
a phone or printer without an Asian font pack shows boxes. fonts.py embeds wherever it can;
this module finds the texts it could not, so the build can say which package fixes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from generator.theme.model import Typeface
from generator.typeset import cjk_faces, fonts

Place = TypeVar("Place")
# The CID fonts by the script they stand in for, and the package whose face would be embedded.
_CID_REGION = {"STSong-Light": "zh-Hans", "HeiseiKakuGo-W5": "ja", "HYGothic-Medium": "ko"}
LATIN_PACKAGE = "fonts-liberation2"


def unembedded(fields: Iterable[tuple[Place, str]], faces: Iterable[Typeface],
               region: str = "") -> list[tuple[Place, str]]:
    """Return (place, warning) for the first field drawn with each font that is not embedded,
    in a document whose language's CJK region is `region`."""
    fields, faces = list(fields), tuple(dict.fromkeys(faces))
    if not fields:
        return []
    out: list[tuple[Place, str]] = []
    warned: set[str] = set()
    for face in faces:
        for bold in (False, True):
            main = fonts.face_font(face, bold)
            if fonts.embedded(main) == main and main in fonts.standard_names() and main not in warned:
                warned.add(main)  # the face draws every field: the first one stands for all
                out.append((fields[0][0], _latin_message(main)))
    for place, text in fields:
        if text.isascii():
            continue
        for font in sorted(_cid_fonts(text, faces, region) - warned):
            warned.add(font)
            out.append((place, _cjk_message(font, text, region)))
    return out


def _cid_fonts(text: str, faces: tuple[Typeface, ...], region: str) -> set[str]:
    """Return the CID fonts (never embedded) that would draw part of `text` in `faces`."""
    han = fonts.han_script(text, region)
    used = {fonts.font_for(ch, face, bold, han=han) for face in faces for bold in (False, True)
            for ch in set(text) if fonts.cjk_script(ch)}
    return {font for font in used if font in _CID_REGION}


def _latin_message(font: str) -> str:
    """Return the warning for a standard face drawn without its embeddable twin."""
    return (f"the PDF names {font} without embedding it, so each reader substitutes a font "
            f"of its own; install {LATIN_PACKAGE} (Liberation Sans, Serif and Mono) to embed "
            "its metric twin")


def _cjk_message(font: str, text: str, region: str) -> str:
    """Return the warning for CJK text left to a CID font, naming the package to install."""
    han = fonts.han_script(text, region)
    tag = han if _CID_REGION[font] == "zh-Hans" and han.startswith("zh") else _CID_REGION[font]
    wanted = cjk_faces.REGIONS[tag]
    return (f"no embeddable {wanted.name} font is installed, so the PDF names {font} without "
            "embedding it and a reader without an Asian font pack sees empty boxes; install "
            f"{wanted.package} to embed one")
