"""`briefgen new`: a commented starter brief that validates as written."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path


def starter_text() -> str:
    """Return the starter brief's text."""
    return files("generator.brief").joinpath("starter.yaml").read_text(encoding="utf-8")


def write_starter(path: Path) -> None:
    """Write the starter brief to `path`; raise FileExistsError rather than overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(starter_text())
