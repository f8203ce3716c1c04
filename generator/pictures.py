"""Pictures named in a brief or theme: checked, bounded and normalised once for every backend."""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from generator.paths import read_capped
from generator.story import Picture

if TYPE_CHECKING:
    from PIL import Image

MAX_FILE_BYTES = 20_000_000
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is plenty; bigger is refused before decoding
LONGEST_SIDE = 1600  # photos are scaled down to this so decks stay small
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


def check_picture(path: Path) -> None:
    """Raise PictureError (or AssetPathError) unless the file's header is a usable JPEG or PNG;
    the picture is not decoded (what `validate` needs, without importing Pillow)."""
    data = read_capped(path, MAX_FILE_BYTES)
    kind = sniff(data[:512])
    _check_pixels(header_size(data, kind))


def load_picture(path: Path, alt: str) -> Picture:
    """Return the picture at `path` upright, scaled to a sensible size, as PNG or JPEG bytes."""
    data = read_capped(path, MAX_FILE_BYTES)
    kind = sniff(data[:512])
    _check_pixels(header_size(data, kind))
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns about big images; the pixel cap below is the stricter, quieter rule.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
        with image:
            _check_pixels(image.size)
            image.load()
            upright = ImageOps.exif_transpose(image)
            return _normalised(upright, kind, alt)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, PictureError):
            raise
        raise PictureError(f"cannot be read as {kind}: {exc}") from None
    except Image.DecompressionBombError:
        raise PictureError("is too many pixels to open safely") from None


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


def _check_pixels(size: tuple[int, int] | None) -> None:
    """Raise PictureError when a picture's stated size is empty or over MAX_PIXELS."""
    if size is None:
        return
    width, height = size
    if width * height > MAX_PIXELS or width <= 0 or height <= 0:
        raise PictureError(f"is {width}x{height} pixels; the limit is "
                           f"{MAX_PIXELS // 1_000_000} megapixels")


def _normalised(image: Image.Image, kind: str, alt: str) -> Picture:
    """Return the image re-encoded without metadata, no larger than LONGEST_SIDE."""
    from PIL import Image

    if max(image.size) > LONGEST_SIDE:
        image = image.copy()
        image.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    data = out.getvalue()
    return Picture(data, image.size[0], image.size[1], kind.lower(), alt,
                   hashlib.sha256(data).hexdigest()[:16])
