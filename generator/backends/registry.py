"""Find backends through the `briefgen.backends` entry-point group, importing only what is used."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from generator.backends.base import Backend

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
    from importlib.metadata import entry_points  # reading the installed packages costs ~25 ms

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


def get_backend(name: str) -> Backend:
    """Return a new instance of the backend for format `name`, or raise BackendError."""
    return _load(_claim(name))()


def _claim(name: str) -> Installed:
    """Return the one installed backend for format `name`, or raise BackendError."""
    claims = _installed().get(name)
    if not claims:
        names = ", ".join(sorted(_installed())) or "none"
        raise BackendError(f"unknown format '{name}'; installed: {names}")
    if len(claims) > 1:
        who = " and ".join(f"{c.entry_point.value} ({c.distribution})" for c in claims)
        raise BackendError(f"format '{name}' is claimed by two backends: {who}; "
                           "uninstall one of them")
    return claims[0]


@cache
def _load(claim: Installed) -> type[Backend]:
    """Return the backend class an entry point names, imported once per process."""
    try:
        found = claim.entry_point.load()
        found()  # a class that cannot even be made is as broken as one that cannot be imported
    except Exception as exc:  # a broken plugin must not take the whole tool down
        raise BackendError(f"backend '{claim.name}' from {claim.distribution} cannot be loaded: "
                           f"{exc}") from None
    return found  # type: ignore[no-any-return]
