"""What a picture is and how large, read from its first bytes without decoding it (and without
Pillow): shared by the photos and logos a brief names and the pictures inside templates."""

from __future__ import annotations

import struct

MAX_PIXELS = 40_000_000  # a 40-megapixel photo is plenty; bigger is refused before decoding
# Start-of-frame markers (baseline, progressive, lossless, ...) that state a JPEG's size.
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
}



class PictureError(ValueError):
    """A picture that cannot be used, and why."""


def sniff(head: bytes) -> str:
    """Return 'PNG' or 'JPEG' from a file's first bytes, or raise PictureError naming the type."""
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    lowered = head[:256].lstrip().lower()
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise PictureError("is a WebP image; save it as JPEG or PNG")
    if lowered.startswith((b"<svg", b"<?xml")) or b"<svg" in lowered:
        raise PictureError("is an SVG drawing; export it as PNG")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        raise PictureError("is a GIF image; save it as JPEG or PNG")
    raise PictureError("is not a JPEG or PNG image")


def header_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """Return (width, height) as a PNG or JPEG header states it, without decoding; None if unclear."""
    if kind == "PNG":
        if len(data) >= 24 and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        return None
    index = 2
    while index + 9 <= len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte before a marker
            index += 1
            continue
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            index += 2
            continue
        index += 2 + struct.unpack(">H", data[index + 2 : index + 4])[0]
    return None


def stated_size(data: bytes) -> tuple[int, int] | None:
    """Return (width, height) as a PNG, JPEG or GIF header states it; None for other formats or
    when the header does not say."""
    if data[:6] in (b"GIF87a", b"GIF89a"):
        if len(data) < 10:
            return None
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    try:
        return header_size(data, sniff(data[:512]))
    except PictureError:
        return None
