"""Deadlines expanded into dated occurrences, with dateutil.rrule for the recurring kinds."""

from __future__ import annotations

import datetime as dt
from functools import cache

from bsec_plan.domain.model import Action, Plan
from bsec_plan.plaindata import dataclass


@dataclass(frozen=True)
class Occurrence:
    """One time an action falls due; `label` and `due` are None for ongoing or undated actions."""

    action: str
    label: str | None
    due: dt.date | None


def occurrences(action: Action, start: dt.date, end: dt.date) -> list[Occurrence]:
    """The occurrences of `action`: recurring ones whose due date falls in start..end."""
    deadline = action.deadline
    if deadline is None or deadline.kind == "permanent":
        return [Occurrence(action.id, None, None)]
    if deadline.due is not None:  # a fixed deadline: the only kind with a due date
        return [Occurrence(action.id, str(deadline.due), deadline.due.last_day)]
    return [
        Occurrence(action.id, label, due) for label, due in recurring(deadline.kind, start, end)
    ]


@cache  # every action with the same kind of deadline falls due on the same days
def recurring(kind: str, start: dt.date, end: dt.date) -> tuple[tuple[str, dt.date], ...]:
    """(label, due date) of each occurrence of a recurring deadline due within start..end."""
    from dateutil.rrule import MONTHLY, YEARLY, rrule

    begin = dt.datetime.combine(start, dt.time())
    until = dt.datetime.combine(end, dt.time())
    if kind == "each-semester":
        rule = rrule(MONTHLY, bymonth=(6, 12), bymonthday=-1, dtstart=begin, until=until)
        return tuple((f"{d.year}-H{1 if d.month == 6 else 2}", d.date()) for d in rule)
    # each-february-after-year: the work on a year is due at the end of the next February
    rule = rrule(YEARLY, bymonth=2, bymonthday=-1, dtstart=begin, until=until)
    return tuple((str(d.year - 1), d.date()) for d in rule)


def plan_occurrences(plan: Plan) -> list[Occurrence]:
    """Every occurrence of every action, in plan order."""
    start, end = plan.start, plan.end
    return [o for action in plan.actions.values() for o in occurrences(action, start, end)]
