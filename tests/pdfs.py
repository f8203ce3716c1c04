"""What a PDF shows a reader, read back with pypdf and pdfplumber: the checks the handout's and
the script's tests share."""

from __future__ import annotations

import io

import pdfplumber
import pypdf


def reader(data: bytes) -> pypdf.PdfReader:
    """Return a pypdf reader of the PDF `data`."""
    return pypdf.PdfReader(io.BytesIO(data))


def page_text(data: bytes, number: int = 0) -> str:
    """Return the text of page `number` (from 0), in drawing order."""
    return str(reader(data).pages[number].extract_text())


def letter_sizes(data: bytes) -> list[float]:
    """Return the size in points of every visible letter on every page."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [float(ch["size"]) for page in pdf.pages for ch in page.chars if ch["text"].strip()]


def link_uris(data: bytes, number: int = 0) -> list[str]:
    """Return the address of every link annotation on page `number`."""
    uris = []
    for ref in reader(data).pages[number].get("/Annots", []):
        annot = ref.get_object()
        assert annot["/Subtype"] == "/Link"
        uris.append(str(annot["/A"]["/URI"]))
    return uris


def font_objects(data: bytes) -> list[dict]:
    """Return the font dictionaries every page of a PDF uses."""
    found = []
    for page in reader(data).pages:
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
