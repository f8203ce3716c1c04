"""What of a template's package a deck keeps: the parts reached from the presentation, the
relationships whose targets load, the masters and the layouts each master lists that truly
belong to it. The template's reader and the deck's cleaner both follow this, so the layouts
`briefgen template` shows are the ones the deck holds, and no deck carries a dangling `r:id`.

Relationships left out here are of three sorts: those the deck never keeps (outside links,
embedded objects and controls, the template's own slides), those whose target does not load
(outside the package, missing, of the wrong type, or a picture `pictures` leaves out: a warning
each), and the entries of layouts without a valid master (a warning each). References to ids a
part's relationships lack, and later relationships repeating an id, are left out too, with a
warning. Every XML part kept (whatever its extension: .vml too) is parsed. A master without a
theme, a presentation without a master, a master listing more than MAX_LAYOUTS_PER_MASTER
layouts, and any part the deck keeps that the hardened parser refuses, refuse the template.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.ooxml.names import P, R, kind_of
from generator.ooxml.parse import PackageError
from generator.theme.template.pictures import picture_problem

if TYPE_CHECKING:
    from generator.ooxml.package import ContentTypes, Package, Relationship

# A real master lists a dozen layouts, a large corporate one a hundred.
MAX_LAYOUTS_PER_MASTER = 500
# Relationship kinds that run code or embed other programs' documents: never in a deck.
ACTIVE_KINDS = frozenset({"oleObject", "package", "control", "activeXControl",
                          "activeXControlBinary", "vbaProject"})
# The template's own slides, its picture of one, and who commented on them: none of it is the deck's.
SLIDE_KINDS = frozenset({"slide", "thumbnail", "commentAuthors", "authors"})
# How many of a kind of problem a warning names before it only counts the rest.
NAMED = 3


@dataclass
class Structure:
    """The parts of a template a deck keeps, and the relationships it leaves out, by part."""

    main: str
    masters: list[str] = field(default_factory=list)  # kept, in the presentation's order
    layouts: list[tuple[int, str]] = field(default_factory=list)  # (master number, layout part)
    left_out: dict[str, set[str]] = field(default_factory=dict)  # part -> relationship ids
    parts: list[str] = field(default_factory=list)  # every part the deck keeps, '' first
    broken: dict[str, None] = field(default_factory=dict)  # in words, one per relationship
    orphans: list[str] = field(default_factory=list)  # layout entries left out, in words
    unknown: dict[str, None] = field(default_factory=dict)  # references to no relationship
    repeated: dict[str, list[str]] = field(default_factory=dict)  # part -> ids given twice
    pictures: dict[str, str] = field(default_factory=dict)  # picture -> why it is left out

    def leave_out(self, part: str, rel_id: str) -> None:
        """Record that relationship `rel_id` of `part` does not reach the deck."""
        self.left_out.setdefault(part, set()).add(rel_id)

    def warnings(self) -> list[str]:
        """Return, in words, what was left out because it was damaged."""
        out = []
        if self.broken:
            out.append(f"{_count(len(self.broken), 'link')} between its parts whose target does "
                       f"not load: {_some(list(self.broken))}")
        if self.orphans:
            out.append(f"{_count(len(self.orphans), 'layout')} without a valid master: "
                       f"{_some(self.orphans)}")
        if self.unknown:
            out.append(f"{_count(len(self.unknown), 'reference')} to a link its part does not "
                       f"have: {_some(list(self.unknown))}")
        if self.repeated:
            twice = [f"{part or 'the package'}: {', '.join(ids)}" for part, ids in self.repeated.items()]
            out.append(f"{_count(len(twice), 'list')} of links giving an id twice (the first is "
                       f"kept): {_some(twice)}")
        return out


def structure(package: Package, main: str) -> Structure:
    """Return what of the template in `package` (main part `main`) a deck keeps, or raise
    PackageError when the template cannot be used."""
    types = package.content_types()
    found = Structure(main)
    _masters(package, types, found)
    _walk(package, types, found)
    return found


def _masters(package: Package, types: ContentTypes, found: Structure) -> None:
    """Fill in the masters and layouts the deck keeps and the entries it leaves out."""
    pres = package.xml(found.main)
    listed: set[str] = set()
    for entry in pres.findall(f"{{{P}}}sldMasterIdLst/{{{P}}}sldMasterId"):
        rel_id = entry.get(f"{{{R}}}id", "")
        rel = package.relationship(found.main, rel_id)
        if rel is None or rel.kind != "slideMaster":
            found.broken[f"{found.main}: master entry {rel_id} names no master"] = None
            found.leave_out(found.main, rel_id)
            continue
        if _broken(package, types, rel, found):
            found.leave_out(found.main, rel_id)
            continue
        if rel.part in found.masters:
            continue
        found.masters.append(rel.part)
    if not found.masters:
        why = f" ({next(iter(found.broken))})" if found.broken else ""
        raise PackageError(f"damaged: no slide master that loads{why}")
    for number, master in enumerate(found.masters):
        _layouts(package, types, found, number, master, listed)


def _layouts(package: Package, types: ContentTypes, found: Structure, number: int, master: str,
             listed: set[str]) -> None:
    """Fill in the layouts master `master` lists that belong to it; leave out the others."""
    root = package.xml(master)
    if not any(rel.kind == "theme" and not _broken(package, types, rel, found)
               for rel in package.rels(master)):
        raise PackageError(f"damaged: {master} has no theme that loads")
    entries = root.findall(f"{{{P}}}sldLayoutIdLst/{{{P}}}sldLayoutId")
    if len(entries) > MAX_LAYOUTS_PER_MASTER:
        raise PackageError(f"too many layouts: {master} lists {len(entries):,}; a master may "
                           f"list at most {MAX_LAYOUTS_PER_MASTER}")
    for entry in entries:
        rel_id = entry.get(f"{{{R}}}id", "")
        rel = package.relationship(master, rel_id)
        why = _not_its_layout(package, types, found, master, rel, listed)
        if why:
            found.orphans.append(f"{master}: {rel_id} {why}")
            found.leave_out(master, rel_id)
            continue
        assert rel is not None
        listed.add(rel.part)
        found.layouts.append((number, rel.part))


def _not_its_layout(package: Package, types: ContentTypes, found: Structure, master: str,
                    rel: Relationship | None, listed: set[str]) -> str:
    """Return why a master's layout entry is left out ('' when it is a layout of that master)."""
    if rel is None or rel.kind != "slideLayout" or _broken(package, types, rel, found):
        return "is not a layout that loads"
    if rel.part in listed:
        return f"lists {rel.part} again"
    masters = [r.part for r in package.rels(rel.part)
               if r.kind == "slideMaster" and not package.why_broken(r, types)]
    if not masters:
        return f"lists {rel.part}, which names no master"
    if masters[0] != master:
        return f"lists {rel.part}, whose master is {masters[0]}"
    return ""


def _walk(package: Package, types: ContentTypes, found: Structure) -> None:
    """Fill in every part the deck keeps, from the package's own relationships on, leaving out
    the relationships the deck drops; parse each XML part (the hardened parser refuses it)."""
    from generator.ooxml.package import missing_references

    kept_masters = set(found.masters)
    seen = {""}
    queue = deque([""])
    while queue:
        part = queue.popleft()
        found.parts.append(part)
        if part and not types.of(part).startswith("image/") and package.is_xml(part, types):
            for rel_id in missing_references(package, part):
                if rel_id in found.left_out.get(part, ()):
                    continue  # noted already (a master or layout entry)
                found.unknown[f"{part}: {rel_id}"] = None
                found.leave_out(part, rel_id)
        rels = package.rels(part)
        if part in package.repeated:
            found.repeated[part] = package.repeated[part]
        for rel in rels:
            if rel.id in found.left_out.get(part, ()):
                continue
            if _dropped(rel) or _broken(package, types, rel, found) or (
                    part == found.main and rel.kind == "slideMaster"
                    and rel.part not in kept_masters):
                found.leave_out(part, rel.id)
                continue
            if rel.part not in seen:
                seen.add(rel.part)
                queue.append(rel.part)


def _dropped(rel: Relationship) -> bool:
    """Return True for a relationship no deck keeps: outside, active, or a sample slide's."""
    return rel.external or rel.kind in ACTIVE_KINDS or (
        rel.kind in SLIDE_KINDS and not rel.source.startswith("ppt/slides/"))


def _broken(package: Package, types: ContentTypes, rel: Relationship, found: Structure) -> bool:
    """Return True (noting it once) when `rel`'s target does not load."""
    why = package.why_broken(rel, types) or _picture_problem(package, types, rel, found)
    if why:
        note = f"{rel.source or 'the package'}: {why}"
        found.broken[note] = None
    return bool(why)


def _picture_problem(package: Package, types: ContentTypes, rel: Relationship,
                     found: Structure) -> str:
    """Return why the picture `rel` points at is left out ('' when it is kept, or is not a
    picture), judging each picture once."""
    target = rel.part
    if rel.external or not types.of(target).startswith("image/"):
        return ""
    if target not in found.pictures:
        found.pictures[target] = picture_problem(package.read(target), target, types.of(target))
    return found.pictures[target]


def is_active(relationship_type: str) -> bool:
    """Return True when a relationship's target runs code or embeds another program's document."""
    return kind_of(relationship_type) in ACTIVE_KINDS


def _count(number: int, noun: str) -> str:
    """Return '1 link' or '3 links'."""
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _some(items: list[str]) -> str:
    """Return the first NAMED items joined, and how many more there are."""
    shown = "; ".join(items[:NAMED])
    return shown + (f"; and {len(items) - NAMED} more" if len(items) > NAMED else "")
