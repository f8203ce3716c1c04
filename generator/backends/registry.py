"""Find backends through the `briefgen.backends` entry-point group, importing only what is used."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "briefgen.backends"
# The formats this package registers (as in pyproject.toml; a test keeps them equal). A renderer
# starts importing one of these before the installed entry points have been read (~25 ms).
BUILT_IN = {
    "pptx": "generator.backends.deck:DeckBackend",
    "pdf": "generator.backends.handout:HandoutBackend",
    "md": "generator.backends.markdown:MarkdownBackend",
}


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
    return instantiate(name, claim.entry_point.value, claim.distribution)


def instantiate(name: str, target: str, distribution: str):
    """Return an instance of the backend class at `target` ('module:Class'), or raise BackendError."""
    module_name, _, attribute = target.split("[")[0].strip().partition(":")
    try:
        found = import_module(module_name)
        for part in filter(None, attribute.split(".")):
            found = getattr(found, part)
        return found()
    except Exception as exc:  # a broken plugin must not take the whole tool down
        raise BackendError(f"backend '{name}' from {distribution} cannot be loaded: {exc}") from None
