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


def ua_failures(data: bytes) -> list[str]:
    """Return the PDF/UA-1 rules page-validation finds failed, each 'RULE-ID: message'."""
    import page

    # A script of hundreds of slides has as many bookmarks, which PDF chains by /Next: deeper
    # than page-validation follows by default (256), a safety limit and not a PDF/UA rule.
    limits = page.SafetyLimits(max_reference_depth=4096)
    report = page.validate_pdf_bytes(data, profile=page.ValidationProfile.PDF_UA_1, limits=limits)
    return [f"{failure.rule_id}: {failure.message}" for failure in report.failures]


def pdfua_problems(data: bytes, folder) -> list[str]:
    """Return pdfua's findings on the PDF `data` and the rules it could not evaluate on it."""
    import pdfua

    path = folder / "checked.pdf"
    path.write_bytes(data)
    report = pdfua.validate(str(path))
    return ([f"{f.rule_id}: {f.message}" for f in report.findings]
            + [f"{o.rule_id} not evaluated: {o.skipped_reason}" for o in report.skipped])


def structure(data: bytes) -> list[tuple[int, str, dict[str, str]]]:
    """Return the structure tree of a tagged PDF in reading order: (depth, role, entries) for
    each element, the entries its /Alt, /Lang and /A keys as text, and 'objr' when it holds an
    annotation."""
    import pikepdf

    found: list[tuple[int, str, dict[str, str]]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        def walk(element, depth: int) -> None:
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            entries = {key: str(element[key]) for key in ("/Alt", "/Lang") if key in element}
            entries.update({key: str(value) for key, value in element.get("/A", {}).items()})
            if any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR" for k in kids):
                entries["objr"] = "yes"
            found.append((depth, str(element.S).lstrip("/"), entries))
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/OBJR", "/MCR"):
                    walk(kid, depth + 1)

        root = pdf.Root.StructTreeRoot.K
        for element in (list(root) if isinstance(root, pikepdf.Array) else [root]):
            walk(element, 0)
    return found


def drawn_pieces(data: bytes, number: int = 0) -> dict[str, list[dict]]:
    """Return what pdfplumber finds drawn on page `number`: its 'words', 'images' and vector
    'curves' and 'rects', each with its box (x0, x1, top, bottom from the page's top)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[number]
        return {"words": page.extract_words(), "images": list(page.images),
                "curves": list(page.curves), "rects": list(page.rects)}
