"""Pictures named in a brief or theme: checked, bounded and normalised once for every backend."""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from generator.images import MAX_PIXELS, PictureError, header_size, sniff
from generator.paths import read_capped
from generator.story import Picture

if TYPE_CHECKING:
    from PIL import Image

MAX_FILE_BYTES = 20_000_000
LONGEST_SIDE = 1600  # photos are scaled down to this so decks stay small


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


def check_logo(path: Path) -> None:
    """Raise PictureError unless the file is a usable JPEG or PNG (from its header) or an SVG
    that a build would draw: checked as the build checks it (the hardened parser, no script or
    outside reference, a size), though not drawn (what `validate` needs)."""
    from generator.svg import canvas_size, check_svg, is_svg

    data = read_capped(path, MAX_FILE_BYTES)
    if is_svg(data[:1024]):
        canvas_size(check_svg(data))
        return
    check_picture(path)


def load_logo(path: Path, alt: str) -> Picture:
    """Return an organisation's logo ready to place: a JPEG or PNG normalised like a photo, or
    an SVG checked and written again (format 'svg', its canvas size in CSS pixels)."""
    from generator.svg import canvas_size, check_svg, clean_bytes, is_svg

    data = read_capped(path, MAX_FILE_BYTES)
    if not is_svg(data[:1024]):
        return load_picture(path, alt)
    root = check_svg(data)
    width, height = canvas_size(root)
    clean = clean_bytes(root)
    return Picture(clean, width, height, "svg", alt, hashlib.sha256(clean).hexdigest()[:16])
