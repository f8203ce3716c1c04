"""ToUnicode maps without U+0000: PDF/UA-1 forbids mapping a code to it.

ReportLab's maps for subset TrueType fonts give every unused code of a subset U+0000; those
lines are left out, so that only the codes drawn map to text.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import pikepdf

# One `<code> <0000>` line of a bfchar block, and the count that opens each block.
_NULL_LINE = re.compile(rb"^<[0-9A-Fa-f]+> <0000>\r?\n", re.MULTILINE)
_BLOCK = re.compile(rb"(\d+) beginbfchar\r?\n(.*?)endbfchar", re.DOTALL)


def repair_maps(pdf: pikepdf.Pdf) -> None:
    """Leave the U+0000 entries out of every ToUnicode map the pages' fonts use."""
    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        for font in (fonts.values() if fonts is not None else ()):
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in done:
                continue
            done.add(cmap.objgen)
            data = cmap.read_bytes()
            if b"<0000>" in data:
                cmap.write(_compressed_repair(data), filter=pikepdf.Name.FlateDecode)


@lru_cache(maxsize=64)  # a rebuild draws the same subsets: their maps are repaired once
def _compressed_repair(data: bytes) -> bytes:
    """Return the repaired map of `data`, Flate-compressed."""
    return zlib.compress(repaired(data))


def repaired(data: bytes) -> bytes:
    """Return a CMap's text with its `<code> <0000>` lines left out and block counts fixed."""
    def block(match: re.Match[bytes]) -> bytes:
        """Return one bfchar block without its null lines, counted again."""
        body = _NULL_LINE.sub(b"", match.group(2))
        count = len(body.splitlines())
        return b"%d beginbfchar\n%sendbfchar" % (count, body)

    return _BLOCK.sub(block, data)
