"""The pictures a brief names: speakers' photos and organisations' logos, found under the same
path policy, checked (from their headers only, for `validate`) or made ready to place, each
problem located at the key that names the file, as written there."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Problem
from generator.paths import AssetPathError, AssetPolicy, resolve_asset

if TYPE_CHECKING:
    from generator.brief.load import LoadedBrief
    from generator.story import Picture

Loc = tuple[str | int, ...]
# The brief's keys whose entries are organisations that may name a logo.
ORGANISATIONS = ("hosts", "organizers", "sponsors")


@dataclass(frozen=True)
class Named:
    """A picture a brief names: the key that names it, the path as written, its alt text, and
    whether it is a logo (logos may be SVG) or a photo."""

    loc: Loc
    written: str
    alt: str
    logo: bool


@dataclass
class Found:
    """The pictures found: their files, the pictures made of them, and what was said."""

    files: dict[Loc, Path] = field(default_factory=dict)
    pictures: dict[Loc, Picture] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def photos(self) -> dict[int, Picture]:
        """Return the speakers' photos by speaker index."""
        return {int(loc[1]): p for loc, p in self.pictures.items() if loc[0] == "speakers"}

    def logos(self) -> dict[Loc, Picture]:
        """Return the organisations' logos by their entry's path, ('sponsors', 2)."""
        return {loc[:2]: p for loc, p in self.pictures.items() if loc[0] in ORGANISATIONS}


def named_pictures(loaded: LoadedBrief) -> list[Named]:
    """Return every picture the brief names: speakers' photos, then organisations' logos."""
    brief = loaded.brief
    out = [Named(("speakers", i, "photo"), s.photo,
                 ", ".join(p for p in (s.name, s.title, s.organization) if p), logo=False)
           for i, s in enumerate(brief.speakers) if s.photo]
    for group in ORGANISATIONS:
        out += [Named((group, i, "logo"), party.logo, party.name, logo=True)
                for i, party in enumerate(getattr(brief, group)) if party.logo]
    return out


def find_pictures(loaded: LoadedBrief, policy: AssetPolicy, decode: bool) -> Found:
    """Return the brief's pictures found under `policy` and checked (made ready to place with
    `decode`), a problem for each that may not or cannot be used, and a warning for each that
    opened only under another letter case."""
    found = Found()
    for named in named_pictures(loaded):
        notes: list[str] = []
        try:
            found.files[named.loc] = resolve_asset(named.written, loaded.path.parent, policy, notes)
        except AssetPathError as exc:
            found.problems.append(_problem(loaded, named, exc))
        found.warnings += [loaded.problem(named.loc, note, "warning") for note in notes]
    for named in named_pictures(loaded):
        if named.loc in found.files:
            _load(loaded, named, found, decode)
    return found


def _load(loaded: LoadedBrief, named: Named, found: Found, decode: bool) -> None:
    """Check one found picture, and make it ready to place with `decode`."""
    from generator.images import PictureError
    from generator.pictures import check_logo, check_picture, load_logo, load_picture

    path = found.files[named.loc]
    try:
        if not decode:
            (check_logo if named.logo else check_picture)(path)
        else:
            found.pictures[named.loc] = (load_logo if named.logo else load_picture)(path, named.alt)
    except (AssetPathError, PictureError, OSError) as exc:
        found.problems.append(_problem(loaded, named, exc))


def _problem(loaded: LoadedBrief, named: Named, exc: Exception) -> Problem:
    """Return a located problem for a picture, naming the file as the brief writes it."""
    if isinstance(exc, OSError) and not isinstance(exc, AssetPathError):
        text = f"'{named.written}' cannot be read: {exc.strerror}"
    else:
        text = str(exc) if str(exc).startswith("'") else f"'{named.written}' {exc}"
    return loaded.problem(named.loc, text, "error")
