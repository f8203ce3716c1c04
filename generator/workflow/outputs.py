"""Writing outputs so that work is never lost: temporary file, flush, fsync, then an atomic move."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path
from typing import BinaryIO


class OutputError(OSError):
    """An output that could not be written, with the reason in words."""


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; return False when the file already held these bytes.

    A symlink at `path` is replaced by the new file, never written through.
    """
    if _same_bytes(path, data):
        return False
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        remove_quietly(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
        raise
    return True


def copy_new(source: BinaryIO, target: Path) -> None:
    """Copy what `source` reads to a new file at `target`, atomically (temporary file, fsync,
    then a link that fails when `target` exists): raise FileExistsError rather than replace a file.
    """
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            shutil.copyfileobj(source, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        _link_new(tmp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        remove_quietly(tmp)


def _link_new(tmp: str, target: Path) -> None:
    """Give the finished file `tmp` the name `target` unless that name is taken."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: claim the name first, then fill it from `tmp`.
        with open(target, "xb") as handle, open(tmp, "rb") as finished:
            shutil.copyfileobj(finished, handle)
            handle.flush()
            os.fsync(handle.fileno())


def _same_bytes(path: Path, data: bytes) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_quietly(path: str | Path) -> None:
    """Remove a file if it is there; say nothing if it cannot be."""
    try:
        os.unlink(path)
    except OSError:
        pass


def page_count(suffix: str, data: bytes) -> int | None:
    """Return the slides in a deck or pages in a PDF, without a full parse; None if unknown."""
    if suffix == ".pptx":
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return sum(1 for n in archive.namelist()
                       if n.startswith("ppt/slides/slide") and n.endswith(".xml"))
    if suffix.endswith(".pdf"):  # also "-script.pdf"
        return len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) or None
    return None
