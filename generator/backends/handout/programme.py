"""The programme on the handout: a compact table of times and titles, one per day, condensed
as condense.py says (speakers and rooms, then all but the keynotes, then all but the count)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph

from generator.backends.handout.condense import (
    PROGRAMME_COUNTED,
    PROGRAMME_FULL,
    PROGRAMME_KEYNOTES,
    Cut,
)
from generator.backends.handout.content import Part
from generator.backends.handout.text import Sizes, colored, seen, style
from generator.pdftags.marks import Tag, artifact
from generator.story import Labels, Loc, Session
from generator.theme.model import Theme
from generator.typeset import measure
from generator.typeset.paragraphs import markup, paragraph

# The time column never takes more than this share of the page column.
TIME_SHARE = 0.4
HEADER_CELL = (("O", "Table"), ("Scope", "Column"))


@dataclass(frozen=True)
class Setting:
    """What every row of the programme shares: theme, sizes, language and column widths."""

    theme: Theme
    sizes: Sizes
    labels: Labels
    region: str
    rtl: bool
    widths: tuple[float, ...]  # the time column (when sessions have times), then the session's


def shown_sessions(part: Part, cut: Cut) -> list[Session]:
    """Return the sessions the page lists under `cut` (none when it only counts them)."""
    sessions = [s for s in part.entries if isinstance(s, Session)]
    if cut.programme == PROGRAMME_COUNTED:
        return []
    if cut.programme == PROGRAMME_KEYNOTES:
        return [s for s in sessions if s.keynote]
    return sessions


def programme(part: Part, theme: Theme, sizes: Sizes, width: float, cut: Cut, labels: Labels,
              region: str, rtl: bool = False) -> list[tuple[Loc, tuple[Flowable, ...]]]:
    """Return the programme's rows with the brief places they show: a table per day (its
    header naming the day when the programme spans several), then a line counting the
    sessions left out, or only the span of each day when the programme is counted."""
    sessions = [s for s in part.entries if isinstance(s, Session)]
    shown = shown_sessions(part, cut)
    setting = _setting(sessions, theme, sizes, width, labels, region, rtl)
    several_days = len({s.day for s in sessions if s.day}) > 1
    rows: list[tuple[Loc, tuple[Flowable, ...]]] = []
    for day, group in _by_day(shown):
        table = Tag("Table")
        header = _header(setting, table, day if several_days else "")
        header.spaceBefore = setting.sizes.space(1.2) if rows else 0.0  # a new day sets off
        first, *rest = group
        rows.append((first.loc, (header, _row(first, setting, table, cut))))
        rows += [(s.loc, (_row(s, setting, table, cut),)) for s in rest]
    left_out = len(sessions) - len(shown)
    if cut.programme == PROGRAMME_COUNTED:
        line = _days_line(sessions, labels)
        if line:
            rows.append((part.loc, (_note(line, setting),)))
    elif left_out:
        rows.append((part.loc, (_note(labels.count("and-more", left_out), setting, True),)))
    return rows


def _setting(sessions: list[Session], theme: Theme, sizes: Sizes, width: float, labels: Labels,
             region: str, rtl: bool) -> Setting:
    """Return the rows' shared setting: a time column as wide as the longest time or its
    heading (none when no session has a time), the session column the rest."""
    times = [s.when for s in sessions if s.when]
    if not times:
        return Setting(theme, sizes, labels, region, rtl, (width,))
    heading = labels.text("agenda-time")
    widest = max(measure.width(t, theme.heading, sizes.small, bold=True, region=region)
                 for t in (*times, heading))
    time_width = min(widest + 2 * _pad(sizes), width * TIME_SHARE)
    return Setting(theme, sizes, labels, region, rtl, (time_width, width - time_width))


def _pad(sizes: Sizes) -> float:
    """Return the space on each side of a cell's text."""
    return sizes.space(0.5)


def _by_day(sessions: list[Session]) -> list[tuple[str, list[Session]]]:
    """Return the sessions in runs of the same day, in order."""
    runs: list[tuple[str, list[Session]]] = []
    for session in sessions:
        if runs and runs[-1][0] == session.day:
            runs[-1][1].append(session)
        else:
            runs.append((session.day, [session]))
    return runs


def _header(setting: Setting, table: Tag, day: str) -> ProgrammeRow:
    """Return the table's header row: 'Time' and 'Session', or the day over the sessions."""
    theme, sizes, labels = setting.theme, setting.sizes, setting.labels
    row = Tag("TR", table)
    heads = [labels.text("agenda-time")] if len(setting.widths) > 1 else []
    heads.append(day or labels.text("agenda-session"))
    color = theme.palette.primary if day else theme.palette.muted
    cells = [paragraph(markup(text, theme.heading, bold=True, region=setting.region),
                       style("programme-head", theme, sizes.small, color, heading=True,
                             rtl=setting.rtl),
                       Tag("TH", row, attributes=HEADER_CELL)) for text in heads]
    return ProgrammeRow(cells, setting, header=True)


def _row(session: Session, setting: Setting, table: Tag, cut: Cut) -> ProgrammeRow:
    """Return a session's row: its time, then its title (in bold for a keynote) with its
    speakers and room under it while the programme is shown in full."""
    theme, sizes, region = setting.theme, setting.sizes, setting.region
    pal = theme.palette
    row = Tag("TR", table)
    cells = []
    if len(setting.widths) > 1:
        cells.append(paragraph(markup(session.when, theme.heading, region=region),
                               style("programme-time", theme, sizes.small, pal.primary,
                                     rtl=setting.rtl), Tag("TD", row)))
    text = markup(session.title, theme.heading if session.keynote else theme.body,
                  bold=session.keynote, region=region)
    details = _details(session, setting.labels) if cut.programme == PROGRAMME_FULL else ""
    if details:
        text += "<br/>" + colored(markup(details, theme.body, region=region), pal.muted)
    cells.append(paragraph(text, style("programme-title", theme, sizes.small, pal.text,
                                       rtl=setting.rtl), Tag("TD", row)))
    return ProgrammeRow(cells, setting)


def _details(session: Session, labels: Labels) -> str:
    """Return a session's speakers and room in one line: 'Ada Lovelace, Alan Turing, Hall A'."""
    parts = [*session.speakers, session.room]
    line = ""
    for part in (p for p in parts if p):
        line = labels.text("comma", first=line, second=part) if line else part
    return line


def _days_line(sessions: list[Session], labels: Labels) -> str:
    """Return each day of a counted programme with the span of its times: '14 April 2031,
    09:00\u201315:00; ...'; the span alone for a programme of one day; '' when neither is known."""
    spans = []
    for day, group in _by_day(sessions):
        starts = [s.time for s in group if s.time]
        ends = [s.end or s.time for s in group if s.end or s.time]
        span = labels.text("time-span", start=min(starts), end=max(ends)) if starts else ""
        spans.append(labels.text("comma", first=day, second=span) if day and span else day or span)
    return " \u00b7 ".join(s for s in spans if s)


def _note(text: str, setting: Setting, italic: bool = False) -> Flowable:
    """Return a muted line under the programme: what it counts, or the span of its days."""
    theme, sizes = setting.theme, setting.sizes
    return paragraph(markup(text, theme.body, italic=italic, region=setting.region),
                     style("programme-note", theme, sizes.small, theme.palette.muted,
                           space_after=sizes.space(0.6), rtl=setting.rtl), Tag("P"))


# ReportLab has no type information, so Flowable is Any to mypy; subclassing it is deliberate.
class ProgrammeRow(Flowable):  # type: ignore[misc, unused-ignore]
    """One row of the programme's table: its cells side by side over a hairline rule, the
    time column on the right of a right-to-left page. The header row stays with the next."""

    keep_whole = True  # read by onepage.pack: a row moves whole to the next column

    def __init__(self, cells: list[Paragraph], setting: Setting, header: bool = False) -> None:
        super().__init__()
        self.measured_at: float | None = None  # the width its wrap last measured at
        self.width: float = 0.0
        self.height: float = 0.0
        self.cells, self.setting, self.header = cells, setting, header
        self.keep_with_next = header
        self.pad = _pad(setting.sizes)
        self.rule = HexColor(setting.theme.palette.primary if header else setting.theme.palette.rule)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the row's size: its tallest cell with the padding above and below."""
        # Packing asks again and again at the column's width; lines break by width alone.
        if self.measured_at == available_width:
            return self.width, self.height
        self.measured_at = available_width
        self.width = available_width
        widths = list(self.setting.widths)
        widths[-1] = available_width - sum(widths[:-1])
        self.widths = widths
        self.heights = [c.wrap(w - 2 * self.pad, available_height)[1]
                        for c, w in zip(self.cells, widths, strict=True)]
        self.height = max(self.heights) + (1.0 if self.header else 2.0) * self.pad
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Return nothing: a row is never broken across columns."""
        return []

    def draw(self) -> None:
        """Draw each cell at the top of its column, from the start edge, then the rule under
        the row (decoration)."""
        canv = self.canv
        if not seen(canv):
            return
        top = self.height - (0.0 if self.header else self.pad)
        x = 0.0
        for cell, width, height in zip(self.cells, self.widths, self.heights, strict=True):
            left = self.width - x - width if self.setting.rtl else x
            cell.drawOn(canv, left + self.pad, top - height)
            x += width
        with artifact(canv):
            canv.setStrokeColor(self.rule)
            canv.setLineWidth(0.75 if self.header else 0.4)
            canv.line(0, 0, self.width, 0)
