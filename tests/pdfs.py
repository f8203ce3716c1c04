"""What a PDF shows a reader, read back with pypdf: the checks the handout and script tests share."""

from __future__ import annotations

import io

import pypdf


def font_objects(data: bytes) -> list[dict]:
    """Return the font dictionaries every page of a PDF uses."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get("/Font")
        found += [font.get_object() for font in (fonts.get_object().values() if fonts else ())]
    return found


def font_names(data: bytes) -> set[str]:
    """Return the base names of the fonts a PDF draws with, without subset tags ('IPAexGothic')."""
    return {str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1] for font in font_objects(data)}


def unembedded_fonts(data: bytes) -> set[str]:
    """Return the base names of the fonts a PDF names without embedding them."""
    missing = set()
    for font in font_objects(data):
        described = font
        if "/DescendantFonts" in font:
            described = font["/DescendantFonts"][0].get_object()
        descriptor = described.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            missing.add(str(font["/BaseFont"]))
    return missing
