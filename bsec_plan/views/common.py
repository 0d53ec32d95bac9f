"""What to show: query results turned into tables, views and JSON documents; no I/O, no rich."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bsec_plan.domain.jsonform import as_json
from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q

if TYPE_CHECKING:  # names for annotations only: `overdue` need not load diff, show or sources
    from bsec_plan.domain.parties import Resolved
    from bsec_plan.problems import Problem
    from bsec_plan.queries.action import Shown
    from bsec_plan.queries.sources import Fact


@dataclass
class Table:
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
    listing: list[tuple[str, str]] = field(default_factory=list)  # (line, status)


@dataclass
class View:
    """What one command shows, in each shape a format asks for; each shape is built on demand."""

    blocks: Callable[[], list[Table | str]] | None = None  # table
    screen: Callable[[], list[Table | Lines | str]] | None = None  # table, styled: a terminal
    document: Callable[[], dict[str, Any]] | None = None  # json
    table: Callable[[], Table] | None = None  # csv
    months: Callable[[], list[MonthGrid]] | None = None  # grid
    heading: str = ""  # grid: the line above the months
    # ics: each plan with its file and its events, and the as-of day
    calendar: Callable[[], tuple[list[tuple[Plan, str, list[q.Row]]], dt.date]] | None = None
    markdown: Callable[[], str] | None = None  # markdown
    checked: Callable[[], Checked] | None = None  # text, github


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


def row_json(row: q.Row) -> dict[str, Any]:
    return {
        "action": row.action,
        "direction": row.direction,
        "occurrence": row.occurrence,
        "due": iso(row.due),
        "status": row.status,
        "days_overdue": row.days_overdue,
        "done_on": iso(row.done_on),
        "responsible": [
            {"party": r.ref, "label": r.label, "states": list(r.states)} for r in row.responsible
        ],
        "text": row.text,
    }


def period_note(plan: Plan, as_of: dt.date) -> list[str]:
    """One line when the as-of date is after the plan's period, with the date that replays it."""
    if as_of <= plan.end:
        return []
    return [f"The plan's period ended on {plan.end}; to replay it, add --as-of {plan.end}.\n"]


def header(plan_file: str, as_of: dt.date, command: str, **filters: Any) -> dict[str, Any]:
    return {"command": command, "plan": plan_file, "as_of": as_of.isoformat(), **filters}


# -- overdue ------------------------------------------------------------------------------------


def overdue_table(plan: Plan, rows: list[q.Row], as_of: dt.date) -> Table:
    table = Table(
        f"Overdue on {as_of}",
        ["Action", "Occurrence", "Due", "Days overdue", "Responsible", "Text"],
        wrap=("Responsible", "Text"),
        empty="nothing is overdue",
        numbers=("Days overdue",),
    )
    legend: dict[str, None] = {}
    table.narrow = Table(
        table.title,
        ["Action", "Occ.", "Due", "Days", "Responsible", "Text"],
        wrap=("Responsible", "Text"),
    )
    for r in rows:
        days = str(r.days_overdue)
        table.rows.append(
            [r.action, r.occurrence or "", iso(r.due) or "", days, responsible_text(r), r.text]
        )
        table.narrow.rows.append(
            [
                r.action,
                r.occurrence or "",
                iso(r.due) or "",
                days,
                short_responsible(plan, r, legend),
                r.text,
            ]
        )
    table.styles = table.narrow.styles = [colour("overdue")] * len(rows)
    table.narrow.legend = "Occ.: occurrence; Days: days overdue. " + legend_line(legend)
    return table


# -- states -------------------------------------------------------------------------------------


EVENT_WORD: dict[str, str] = {
    "ratification": "ratified",
    "approval": "approved",
    "acceptance": "accepted",
    "accession": "acceded",
    "publication": "published",
    "entry-into-force": "in force",
    "signature": "signed",
}


def standing_text(s: q.Standing, good: str) -> str:
    """`in force 2000-03-08`, `date unknown (ratification)`, `appointed (inferred from …)`."""
    if s.status == "date unknown":
        return (
            f"date unknown ({EVENT_WORD[s.event or 'ratification']} {s.date})"
            if s.date
            else "date unknown"
        )
    if s.status != good:
        return s.status.replace("-", " ")
    word = EVENT_WORD.get(s.event or "", good)
    if s.inferred_from:
        return f"{word} (inferred from {s.inferred_from})"
    return f"{word} {s.date}" if s.date else f"{word} (date unknown)"


def states_table(plan: Plan, rows: list[q.StateRow], as_of: dt.date) -> Table:
    instruments = list(rows[0].ratifications) if rows else []
    shorts = [plan.instrument_by_id[i].short for i in instruments]
    table = Table(
        f"Member States on {as_of}", ["State", "Name", *shorts, "Liaison officer", "EU member"]
    )
    # on a terminal: short headers explained in a legend, a date standing for "ratified on"
    heads = [_year(plan, i) for i in instruments]
    table.narrow = Table(
        table.title, ["State", "Name", *heads, "LO", "EU"], wrap=("Name", *heads, "LO")
    )
    for r in rows:
        table.rows.append(
            [
                r.code,
                r.name,
                *(standing_text(r.ratifications[i], "ratified") for i in instruments),
                standing_text(r.liaison_officer, "appointed"),
                f"since {r.eu_since}" if r.eu_since else "no",
            ]
        )
        table.narrow.rows.append(
            [
                r.code,
                r.name,
                *(standing_short(r.ratifications[i], "ratified") for i in instruments),
                standing_short(r.liaison_officer, "appointed"),
                iso(r.eu_since) or "no",
            ]
        )
    table.narrow.legend = (
        "; ".join(f"{h}: {s}" for h, s in zip(heads, shorts, strict=True))
        + "; LO: liaison officer; EU: member since. A date: consent (ratified, approved) or "
        "appointment that day; a date with p: published, with f: in force that day; "
        "inferred: from the plan's note under A.2. Events and sources: bsec-plan sources."
    )
    return table


def _year(plan: Plan, instrument: str) -> str:
    found = plan.instrument_by_id[instrument]
    return str(found.done_on.year) if found.done_on else found.short


# In the narrow table a date stands for the event the status rests on; a letter after it names
# an event other than consent itself (the legend says which).
EVENT_MARK: dict[str, str] = {"publication": "p", "entry-into-force": "f"}


def standing_short(s: q.Standing, good: str) -> str:
    if s.status == good and s.inferred_from:
        return "inferred"
    if s.status == good:
        return f"{s.date}{EVENT_MARK.get(s.event or '', '')}" if s.date else "yes"
    return "no" if s.status.startswith("not") else s.status.replace("-", " ")


def states_json(rows: list[q.StateRow]) -> list[dict[str, Any]]:
    def standing(s: q.Standing) -> dict[str, Any]:
        return {
            "status": s.status,
            "text": standing_text(s, s.status if s.status != "date unknown" else "ratified"),
            "event": s.event,
            "date": s.date,
            "note": s.note,
            "source": s.source,
            "inferred_from": s.inferred_from,
            "events": [as_json(e) for e in s.events],
        }

    return [
        {
            "code": r.code,
            "name": r.name,
            "ratifications": {i: standing(s) for i, s in r.ratifications.items()},
            "liaison_officer": standing(r.liaison_officer),
            "eu_member": r.eu_since is not None,
            "eu_since": iso(r.eu_since),
        }
        for r in rows
    ]


# -- show ---------------------------------------------------------------------------------------


def show_blocks(plan: Plan, plan_file: str, shown: Shown, as_of: dt.date) -> list[Table | str]:
    action, direction = shown.action, shown.direction
    lines = [f"{action.id}  {action.text}", "", f"Direction {direction.id}: {direction.title}"]
    if action.responsible:
        lines.append(f"Responsible: {action.responsible.wording}")
    else:
        lines.append("Responsible: not named in the plan")
    if action.deadline:
        lines.append(f"Deadline: {action.deadline.wording} ({action.deadline.kind})")
    else:
        lines.append("Deadline: none")
    names = [plan.instrument_by_id[i].title for i in action.instruments]
    if names:
        lines.append("Instruments: " + "; ".join(names))
    if action.addresses and shown.addressed is not None:
        lines.append(
            f"Addressed to the states not recorded as having ratified the "
            f"{plan.instrument_by_id[action.addresses.not_ratified].short} on {as_of}: "
            f"{' '.join(shown.addressed) or 'none'}"
        )
    for note in action.notes:
        lines.append(f"Note: {note}")
    for note in action.editorial_notes:
        lines.append(f"Editorial note (not the plan's words): {note}")
    for ident in action.instruments:
        lines.append(f"Source for {ident}: {plan.instrument_by_id[ident].source}")
    lines.append(f"Plan file: {plan_file}; as of {as_of}")
    occurrences = Table(
        "Occurrences", ["Occurrence", "Due", "When", "Status", "Responsible"], wrap=("Responsible",)
    )
    narrow = occurrences.narrow = Table("Occurrences", occurrences.columns, wrap=("Responsible",))
    legend: dict[str, None] = {}
    for r in shown.rows:
        cells = [r.occurrence or "—", iso(r.due) or "—", relative(r.due, as_of), r.status]
        occurrences.rows.append([*cells, responsible_text(r)])
        narrow.rows.append([*cells, short_responsible(plan, r, legend)])
        occurrences.styles.append(colour(r.status))
    narrow.legend = legend_line(legend, details=False)
    narrow.styles = occurrences.styles
    records = Table(
        "Progress records",
        ["Occurrence", "Date", "Status", "Summary", "Source"],
        wrap=("Summary", "Source"),
        empty="none recorded",
    )
    for p in shown.progress:
        records.rows.append(
            [p.occurrence or "—", p.date.isoformat(), p.status, p.summary, p.source]
        )
    return ["\n".join(lines) + "\n", occurrences, records]


def show_json(shown: Shown) -> dict[str, Any]:
    action, direction = shown.action, shown.direction
    return {
        "action": {
            "id": action.id,
            "direction": {"id": direction.id, "title": direction.title},
            "text": action.text,
            "responsible": action.responsible.wording if action.responsible else None,
            "deadline": (
                {
                    "wording": action.deadline.wording,
                    "kind": action.deadline.kind,
                    "due": str(action.deadline.due) if action.deadline.due else None,
                }
                if action.deadline
                else None
            ),
            "instruments": list(action.instruments),
            "instrument_sources": shown.instrument_sources,
            "addressed_to": shown.addressed,
            "notes": list(action.notes),
            "editorial_notes": list(action.editorial_notes),
        },
        "occurrences": [row_json(r) for r in shown.rows],
        "progress": [as_json(p) for p in shown.progress],
    }


# -- calendar -----------------------------------------------------------------------------------

CALENDAR_COLUMNS = ["Due", "Action", "Occurrence", "Status", "Responsible", "Title"]


def _calendar_row(plan: Plan, r: q.Row) -> list[str]:
    return [
        iso(r.due) or "",
        r.action,
        r.occurrence or "",
        r.status,
        responsible_text(r),
        q.title(plan, r.action),
    ]


def calendar_table(plan: Plan, rows: list[q.Row], start: dt.date, end: dt.date) -> Table:
    table = Table(
        f"Deadlines {start} – {end}",
        CALENDAR_COLUMNS,
        wrap=("Responsible", "Title"),
        empty="no deadlines in this window",
    )
    for r in rows:
        table.rows.append(_calendar_row(plan, r))
        table.styles.append(colour(r.status))
    return table


def calendar_months(
    plan: Plan, rows: list[q.Row], start: dt.date, end: dt.date, as_of: dt.date
) -> list[Table | str]:
    """One table per month that holds a deadline; on a terminal each has a narrow form with
    parties in short and the relative date, explained once under the last month."""
    if not rows:
        return [f"No deadlines between {start} and {end}."]
    tables: dict[tuple[int, int], Table] = {}
    legend: dict[str, None] = {}
    for r in rows:
        assert r.due is not None  # the calendar lists dated occurrences only
        month = (r.due.year, r.due.month)
        if month not in tables:
            tables[month] = Table(
                r.due.strftime("%B %Y"), CALENDAR_COLUMNS, wrap=("Responsible", "Title")
            )
            tables[month].narrow = Table(
                tables[month].title,
                ["Due", "When", "Occurrence", "Status", "Responsible", "Title"],
                wrap=("Responsible", "Title"),
            )
        table, narrow = tables[month], tables[month].narrow
        assert narrow is not None
        table.rows.append(_calendar_row(plan, r))
        narrow.rows.append(
            [
                iso(r.due) or "",
                relative(r.due, as_of),
                f"{r.action} {r.occurrence}",
                r.status,
                short_responsible(plan, r, legend),
                q.title(plan, r.action),
            ]
        )
        table.styles.append(colour(r.status))
        narrow.styles.append(colour(r.status))
    last = list(tables.values())[-1].narrow
    assert last is not None
    last.legend = legend_line(legend)
    return [f"Deadlines {start} – {end}: {len(rows)}", *tables.values()]


def grid_months(
    plan: Plan, rows: list[q.Row], as_of: dt.date, start: dt.date, end: dt.date
) -> list[MonthGrid]:
    """Each month that holds a deadline, and the as-of month when it is in the window."""
    months: dict[tuple[int, int], MonthGrid] = {}
    if start <= as_of <= end:
        months[(as_of.year, as_of.month)] = MonthGrid(
            as_of.year, as_of.month, as_of, {as_of.day: AS_OF}
        )
    for r in rows:
        assert r.due is not None  # the calendar lists dated occurrences only
        grid = months.setdefault(
            (r.due.year, r.due.month), MonthGrid(r.due.year, r.due.month, as_of)
        )
        # a day with several occurrences shows the most urgent status
        if grid.marks.get(r.due.day, AS_OF) == AS_OF or _urgency(r.status) < _urgency(
            grid.marks[r.due.day]
        ):
            grid.marks[r.due.day] = r.status
        grid.listing.append(
            (f"{r.due}  {r.action} {r.occurrence}  {r.status}  {q.title(plan, r.action)}", r.status)
        )
    return [months[k] for k in sorted(months)]


def _urgency(status: str) -> int:
    return q.STATUSES.index(status) if status != "overdue" else -1


# -- sources ------------------------------------------------------------------------------------


def sources_table(facts: list[Fact]) -> Table:
    """One row per fact: a reviewer follows the Source column."""
    table = Table(
        "Facts and their sources",
        ["Fact", "Subject", "Event", "Date", "Source"],
        wrap=("Source",),
        empty="no facts recorded",
    )
    for f in facts:
        event = f"{f.event} (inferred from {f.inferred_from})" if f.inferred_from else f.event
        table.rows.append([f.kind, f.subject, event, f.date or "date unknown", f.source])
    return table


def sources_json(facts: list[Fact]) -> list[dict[str, str | None]]:
    return [
        {
            "fact": f.kind,
            "subject": f.subject,
            "event": f.event,
            "date": f.date or None,
            "source": f.source,
            "inferred_from": f.inferred_from,
        }
        for f in facts
    ]


# -- views: what each command shows, in each of its formats ------------------------------------


def _head(asked: Asked, command: str, **filters: Any) -> dict[str, Any]:
    return header(asked.plan_file, asked.as_of, command, state=asked.state, **filters)


def _plan_file(asked: Asked) -> str:
    return f"Plan file: {asked.plan_file}"


def overdue_view(asked: Asked, rows: list[q.Row]) -> View:
    return View(
        blocks=lambda: [
            _plan_file(asked),
            *period_note(asked.plan, asked.as_of),
            overdue_table(asked.plan, rows, asked.as_of),
        ],
        document=lambda: {**_head(asked, "overdue"), "overdue": [row_json(r) for r in rows]},
        table=lambda: overdue_table(asked.plan, rows, asked.as_of),
    )


def states_view(
    asked: Asked, rows: list[q.StateRow], instrument: str | None, missing: str | None = None
) -> View:
    head = header(asked.plan_file, asked.as_of, "states", missing=missing, instrument=instrument)
    table = states_table(asked.plan, rows, asked.as_of)
    return View(
        blocks=lambda: [_plan_file(asked), table],
        document=lambda: {**head, "states": states_json(rows)},
        table=lambda: table,
    )


def show_view(asked: Asked, shown: Shown) -> View:
    return View(
        blocks=lambda: show_blocks(asked.plan, asked.plan_file, shown, asked.as_of),
        document=lambda: {**_head(asked, "show"), **show_json(shown)},
    )


def calendar_view(asked: Asked, rows: list[q.Row], start: dt.date, end: dt.date) -> View:
    window = {"from": start.isoformat(), "to": end.isoformat()}
    return View(
        blocks=lambda: [
            _plan_file(asked),
            *calendar_months(asked.plan, rows, start, end, asked.as_of),
        ],
        document=lambda: {
            **_head(asked, "calendar", **window),
            "occurrences": [row_json(r) for r in rows],
        },
        table=lambda: calendar_table(asked.plan, rows, start, end),
        months=lambda: grid_months(asked.plan, rows, asked.as_of, start, end),
        heading=_plan_file(asked),
        calendar=lambda: ([(asked.plan, asked.path or asked.plan_file, rows)], asked.as_of),
    )


def sources_view(asked: Asked, facts: list[Fact]) -> View:
    table = sources_table(facts)
    return View(
        blocks=lambda: [_plan_file(asked), table],
        document=lambda: {
            "command": "sources",
            "plan": asked.plan_file,
            "facts": sources_json(facts),
        },
        table=lambda: table,
    )
