"""What to show: query results turned into tables, views and JSON documents; no I/O, no rich."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bsec_plan.domain.jsonform import as_json
from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q
from bsec_plan.safetext import markdown_cell, markdown_code

if TYPE_CHECKING:  # names for annotations only: `overdue` need not load diff, show or sources
    from bsec_plan.domain.parties import Resolved
    from bsec_plan.problems import Problem
    from bsec_plan.queries.action import Shown
    from bsec_plan.queries.changes import Diff, Transition
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
class Asked:
    """The question as asked: the plan and the file it came from, the as-of date, a state."""

    plan: Plan
    plan_file: str
    as_of: dt.date
    state: str | None = None


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
    document: Callable[[], dict[str, Any]] | None = None  # json
    table: Callable[[], Table] | None = None  # csv
    months: Callable[[], list[MonthGrid]] | None = None  # grid
    heading: str = ""  # grid: the line above the months
    calendar: Callable[[], tuple[Plan, list[q.Row], dt.date]] | None = None  # ics: its events
    markdown: Callable[[], str] | None = None  # markdown
    checked: Callable[[], Checked] | None = None  # text, github


@dataclass
class Checked:
    """What `check` found: a summary line per valid file, and every problem."""

    summaries: list[str]
    problems: list[Problem]
    warnings: list[Problem]  # of valid files: shown after the summaries, not findings
    report: Callable[[list[Problem], str], None]  # check's own writer of problems (text, github)


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


def _iso(day: dt.date | None) -> str | None:
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
        "occurrence": row.label,
        "due": _iso(row.due),
        "status": row.state,
        "days_overdue": row.days_overdue,
        "done_on": _iso(row.done_on),
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
            [r.action, r.label or "", _iso(r.due) or "", days, responsible_text(r), r.text]
        )
        table.narrow.rows.append(
            [
                r.action,
                r.label or "",
                _iso(r.due) or "",
                days,
                short_responsible(plan, r, legend),
                r.text,
            ]
        )
    table.styles = table.narrow.styles = [colour("overdue")] * len(rows)
    table.narrow.legend = "Occ.: occurrence; Days: days overdue. " + legend_line(legend)
    return table


def status_overdue_table(
    plan: Plan, rows: list[q.Row], as_of: dt.date, legend: dict[str, None]
) -> Table:
    """Overdue in short, for the status screen: parties in short, the text left to `show`."""
    table = Table(
        f"Overdue on {as_of}",
        ["Action", "Occurrence", "Due", "Overdue", "Responsible"],
        wrap=("Responsible",),
        empty="nothing is overdue",
    )
    for r in rows:
        table.rows.append(
            [
                r.action,
                r.label or "",
                _iso(r.due) or "",
                relative(r.due, as_of),
                short_responsible(plan, r, legend),
            ]
        )
    table.styles = [colour("overdue")] * len(rows)
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
                _iso(r.eu_since) or "no",
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
            "eu_since": _iso(r.eu_since),
        }
        for r in rows
    ]


def lack_text(lack: q.Lack) -> str:
    if lack.status == "date unknown":
        when = (
            f"{EVENT_WORD[lack.event or 'ratification']} {lack.date}"
            if lack.date
            else f"{lack.event} on record, no date"
        )
        return f"date unknown: {when}"
    if lack.what == "liaison-officer":
        return (
            "known: recorded as not appointed"
            if lack.known
            else "unknown: no appointment on record"
        )
    return "known: recorded as not ratified" if lack.known else "unknown: no ratification on record"


def missing_table(plan: Plan, lacks: list[q.Lack], what: str, as_of: dt.date) -> Table:
    title = "liaison officer" if what == "liaison-officer" else "ratification"
    table = Table(
        f"States missing a {title} on {as_of}",
        ["State", "Name", "Missing", "Lack", "Source"],
        wrap=("Source",),
        empty="none missing",
    )
    table.narrow = Table(
        table.title, table.columns, wrap=("Name", "Missing", "Source"), empty=table.empty
    )
    table.narrow.legend = (
        "Lack: known, recorded as not ratified or not appointed; unknown, no record found."
    )
    for lack in lacks:
        missing = (
            "liaison officer"
            if lack.what == "liaison-officer"
            else plan.instrument_by_id[lack.what].short
        )
        table.rows.append([lack.code, lack.name, missing, lack_text(lack), lack.source or ""])
        known = "known" if lack.known else "unknown"
        table.narrow.rows.append([lack.code, lack.name, missing, known, lack.source or ""])
        table.styles.append("red" if lack.known else "yellow")
    table.narrow.styles = table.styles
    return table


def missing_json(lacks: list[q.Lack]) -> list[dict[str, Any]]:
    return [
        {
            "code": ln.code,
            "name": ln.name,
            "missing": ln.what,
            "known": ln.known,
            "status": ln.status,
            "event": ln.event,
            "date": ln.date,
            "source": ln.source,
        }
        for ln in lacks
    ]


# -- status -------------------------------------------------------------------------------------


def status_blocks(plan: Plan, plan_file: str, s: q.Status, state: str | None) -> list[Table | str]:
    who = f" — for {plan.state_by_code[state].name} ({state})" if state else ""
    intro = (
        f"{plan.title}{who}\n"
        f"Plan file: {plan_file}\n"
        f"Period: {plan.start} – {plan.end}; as of {s.as_of}, {s.elapsed:.0%} of it has passed.\n"
    )
    counts = Table("Occurrences by direction", ["Direction", *[st.capitalize() for st in q.STATES]])
    for direction, by_state in s.counts.items():
        counts.rows.append(
            [direction, *(str(by_state[st]) if by_state[st] else "·" for st in q.STATES)]
        )
    legend: dict[str, None] = {}
    late = status_overdue_table(plan, s.overdue, s.as_of, legend)
    next_table = Table(
        "Next deadlines",
        ["Action", "Occurrence", "Due", "When", "Status", "Responsible"],
        wrap=("Responsible",),
        empty="no deadline ahead",
    )
    for r in s.next:
        next_table.rows.append(
            [
                r.action,
                r.label or "",
                _iso(r.due) or "",
                relative(r.due, s.as_of),
                r.state,
                short_responsible(plan, r, legend),
            ]
        )
        next_table.styles.append(colour(r.state))
    gaps = Table(
        "Missing ratifications and liaison officers",
        ["Missing", "Known lack", "Date unknown", "Unknown"],
        wrap=("Missing", "Known lack", "Date unknown", "Unknown"),
        empty="none",
    )
    groups = [(plan.instrument_by_id[i].short, lacks) for i, lacks in s.unratified.items()]
    if s.no_liaison:
        groups.append(("Liaison officer", s.no_liaison))
    for label, lacks in groups:
        columns = [
            [ln.code for ln in lacks if ln.known],
            [ln.code for ln in lacks if ln.status == "date unknown"],
            [ln.code for ln in lacks if ln.status == "unknown"],
        ]
        gaps.rows.append([label, *(" ".join(codes) or "—" for codes in columns)])
    return [
        intro,
        *period_note(plan, s.as_of),
        counts,
        late,
        next_table,
        gaps,
        *([legend_line(legend)] if legend else []),
    ]


def status_json(plan: Plan, s: q.Status) -> dict[str, Any]:
    return {
        "title": plan.title,
        "period": {"start": _iso(plan.start), "end": _iso(plan.end)},
        "elapsed": round(s.elapsed, 4),
        "counts": s.counts,
        "overdue": [row_json(r) for r in s.overdue],
        "next": [row_json(r) for r in s.next],
        "missing_ratification": {i: missing_json(ln) for i, ln in s.unratified.items()},
        "missing_liaison_officer": missing_json(s.no_liaison),
    }


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
        cells = [r.label or "—", _iso(r.due) or "—", relative(r.due, as_of), r.state]
        occurrences.rows.append([*cells, responsible_text(r)])
        narrow.rows.append([*cells, short_responsible(plan, r, legend)])
        occurrences.styles.append(colour(r.state))
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
        _iso(r.due) or "",
        r.action,
        r.label or "",
        r.state,
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
        table.styles.append(colour(r.state))
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
                _iso(r.due) or "",
                relative(r.due, as_of),
                f"{r.action} {r.label}",
                r.state,
                short_responsible(plan, r, legend),
                q.title(plan, r.action),
            ]
        )
        table.styles.append(colour(r.state))
        narrow.styles.append(colour(r.state))
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
        if grid.marks.get(r.due.day, AS_OF) == AS_OF or _urgency(r.state) < _urgency(
            grid.marks[r.due.day]
        ):
            grid.marks[r.due.day] = r.state
        grid.listing.append(
            (f"{r.due}  {r.action} {r.label}  {r.state}  {q.title(plan, r.action)}", r.state)
        )
    return [months[k] for k in sorted(months)]


def _urgency(state: str) -> int:
    return q.STATES.index(state) if state != "overdue" else -1


# -- diff ---------------------------------------------------------------------------------------


def transition_text(t: Transition) -> str:
    label = f"{t.action} {t.occurrence}" if t.occurrence else t.action
    return f"{label}: {t.old or 'absent'} → {t.new or 'absent'}"


def diff_blocks(d: Diff, old_name: str, new_name: str) -> list[Table | str]:
    if not d:
        return [f"Nothing to review: {old_name} and {new_name} mean the same plan."]
    changes = Table(
        f"Changes from {old_name} to {new_name}",
        ["Change", "Subject", "Before", "After"],
        wrap=("Before", "After"),
    )
    for c in d.changes:
        changes.rows.append([c.kind, c.subject, c.old or "—", c.new or "—"])
    moved = Table(
        f"Occurrences whose status changes, as of {d.as_of}",
        ["Occurrence", "Before", "After"],
        empty="none",
    )
    for t in d.transitions:
        moved.rows.append(
            [
                f"{t.action} {t.occurrence}" if t.occurrence else t.action,
                t.old or "absent",
                t.new or "absent",
            ]
        )
    return [changes, moved]


def diff_markdown(d: Diff, old_name: str, new_name: str) -> str:
    def cell(text: str | None) -> str:
        return markdown_cell(text or "—")

    old, new = markdown_code(old_name), markdown_code(new_name)
    if not d:
        return f"**bsec-plan diff**: nothing to review between {old} and {new}.\n"
    lines = [f"### Plan changes: {old} → {new}", ""]
    if d.changes:
        lines += ["| Change | Subject | Before | After |", "|---|---|---|---|"]
        lines += [
            f"| {c.kind} | {cell(c.subject)} | {cell(c.old)} | {cell(c.new)} |" for c in d.changes
        ]
        lines.append("")
    lines.append(
        f"**Occurrences whose status changes, as of {d.as_of}:**"
        if d.transitions
        else f"No occurrence changes status as of {d.as_of}."
    )
    lines += [f"- {markdown_cell(transition_text(t))}" for t in d.transitions]
    return "\n".join(lines) + "\n"


def diff_json(d: Diff) -> dict[str, Any]:
    return {
        "changes": [
            {"kind": c.kind, "subject": c.subject, "old": c.old, "new": c.new} for c in d.changes
        ],
        "transitions": [
            {"action": t.action, "occurrence": t.occurrence, "old": t.old, "new": t.new}
            for t in d.transitions
        ],
    }


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


def status_view(asked: Asked, s: q.Status) -> View:
    return View(
        blocks=lambda: status_blocks(asked.plan, asked.plan_file, s, asked.state),
        document=lambda: {**_head(asked, "status"), **status_json(asked.plan, s)},
    )


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


def missing_view(asked: Asked, lacks: list[q.Lack], what: str, instrument: str | None) -> View:
    head = header(asked.plan_file, asked.as_of, "states", missing=what, instrument=instrument)
    table = missing_table(asked.plan, lacks, what, asked.as_of)
    return View(
        blocks=lambda: [_plan_file(asked), table],
        document=lambda: {**head, "missing": missing_json(lacks)},
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
        calendar=lambda: (asked.plan, rows, asked.as_of),
    )


def diff_view(d: Diff, old_name: str, new_name: str) -> View:
    return View(
        blocks=lambda: diff_blocks(d, old_name, new_name),
        document=lambda: {
            **header(f"{old_name} → {new_name}", d.as_of, "diff", old=old_name, new=new_name),
            **diff_json(d),
        },
        markdown=lambda: diff_markdown(d, old_name, new_name),
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
