"""What a change to the plan means: actions, parties, deadlines, records, and the occurrences
whose status changes because of it. Pure: two plans and an as-of date in, changes out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, Any

from bsec_plan.domain.model import Action, Plan
from bsec_plan.domain.schedule import occurrences
from bsec_plan.plaindata import dataclass
from bsec_plan.queries import questions as q
from bsec_plan.queries.recordtext import fields as _fields
from bsec_plan.queries.recordtext import progress_key
from bsec_plan.queries.recordtext import record_text as _record_text
from bsec_plan.queries.recordtext import standing_key as _standing_key
from bsec_plan.queries.recordtext import transitions as _transition_rows
from bsec_plan.safetext import visible

if TYPE_CHECKING:
    from _typeshed import DataclassInstance  # any domain record


# The results are read-only by convention, as the domain's records are, and not frozen: a frozen
# class takes twice as long to define, at every start of `diff` and `record`.
@dataclass
class Change:
    kind: str  # e.g. "action reworded", "deadline moved", "progress record added"
    subject: str  # e.g. "A.2", "RO protocol-2002", "A.2 2009-H2"
    old: str | None
    new: str | None


@dataclass
class Transition:
    action: str
    occurrence: str | None
    old: str | None  # None: the occurrence did not exist before
    new: str | None  # None: it no longer exists


@dataclass
class Shift:
    """A state's standing on the as-of date before and after: a ratification or a liaison
    officer (`instrument` None)."""

    state: str
    instrument: str | None
    old: q.Standing
    new: q.Standing


@dataclass
class Addressing:
    """An action addressed to a state before and not after, or the reverse."""

    action: str
    state: str
    addressed: bool  # after the change


@dataclass
class Handover:
    """An occurrence whose responsible party, resolved on its due date, means other states:
    a chairmanship term edited, a membership changed."""

    action: str
    occurrence: str | None
    party: str  # the party's name, e.g. "Chairmanship-in-Office of BSEC"
    old: str  # the states it meant, e.g. "GR"; "none found"
    new: str


@dataclass
class Diff:
    as_of: dt.date
    changes: list[Change] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    standings: list[Shift] = field(default_factory=list)
    liaison_officers: list[Shift] = field(default_factory=list)
    addressed: list[Addressing] = field(default_factory=list)
    responsible: list[Handover] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes or self.transitions)


def _dues(plan: Plan, action_id: str) -> str:
    dated = [
        f"{o.due}" if o.label == str(o.due) else f"{o.due} ({o.label})"
        for o in occurrences(plan.actions[action_id], plan.start, plan.end)
        if o.due
    ]
    return ", ".join(dated) or "nothing in the period"


def _due_text(plan: Plan, action_id: str) -> str:
    d = plan.actions[action_id].deadline
    if d is None:
        return "no deadline"
    if d.kind == "permanent":
        return "permanent"
    return f"{d.kind}, due {_dues(plan, action_id)}"


def _changed_fields(old: DataclassInstance, new: DataclassInstance) -> tuple[str, str]:
    a, b = _fields(old), _fields(new)
    keys = [k for k in new.__dataclass_fields__ if a.get(k) != b.get(k)]
    return (
        ", ".join(f"{k}: {a.get(k, '—')}" for k in keys),
        ", ".join(f"{k}: {b.get(k, '—')}" for k in keys),
    )


def _keyed(
    records: list[DataclassInstance], key: Callable[[Any], str]
) -> dict[str, DataclassInstance]:
    """Records by identity; a repeated identity gets a #n suffix so nothing is lost."""
    keyed: dict[str, DataclassInstance] = {}
    for record in records:
        k = key(record)
        n = 1
        while (k if n == 1 else f"{k} #{n}") in keyed:
            n += 1
        keyed[k if n == 1 else f"{k} #{n}"] = record
    return keyed


RECORDS = [
    # (section, what a record is called, identity)
    ("states", "Member State", lambda r: r.code),
    ("instruments", "instrument", lambda r: r.id),
    ("parties", "party", lambda r: r.id),
    ("ratifications", "ratification", lambda r: f"{r.state} {r.instrument}"),
    ("liaison_officers", "liaison officer", lambda r: r.state),
    ("eu_membership", "EU membership", lambda r: r.state),
    ("chairmanships", "chairmanship", lambda r: r.state),
    ("progress", "progress record", progress_key),
]


def compare(old: Plan, new: Plan, as_of: dt.date) -> Diff:
    diff = Diff(as_of)
    changes = diff.changes
    for name in ("title", "period", "purpose"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changes.append(Change(f"{name} changed", name, _text(a), _text(b)))
    old_dirs = {d.id: d for d in old.directions}
    for d in new.directions:
        if d.id in old_dirs and old_dirs[d.id].title != d.title:
            changes.append(Change("direction retitled", d.id, old_dirs[d.id].title, d.title))

    changes += _action_changes(old, new) + _record_changes(old, new)
    changes.sort(key=lambda c: (_ORDER.get(c.kind.split()[0], 9), c.subject, c.kind))
    # plan text is shown, never obeyed: a control character in it must not drive a terminal
    changes[:] = [
        Change(c.kind, visible(c.subject), _visible(c.old), _visible(c.new)) for c in changes
    ]
    diff.transitions = _transitions(old, new, as_of)
    diff.standings, diff.liaison_officers = _shifts(old, new, as_of)
    diff.addressed = _addressing(old, new, as_of)
    diff.responsible = _handovers(old, new, as_of)
    return diff


def _action_changes(old: Plan, new: Plan) -> list[Change]:
    """Actions added, removed, reworded; their parties, deadlines, notes and details."""
    changes: list[Change] = []
    for ident in old.actions.keys() - new.actions.keys():
        changes.append(Change("action removed", ident, old.actions[ident].text, None))
    for ident, action in new.actions.items():
        before = old.actions.get(ident)
        if before is None:
            changes.append(Change("action added", ident, None, action.text))
            continue
        if before.text != action.text:
            changes.append(Change("action reworded", ident, before.text, action.text))
        if before.responsible != action.responsible:
            changes.append(
                Change("responsible changed", ident, _responsible(before), _responsible(action))
            )
        a, b = before.deadline, action.deadline
        if (a and a.wording) != (b and b.wording):
            changes.append(
                Change(
                    "deadline reworded",
                    ident,
                    a.wording if a else "none",
                    b.wording if b else "none",
                )
            )
        if _due_text(old, ident) != _due_text(new, ident):
            changes.append(
                Change("deadline moved", ident, _due_text(old, ident), _due_text(new, ident))
            )
        if before.notes != action.notes:
            changes.append(
                Change(
                    "notes changed",
                    ident,
                    " / ".join(before.notes) or "none",
                    " / ".join(action.notes) or "none",
                )
            )
        if (before.addresses, before.instruments, before.short) != (
            action.addresses,
            action.instruments,
            action.short,
        ):
            changes.append(
                Change("action details changed", ident, *_changed_fields(before, action))
            )
    return changes


def _record_changes(old: Plan, new: Plan) -> list[Change]:
    """Records (states, ratifications, terms, progress...) added, removed or changed."""
    changes: list[Change] = []
    for section, what, key in RECORDS:
        a, b = _keyed(getattr(old, section), key), _keyed(getattr(new, section), key)
        for k in a.keys() - b.keys():
            changes.append(Change(f"{what} removed", k, _record_text(a[k]), None))
        for k, record in b.items():
            if k not in a:
                changes.append(Change(f"{what} added", k, None, _record_text(record)))
            elif a[k] != record:
                readable = section in _READABLE
                changes.append(
                    Change(
                        f"{what} changed",
                        k,
                        *(
                            (_record_text(a[k]), _record_text(record))
                            if readable
                            else _changed_fields(a[k], record)
                        ),
                    )
                )
    return changes


# records whose change is shown as the whole record, before and after, in words
_READABLE = {"ratifications", "liaison_officers", "eu_membership", "chairmanships", "progress"}


def _shifts(old: Plan, new: Plan, as_of: dt.date) -> tuple[list[Shift], list[Shift]]:
    """Each state's standing on the as-of date, in both plans: ratifications of the instruments
    open to ratification in the new plan, and liaison officers; the states of the new plan."""
    standings, officers = [], []
    instruments = [i.id for i in new.instruments if i.ratifiable]
    for state in new.states:
        for ident in instruments:
            a = (
                q.ratification(old, state.code, ident, as_of)
                if ident in old.instrument_by_id
                else q.UNKNOWN
            )
            b = q.ratification(new, state.code, ident, as_of)
            if _standing_key(a) != _standing_key(b):
                standings.append(Shift(state.code, ident, a, b))
        a, b = q.liaison_officer(old, state.code, as_of), q.liaison_officer(new, state.code, as_of)
        if _standing_key(a) != _standing_key(b):
            officers.append(Shift(state.code, None, a, b))
    return standings, officers


def _addressing(old: Plan, new: Plan, as_of: dt.date) -> list[Addressing]:
    found = []
    for ident, action in new.actions.items():
        before = set(q.addressed(old, ident, as_of)) if ident in old.actions else set()
        after = set(q.addressed(new, ident, as_of)) if action.addresses else set()
        if ident not in old.actions:
            continue  # a new action is listed as added; whom it addresses is in `show`
        found += [Addressing(ident, s, False) for s in sorted(before - after)]
        found += [Addressing(ident, s, True) for s in sorted(after - before)]
    return found


def _handovers(old: Plan, new: Plan, as_of: dt.date) -> list[Handover]:
    """For the occurrences in both plans, each party named in both whose states differ."""

    def who(plan: Plan) -> dict[tuple[str, str | None], dict[str, tuple[str, ...]]]:
        return {
            (r.action, r.occurrence): {p.ref: p.states for p in r.responsible}
            for r in q.evaluate(plan, as_of)
        }

    def name(ref: str) -> str:
        party = new.party_by_id.get(ref)
        return visible(party.name if party else ref)

    before, after = who(old), who(new)
    return [
        Handover(
            a,
            label,
            name(ref),
            " ".join(before[(a, label)][ref]) or "none found",
            " ".join(states) or "none found",
        )
        for (a, label), parties in after.items()
        if (a, label) in before
        for ref, states in parties.items()
        if ref in before[(a, label)] and before[(a, label)][ref] != states
    ]


_ORDER = {
    "title": 0,
    "period": 0,
    "purpose": 0,
    "direction": 1,
    "action": 2,
    "responsible": 2,
    "deadline": 2,
    "notes": 2,
}


def _visible(text: str | None) -> str | None:
    return None if text is None else visible(text)


def _text(value: str | DataclassInstance) -> str:
    return value if isinstance(value, str) else _record_text(value)


def _responsible(action: Action) -> str:
    r = action.responsible
    return f"{r.wording} [{', '.join(r.parties)}]" if r else "none"


def _transitions(old: Plan, new: Plan, as_of: dt.date) -> list[Transition]:
    return [Transition(*row) for row in _transition_rows(old, new, as_of)]
