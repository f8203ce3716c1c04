"""What the user added to a deck, carried into the rebuilt one (`generator.ooxml.graft`).

- Slides the user added go after the slide they followed (its rebuilt counterpart), with their
  pictures, notes and layouts; before the first slide when they came first; at the end, said so,
  when the slide they followed is no longer drawn.
- Shapes the user added to one of briefgen's slides stay on its counterpart; when that slide is
  no longer drawn, the user's whole slide goes to the end, said so.
- While a slide's plan is unchanged, each of briefgen's shapes keeps the position, size and
  shape formatting the user gave it, and its whole text with the user's formatting while the
  rebuilt text is the user's (paragraphs the user added may be among it).
Copied shapes lose the field paths in their names: they are the user's now, not briefgen's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.briefpaths import plain_name
from generator.workflow.edits import Edits
from generator.workflow.edits.match import SlideMatch
from generator.workflow.edits.read import DeckShape, DeckSlide, read_built
from generator.workflow.merge.slides import Counterpart, counterparts

if TYPE_CHECKING:
    from generator.ooxml.graft import Graft

_TEXT_EDITS = {"added text", "changed own words", "changed derived text", "deleted text"}


@dataclass
class Carried:
    """The merged deck's bytes and what was said of carrying into it."""

    data: bytes
    said: list[str] = field(default_factory=list)


def carry(new: bytes, old: bytes, edits: Edits, based: Mapping[str, str],
          date_time: tuple[int, int, int, int, int, int]) -> Carried:
    """Return the rebuilt deck `new` with what the user added to `old` (read as `edits`)
    carried into it, and recording `based` as the base of the fields it kept from the deck.
    Raise GraftError (a PackageError) when `old` cannot be carried from."""
    from generator.ooxml.custom import BASE_PROPERTY, with_properties
    from generator.ooxml.graft import Graft

    rebuilt = read_built(new, "the rebuilt deck")
    pairs = counterparts(edits.deck.record.slides, rebuilt.record.slides)
    graft = Graft(new, old)
    out = Carried(b"")
    for match in edits.matches:
        if match.deck is not None:
            _carry_shapes(graft, match, pairs.get(match.base.number), rebuilt.slides, edits, out)
    _carry_slides(graft, edits, pairs, out)
    if based:
        with_properties(graft.members, _base_properties(graft.members, based), BASE_PROPERTY)
    out.said += graft.lost
    out.data = graft.result(date_time)
    return out


def _carry_shapes(graft: Graft, match: SlideMatch, pair: Counterpart | None,
                  rebuilt: tuple[DeckSlide, ...], edits: Edits, out: Carried) -> None:
    """Carry the shapes added to one of briefgen's slides, and the user's styling of its own."""
    user = match.deck
    assert user is not None
    if pair is None:
        if match.added:
            graft.add_slide(user.number, None, rename=plain_name)
            out.said.append(f"slide {user.number}: carried to the end with the shapes added to it, "
                            "since the brief no longer has what it showed")
        return
    if match.added:
        graft.add_shapes(user.number, [s.id for s in match.added], pair.number, rename=plain_name)
    if not pair.same_plan:
        return
    target = rebuilt[pair.number - 1]
    unheld = {t.name for t in edits.unmapped if t.what in _TEXT_EDITS and t.slide == user.number}
    for base_shape, now in match.shapes:
        twin = _twin(target, base_shape.name, now)
        if now is None or twin is None:
            continue
        keep_text = _holds(now, twin)
        graft.restyle(user.number, now.id, pair.number, twin.id, text=keep_text)
        if not keep_text and now.name in unheld:
            out.said.append(f"slide {user.number}: {now.name!r}: the text edited there that maps "
                            "to no field is not carried, since the brief changed that shape's text")


def _twin(slide: DeckSlide, name: str, now: DeckShape | None) -> DeckShape | None:
    """Return the rebuilt slide's shape of the same name as briefgen's shape `name`."""
    if now is None or not name:
        return None
    return next((s for s in slide.shapes if s.name == name), None)


def _holds(user: DeckShape, rebuilt: DeckShape) -> bool:
    """Return True when the rebuilt shape's paragraphs are the user's, in order, the user's
    additions aside: then the user's whole text, formatting included, may stay."""
    mine = iter(user.paras)
    return bool(rebuilt.paras) and all(any(p == q for q in mine) for p in rebuilt.paras)


def _carry_slides(graft: Graft, edits: Edits, pairs: dict[int, Counterpart], out: Carried) -> None:
    """Carry each slide the user added after the rebuilt counterpart of the slide it followed."""
    base_of = {m.deck.number: m.base.number for m in edits.matches if m.deck is not None}
    added = {s.number for s in edits.added}
    for slide in edits.added:
        before = [n for n in range(slide.number - 1, 0, -1) if n not in added]
        if not before:
            graft.add_slide(slide.number, 0, rename=plain_name)
            continue
        pair = pairs.get(base_of.get(before[0], 0))
        if pair is None:
            graft.add_slide(slide.number, None, rename=plain_name)
            out.said.append(f"slide {slide.number}: added on the deck; carried to the end, since "
                            f"the slide it followed (slide {before[0]}) is no longer drawn")
        else:
            graft.add_slide(slide.number, pair.number, rename=plain_name)


def _base_properties(members: Mapping[str, bytes], based: Mapping[str, str]) -> dict[str, str]:
    """Return the deck's base record properties with each field in `based` given that text."""
    from generator.ooxml.custom import BASE_PROPERTY, PART, long_text, read_long_text
    from generator.ooxml.parse import parse_part

    root = parse_part(members[PART], PART)
    props = {str(p.get("name")): "".join(p.itertext()) for p in root}
    found = read_long_text(props, BASE_PROPERTY)
    assert found is not None  # briefgen just wrote it
    record = json.loads(found[1])
    for path, text in based.items():
        if path in record["fields"]:
            record["fields"][path]["v"] = text
    return long_text(BASE_PROPERTY, json.dumps(record, ensure_ascii=False, separators=(",", ":")),
                     found[0])
