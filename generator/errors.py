"""Located problems: what went wrong, and where, in the words a compiler would use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at a line and column (1-based; 0 means unknown)."""

    path: str
    line: int
    col: int
    message: str
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        """Return the problem as `path:line:col: message`."""
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class InputError(Exception):
    """The user's input is wrong; carries every problem found, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path | str) -> str:
    """Return `path` relative to the current folder when it lies inside it, else as given."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
