"""Writing outputs so that work is never lost: temporary file, flush, fsync, then an atomic move."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

STATE_DIR = ".briefgen"


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
        _remove_quietly(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
        raise
    return True


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


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def inputs_digest(files: tuple[Path, ...], extra: str) -> str:
    """Return a hash of the inputs' bytes, their names, and `extra` (version, formats, options)."""
    digest = hashlib.sha256(extra.encode())
    for file in files:
        digest.update(str(file).encode() + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def _state_file(out_dir: Path, stem: str) -> Path:
    return out_dir / STATE_DIR / f"{stem}.json"


def current_outputs(out_dir: Path, stem: str, digest: str) -> list[Path] | None:
    """Return the outputs recorded for inputs with this digest if they are all still in place."""
    try:
        state = json.loads(_state_file(out_dir, stem).read_text())
    except (OSError, ValueError):
        return None
    sizes = state.get("sizes") if isinstance(state, dict) else None
    if state.get("digest") != digest or not isinstance(sizes, dict) or not sizes:
        return None
    outputs = [out_dir / str(name) for name in sizes]
    intact = all(p.is_file() and not p.is_symlink() and p.stat().st_size == sizes[p.name]
                 for p in outputs)
    return outputs if intact else None


def remember(out_dir: Path, stem: str, digest: str, outputs: list[Path], brief_text: str = "") -> None:
    """Record that `outputs` were built from inputs with `digest` (best effort)."""
    state = {"digest": digest, "sizes": {p.name: p.stat().st_size for p in outputs if p.is_file()},
             "brief": _text_digest(brief_text)}
    try:
        write_atomic(_state_file(out_dir, stem), json.dumps(state, indent=1).encode())
    except OutputError:
        pass  # skipping unchanged briefs is an optimisation; failing to record it is harmless


def brief_as_recorded(out_dir: Path, stem: str, brief_text: str) -> bool:
    """Return True when the brief's text is what its last recorded build read: the build will
    most likely be skipped (only a guess; the inputs digest decides)."""
    try:
        state = json.loads(_state_file(out_dir, stem).read_text())
    except (OSError, ValueError):
        return False
    return isinstance(state, dict) and state.get("brief") == _text_digest(brief_text)


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def forget(out_dir: Path, stem: str) -> None:
    """Drop the record for a brief, so its next build is not skipped."""
    _remove_quietly(str(_state_file(out_dir, stem)))


def page_count(suffix: str, data: bytes) -> int | None:
    """Return the slides in a deck or pages in a PDF, without a full parse; None if unknown."""
    if suffix == ".pptx":
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return sum(1 for n in archive.namelist()
                       if n.startswith("ppt/slides/slide") and n.endswith(".xml"))
    if suffix == ".pdf":
        return len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) or None
    return None
