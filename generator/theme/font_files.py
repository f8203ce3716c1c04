"""Check a TrueType file before anything tries to embed it: signature and table directory."""

from __future__ import annotations

import struct
from pathlib import Path

MAX_FONT_BYTES = 30_000_000
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_REQUIRED = {b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp"}


class FontFileError(ValueError):
    """A font file that cannot be embedded, and why."""


def check_truetype(path: Path) -> None:
    """Raise FontFileError unless `path` is a complete TrueType-outline font file."""
    size = path.stat().st_size
    if size > MAX_FONT_BYTES:
        raise FontFileError(f"is {size / 1e6:.0f} MB; fonts are limited to {MAX_FONT_BYTES // 1_000_000} MB")
    with open(path, "rb") as handle:
        head = handle.read(12)
        if head[:4] == b"OTTO":
            raise FontFileError("is an OpenType font with CFF outlines; only TrueType outlines "
                                "can be embedded (use the .ttf version of the font)")
        if head[:4] not in _TRUETYPE or len(head) < 12:
            raise FontFileError("is not a TrueType font")
        (count,) = struct.unpack(">H", head[4:6])
        directory = handle.read(16 * count)
    if len(directory) < 16 * count:
        raise FontFileError("is cut short (its table directory is incomplete)")
    tags = set()
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack(">4sIII", directory[16 * index: 16 * index + 16])
        if offset + length > size:
            raise FontFileError(f"is cut short (its '{tag.decode('latin-1')}' table runs past the end)")
        tags.add(tag)
    missing = _REQUIRED - tags
    if missing:
        names = ", ".join(sorted(t.decode("latin-1") for t in missing))
        raise FontFileError(f"lacks the tables every TrueType font has ({names})")
