"""What to show: query results turned into tables, views and JSON documents; no I/O, no rich."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, Any

from bsec_plan.domain.model import Plan
from bsec_plan.plaindata import dataclass
from bsec_plan.queries import questions as q

# a standing's words live apart, light to import, so that `record` can say them without this
# module; the views find them here too
from bsec_plan.views.standingtext import EVENT_WORD as EVENT_WORD
from bsec_plan.views.standingtext import stage_text as stage_text
from bsec_plan.views.standingtext import standing_text as standing_text

if TYPE_CHECKING:  # names for annotations only: `overdue` need not load diff, show or sources
    from bsec_plan.domain.parties import Resolved
    from bsec_plan.problems import Problem


@dataclass
class Table:
    """Rows under a title and column headers, with what each writer needs to lay them out."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    styles: list[str | None] = field(default_factory=list)  # per row, for rich: e.g. "red"
    wrap: tuple[str, ...] = ()  # the columns that may wrap (long text); the others never do
    empty: str = "none"  # what to say when there are no rows
    legend: str = ""  # a line under the table explaining its short headers or marks
    narrow: Table | None = None  # a compact form for a terminal too narrow for this one
    numbers: tuple[str, ...] = ()  # columns of numbers we compute: CSV writes them unprefixed


@dataclass
class Lines:
    """Lines written as they are, each with its look (for rich): a screen laid out by its view."""

    lines: list[tuple[str, str | None]] = field(default_factory=list)
    narrow: Lines | None = None  # the same for a terminal too narrow for these lines


@dataclass
class Asked:
    """The question as asked: the plan and the file it came from, the as-of date, a state."""

    plan: Plan
    plan_file: str
    as_of: dt.date
    state: str | None = None
    path: str | None = None  # the file read, for what must tell plans apart (.ics UIDs)


@dataclass
class MonthGrid:
    """A month to draw as a grid: its marked days and, below it, its occurrences."""

    year: int
    month: int
    as_of: dt.date
    marks: dict[int, str] = field(default_factory=dict)  # day -> status, or AS_OF
    # (line, status, where its title starts: a line too long for the terminal goes on below it)
    listing: list[tuple[str, str, int]] = field(default_factory=list)
    through: tuple[int, int] | None = None  # a run of months without deadlines, to (year, month)


@dataclass
class View:
    """What one command shows, in each shape a format asks for; each shape is built on demand."""

    blocks: Callable[[], list[Table | str]] | None = None  # table
    screen: Callable[[], list[Table | Lines | str]] | None = None  # table, styled: a terminal
    document: Callable[[], dict[str, Any]] | None = None  # json
    csv: Callable[[], Table] | None = None  # csv: one table, its rows as a spreadsheet reads them
    months: Callable[[], list[MonthGrid]] | None = None  # grid
    heading: str = ""  # grid: the line above the months
    # ics: each plan with its file and its events, and the as-of day
    calendar: Callable[[], tuple[list[tuple[Plan, str, list[q.Row]]], dt.date]] | None = None
    markdown: Callable[[], str] | None = None  # markdown
    checked: Callable[[], Checked] | None = None  # text, github
    sheet: Callable[[], Sheet] | None = None  # xlsx
    printable: Callable[[], dict[str, Any]] | None = None  # html: a printable page's data


@dataclass
class Sheet:
    """A spreadsheet's one table: a line above it, typed cells (dates stay dates), totals."""

    title: str
    note: str
    columns: list[str]
    rows: list[list[str | dt.date | None]]
    totals: list[tuple[str, int]]


@dataclass
class Checked:
    """What `check` found: a summary line per valid file, and every problem."""

    summaries: list[str]
    problems: list[Problem]
    warnings: list[Problem]  # of valid files: shown after the summaries, not findings


# One look per status, for tables and grids alike: a colour, and a sign for where the word does
# not fit (grids); the word or the sign is always there, so colour is never the only cue.
STATUS_LOOK: dict[str, tuple[str, str]] = {
    "overdue": ("bold red", "!"),
    "due soon": ("bold yellow", "~"),
    "done": ("green", "+"),
    "done late": ("magenta", "*"),
    "upcoming": ("cyan", ">"),
    "ongoing": ("blue", "="),
    "no deadline": ("dim", "-"),
}
AS_OF = "as of"  # the mark of the as-of day in a grid


def colour(status: str) -> str | None:
    return STATUS_LOOK[status][0] if status in STATUS_LOOK else None


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def responsible_text(row: q.Row) -> str:
    return "; ".join(r.label for r in row.responsible) or "—"


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """`1 progress record`, `2 progress records`: the number with its noun, plural or not."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def relative(day: dt.date | None, as_of: dt.date) -> str:
    """'in 29 days', '336 days ago', 'today': beside the ISO date where deadlines are read."""
    if day is None:
        return "—"
    days = (day - as_of).days
    unit = "day" if abs(days) == 1 else "days"
    if days == 0:
        return "today"
    return f"in {days:,} {unit}" if days > 0 else f"{-days:,} {unit} ago"


def short_party(plan: Plan, r: Resolved) -> tuple[str, str | None]:
    """A party as a code or a short name, and what the short name stands for when not obvious."""
    party = plan.party_by_id.get(r.ref)
    if party is None:  # a Member State named directly
        return r.ref, None
    if party.kind == "all-member-states":
        return "all states", None
    if party.kind == "eu-member-states":
        return f"EU ({' '.join(r.states) or 'none'})", None
    if party.kind == "agency":
        return f"{party.state} agency", f"{party.state} agency: {party.name}"
    if r.states:
        return (f"Chair {r.states[0]}" if party.kind == "chairmanship" else r.states[0]), None
    initials = "".join(w[0] for w in party.name.split(" of ")[0].replace("-", " ").split())
    short = "Chair?" if party.kind == "chairmanship" else f"{initials}?"
    return short, f"{short} {party.name}, holder unknown"


def short_responsible(plan: Plan, row: q.Row, legend: dict[str, None]) -> str:
    """The responsible parties in short; what a short name stands for is added to `legend`."""
    parts = []
    for r in row.responsible:
        short, meaning = short_party(plan, r)
        parts.append(short)
        if meaning:
            legend[meaning] = None
    return "; ".join(parts) or "—"


def legend_line(legend: dict[str, None], details: bool = True) -> str:
    """What the short names stand for, once; `details` points at `show` for the rest."""
    if not legend:
        return ""
    return "; ".join(legend) + (". Details: bsec-plan show ID." if details else ".")


class Shared(list[Any]):
    """A list that several rows of one JSON document hold, the same object in each: the JSON
    writer encodes it once (writers/jsonpieces.py)."""


def row_json(row: q.Row, shared: dict[tuple[int, ...], Shared] | None = None) -> dict[str, Any]:
    """An occurrence as JSON; with `shared` (one per document, alive no longer than its rows),
    rows whose responsible parties are the same resolved ones share one list of them."""
    return {
        "action": row.action,
        "direction": row.direction,
        "occurrence": row.occurrence,
        "due": iso(row.due),
        "status": row.status,
        "days_overdue": row.days_overdue,
        "done_on": iso(row.done_on),
        "responsible": responsible_json(row) if shared is None else _shared(row, shared),
        "text": row.text,
    }


def rows_json(rows: list[q.Row]) -> list[dict[str, Any]]:
    """Rows as JSON, those with the same resolved parties sharing one list of them."""
    shared: dict[tuple[int, ...], Shared] = {}  # rows share a few dozen lists of parties
    return [row_json(r, shared) for r in rows]


def responsible_json(row: q.Row) -> list[dict[str, Any]]:
    return [{"party": r.ref, "label": r.label, "states": list(r.states)} for r in row.responsible]


def _shared(row: q.Row, shared: dict[tuple[int, ...], Shared]) -> Shared:
    # by the resolved parties' ids: a query resolves each party once a day, and its rows keep them
    key = tuple(map(id, row.responsible))
    found = shared.get(key)
    if found is None:
        found = shared[key] = Shared(responsible_json(row))
    return found


def period_note(plan: Plan, as_of: dt.date) -> list[str]:
    """One line when the as-of date is after the plan's period, with the date that replays it."""
    if as_of <= plan.end:
        return []
    return [f"The plan's period ended on {plan.end}; to replay it, add --as-of {plan.end}.\n"]


def header(plan_file: str, as_of: dt.date, command: str, **filters: Any) -> dict[str, Any]:
    """What a JSON answer opens with: the command, the plan file, the as-of date, the filters."""
    return {"command": command, "plan": plan_file, "as_of": as_of.isoformat(), **filters}


def header_of(asked: Asked, command: str, **filters: Any) -> dict[str, Any]:
    """The JSON header (see `header`) of what was asked."""
    return header(asked.plan_file, asked.as_of, command, state=asked.state, **filters)


def plan_file_line(asked: Asked) -> str:
    return f"Plan file: {asked.plan_file}{state_filter(asked.plan, asked.state)}"


def state_filter(plan: Plan, state: str | None) -> str:
    """What an answer for one Member State says it is filtered by, after the plan file."""
    if state is None:
        return ""
    return f"; only what concerns {plan.state_by_code[state].name} ({state})"
