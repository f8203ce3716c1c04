"""Each field of a built deck's base, with its text on the deck now and whether it was edited;
and what on the deck maps to no field (added or deleted slides and shapes, derived text or
briefgen's own words changed, shapes that cannot be told apart), listed, never guessed."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.briefpaths import Loc
from generator.workflow.edits.match import SlideMatch, align, match_slides
from generator.workflow.edits.read import BuiltDeck, DeckSlide, read_built
from generator.workflow.edits.record import BaseField, BasePara


@dataclass(frozen=True)
class FieldEdit:
    """One field of the base: its text when built, on the deck now, and the slides it is on."""

    path: str
    loc: Loc
    base: str
    now: str
    edited: bool
    slides: tuple[int, ...]


@dataclass(frozen=True)
class Unmapped:
    """Something on the deck (or gone from it) that maps to no field: what it is ('added
    slide', 'deleted slide', 'added shape', 'deleted shape', 'added text', 'deleted text',
    'changed derived text', 'changed own words', 'ambiguous shape', 'conflicting edits'), the
    slide it is on (the deck's now; the base's for what was deleted), a name and a text."""

    what: str
    slide: int
    name: str = ""
    text: str = ""


@dataclass
class Edits:
    """A built deck compared with its base: every field, and what maps to none."""

    deck: BuiltDeck
    fields: list[FieldEdit] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    matches: list[SlideMatch] = field(default_factory=list)  # each base slide, and what it is now
    added: list[DeckSlide] = field(default_factory=list)  # the deck's slides that match none

    @property
    def edited(self) -> list[FieldEdit]:
        """Return the fields whose text on the deck differs from the base."""
        return [f for f in self.fields if f.edited]


@dataclass
class _Seen:
    """One occurrence of a field on the deck: the slides and the parts of its text now."""

    slides: list[int] = field(default_factory=list)
    base: list[str] = field(default_factory=list)
    now: list[str | None] = field(default_factory=list)


def field_edits(data: bytes, name: str = "deck") -> Edits:
    """Return every field of the deck's base with its text now, and what maps to no field;
    raise BuiltDeckError for a deck that is not briefgen's or is hostile."""
    built = read_built(data, name)
    matches, added = match_slides(built.record.slides, built.slides)
    edits = Edits(built, matches=matches, added=added)
    seen: dict[str, list[_Seen]] = {}
    for match in matches:
        _compare_slide(match, seen, edits)
    edits.unmapped += [Unmapped("added slide", s.number, "", "\n".join(sh.text for sh in s.shapes))
                       for s in added]
    for path, base_field in built.record.fields.items():
        edits.fields.append(_field(base_field, seen.get(path, []), edits))
    return edits


def _compare_slide(match: SlideMatch, seen: dict[str, list[_Seen]], edits: Edits) -> None:
    """Add the fields on one matched slide to `seen`, and what maps to none to `edits`."""
    base = match.base
    if match.deck is None:
        edits.unmapped.append(Unmapped("deleted slide", base.number, base.kind))
        return
    number = match.deck.number
    for shape, now in match.shapes:
        if now is None:
            what = "ambiguous shape" if shape in match.ambiguous else "deleted shape"
            edits.unmapped.append(Unmapped(what, number, shape.name, shape.text))
            for para in shape.paras:
                _occurrence(seen, para, number, None)
            continue
        base_texts = [p.text for p in shape.paras]
        for i, j in align(base_texts, list(now.paras)):
            if i is None and j is not None:
                if now.paras[j].strip():  # an empty paragraph added (or left by a panel) is nothing
                    edits.unmapped.append(Unmapped("added text", number, now.name,
                                                   now.paras[j]))
            elif i is not None:
                _paragraph(shape.paras[i], now.paras[j] if j is not None else None, number,
                           now.name, seen, edits)
    for extra in match.added:
        edits.unmapped.append(Unmapped("added shape", number, extra.name, extra.text))
    if base.notes is not None:
        _paragraph(base.notes, match.deck.notes, number, "notes", seen, edits)
    elif match.deck.notes.strip():
        edits.unmapped.append(Unmapped("added text", number, "notes", match.deck.notes))


def _paragraph(para: BasePara, now: str | None, slide: int, name: str,
               seen: dict[str, list[_Seen]], edits: Edits) -> None:
    """Note one base paragraph and its text now: a field's part, or text of no field."""
    if para.field:
        _occurrence(seen, para, slide, now)
    elif para.computed:
        return  # each application writes its own text for a slide number
    elif now is None:
        edits.unmapped.append(Unmapped("deleted text", slide, name, para.text))
    elif now != para.text:
        what = "changed derived text" if para.source else "changed own words"
        edits.unmapped.append(Unmapped(what, slide, name, now))


def _occurrence(seen: dict[str, list[_Seen]], para: BasePara, slide: int, now: str | None) -> None:
    """Add a field's paragraph to its occurrences: a continuation joins the last one."""
    if not para.field:
        return
    found = seen.setdefault(para.field, [])
    if para.piece == 0 or not found:
        found.append(_Seen())
    last = found[-1]
    if slide not in last.slides:
        last.slides.append(slide)
    last.base.append(para.text)
    last.now.append(now)


def _field(base: BaseField, seen: list[_Seen], edits: Edits) -> FieldEdit:
    """Return one field with its text now: unchanged where every occurrence is, else the one
    text its edited occurrences agree on (conflicting edits are reported, the base kept)."""
    slides = tuple(sorted({n for s in seen for n in s.slides}))
    present = [s for s in seen if any(part is not None for part in s.now)]
    if seen and not present:  # every shape or paragraph that showed it was deleted
        edits.unmapped.append(Unmapped("deleted field", slides[0], base.path, base.value))
        return FieldEdit(base.path, base.loc, base.value, base.value, False, slides)
    as_written = {base.pre + " ".join(base.value.split("\n")) + base.post,
                  base.pre + base.value + base.post}
    edited = {text for s in present if (text := _joined(base, s)) not in as_written}
    if not edited:
        return FieldEdit(base.path, base.loc, base.value, base.value, False, slides)
    if len(edited) > 1:
        edits.unmapped.append(Unmapped("conflicting edits", slides[0] if slides else 0, base.path,
                                       "\n".join(sorted(edited))))
        return FieldEdit(base.path, base.loc, base.value, base.value, False, slides)
    now = edited.pop()
    now = now.removeprefix(base.pre) if base.pre else now
    now = now.removesuffix(base.post) if base.post else now
    return FieldEdit(base.path, base.loc, base.value, now.strip(), True, slides)


def _joined(base: BaseField, seen: _Seen) -> str:
    """Return an occurrence's text now, its parts joined by what their cuts took out."""
    parts = [p if p is not None else "" for p in seen.now]
    if len(parts) == 1:
        return parts[0]
    joins = list(base.joins) if len(base.joins) == len(parts) - 1 else [" "] * (len(parts) - 1)
    out = parts[0]
    for join, part in zip(joins, parts[1:], strict=True):
        out += join + part if out and part else part
    return out
