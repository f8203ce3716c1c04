"""Find backends through the `briefgen.backends` entry-point group, importing only what is used."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import EntryPoint, entry_points

GROUP = "briefgen.backends"


class BackendError(ValueError):
    """A format that is unknown, claimed twice, or whose backend cannot be loaded."""


@dataclass(frozen=True)
class Installed:
    """A backend that is installed: its format name, entry point and distribution."""

    name: str
    entry_point: EntryPoint
    distribution: str


@cache
def _installed() -> dict[str, list[Installed]]:
    found: dict[str, list[Installed]] = {}
    for ep in entry_points(group=GROUP):
        dist = ep.dist.name if ep.dist is not None else "unknown"
        found.setdefault(ep.name, [])
        if all(i.entry_point.value != ep.value for i in found[ep.name]):
            found[ep.name].append(Installed(ep.name, ep, dist))
    return found


def available() -> list[Installed]:
    """Return every installed backend, sorted by format name (claims of one name included)."""
    return [i for name in sorted(_installed()) for i in _installed()[name]]


def check_format(name: str) -> Installed:
    """Return the one installed backend for format `name` without importing it; else raise."""
    claims = _installed().get(name)
    if not claims:
        names = ", ".join(sorted(_installed())) or "none"
        raise BackendError(f"unknown format '{name}'; installed: {names}")
    if len(claims) > 1:
        who = " and ".join(f"{c.entry_point.value} ({c.distribution})" for c in claims)
        raise BackendError(f"format '{name}' is claimed by two backends: {who}; "
                           "uninstall one of them")
    return claims[0]


def get_backend(name: str):
    """Return an instance of the backend for format `name`, or raise BackendError."""
    claim = check_format(name)
    try:
        cls = claim.entry_point.load()
    except Exception as exc:  # a broken plugin must not take the whole tool down
        raise BackendError(f"backend '{name}' from {claim.distribution} cannot be "
                           f"loaded: {exc}") from None
    return cls()
