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
    """Return (width, height) as a PNG, JPEG, GIF, BMP, TIFF or WebP header states it (an EMF's
    or placeable WMF's bounds, in device units); None for other formats or when the header does
    not say."""
    for reader in (_gif_size, _bmp_size, _tiff_size, _webp_size, _emf_size, _wmf_size):
        size = reader(data)
        if size is not None:
            return size
    try:
        return header_size(data, sniff(data[:512]))
    except PictureError:
        return None


def _gif_size(data: bytes) -> tuple[int, int] | None:
    """Return a GIF's logical screen size, or None when `data` is not a GIF."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 10:
        return None
    return _le(data, 6, 2), _le(data, 8, 2)


def _bmp_size(data: bytes) -> tuple[int, int] | None:
    """Return a BMP's size (either header; a negative height means top-down rows)."""
    if data[:2] != b"BM" or len(data) < 26:
        return None
    if _le(data, 14, 4) == 12:  # the old OS/2 header: 16-bit sizes
        return _le(data, 18, 2), _le(data, 20, 2)
    width, height = struct.unpack("<ii", data[18:26])
    return abs(width), abs(height)


def _tiff_size(data: bytes) -> tuple[int, int] | None:
    """Return a TIFF's first image's size from its first directory's width and length tags."""
    order = {b"II*\0": "<", b"MM\0*": ">"}.get(data[:4])
    if order is None or len(data) < 8:
        return None
    offset = struct.unpack(order + "I", data[4:8])[0]
    if offset + 2 > len(data):
        return None
    count = struct.unpack(order + "H", data[offset:offset + 2])[0]
    found: dict[int, int] = {}
    for entry in range(offset + 2, min(offset + 2 + 12 * count, len(data) - 11), 12):
        tag, kind = struct.unpack(order + "HH", data[entry:entry + 4])
        if tag in (256, 257) and kind in (3, 4):
            value = data[entry + 8:entry + 12]
            found[tag] = struct.unpack(order + ("H" if kind == 3 else "I"), value[:2 if kind == 3 else 4])[0]
    return (found[256], found[257]) if len(found) == 2 else None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    """Return a WebP's canvas size (lossy, lossless or extended), or None."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP" or len(data) < 30:
        return None
    chunk = data[12:16]
    if chunk == b"VP8 ":
        return _le(data, 26, 2) & 0x3FFF, _le(data, 28, 2) & 0x3FFF
    if chunk == b"VP8L":
        bits = _le(data, 21, 4)
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    if chunk == b"VP8X":
        return 1 + _le(data, 24, 3), 1 + _le(data, 27, 3)
    return None


def _emf_size(data: bytes) -> tuple[int, int] | None:
    """Return an EMF's bounds in device units from its header record, or None."""
    if len(data) < 44 or _le(data, 0, 4) != 1 or data[40:44] != b" EMF":
        return None
    left, top, right, bottom = struct.unpack("<iiii", data[8:24])
    return abs(right - left) + 1, abs(bottom - top) + 1


def _wmf_size(data: bytes) -> tuple[int, int] | None:
    """Return a placeable WMF's bounds in its logical units, or None."""
    if len(data) < 14 or data[:4] != b"\xd7\xcd\xc6\x9a":
        return None
    left, top, right, bottom = struct.unpack("<hhhh", data[6:14])
    return abs(right - left), abs(bottom - top)


def _le(data: bytes, start: int, length: int) -> int:
    """Return the little-endian unsigned number of `length` bytes at `start`."""
    return int.from_bytes(data[start:start + length], "little")
