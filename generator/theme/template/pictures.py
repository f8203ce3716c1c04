"""Pictures inside a template, judged before a deck carries them: a picture whose header states
more pixels than a photo may have refuses the template; one whose size cannot be told from its
header, and an SVG drawing that calls out (a link to a file or server) or runs script, are left
out of the deck with a warning. No picture is decoded here."""

from __future__ import annotations

from generator.ooxml.parse import PackageError

# SVG elements that run code or embed another document: never in a deck.
_SVG_ACTIVE = frozenset({"script", "foreignObject", "iframe", "handler"})


def picture_problem(data: bytes, part: str, content: str) -> str:
    """Return why picture `part` (of content type `content`) is left out ('' when it is kept),
    or raise PackageError when it states more pixels than a picture may have."""
    from generator.images import MAX_PIXELS, stated_size

    if content == "image/svg+xml" or data.lstrip()[:5] in (b"<svg ", b"<?xml"):
        return _svg_problem(data, part)
    size = stated_size(data)
    if size is None:
        return f"{part} is a picture whose size its header does not state ({content or 'no type'})"
    if size[0] * size[1] > MAX_PIXELS:
        raise PackageError(f"too large: {part} is a picture of {size[0]}x{size[1]} pixels; a "
                           f"picture may have at most {MAX_PIXELS // 1_000_000} megapixels")
    return ""


def _svg_problem(data: bytes, part: str) -> str:
    """Return why SVG drawing `part` is left out: not XML the hardened parser takes, a link to
    anything but a place inside itself, or script ('' when it is kept)."""
    from generator.ooxml.parse import parse_part

    try:
        root = parse_part(data, part)
    except PackageError as exc:
        return str(exc).partition(": ")[2] or str(exc)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if str(element.tag).rpartition("}")[2] in _SVG_ACTIVE:
            return f"{part} is an SVG drawing that runs script or embeds a document"
        for attr, value in element.items():
            local = str(attr).rpartition("}")[2]
            if (local == "href" and not value.startswith("#")) or "url(" in value.replace(
                    "url(#", ""):
                return f"{part} is an SVG drawing that refers to files or servers outside it"
        if element.text and "url(" in element.text.replace("url(#", "") or (
                element.text and "@import" in element.text):
            return f"{part} is an SVG drawing that refers to files or servers outside it"
    return ""
