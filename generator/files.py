"""Reading an input file's text: a regular file, under a size cap, valid UTF-8.

Kept apart from the YAML loader so a build can read its brief before importing anything heavy.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import InputError, Problem, display_path

MAX_BYTES = 1_000_000


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Return the file's text: a regular file, under the size cap, valid UTF-8, BOM dropped."""
    shown = display_path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError([Problem(shown, 0, 0, "no such file")]) from None
    except OSError as exc:
        raise InputError([Problem(shown, 0, 0, f"cannot read: {exc.strerror}")]) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError([Problem(shown, 0, 0, "not a regular file")])
    if info.st_size > max_bytes:
        size = f"{info.st_size / 1e6:.1f} MB"
        raise InputError([Problem(shown, 0, 0, f"file is {size}; the limit is {_mb(max_bytes)}")])
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError([Problem(shown, 0, 0, f"cannot read: {exc.strerror}")]) from None
    if len(data) > max_bytes:
        raise InputError([Problem(shown, 0, 0, f"file is over the {_mb(max_bytes)} limit")])
    return decode(data, shown)


def _mb(size: int) -> str:
    return f"{size / 1e6:g} MB"


def decode(data: bytes, shown: str) -> str:
    """Return UTF-8 `data` as text, or raise naming the line and column of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        head = data[:start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        bad = data[start : start + 1].hex()
        msg = f"byte 0x{bad} is not UTF-8; save the file as UTF-8"
        raise InputError([Problem(shown, line, col, msg)]) from None
