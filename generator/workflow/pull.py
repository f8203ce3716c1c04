"""`briefgen pull`: the text edits made on a built deck, written back into the brief it came from.

Each field the deck shows is compared with the text it was built with (the base the deck
carries, read by `workflow.edits`); the edited ones are written into the brief by
`brief.edit.apply`, which changes only those values and reads the result back before it
replaces the brief. What maps to no field is listed, never guessed. When every edit on the
deck is in the brief, the build record takes the deck as briefgen's again, so the edit guard
lets the next build replace it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.briefpaths import Loc, format_path
from generator.errors import InputError, Problem, display_path
from generator.workflow.edits.against import check_belongs, real_path, same_text, value_at
from generator.workflow.records import BuildRecord, bytes_digest

if TYPE_CHECKING:
    from generator.strict_yaml import SourceMap
    from generator.workflow.edits import Edits, FieldEdit, Unmapped

MAX_DECK_BYTES = 100 * 2**20  # a deck with pictures added; only its text is read
BOM = b"\xef\xbb\xbf"
BRIEF_SUFFIXES = (".yaml", ".yml")
SHOWN = 40  # characters of a deck's text quoted in a line


@dataclass
class Pulled:
    """What a pull did: the lines it says (changes, what is not pulled, what follows), the
    located errors that stopped it, and the unified diff of a dry run."""

    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    diff: str = ""

    @property
    def ok(self) -> bool:
        """Return True when the pull met no error."""
        return not self.errors


@dataclass
class _Brief:
    """A brief as read for a pull: its bytes, text (without a byte order mark) and values."""

    path: Path
    raw: bytes
    text: str
    data: Any
    smap: SourceMap

    @property
    def shown(self) -> str:
        """Return the brief's path as lines name it."""
        return display_path(self.path)

    def at(self, loc: Loc) -> str:
        """Return 'brief:line:col' of the value at `loc` (of its nearest written parent)."""
        where = self.smap.value(loc) or self.smap.find(loc)
        return f"{self.shown}:{where.line}:{where.col}"


@dataclass
class _Plan:
    """The changes a pull makes, what it says of each, and what stops it."""

    changes: dict[Loc, str | None] = field(default_factory=dict)
    said: list[tuple[int, int, str]] = field(default_factory=list)  # located lines, by place
    unpulled: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def pull(deck: Path, brief: Path | None = None, dry_run: bool = False,
         allow_removals: bool = False) -> Pulled:
    """Bring the text edits made on `deck` into its brief (`brief`, else the one whose build
    wrote it); return what was done. Never raises for problems with the deck or the brief."""
    from generator.brief.edit import EditError, apply, unified_diff
    from generator.workflow.edits import BuiltDeckError, field_edits

    try:
        data = _read_bytes(deck, MAX_DECK_BYTES)
        edits = field_edits(data, display_path(deck))
        recorded = BuildRecord(deck.parent, deck.stem)
        found = _read_brief(brief or _find_brief(deck, recorded, edits.deck.record.brief))
        check_belongs(edits, found.data, found.path, deck, recorded)
        plan = _plan(edits, found, display_path(deck), allow_removals)
        if plan.errors:
            return Pulled(errors=plan.errors)
        new_text = apply(found.text, plan.changes, found.shown)
    except BuiltDeckError as exc:
        return Pulled(errors=[str(exc)])
    except (InputError, EditError) as exc:
        return Pulled(errors=[str(p) for p in exc.problems])
    out = Pulled([line for *_, line in sorted(plan.said)] + plan.unpulled)
    if new_text == found.text:
        out.lines.append(f"{display_path(deck)}: no edits to pull")
    elif dry_run:
        out.diff = unified_diff(found.text, new_text, found.shown)
        out.lines.append(f"{found.shown}: dry run, nothing written")
        return out
    else:
        try:
            _write_brief(found, new_text)
        except InputError as exc:
            return Pulled(errors=[str(p) for p in exc.problems])
        count = len(plan.changes)
        out.lines.append(f"{found.shown}: {count} value{'s' if count != 1 else ''} pulled from "
                         f"{display_path(deck)}")
    if not dry_run:
        out.lines.append(_guard_line(deck, data, found, recorded, complete=not plan.unpulled))
    return out


def _read_bytes(path: Path, most: int) -> bytes:
    """Return the bytes of the regular file at `path`, at most `most`, or raise InputError."""
    shown = display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError([Problem(shown, 0, 0, "no such file")]) from None
    except OSError as exc:
        raise InputError([Problem(shown, 0, 0, f"cannot read: {exc.strerror}")]) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(shown, 0, 0, "not a regular file")])
        data = handle.read(most + 1)
    if len(data) > most:
        raise InputError([Problem(shown, 0, 0, f"file is over the {most // 2**20} MB limit")])
    return data


def _find_brief(deck: Path, record: BuildRecord, recorded: str) -> Path:
    """Return the brief whose last build wrote `deck`: from the build record beside it, else
    where the deck says its brief was (`recorded`, relative to the deck's folder); or raise
    InputError asking for --brief."""
    source = record.source()
    if (record.written_digest(deck) is not None and source is not None
            and source.suffix in BRIEF_SUFFIXES and source.stem == deck.stem and source.is_file()):
        return source
    beside = deck.parent / recorded if recorded else None
    if beside is not None and beside.suffix in BRIEF_SUFFIXES and beside.is_file():
        return beside
    why = ("its build record names no brief that is still there" if record.written_digest(deck)
           else "no build record in its folder, nor the deck itself, says which brief wrote it")
    raise InputError([Problem(display_path(deck), 0, 0,
                              f"which brief? {why}; name it with --brief BRIEF")])


def _read_brief(path: Path) -> _Brief:
    """Return the brief at `path` read strictly (a byte order mark kept aside), or raise."""
    from generator import strict_yaml
    from generator.files import MAX_BYTES, decode

    raw = _read_bytes(path, MAX_BYTES)
    text = decode(raw, display_path(path))
    data, smap = strict_yaml.parse(text, path)
    return _Brief(path, raw, text, data, smap)


def _plan(edits: Edits, brief: _Brief, deck: str, allow_removals: bool) -> _Plan:
    """Return what the pull changes in the brief and says, from the deck's edits."""
    plan = _Plan()
    for edit in edits.edited:
        if edit.now.strip():
            _change(edit, brief, plan)
        else:
            _deleted(edit.loc, edit.base, edit.slides, brief, plan, allow_removals)
    for thing in edits.unmapped:
        if thing.what == "conflicting edits":
            loc = edits.deck.record.fields[thing.name].loc
            texts = " / ".join(_quoted(t) for t in thing.text.split("\n"))
            plan.errors.append(f"{brief.at(loc)}: {thing.name}: edited differently where the "
                               f"deck shows it ({_slides(_field(edits, loc).slides)}): {texts}; "
                               "make them the same on the deck, then pull again")
        elif thing.what == "deleted field":
            edit = _field(edits, edits.deck.record.fields[thing.name].loc)
            _deleted(edit.loc, edit.base, edit.slides, brief, plan, allow_removals)
        else:
            plan.unpulled.append(f"{deck}: slide {thing.slide}: {_unmapped(thing)}; it maps to "
                                 "no field of the brief and is not pulled")
    return plan


def _field(edits: Edits, loc: Loc) -> FieldEdit:
    """Return the field at `loc` of the deck's base."""
    return next(f for f in edits.fields if f.loc == loc)


def _change(edit: FieldEdit, brief: _Brief, plan: _Plan) -> None:
    """Plan one field's new text, unless the brief already holds it or changed it too."""
    now = value_at(brief.data, edit.loc)
    if same_text(now, edit.now) and not same_text(edit.now, edit.base):
        return  # pulled before (an edit of spacing alone is planned; `apply` skips it if held)
    if not same_text(now, edit.base):
        plan.errors.append(f"{brief.at(edit.loc)}: {edit.path}: changed both in the brief and on "
                           f"the deck ({_slides(edit.slides)}) since it was built; keep one of "
                           "them, then pull again")
        return
    plan.changes[edit.loc] = edit.now
    _say(plan, brief, edit.loc, f"{edit.path}: changed on {_slides(edit.slides)}")


def _deleted(loc: Loc, base: str, slides: tuple[int, ...], brief: _Brief, plan: _Plan,
             allow_removals: bool) -> None:
    """Plan the removal of a list entry whose text was deleted on the deck, or report it."""
    path, where = format_path(loc), _slides(slides)
    now = value_at(brief.data, loc)
    if now is None:
        return  # removed before
    if not same_text(now, base):
        plan.errors.append(f"{brief.at(loc)}: {path}: changed in the brief and deleted on the "
                           f"deck ({where}) since it was built; keep one of them, then pull again")
    elif not isinstance(loc[-1], int):
        plan.unpulled.append(f"{brief.at(loc)}: {path}: its text was deleted on {where}; not "
                             "pulled: only list entries are removed; change the brief by hand")
    elif allow_removals:
        plan.changes[loc] = None
        _say(plan, brief, loc, f"{path}: removed (its text was deleted on {where})")
    else:
        plan.unpulled.append(f"{brief.at(loc)}: {path}: its text was deleted on {where}; not "
                             "removed from the brief: pull with --allow-removals to remove it")


def _say(plan: _Plan, brief: _Brief, loc: Loc, message: str) -> None:
    """Add a line located at `loc` in the brief."""
    where = brief.smap.value(loc) or brief.smap.find(loc)
    plan.said.append((where.line, where.col, f"{brief.at(loc)}: {message}"))


def _slides(numbers: tuple[int, ...]) -> str:
    """Return 'slide 4' or 'slides 1, 2'."""
    if len(numbers) == 1:
        return f"slide {numbers[0]}"
    return "slides " + ", ".join(map(str, numbers)) if numbers else "the deck"


def _quoted(text: str) -> str:
    """Return a text from the deck quoted for a line: cut, controls and bidi marks escaped."""
    cut = text if len(text) <= SHOWN else text[:SHOWN] + "..."
    return repr(cut)


def _unmapped(thing: Unmapped) -> str:
    """Return what a thing that maps to no field is, in a few words."""
    name, text = _quoted(thing.name), _quoted(thing.text)
    described = {
        "added slide": "added",
        "deleted slide": f"deleted (a {thing.name or 'slide'} slide as built)",
        "added shape": f"shape {name} added" + (f" ({text})" if thing.text else ""),
        "deleted shape": f"shape {name} deleted" + (f" ({text})" if thing.text else ""),
        "added text": f"text added to {name}: {text}",
        "deleted text": f"text deleted from {name}: {text}",
        "changed derived text": f"text briefgen derives from the brief changed in {name}: {text}",
        "changed own words": f"briefgen's own words changed in {name}: {text}",
        "ambiguous shape": f"shape {name} cannot be told apart from another ({text}); not guessed",
    }
    return described.get(thing.what, f"{thing.what} {name}")


def _write_brief(brief: _Brief, new_text: str) -> None:
    """Replace the brief by `new_text` atomically (its byte order mark kept), unless the file
    changed since it was read; raise InputError."""
    from generator.files import MAX_BYTES, decode
    from generator.workflow.outputs import OutputError, write_atomic

    data = (BOM if brief.raw.startswith(BOM) else b"") + new_text.encode("utf-8")
    if decode(data, brief.shown) != new_text:  # read back before it replaces the old
        raise InputError([Problem(brief.shown, 0, 0, "the pulled text would not read back; "
                                                     "nothing written")])
    target = Path(real_path(brief.path))  # a brief reached through a link stays linked
    if _read_bytes(brief.path, MAX_BYTES) != brief.raw:
        raise InputError([Problem(brief.shown, 0, 0, "changed while the deck was pulled; "
                                                     "nothing written: pull again")])
    mode = os.stat(target).st_mode
    try:
        write_atomic(target, data)
        os.chmod(target, stat.S_IMODE(mode))
    except (OutputError, OSError) as exc:
        raise InputError([Problem(brief.shown, 0, 0, str(exc).split(": ", 1)[-1])]) from None


def _guard_line(deck: Path, data: bytes, brief: _Brief, record: BuildRecord, complete: bool) -> str:
    """Hand the deck back to the edit guard when its edits are all in the brief the build that
    wrote it reads; return the line that says what the next build does with it."""
    shown = display_path(deck)
    written = record.written_digest(deck)
    digest = bytes_digest(data)
    if written == digest and deck.name not in record.carrying():
        return f"{shown}: as briefgen wrote it; the next build replaces it"
    source = record.source()
    builds_it = written is not None and brief.path.stem == deck.stem and (
        source is None or real_path(source) == real_path(brief.path))
    if not builds_it:
        return f"{shown}: not written by a build of {brief.shown} in this folder; left as it is"
    if not complete:
        return (f"{shown}: what is not pulled stays only on the deck, so the next build leaves "
                "it in place (--keep-edits carries it into the rebuilt deck; --force replaces "
                f"it, keeping yours as {deck.stem}.edited.pptx)")
    if not record.hand_over(deck, digest):
        return f"{shown}: could not update its build record; the next build needs --force"
    return (f"{shown}: its text edits are all in the brief; the next build replaces it "
            "(formatting, positions and pictures are not pulled)")
