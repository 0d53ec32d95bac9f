"""`show`: one action as it stood on the as-of date, gathered from the query layer."""

from __future__ import annotations

import datetime as dt

from bsec_plan.domain.model import Action, Direction, Plan, Progress
from bsec_plan.domain.schedule import occurrences
from bsec_plan.plaindata import dataclass
from bsec_plan.queries import questions as q


@dataclass
class Shown:
    action: Action
    direction: Direction
    rows: list[q.Row]  # its occurrences, with their status
    addressed: list[str] | None  # the states it addresses (A.1, B.1), None when it names none
    progress: list[Progress]  # its progress records known on the as-of date
    instrument_sources: dict[str, str]  # where each instrument it names is found


def gather(plan: Plan, action: str, as_of: dt.date, within: int, state: str | None) -> Shown:
    ident = q.action_id(plan, action)
    found = plan.actions[ident]
    rows = q.evaluate(plan, as_of, within, occurrences(found, plan.start, plan.end))
    if state:
        rows = [r for r in rows if q.concerns(plan, r, state, as_of)]
    return Shown(
        action=found,
        direction=plan.direction_of[ident],
        rows=rows,
        addressed=q.addressed(plan, ident, as_of) if found.addresses else None,
        progress=q.progress(plan, ident, as_of),
        instrument_sources={i: plan.instrument_by_id[i].source for i in found.instruments},
    )
