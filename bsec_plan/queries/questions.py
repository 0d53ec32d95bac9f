"""The questions users ask, as plain functions: plan + as-of date + filters -> rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from bsec_plan.domain import parties
from bsec_plan.domain.model import Action, Plan, Progress
from bsec_plan.domain.schedule import Occurrence, by_due, plan_dues, plan_occurrences, recurring
from bsec_plan.domain.stages import entries, entries_of
from bsec_plan.plaindata import dataclass
from bsec_plan.problems import UsageError, did_you_mean, listed
from bsec_plan.queries import standing as standings
from bsec_plan.queries.standing import UNKNOWN, Stage, Standing

__all__ = ["UNKNOWN", "Stage", "Standing"]  # the standings' records, named where they are asked

STATUSES = ("done", "done late", "overdue", "due soon", "upcoming", "ongoing", "no deadline")
DUE_SOON_DAYS = 30


@dataclass
class Row:
    """One occurrence of an action as it stood on the as-of date."""

    action: str
    direction: str
    occurrence: str | None  # its label: 2009-H2, 2010; None for an action without a deadline
    due: dt.date | None
    status: str
    days_overdue: int | None
    responsible: list[parties.Resolved]
    text: str
    done_on: dt.date | None = None


def action_id(plan: Plan, text: str) -> str:
    """`a2`, `A2`, `a.2` -> `A.2`; UsageError otherwise."""
    compact = text.strip().upper().replace(".", "")
    wanted = compact[:1] + ("." + compact[1:] if len(compact) > 1 else "")
    if wanted not in plan.actions:
        hint = did_you_mean(wanted, plan.actions)
        raise UsageError(f"no action '{text}'{hint}; the actions are {listed(plan.actions)}")
    return wanted


def state_code(plan: Plan, text: str) -> str:
    """A Member State as people name it: its code in any case (`ro`), its name (`Romania`), or
    the start of a name that only one state has (`rom`)."""
    code = text.strip().upper()
    if not code:  # an empty value is a mistake (an unset variable), not "every state"
        listed = " ".join(s.code for s in plan.states)
        raise UsageError(f"--state: an empty Member State code; name one of {listed}")
    if code in plan.state_by_code:
        return code
    name = text.strip().casefold()
    named = [s for s in plan.states if s.name.casefold() == name] or [
        s for s in plan.states if s.name.casefold().startswith(name)
    ]
    if len(named) == 1:
        return named[0].code
    if named:
        several = ", ".join(f"{s.code} ({s.name})" for s in named)
        raise UsageError(f"--state: '{text}' starts the names of {several}; give more of it")
    listed = ", ".join(f"{s.code} ({s.name})" for s in plan.states)
    hint = did_you_mean(text, [*plan.state_by_code, *(s.name for s in plan.states)])
    hint = f"; {hint.strip(' ()')}" if hint else ""
    raise UsageError(f"no Member State '{text}'; the states are {listed}{hint}")


def instrument_id(plan: Plan, text: str, ratifiable: bool = True) -> str:
    choices = [i.id for i in plan.instruments if i.ratifiable or not ratifiable]
    if text not in choices:
        raise UsageError(
            f"no instrument '{text}' to ratify{did_you_mean(text, choices)}; "
            f"the instruments are {', '.join(choices)}"
        )
    return text


def closing_records(plan: Plan, as_of: dt.date) -> dict[tuple[str, str | None], Progress]:
    """For each occurrence, the earliest `done` record known on the as-of date."""
    closing: dict[tuple[str, str | None], Progress] = {}
    for record in plan.progress:
        if record.status != "done" or record.date > as_of:
            continue
        key = (record.action, record.occurrence)
        if key not in closing or record.date < closing[key].date:
            closing[key] = record
    return closing


def evaluate(
    plan: Plan,
    as_of: dt.date,
    within: int = DUE_SOON_DAYS,
    occurrences: list[Occurrence] | None = None,
    only: str | None = None,
) -> list[Row]:
    """Every occurrence of the plan, in plan order, with its status on `as_of`; with `only`,
    only those with that status (the others are not made into rows)."""
    closing = closing_records(plan, as_of)
    overdue_only = only == "overdue"
    resolved: parties.Memo = {}
    rows = []
    for direction, action, dated in plan_dues(plan, occurrences):
        for label, due in dated:
            if overdue_only and (due is None or due >= as_of):
                continue  # not due yet, or never: not overdue, whatever is recorded
            record = closing.get((action.id, label))
            status, days = _status(action, due, record, as_of, within)
            if only is not None and status != only:
                continue
            who = action.responsible
            responsible = (
                parties.resolve_all(plan, who.parties, due or as_of, resolved) if who else []
            )
            done_on = record.date if record else None
            rows.append(
                Row(
                    action.id,
                    direction,
                    label,
                    due,
                    status,
                    days,
                    responsible,
                    action.text,
                    done_on,
                )
            )
    return rows


def status_of(
    action: Action, occ: Occurrence, record: Progress | None, as_of: dt.date, within: int
) -> tuple[str, int | None]:
    """An occurrence's status on `as_of`, given the record that closes it; days overdue."""
    return _status(action, occ.due, record, as_of, within)


def _status(
    action: Action, due: dt.date | None, record: Progress | None, as_of: dt.date, within: int
) -> tuple[str, int | None]:
    if due is None:
        kind = action.deadline.kind if action.deadline else None
        return ("ongoing" if kind == "permanent" else ("done" if record else "no deadline")), None
    if record:
        return ("done late" if record.date > due else "done"), None
    if as_of > due:
        return "overdue", (as_of - due).days
    return ("due soon" if (due - as_of).days <= within else "upcoming"), None


# -- Member States: ratifications, liaison officers, EU membership ---------------------------


def ratification(plan: Plan, state: str, instrument: str, as_of: dt.date) -> Standing:
    """The state's standing on the instrument on `as_of` (see `standing.standing`)."""
    return standings.standing(plan, state, instrument, as_of)


def liaison_officer(plan: Plan, state: str, as_of: dt.date) -> Standing:
    record = plan.liaison_officer_of.get(state)
    if record is None or (record.date and record.date > as_of):
        return UNKNOWN
    return Standing(
        record.status,
        record.date.isoformat() if record.date else None,
        record.note,
        record.source,
        inferred_from=record.inferred_from,
    )


def progress(plan: Plan, action_id_: str, as_of: dt.date) -> list[Progress]:
    """An action's progress records known on the as-of date: those dated on or before it."""
    return [p for p in plan.progress if p.action == action_id_ and p.date <= as_of]


def addressed(plan: Plan, action_id_: str, as_of: dt.date) -> list[str]:
    """The states an action is addressed to: A.1 and B.1 address those not known to have ratified."""
    action = plan.actions[action_id_]
    if action.addresses is None:
        return []
    instrument = action.addresses.not_ratified
    found = entries(plan, instrument)  # the instrument's dates, read once for every state
    return [
        s.code
        for s in plan.states
        if standings.standing(plan, s.code, instrument, as_of, found).answer != "ratified"
    ]


@dataclass
class StateRow:
    """A Member State on the as-of date: its standing on each instrument asked about, its
    liaison officer and since when it is an EU member."""

    code: str
    name: str
    ratifications: dict[str, Standing]
    liaison_officer: Standing
    eu_since: dt.date | None


Rows = list[StateRow] | None  # `states` of the same question, where a caller has them


def states(plan: Plan, as_of: dt.date, instrument: str | None = None) -> list[StateRow]:
    instruments = [instrument] if instrument else [i.id for i in plan.instruments if i.ratifiable]
    eu = {m.state: m.since for m in plan.eu_membership if m.since <= as_of}
    found = entries_of(plan, instruments)
    return [
        StateRow(
            code=s.code,
            name=s.name,
            ratifications={
                i: standings.standing(plan, s.code, i, as_of, found[i]) for i in instruments
            },
            liaison_officer=liaison_officer(plan, s.code, as_of),
            eu_since=eu.get(s.code),
        )
        for s in plan.states
    ]


@dataclass
class Lack:
    """A state lacking a ratification or a liaison officer; `known` False when only unrecorded."""

    code: str
    name: str
    what: str  # an instrument id, or "liaison-officer"
    known: bool
    source: str | None
    answer: str = "unknown"  # the standing's answer: not-appointed, date unknown, unknown
    event: str | None = None  # for "date unknown": the event whose date is not known
    date: str | None = None
    stage: str = standings.NOTHING  # for an instrument: the stage reached (signed, consented...)
    text: str | None = None  # for an instrument: the stage reached, in a cell's words


def unbound(
    plan: Plan, as_of: dt.date, instrument: str | None = None, rows: Rows = None
) -> dict[str, list[str]]:
    """Per instrument, the states that consented but are not known to be bound yet: no deposit or
    entry into force recorded or computed. `rows`: `states` of the same question, if at hand."""
    out: dict[str, list[str]] = {}
    for row in states(plan, as_of, instrument) if rows is None else rows:
        for key, s in row.ratifications.items():
            if s.answer == "ratified" and not s.bound_known:
                out.setdefault(key, []).append(row.code)
    return {i.id: out[i.id] for i in plan.instruments if i.id in out}


def missing(
    plan: Plan, as_of: dt.date, what: str, instrument: str | None = None, rows: Rows = None
) -> list[Lack]:
    """`rows`: `states` of the same question, if at hand."""
    lacks = []
    for row in states(plan, as_of, instrument) if rows is None else rows:
        if what == "liaison-officer":
            standing = {"liaison-officer": row.liaison_officer}
            good = "appointed"
        else:
            standing, good = row.ratifications, "ratified"
        for key, s in standing.items():
            if s.answer != good:
                known = s.answer not in ("unknown", "date unknown")
                lacks.append(
                    Lack(row.code, row.name, key, known, s.source, s.answer, s.event, s.date)
                )
                lacks[-1].stage = s.stage if s.shown else standings.NOTHING
                lacks[-1].text = standings.words(s, standings.NOTHING)
    return lacks


# -- filters and summaries ---------------------------------------------------------------------


def concerns(plan: Plan, row: Row, state: str, as_of: dt.date) -> bool:
    """True if `state` is responsible for the occurrence (directly, by group or by role) or addressed."""
    if any(state in r.states for r in row.responsible):
        return True
    return state in addressed(plan, row.action, as_of)


def overdue(plan: Plan, as_of: dt.date, state: str | None = None) -> list[Row]:
    """Every overdue occurrence, oldest first."""
    rows = evaluate(plan, as_of, only="overdue")
    if state:
        rows = [r for r in rows if concerns(plan, r, state, as_of)]
    return by_due(rows)


def window(plan: Plan, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """The calendar window; by default from the plan's start to its last deadline (so `2011` counts)."""
    last = last_deadline(plan) or plan.end
    start, end = start or plan.start, end or max(last, plan.end)
    if start > end:
        raise UsageError(f"the window is reversed: it starts on {start}, after its end on {end}")
    return start, end


def last_deadline(plan: Plan) -> dt.date | None:
    """The latest due date of any occurrence, without listing the occurrences."""
    dues = []
    for action in plan.actions.values():
        deadline = action.deadline
        if deadline is None or deadline.kind == "permanent":
            continue
        if deadline.due is not None:  # a fixed deadline: the only kind with a due date
            dues.append(deadline.due.last_day)
        elif recurring(deadline.kind, plan.start, plan.end):
            dues.append(recurring(deadline.kind, plan.start, plan.end)[-1][1])
    return max(dues, default=None)


def deadlines(
    plan: Plan,
    as_of: dt.date,
    start: dt.date,
    end: dt.date,
    state: str | None = None,
    within: int = DUE_SOON_DAYS,
) -> list[Row]:
    """Dated occurrences due within start..end, by due date; ongoing and undated ones are not deadlines."""
    dated = [o for o in plan_occurrences(plan) if o.due and start <= o.due <= end]
    rows = evaluate(plan, as_of, within, dated)
    if state:
        rows = [r for r in rows if concerns(plan, r, state, as_of)]
    return by_due(rows)


def title(plan: Plan, action_id_: str) -> str:
    """A short title for calendars: the action's `short`, else its text without the final period."""
    action = plan.actions[action_id_]
    return action.short or action.text.rstrip(".")


@dataclass
class Overview:
    """Where the plan stands on the as-of date, as `status` shows it."""

    as_of: dt.date
    elapsed: float  # share of the plan period passed on the as-of date, 0..1
    counts: dict[str, dict[str, int]]  # direction -> status -> occurrences
    overdue: list[Row]
    next: list[Row]
    unratified: dict[str, list[Lack]] = field(default_factory=dict)  # instrument -> lacks
    no_liaison: list[Lack] = field(default_factory=list)
    unbound: dict[str, list[str]] = field(default_factory=dict)  # consented, not known bound


def overview(
    plan: Plan,
    as_of: dt.date,
    state: str | None = None,
    upcoming: int = 5,
    within: int = DUE_SOON_DAYS,
) -> Overview:
    rows = evaluate(plan, as_of, within)
    if state:
        rows = [r for r in rows if concerns(plan, r, state, as_of)]
    counts = {d.id: dict.fromkeys(STATUSES, 0) for d in plan.directions}
    for r in rows:
        counts[r.direction][r.status] += 1
    total = (plan.end - plan.start).days + 1
    elapsed = min(max((as_of - plan.start).days + 1, 0), total) / total
    pending = by_due(r for r in rows if r.status in ("due soon", "upcoming"))
    registered = states(plan, as_of)  # each state's standings, worked out once for all three
    lacks = missing(plan, as_of, "ratification", rows=registered)
    unratified: dict[str, list[Lack]] = {}
    for lack in lacks:
        if state is None or lack.code == state:
            unratified.setdefault(lack.what, []).append(lack)
    no_liaison = missing(plan, as_of, "liaison-officer", rows=registered)
    no_liaison = [ln for ln in no_liaison if state is None or ln.code == state]
    return Overview(
        as_of=as_of,
        elapsed=elapsed,
        counts=counts,
        overdue=by_due(r for r in rows if r.status == "overdue"),
        next=pending[:upcoming],
        unratified=unratified,
        no_liaison=no_liaison,
        unbound={
            i: kept
            for i, codes in unbound(plan, as_of, rows=registered).items()
            if (kept := [c for c in codes if state is None or c == state])
        },
    )
