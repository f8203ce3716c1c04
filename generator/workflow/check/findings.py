"""Findings of `briefgen check` and how they are told: one line each, or a JSON array for CI."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem of one deck (or brief): where it is, which rule found it, and how bad it is.

    `slide` is 0 for a problem of the whole file; `shape` names the shape as the line shows it
    ('' for a problem of the whole slide); `line` and `col` place a brief's problems.
    """

    deck: str
    slide: int
    shape: str
    rule: str
    severity: str
    message: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        """Return the finding as one line: `deck.pptx: slide 4: 'Lu Liang' photo: no alt text`."""
        where = f"{self.deck}:{self.line}:{self.col or 1}" if self.line else self.deck
        parts = [where]
        if self.slide:
            parts.append(f"slide {self.slide}")
        if self.severity == WARNING:
            parts.append("warning")
        if self.shape:
            parts.append(self.shape)
        return ": ".join([*parts, self.message])


def as_lines(findings: list[Finding]) -> str:
    """Return the findings one per line, in file, slide and shape order."""
    return "\n".join(str(f) for f in findings)


def as_json(findings: list[Finding]) -> str:
    """Return the findings as a JSON array of objects, one per finding."""
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)


def has_errors(findings: list[Finding]) -> bool:
    """Return True when any finding is an error (the command then exits 1)."""
    return any(f.severity == ERROR for f in findings)
