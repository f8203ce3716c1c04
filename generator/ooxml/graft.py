"""Slides and shapes of an older deck (one an editor changed) brought into a newly built deck,
at the package level: `Graft(new, old)`, then `add_slide`, `add_shapes` and `restyle`, and
`result` for the new deck's bytes, which always pass `check_package`.

The new deck is trusted (briefgen just wrote it); the old one is read through `Package`, within
its caps and work budget, and at most MAX_CARRIED_PARTS parts and MAX_CARRIED_BYTES bytes are
copied out of it. Whatever cannot be carried safely (comments, controls, a target missing or
outside the package, a picture linked from outside) is left out with one line in `lost`, and
every reference to it removed, so the deck never holds a dangling relationship.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from generator.ooxml import graft_shapes as shapes
from generator.ooxml import graft_slides as slides
from generator.ooxml.graft_parts import Carrier, NewPackage, drop_references, kept_ids, referenced
from generator.ooxml.names import PRESENTATION_TYPES, P, R
from generator.ooxml.package import CONTENT_TYPES_PART, Package, Relationship, check_package
from generator.ooxml.parse import PackageError

if TYPE_CHECKING:
    from lxml import etree


class GraftError(PackageError):
    """The old deck cannot be read or copied (or a graft was asked of what is not there)."""


class Graft:
    """The new deck's package, with slides and shapes of an older deck brought into it."""

    def __init__(self, new: bytes, old: bytes) -> None:
        with Package(new) as package:
            self.members: dict[str, bytes] = package.members()
            self._main = str(package.main_part())
        self._new = NewPackage(self.members)
        self.lost: list[str] = []
        # Old slide number -> new slide number (as at the start) that links to it may point at.
        self.link_slides: dict[int, int] = {}
        try:
            self._old = Package(old)
            main = self._old.main_part()
            if main is None or self._old.content_types().of(main) not in PRESENTATION_TYPES:
                raise PackageError("not a PowerPoint deck")
            self._old_slides = slides.slide_parts(self._old.xml, self._old.target, main)
            self._carrier = Carrier(self._old, self._new, self.lost)
        except PackageError as exc:
            raise GraftError(str(exc)) from None
        self._start = slides.slide_parts(self._new.xml, self._new.target, self._main)
        presentation = self._new.xml(self._main)
        self._start_ids = [str(e.get("id")) for e in presentation.iter(f"{{{P}}}sldId")]
        self._placed: dict[int | None, list[str]] = {}  # position -> slide ids added there
        self._carried: dict[str, str] = {}  # old slide part -> its copy
        self._count = len(self._start)
        self._new.rollback()

    def new_slides(self) -> int:
        """Return how many slides the new deck had at the start."""
        return len(self._start)

    def slide_shapes(self, which: str, number: int) -> list[tuple[int, str]]:
        """Return (id, name) of each top-level shape of slide `number` of the 'old' or 'new' deck."""
        try:
            root = (self._old.xml(self._old_part(number)) if which == "old"
                    else self._new.xml(self._new_part(number)))
            return [(number, name) for number, name, _ in shapes.shapes(root)]
        except PackageError as exc:
            raise exc if isinstance(exc, GraftError) else GraftError(str(exc)) from None
        finally:
            self._new.rollback()

    def add_slide(self, old_number: int, after: int | None,
                  rename: Callable[[str], str] | None = None) -> None:
        """Copy old slide `old_number` with its parts and notes into the new deck after its slide
        `after` (as numbered at the start; 0 first, None last), shape names passed through `rename`."""
        if after is not None and not 0 <= after <= len(self._start):
            raise GraftError(f"the new deck has no slide {after} to add a slide after")
        with self._operation():
            old_part, where = self._old_part(old_number), f"slide {old_number}"
            part = self._new.free_name("ppt/slides/slide", "xml")
            self._carried[old_part] = part
            root = copy.deepcopy(self._old.xml(old_part))
            self._slide_relationships(old_part, part, where)
            held = len(root.findall(f"{{{P}}}cSld/{{{P}}}spTree/*"))
            drop_references(root, set(referenced(root)) - kept_ids(self._new, part), where, self.lost)
            timing = root.find(f"{{{P}}}timing")
            if timing is not None and len(root.findall(f"{{{P}}}cSld/{{{P}}}spTree/*")) < held:
                root.remove(timing)  # its animations may name a shape that is gone
            shapes.rename_shapes([shapes.shape_tree(root)], rename)
            self._new.put_xml(part, root)
            self._new.declare(part, slides.SLIDE_TYPE)
            self._notes(old_part, part, where)
            self._enter(part, after)

    def add_shapes(self, old_number: int, shape_ids: Sequence[int], new_number: int,
                   rename: Callable[[str], str] | None = None) -> None:
        """Copy the top-level shapes `shape_ids` of old slide `old_number` onto new slide
        `new_number`, on top, in their old order, with what they refer to."""
        with self._operation():
            old_part, part = self._old_part(old_number), self._new_part(new_number)
            wanted = set(shape_ids)
            picked = [copy.deepcopy(e) for n, _, e in shapes.shapes(self._old.xml(old_part))
                      if n in wanted]
            found = {n for n, _, _ in shapes.shapes(self._old.xml(old_part)) if n in wanted}
            if found != wanted:
                raise GraftError(f"slide {old_number} has no shape with id "
                                 f"{min(wanted - found)}")
            picked = self._relinked(picked, old_part, part, f"slide {old_number}")
            target = self._new.edit(part)
            shapes.renumber(target, picked)
            shapes.rename_shapes(picked, rename)
            shapes.place_on_top(shapes.shape_tree(target), picked)

    def restyle(self, old_number: int, old_id: int, new_number: int, new_id: int,
                text: bool) -> None:
        """Give new slide `new_number`'s shape `new_id` the geometry and formatting of old slide
        `old_number`'s shape `old_id` (its whole p:spPr), and with `text` its text body too."""
        from lxml import etree

        with self._operation():
            old_part, part = self._old_part(old_number), self._new_part(new_number)
            source = shapes.shape(self._old.xml(old_part), old_id, f"slide {old_number}")
            target = shapes.shape(self._new.edit(part), new_id, f"new slide {new_number}")
            shell = etree.Element(source.tag)  # the old shape with only what is carried
            shell.extend(copy.deepcopy(e) for e in (shapes.properties(source),
                         source.find(f"{{{P}}}txBody") if text else None) if e is not None)
            relinked = self._relinked([shell], old_part, part, f"slide {old_number}")
            if not relinked:
                return
            props, body = shapes.properties(relinked[0]), relinked[0].find(f"{{{P}}}txBody")
            own = shapes.properties(target)
            if own is not None and props is not None and own.tag == props.tag:
                own.addprevious(props)
                target.remove(own)
            elif own is not None and props is not None:
                self._move_only(props, own)
            if body is not None and target.tag == f"{{{P}}}sp":
                shapes.replace_text(target, body)

    def result(self, date_time: tuple[int, int, int, int, int, int]) -> bytes:
        """Return the new package zipped the same way for the same members (content types
        first, then by name, at `date_time`), or raise GraftError when it would be damaged."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in sorted(self.members, key=lambda n: (n != CONTENT_TYPES_PART, n)):
                info = zipfile.ZipInfo(name, date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 0
                target.writestr(info, self.members[name], compresslevel=6)
        data = out.getvalue()
        try:
            check_package(data)
        except PackageError as exc:
            raise GraftError(f"the merged deck would be damaged ({exc}); not written") from None
        return data

    # -- pieces ---------------------------------------------------------------------------------

    @contextmanager
    def _operation(self) -> Iterator[None]:
        """Run one operation: its changes written at its end, forgotten (and a GraftError
        raised) if it fails."""
        carrier = self._carrier
        before = (dict(carrier.copied), dict(carrier.shared), carrier.parts, carrier.size,
                  dict(self._carried))
        try:
            yield
        except PackageError as exc:
            self._new.rollback()
            carrier.copied, carrier.shared, carrier.parts, carrier.size, self._carried = before
            raise exc if isinstance(exc, GraftError) else GraftError(str(exc)) from None
        self._new.commit()

    def _old_part(self, number: int) -> str:
        """Return the part of old slide `number`, or raise GraftError."""
        if not 1 <= number <= len(self._old_slides):
            raise GraftError(f"the old deck has no slide {number}")
        return self._old_slides[number - 1]

    def _new_part(self, number: int) -> str:
        """Return the part of new slide `number` (as numbered at the start), or raise GraftError."""
        if not 1 <= number <= len(self._start):
            raise GraftError(f"the new deck has no slide {number}")
        return self._start[number - 1]

    def _slide_relationships(self, old_part: str, part: str, where: str) -> None:
        """Give the copy `part` of `old_part` the old slide's relationships that can be carried
        (same ids) and a layout of the new deck; say what is left out."""
        comments = 0
        for rel in self._old.rels(old_part):
            if rel.kind in ("slideLayout", "notesSlide"):
                continue
            if slides.is_comments(rel.type):
                comments += self._comment_count(rel)
                continue
            target = (self._linked_slide(rel, part, where) if rel.kind == "slide"
                      else self._carrier.target(rel, where))
            if target is not None:
                self._new.relate(part, target[0], target[1], target[2], rel_id=rel.id)
        if comments:
            self.lost.append(f"{where}: its {comments} comment{'s' if comments > 1 else ''}")
        layout_rel = next((r for r in self._old.rels(old_part) if r.kind == "slideLayout"), None)
        layout = self._layout(layout_rel, where)
        free = layout_rel is not None and layout_rel.id not in kept_ids(self._new, part)
        self._new.relate(part, slides.LAYOUT, layout, rel_id=layout_rel.id if free and layout_rel else None)

    def _comment_count(self, rel: Relationship) -> int:
        """Return how many comments a comments part holds (1 when it cannot be read)."""
        try:
            root = self._old.xml(rel.part)
        except PackageError:
            return 1
        return max(1, sum(1 for e in root if e.tag.rpartition("}")[2] == "cm"))

    def _linked_slide(self, rel: Relationship, part: str, where: str) -> tuple[str, str, bool] | None:
        """Return the slide a link to another old slide points at in the new deck: its copy,
        or the new slide `link_slides` names; None (said in `lost`) when there is neither."""
        if rel.external or rel.part not in self._old_slides:
            self.lost.append(f"{where}: a link to a slide that is not in the deck")
            return None
        number = self._old_slides.index(rel.part) + 1
        if rel.part in self._carried:
            return slides.SLIDE, self._carried[rel.part], False
        if self.link_slides.get(number) in range(1, len(self._start) + 1):
            return slides.SLIDE, self._start[self.link_slides[number] - 1], False
        self.lost.append(f"{where}: its link to slide {number}")
        return None

    def _layout(self, rel: Relationship | None, where: str) -> str:
        """Return the new deck's layout for an old slide on the layout `rel` points at."""
        available = []
        for master in self._new.related(self._main, "slideMaster"):
            available += [slides.describe_layout(self._new.xml, layout, master)
                          for layout in self._new.related(master, "slideLayout")]
        old = slides.Layout("", "", "cust", "")
        if rel is not None and not rel.external and rel.part in self._old.names:
            masters = self._old.related(rel.part, "slideMaster")
            old = slides.describe_layout(self._old.xml, rel.part,
                                         masters[0] if masters and masters[0] in self._old.names else "")
        chosen, fallback = slides.choose_layout(old, available)
        if fallback:
            self.lost.append(f"{where}: its layout {old.name or old.type!r} (placed on the layout "
                             f"{chosen.name or chosen.type!r})")
        return chosen.part

    def _notes(self, old_part: str, part: str, where: str) -> None:
        """Copy the old slide's notes page for its copy `part`, on the new deck's notes master."""
        found = [r for r in self._old.rels(old_part) if r.kind == "notesSlide" and not r.external]
        if not found:
            return
        masters = self._new.related(self._main, "notesMaster")
        if not masters or self._old.why_broken(found[0], self._carrier.types):
            why = "the new deck has no notes master" if not masters else "they are damaged"
            self.lost.append(f"{where}: its notes ({why})")
            return
        notes = self._new.free_name("ppt/notesSlides/notesSlide", "xml")
        root = copy.deepcopy(self._old.xml(found[0].part))
        self._carrier.carry_relationships(found[0].part, notes, root, f"{where}'s notes",
                                          skip=("notesMaster", "slide"))
        self._new.relate(notes, slides.NOTES_MASTER, masters[0])
        self._new.relate(notes, slides.SLIDE, part)
        drop_references(root, set(referenced(root)) - kept_ids(self._new, notes), where, self.lost)
        self._new.put_xml(notes, root)
        self._new.declare(notes, slides.NOTES_TYPE)
        self._new.relate(part, slides.NOTES, notes)

    def _enter(self, part: str, after: int | None) -> None:
        """Enter slide `part` in the presentation after the new deck's slide `after`."""
        presentation = self._new.edit(self._main)
        entries = {str(e.get("id")): e for e in presentation.iter(f"{{{P}}}sldId")}
        placed = self._placed.setdefault(after, [])
        if placed:
            anchor: etree._Element | None = entries[placed[-1]]
        elif after is None:
            anchor = presentation.findall(f"{{{P}}}sldIdLst/{{{P}}}sldId")[-1:][0] if entries else None
        else:
            anchor = entries[self._start_ids[after - 1]] if after else None
        rel_id = self._new.relate(self._main, slides.SLIDE, part)
        placed.append(str(slides.enter_slide(presentation, rel_id, anchor).get("id")))
        if slides.APP_PART in self.members:
            slides.count_slide(self._new.edit(slides.APP_PART), self._count)
        self._count += 1

    def _relinked(self, elements: list[etree._Element], old_part: str, part: str,
                  where: str) -> list[etree._Element]:
        """Return `elements` (copied from old slide `old_part`) with the relationships they
        refer to carried to new slide `part` under fresh ids; what cannot be carried removed."""
        from lxml import etree

        holder = etree.Element(f"{{{P}}}spTree")  # so that a shape that must go can go whole
        holder.extend(elements)
        fresh: dict[str, str] = {}
        for rel_id in dict.fromkeys(referenced(holder)):
            rel = self._old.relationship(old_part, rel_id)
            target = None
            if rel is not None and rel.kind == "slide":
                target = self._linked_slide(rel, part, where) if rel.part != old_part else (
                    slides.SLIDE, part, False)
            elif rel is not None and rel.kind not in ("slideLayout", "notesSlide"):
                target = self._carrier.target(rel, where)
            if target is not None:
                fresh[rel_id] = self._new.relate(part, *target)
        drop_references(holder, set(referenced(holder)) - set(fresh), where, self.lost)
        for element in holder.iter():
            for attr, value in element.items():
                if attr.startswith(f"{{{R}}}") and value in fresh:
                    element.set(attr, fresh[value])
        return list(holder)

    @staticmethod
    def _move_only(props: etree._Element, own: etree._Element) -> None:
        """Give `own` the position and size in `props` (shapes of different kinds)."""
        source, target = shapes.geometry(props), shapes.geometry(own)
        if source is None or target is None:
            return
        for child in list(target):
            target.remove(child)
        target.extend(copy.deepcopy(list(source)))
