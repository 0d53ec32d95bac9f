"""A record in the words of `diff`, and the statuses a change moves: what `diff` and `record`
both say, in a module light to import (no classes), so that `record` can say it without
loading the whole comparison."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bsec_plan.domain.model import (
    Chairmanship,
    EuMembership,
    LiaisonOfficer,
    Progress,
    Ratification,
)
from bsec_plan.domain.schedule import plan_occurrences
from bsec_plan.queries import questions as q

if TYPE_CHECKING:
    from _typeshed import DataclassInstance  # any domain record

    from bsec_plan.domain.model import Plan
    from bsec_plan.domain.schedule import Occurrence
    from bsec_plan.queries.standing import Standing


def fields(record: DataclassInstance) -> dict[str, object]:
    from bsec_plan.domain.jsonform import as_json  # only here: `record` tells without it

    return {k: _flat(v) for k, v in as_json(record).items() if v not in (None, [], {})}


def _flat(value: object) -> object:
    """Nested records (a ratification's events) as `event: approval, date: 2002-07-01 | …`."""
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return " | ".join(
            ", ".join(f"{k}: {v}" for k, v in item.items() if v is not None) for item in value
        )
    return value


def record_text(record: DataclassInstance) -> str:
    """A record as a line a reader takes in at once; other records as their fields."""
    if isinstance(record, Progress):
        judged = f" Assessment: {record.assessment}" if record.assessment else ""
        return f"{record.status} on {record.date}: {record.summary}{judged} Source: {record.source}"
    if isinstance(record, Ratification):
        events = "; ".join(
            f"{e.event} {e.date or '(date unknown)'}, source: {e.source}" for e in record.events
        )
        return events + (f". Note: {record.note}" if record.note else "")
    if isinstance(record, LiaisonOfficer):
        said = record.status.replace("-", " ") + (f" on {record.date}" if record.date else "")
        if record.inferred_from:
            said += f" (inferred from {record.inferred_from})"
        return said + (f", source: {record.source}" if record.source else "")
    if isinstance(record, Chairmanship):
        return f"{record.start} – {record.end}, source: {record.source}"
    if isinstance(record, EuMembership):
        return f"since {record.since}, source: {record.source}"
    return ", ".join(f"{k}: {v}" for k, v in fields(record).items())


def standing_key(s: Standing) -> tuple[object, ...]:
    """What a state stands on: two standings with the same key say the same."""
    # a stage not reached by the as-of date (an undated deposit) changes nothing a state stands on
    stages = tuple((k, v.date, v.computed) for k, v in s.stages.items() if v.reached)
    return (s.answer, s.date, s.event, s.inferred_from, s.stage, stages)


def progress_key(record: Progress) -> str:
    """A progress record's identity in `diff`: `A.2 2010-H1 2010-06-15`."""
    return f"{record.action} {record.occurrence or ''}".strip() + f" {record.date}"


def transitions(
    old: Plan, new: Plan, as_of: dt.date, occurrences: list[Occurrence] | None = None
) -> list[tuple[str, str | None, str | None, str | None]]:
    """(action, occurrence, status before, status after) for each occurrence whose status on
    `as_of` differs; None: absent on that side. `occurrences`: only these (in both plans)."""
    before = _statuses(old, as_of, plan_occurrences(old) if occurrences is None else occurrences)
    after = _statuses(new, as_of, plan_occurrences(new) if occurrences is None else occurrences)
    keys = list(after) + [k for k in before if k not in after]
    return [
        (a, label, before.get((a, label)), after.get((a, label)))
        for a, label in keys
        if before.get((a, label)) != after.get((a, label))
    ]


def _statuses(
    plan: Plan, as_of: dt.date, found: list[Occurrence]
) -> dict[tuple[str, str | None], str]:
    """Each occurrence's status on `as_of` by (action, label), without the rest of its row."""
    ends, days = q.closing_records(plan, as_of), q.DUE_SOON_DAYS
    by = {(o.action, o.label): o for o in found}
    return {
        k: q.status_of(plan.actions[k[0]], o, ends.get(k), as_of, days)[0] for k, o in by.items()
    }
