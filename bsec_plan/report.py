"""Query results turned into tables and JSON documents; pure functions, no I/O, no rich."""

from __future__ import annotations

import datetime as dt

from bsec_plan import queries as q
from bsec_plan.domain import Plan
from bsec_plan.output import Table
from bsec_plan.sources import Fact

STATE_STYLE = {
    "overdue": "red",
    "due soon": "yellow",
    "done": "green",
    "done late": "green",
    "upcoming": None,
}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def responsible_text(row: q.Row) -> str:
    return "; ".join(r.label for r in row.responsible) or "—"


def row_json(row: q.Row) -> dict:
    return {
        "action": row.action,
        "direction": row.direction,
        "occurrence": row.label,
        "due": _iso(row.due),
        "state": row.state,
        "days_overdue": row.days_overdue,
        "done_on": _iso(row.done_on),
        "responsible": [
            {"party": r.ref, "label": r.label, "states": list(r.states)} for r in row.responsible
        ],
        "text": row.text,
    }


def as_json(record) -> dict:
    """A domain record as JSON-ready fields: dates in ISO form, partial dates as written."""
    return {
        k: _plain(v)
        for k, v in vars(record).items()
        if not k.startswith("_") and k in record.__dataclass_fields__
    }


def _plain(value):
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        return as_json(value) if not hasattr(value, "first_day") else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def header(plan_file: str, as_of: dt.date, command: str, **filters) -> dict:
    return {"command": command, "plan": plan_file, "as_of": as_of.isoformat(), **filters}


# -- overdue ------------------------------------------------------------------------------------


def overdue_table(rows: list[q.Row], as_of: dt.date) -> Table:
    table = Table(
        f"Overdue on {as_of}",
        ["Action", "Occurrence", "Due", "Days overdue", "Responsible", "Text"],
        wrap=("Responsible", "Text"),
        empty="nothing is overdue",
    )
    for r in rows:
        table.rows.append(
            [r.action, r.label or "", _iso(r.due), str(r.days_overdue), responsible_text(r), r.text]
        )
        table.styles.append("red")
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
    return f"{word} {s.date}" if s.date else f"{word} (date not found)"


def states_table(plan: Plan, rows: list[q.StateRow], as_of: dt.date) -> Table:
    instruments = list(rows[0].ratifications) if rows else []
    shorts = [plan.instrument_by_id[i].short for i in instruments]
    table = Table(
        f"Member States on {as_of}", ["State", "Name", *shorts, "Liaison officer", "EU member"]
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
    return table


def states_json(rows: list[q.StateRow]) -> list[dict]:
    def standing(s: q.Standing) -> dict[str, object]:
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
            else f"{lack.event}, date not found"
        )
        return f"date unknown: {when}"
    if lack.what == "liaison-officer":
        return (
            "known: recorded as not appointed"
            if lack.known
            else "unrecorded: no appointment on record"
        )
    return (
        "known: recorded as not ratified" if lack.known else "unrecorded: no ratification on record"
    )


def missing_table(plan: Plan, lacks: list[q.Lack], what: str, as_of: dt.date) -> Table:
    title = "liaison officer" if what == "liaison-officer" else "ratification"
    table = Table(
        f"States missing a {title} on {as_of}",
        ["State", "Name", "Missing", "Lack", "Source"],
        wrap=("Source",),
        empty="none missing",
    )
    for lack in lacks:
        missing = (
            "liaison officer"
            if lack.what == "liaison-officer"
            else plan.instrument_by_id[lack.what].short
        )
        table.rows.append([lack.code, lack.name, missing, lack_text(lack), lack.source or ""])
        table.styles.append("red" if lack.known else "yellow")
    return table


def missing_json(lacks: list[q.Lack]) -> list[dict]:
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


def status_blocks(plan: Plan, plan_file: str, s: q.Status, state: str | None) -> list:
    who = f" — for {plan.state_by_code[state].name} ({state})" if state else ""
    intro = (
        f"{plan.title}{who}\n"
        f"Plan file: {plan_file}\n"
        f"Period: {plan.start} – {plan.end}; as of {s.as_of}: {s.elapsed:.0%} of the period has passed.\n"
    )
    counts = Table("Occurrences by direction", ["Direction", *[st.capitalize() for st in q.STATES]])
    for direction, by_state in s.counts.items():
        counts.rows.append(
            [direction, *(str(by_state[st]) if by_state[st] else "·" for st in q.STATES)]
        )
    next_table = Table(
        "Next deadlines",
        ["Action", "Occurrence", "Due", "State", "Responsible"],
        wrap=("Responsible",),
        empty="no deadline ahead",
    )
    for r in s.next:
        next_table.rows.append([r.action, r.label or "", _iso(r.due), r.state, responsible_text(r)])
        next_table.styles.append(STATE_STYLE.get(r.state))
    gaps = Table(
        "Missing ratifications and liaison officers",
        ["Missing", "Known lack", "Date unknown", "Unrecorded"],
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
    return [intro, counts, overdue_table(s.overdue, s.as_of), next_table, gaps]


def status_json(plan: Plan, s: q.Status) -> dict:
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


def show_blocks(
    plan: Plan, plan_file: str, action_id: str, rows: list[q.Row], as_of: dt.date
) -> list:
    action = plan.actions[action_id]
    direction = plan.direction_of[action_id]
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
    if action.addresses:
        who = q.addressed(plan, action_id, as_of)
        lines.append(
            f"Addressed to the states not recorded as having ratified the "
            f"{plan.instrument_by_id[action.addresses.not_ratified].short} on {as_of}: {' '.join(who) or 'none'}"
        )
    for note in action.notes:
        lines.append(f"Note: {note}")
    for note in action.editorial_notes:
        lines.append(f"Editorial note (not the plan's words): {note}")
    for ident in action.instruments:
        lines.append(f"Source for {ident}: {plan.instrument_by_id[ident].source}")
    lines.append(f"Plan file: {plan_file}; as of {as_of}")
    occurrences = Table(
        "Occurrences", ["Occurrence", "Due", "State", "Responsible"], wrap=("Responsible",)
    )
    for r in rows:
        occurrences.rows.append([r.label or "—", _iso(r.due) or "—", r.state, responsible_text(r)])
        occurrences.styles.append(STATE_STYLE.get(r.state))
    records = Table(
        "Progress records",
        ["Occurrence", "Date", "Status", "Summary", "Source"],
        wrap=("Summary", "Source"),
        empty="none recorded",
    )
    for p in plan.progress:
        if p.action == action_id and p.date <= as_of:
            records.rows.append(
                [p.occurrence or "—", p.date.isoformat(), p.status, p.summary, p.source]
            )
    return ["\n".join(lines) + "\n", occurrences, records]


def show_json(plan: Plan, action_id: str, rows: list[q.Row], as_of: dt.date) -> dict:
    action = plan.actions[action_id]
    direction = plan.direction_of[action_id]
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
            "instrument_sources": {i: plan.instrument_by_id[i].source for i in action.instruments},
            "addressed_to": q.addressed(plan, action_id, as_of) if action.addresses else None,
            "notes": list(action.notes),
            "editorial_notes": list(action.editorial_notes),
        },
        "occurrences": [row_json(r) for r in rows],
        "progress": [
            as_json(p) for p in plan.progress if p.action == action_id and p.date <= as_of
        ],
    }


# -- calendar -----------------------------------------------------------------------------------

CALENDAR_COLUMNS = ["Due", "Action", "Occurrence", "State", "Responsible", "Title"]


def _calendar_row(plan: Plan, r: q.Row) -> list[str]:
    return [
        _iso(r.due),
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
        table.styles.append(STATE_STYLE.get(r.state))
    return table


def calendar_months(plan: Plan, rows: list[q.Row], start: dt.date, end: dt.date) -> list:
    """One table per month that holds a deadline."""
    if not rows:
        return [f"No deadlines between {start} and {end}."]
    tables: dict[tuple[int, int], Table] = {}
    for r in rows:
        month = (r.due.year, r.due.month)
        if month not in tables:
            tables[month] = Table(
                r.due.strftime("%B %Y"), CALENDAR_COLUMNS, wrap=("Responsible", "Title")
            )
        tables[month].rows.append(_calendar_row(plan, r))
        tables[month].styles.append(STATE_STYLE.get(r.state))
    return [f"Deadlines {start} – {end}: {len(rows)}", *tables.values()]


def grid_months(plan: Plan, rows: list[q.Row]) -> list[tuple[int, int, dict[int, str], list[str]]]:
    """(year, month, {day: state}, listing lines) for each month that holds a deadline."""
    months: dict[tuple[int, int], tuple[dict[int, str], list[str]]] = {}
    for r in rows:
        marks, listing = months.setdefault((r.due.year, r.due.month), ({}, []))
        # a day with several occurrences shows the most urgent state
        if r.due.day not in marks or _urgency(r.state) < _urgency(marks[r.due.day]):
            marks[r.due.day] = r.state
        listing.append(
            f"{r.due.day:>2}  {r.action} {r.label}  {r.state}  {q.title(plan, r.action)}"
        )
    return [(y, m, marks, listing) for (y, m), (marks, listing) in sorted(months.items())]


def _urgency(state: str) -> int:
    return q.STATES.index(state) if state != "overdue" else -1


# -- diff ---------------------------------------------------------------------------------------


def transition_text(t) -> str:
    label = f"{t.action} {t.occurrence}" if t.occurrence else t.action
    return f"{label}: {t.old or 'absent'} → {t.new or 'absent'}"


def diff_blocks(d, old_name: str, new_name: str) -> list:
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
        f"Occurrences whose state changes, as of {d.as_of}",
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


def diff_markdown(d, old_name: str, new_name: str) -> str:
    def cell(text: str | None) -> str:
        return (text or "—").replace("|", "\\|").replace("\n", " ")

    if not d:
        return f"**bsec-plan diff**: nothing to review between `{old_name}` and `{new_name}`.\n"
    lines = [f"### Plan changes: `{old_name}` → `{new_name}`", ""]
    if d.changes:
        lines += ["| Change | Subject | Before | After |", "|---|---|---|---|"]
        lines += [
            f"| {c.kind} | {cell(c.subject)} | {cell(c.old)} | {cell(c.new)} |" for c in d.changes
        ]
        lines.append("")
    lines.append(
        f"**Occurrences whose state changes, as of {d.as_of}:**"
        if d.transitions
        else f"No occurrence changes state as of {d.as_of}."
    )
    lines += [f"- {transition_text(t)}" for t in d.transitions]
    return "\n".join(lines) + "\n"


def diff_json(d) -> dict:
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
