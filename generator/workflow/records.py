"""What the last build of each brief made, so a build whose result would be the same is skipped.

A record lives beside the outputs (`OUT/.briefgen/<name>.json`): the digest of what the outputs
were drawn from, each output's size, the SHA-256 of each output's bytes as written
(`written_digests`, by file name: a file on disk whose digest differs was changed after the build
wrote it), a digest of the brief's text, and the brief's path (`source`, where `pull` finds it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.workflow.outputs import OutputError, remove_quietly, write_atomic

STATE_DIR = ".briefgen"


def bytes_digest(data: bytes) -> str:
    """Return the SHA-256 of bytes, hex (the digest `written_digests` keeps of each output)."""
    return hashlib.sha256(data).hexdigest()


def text_digest(text: str) -> str:
    """Return the SHA-256 of a text, hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class BuildRecord:
    """The record of one brief's last build in one output folder."""

    def __init__(self, out_dir: Path, stem: str):
        self.out_dir = out_dir
        self.file = out_dir / STATE_DIR / f"{stem}.json"

    def _state(self) -> dict[str, Any]:
        try:
            state = json.loads(self.file.read_text())
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def read_same_text(self, brief_text: str) -> bool:
        """Return True when the brief's text is what its last recorded build read (a hint that
        the build will be skipped; only `is_current` decides)."""
        return self._state().get("brief") == text_digest(brief_text)

    def is_current(self, digest: str) -> bool:
        """Return True when the last build drew from `digest` and its outputs are all intact."""
        state = self._state()
        sizes = state.get("sizes")
        if state.get("digest") != digest or not isinstance(sizes, dict) or not sizes:
            return False
        outputs = [self.out_dir / str(name) for name in sizes]
        return all(p.is_file() and not p.is_symlink() and p.stat().st_size == sizes[p.name]
                   for p in outputs)

    def written_digests(self) -> dict[str, str]:
        """Return the SHA-256 (hex) of each output as the last recorded build wrote it, by file
        name (`sample.pptx`); empty when there is no record or it predates these digests."""
        found = self._state().get("written_digests")
        if not isinstance(found, dict):
            return {}
        return {str(name): value for name, value in found.items()
                if isinstance(value, str) and len(value) == 64}

    def written_digest(self, output: Path) -> str | None:
        """Return the SHA-256 (hex) of `output` as the last recorded build wrote it, if known."""
        return self.written_digests().get(output.name)

    def recorded_size(self, output: Path) -> int | None:
        """Return the size of `output` in a record that predates `written_digests` (the only
        sign left there that briefgen wrote it), else None."""
        state = self._state()
        sizes = state.get("sizes")
        if "written_digests" in state or not isinstance(sizes, dict):
            return None
        size = sizes.get(output.name)
        return size if isinstance(size, int) else None

    def source(self) -> Path | None:
        """Return the path of the brief the last recorded build read, if the record keeps it."""
        found = self._state().get("source")
        return Path(found) if isinstance(found, str) and found else None

    def carrying(self) -> set[str]:
        """Return the outputs (by file name) that hold edits the brief does not: decks a merge
        (`build --keep-edits`) wrote with edits kept from the deck before."""
        found = self._state().get("carrying")
        return {str(name) for name in found} if isinstance(found, list) else set()

    def remember(self, digest: str, outputs: list[Path], brief_text: str,
                 written_digests: Mapping[str, str] | None = None, source: Path | None = None,
                 carrying: Iterable[str] = ()) -> None:
        """Record that `outputs` were drawn from `digest`, with each output's digest as written
        (by file name), the brief's path and the outputs that carry edits, best effort."""
        state: dict[str, Any] = {
            "digest": digest, "sizes": {p.name: p.stat().st_size for p in outputs if p.is_file()},
            "brief": text_digest(brief_text),
            "written_digests": dict(sorted((written_digests or {}).items()))}
        if source is not None:
            state["source"] = str(source.resolve())
        if carrying:
            state["carrying"] = sorted(carrying)
        self._write(state)

    def hand_over(self, output: Path, digest: str) -> bool:
        """Record `digest` as what was written at `output` (its edits are now in the brief, so
        the edit guard lets the next build replace it) and forget the drawing digest (the file
        is not what the build drew); return False when there is no record of `output`."""
        state = self._state()
        written = state.get("written_digests")
        if not isinstance(written, dict) or output.name not in written:
            return False
        written[output.name] = digest
        state["digest"] = ""
        carrying = state.get("carrying")
        if isinstance(carrying, list) and output.name in carrying:
            carrying.remove(output.name)
        return self._write(state)

    def _write(self, state: dict[str, Any]) -> bool:
        """Write the record atomically; return False when it could not be written."""
        try:
            write_atomic(self.file, json.dumps(state, indent=1).encode())
        except OutputError:
            return False  # skipping unchanged briefs is an optimisation; failing to record it is harmless
        return True

    def forget(self) -> None:
        """Drop the record, so the next build is not skipped."""
        remove_quietly(self.file)
