"""Which slide and shape of a deck as it is now is which one briefgen wrote.

Names come first: a shape still named as briefgen named it, on the slide it was on, is that
shape. Where names are gone (LibreOffice renames placeholders and may reorder them), the rest
are matched by placeholder type and text similarity (rapidfuzz) against the base; two
candidates scoring within `CLOSE` of each other are reported as ambiguous, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from generator.workflow.edits.read import DeckShape, DeckSlide
from generator.workflow.edits.record import BaseShape, BaseSlide

SAME_SLIDE = 35.0  # the least similarity (0-100) at which two slides are taken for one
SAME_SHAPE = 40.0  # ... and two text shapes on matched slides
CLOSE = 3.0  # candidates nearer than this are ambiguous
_TITLES = {"title", "ctrTitle"}


@dataclass
class SlideMatch:
    """A base slide and the deck slide it now is (None: deleted), with its shapes matched."""

    base: BaseSlide
    deck: DeckSlide | None
    shapes: list[tuple[BaseShape, DeckShape | None]] = field(default_factory=list)
    added: list[DeckShape] = field(default_factory=list)
    ambiguous: list[BaseShape] = field(default_factory=list)


def slide_text(shapes: tuple[BaseShape, ...] | tuple[DeckShape, ...]) -> str:
    """Return a slide's text, for comparing slides."""
    return "\n".join(s.text for s in shapes if s.text)


def match_slides(base: tuple[BaseSlide, ...], deck: tuple[DeckSlide, ...]
                 ) -> tuple[list[SlideMatch], list[DeckSlide]]:
    """Return each base slide matched to a deck slide in order (slides added or deleted
    between them), and the deck slides that match none (added)."""
    texts_b = [slide_text(s.shapes) for s in base]
    texts_d = [slide_text(s.shapes) for s in deck]
    names_b = [{s.name for s in slide.shapes if s.name} for slide in base]
    names_d = [{s.name for s in slide.shapes} for slide in deck]
    scores = [[_slide_score(b, d, nb, nd) for d, nd in zip(texts_d, names_d, strict=True)]
              for b, nb in zip(texts_b, names_b, strict=True)]
    # The in-order pairing with the highest total similarity (a longest common subsequence
    # weighted by score), so an added or deleted slide shifts nothing after it.
    best = [[0.0] * (len(deck) + 1) for _ in range(len(base) + 1)]
    for i in range(len(base) - 1, -1, -1):
        for j in range(len(deck) - 1, -1, -1):
            pair = scores[i][j] + best[i + 1][j + 1] if scores[i][j] >= SAME_SLIDE else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    matches, used, i, j = [], set(), 0, 0
    while i < len(base):
        if j < len(deck) and scores[i][j] >= SAME_SLIDE and \
                best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            matches.append(match_shapes(base[i], deck[j]))
            used.add(j)
            i, j = i + 1, j + 1
        elif j < len(deck) and best[i][j] == best[i][j + 1]:
            j += 1
        else:
            matches.append(SlideMatch(base[i], None))
            i += 1
    return matches, [s for n, s in enumerate(deck) if n not in used]


def _slide_score(base: str, deck: str, base_names: set[str], deck_names: set[str]) -> float:
    """Return how alike two slides are (0-100): by text; a slide whose text was rewritten but
    keeps two thirds of its shapes' names (two at least) is still taken for the same slide."""
    score = fuzz.ratio(base, deck)
    if score < SAME_SLIDE and len(base_names) >= 2 and \
            3 * len(base_names & deck_names) >= 2 * len(base_names):
        return SAME_SLIDE
    return score


def match_shapes(base: BaseSlide, deck: DeckSlide) -> SlideMatch:
    """Return the base slide's shapes matched to the deck slide's: by name, then by kind and
    text; what is left of the deck's is added, what is left of the base's deleted."""
    match = SlideMatch(base, deck)
    left = list(deck.shapes)
    pending: list[BaseShape] = []
    for shape in base.shapes:
        same = [d for d in left if d.name == shape.name]
        if len(same) == 1:
            match.shapes.append((shape, same[0]))
            left.remove(same[0])
        else:
            pending.append(shape)
    for shape in pending:
        found, ambiguous = _by_text(shape, left)
        if ambiguous:
            match.ambiguous.append(shape)
        match.shapes.append((shape, found))
        if found is not None:
            left.remove(found)
    match.added = left
    return match


def _by_text(shape: BaseShape, candidates: list[DeckShape]) -> tuple[DeckShape | None, bool]:
    """Return the deck shape most like `shape` (same kind, placeholder type if any, text), or
    None when none is alike; and whether two were about as alike (then None, ambiguous)."""
    fit = [d for d in candidates if d.kind == shape.kind and _same_placeholder(shape, d)]
    if not shape.paras:  # a picture or a panel: alike by kind and placeholder alone
        return (fit[0] if len(fit) == 1 else None), False
    if shape.placeholder in _TITLES and len(fit) == 1:
        return fit[0], False  # a slide's one title, however much it was rewritten
    scored = sorted(((fuzz.ratio(shape.text, d.text), n) for n, d in enumerate(fit)), reverse=True)
    if not scored or scored[0][0] < SAME_SHAPE:
        return None, False
    if len(scored) > 1 and scored[0][0] - scored[1][0] < CLOSE:
        return None, True
    return fit[scored[0][1]], False


def _same_placeholder(base: BaseShape, deck: DeckShape) -> bool:
    """Return True when the two could be one shape: both titles, both the same other
    placeholder type, or (LibreOffice turning one into the other) a body and an 'obj'."""
    if base.placeholder in _TITLES or deck.placeholder in _TITLES:
        return base.placeholder in _TITLES and deck.placeholder in _TITLES
    return True


def align(base: list[str], now: list[str]) -> list[tuple[int | None, int | None]]:
    """Return the paragraphs of a shape paired in order, base to now (None on one side: added
    or deleted), by the highest total similarity; equal counts pair by position."""
    if len(base) == len(now):
        return [(n, n) for n in range(len(base))]
    best = [[0.0] * (len(now) + 1) for _ in range(len(base) + 1)]
    for i in range(len(base) - 1, -1, -1):
        for j in range(len(now) - 1, -1, -1):
            score = fuzz.ratio(base[i], now[j])
            pair = score + best[i + 1][j + 1] if score >= SAME_SHAPE else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < len(base) or j < len(now):
        if i < len(base) and j < len(now):
            score = fuzz.ratio(base[i], now[j])
            if score >= SAME_SHAPE and best[i][j] == score + best[i + 1][j + 1]:
                out.append((i, j))
                i, j = i + 1, j + 1
                continue
            if best[i][j] == best[i][j + 1]:
                out.append((None, j))
                j += 1
                continue
        if i < len(base):
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    return out
