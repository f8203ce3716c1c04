"""The steps by which a long handout is condensed onto its page, and what the build says of them.

Each step keeps more of what a reader came for than the next: the programme's speakers and rooms
go first (the speakers are listed anyway), then speakers' topics, then speakers become a list of
names in columns, then the programme keeps only its keynotes, then the names beyond what fits
are counted ("and 212 more speakers - see the deck", keeping at least a few dozen names), then
sources beyond what fits lose their QR codes, then the sources beyond what fits are counted, then
the programme is counted ("Programme (24)", with the span of each day), and last the names are
cut below those few dozen. The event's own summary, key facts, priorities and takeaways are
never condensed: a page that cannot hold them is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.backends.base import Notice
from generator.backends.handout.content import Handout, Part
from generator.backends.handout.text import safe_url
from generator.story import Item, Person, Session

# How much of the programme the page shows, from the most to the least.
PROGRAMME_FULL = "full"  # times, titles, speakers and rooms
PROGRAMME_TITLES = "titles"  # times and titles only
PROGRAMME_KEYNOTES = "keynotes"  # the keynotes' times and titles, the rest counted
PROGRAMME_COUNTED = "counted"  # the sessions counted, with the span of each day


@dataclass(frozen=True)
class Cut:
    """How much of the lists the page shows; None counts mean all of them."""

    topics: bool = True  # speakers' topics beside their names
    names_only: bool = False  # speakers as a list of names in columns
    speakers: int | None = None  # how many speakers are named
    codes: int | None = None  # how many sources with an address get a QR code
    sources: int | None = None  # how many sources are listed
    programme: str = PROGRAMME_FULL  # how much of the programme is shown (PROGRAMME_*)


FULL = Cut()


@dataclass(frozen=True)
class Step:
    """One step of condensing: the cut it makes, and the count it then makes as large as fits
    ('speakers', 'codes' or 'sources'; empty when it has none), from `least` up to `most`."""

    cut: Cut
    counted: str = ""
    most: int = 0
    least: int = 0

    def with_count(self, count: int) -> Cut:
        """Return the step's cut showing `count` of what it counts."""
        if self.counted == "speakers":
            return replace(self.cut, speakers=count)
        if self.counted == "codes":
            return replace(self.cut, codes=count)
        if self.counted == "sources":
            return replace(self.cut, sources=count)
        return self.cut


# Names a long list keeps before sources lose their codes or are counted: codes are worth more
# than the last rows of a long list of names, but not more than the list itself.
NAMES_KEPT = 24


def steps(handout: Handout, codes_on: bool) -> list[Step]:
    """Return the steps that apply to this handout, full content first, each keeping more of
    what a reader came for than the next."""
    people = _entries(handout.part("speakers"))
    sources = _entries(handout.part("sources"))
    sessions = [s for s in _entries(handout.part("agenda")) if isinstance(s, Session)]
    coded = sum(1 for s in sources if isinstance(s, Item) and safe_url(s.url)) if codes_on else 0
    found = [Step(FULL)]
    cut = FULL
    if any(s.speakers or s.room for s in sessions):
        cut = replace(cut, programme=PROGRAMME_TITLES)
        found.append(Step(cut))
    if any(isinstance(p, Person) and p.topic for p in people):
        cut = replace(cut, topics=False)
        found.append(Step(cut))
    if len(people) > 1:
        cut = replace(cut, topics=False, names_only=True)
        found.append(Step(cut))
    if 0 < sum(s.keynote for s in sessions) < len(sessions):
        cut = replace(cut, programme=PROGRAMME_KEYNOTES)
        found.append(Step(cut))
    kept = min(len(people), NAMES_KEPT)
    if people:
        found.append(Step(cut, "speakers", len(people) - 1, kept))
        cut = replace(cut, speakers=kept)
    if coded:
        found.append(Step(cut, "codes", coded - 1))
        cut = replace(cut, codes=0)
    if len(sources) > 1:
        found.append(Step(cut, "sources", len(sources) - 1))
        cut = replace(cut, sources=0)
    if sessions:
        cut = replace(cut, programme=PROGRAMME_COUNTED)
        found.append(Step(cut))
    if kept:
        found.append(Step(cut, "speakers", kept - 1))  # the last resort: fewer names still
    return found


def _entries(part: Part | None) -> tuple[Person | Item | Session, ...]:
    """Return a list's entries, or none when the handout has no such list."""
    return part.entries if part is not None else ()


def notices(handout: Handout, cut: Cut) -> list[Notice]:
    """Return what the build says about the condensing `cut` made, one notice per list."""
    found = _programme_notices(handout, cut)
    people = _entries(handout.part("speakers"))
    said = []
    if cut.names_only:
        said.append("lists the speakers by name only, in columns (their roles and topics are "
                    "in the deck)")
    elif not cut.topics:
        said.append("leaves out the speakers' topics (they are in the deck)")
    if cut.speakers is not None and cut.speakers < len(people):
        said.append(f"names {cut.speakers} of the {len(people)} speakers and counts the rest; "
                    "the deck has them all")
    if said:
        found.append(Notice(("speakers",), f"to fit one page the handout {'; it '.join(said)}"))
    sources = _entries(handout.part("sources"))
    coded = [s for s in sources if isinstance(s, Item) and safe_url(s.url)]
    said = []
    if cut.codes is not None and cut.codes < len(coded):
        said.append(f"prints QR codes for {cut.codes} of the {len(coded)} sources with an "
                    "address (the others show their address only)")
    if cut.sources is not None and cut.sources < len(sources):
        said.append(f"lists {cut.sources} of the {len(sources)} sources and counts the rest; "
                    "the deck has them all")
    if said:
        found.append(Notice(("sources",), f"to fit one page the handout {'; it '.join(said)}"))
    return found


def _programme_notices(handout: Handout, cut: Cut) -> list[Notice]:
    """Return what the build says of how the programme was condensed, if it was."""
    sessions = [s for s in _entries(handout.part("agenda")) if isinstance(s, Session)]
    if not sessions or cut.programme == PROGRAMME_FULL:
        return []
    if cut.programme == PROGRAMME_TITLES:
        said = "lists the programme's times and titles only (its speakers and rooms are in the deck)"
    elif cut.programme == PROGRAMME_KEYNOTES:
        keynotes = sum(s.keynote for s in sessions)
        said = (f"lists the {keynotes} keynotes of the programme's {len(sessions)} sessions and "
                "counts the rest; the deck has them all")
    else:
        said = (f"counts the programme's {len(sessions)} sessions instead of listing them; the "
                "deck has them all")
    return [Notice(("agenda",), f"to fit one page the handout {said}")]
