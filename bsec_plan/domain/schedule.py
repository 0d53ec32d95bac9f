"""Deadlines expanded into dated occurrences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from bsec_plan.domain.dates import days_in
from bsec_plan.domain.model import Action, Plan


class Occurrence(NamedTuple):
    """One time an action falls due; `label` and `due` are None for ongoing or undated actions.
    A named tuple: a large plan has tens of thousands, made many times faster than a frozen
    dataclass's."""

    action: str
    label: str | None
    due: dt.date | None


def occurrences(action: Action, start: dt.date, end: dt.date) -> list[Occurrence]:
    """The occurrences of `action`: recurring ones whose due date falls in start..end."""
    return [Occurrence(action.id, label, due) for label, due in dues(action, start, end)]


Dues = tuple[tuple[str | None, dt.date | None], ...]  # (label, due date) of each occurrence
_UNDATED: Dues = ((None, None),)


def dues(action: Action, start: dt.date, end: dt.date) -> Dues:
    """(label, due date) of each occurrence of `action`, as `occurrences` gives them, without an
    object for each: actions with the same kind of deadline share one answer."""
    deadline = action.deadline
    if deadline is None or deadline.kind == "permanent":
        return _UNDATED
    due = deadline.due
    if due is not None:  # a fixed deadline: the only kind with a due date
        day = (due.year, due.month, due.day)
        found = _FIXED.get(day)
        if found is None:
            found = _FIXED[day] = ((str(due), due.last_day),)
        return found
    return recurring(deadline.kind, start, end)


# the one occurrence of a fixed deadline, by its date: many actions share a few, each with a
# date of its own whose label and last day would be worked out for it
_FIXED: dict[tuple[int, int | None, int | None], Dues] = {}


RECURRING = ("each-semester", "each-february-after-year")  # the kinds `recurring` expands
_HALVES_END = ((1, 6, 30), (2, 12, 31))  # each half of a year: its number, last month and day


@cache  # every action with the same kind of deadline falls due on the same days
def recurring(kind: str, start: dt.date, end: dt.date) -> tuple[tuple[str, dt.date], ...]:
    """(label, due date) of each occurrence of a recurring deadline due within start..end: for
    each-semester the last days of June and December (`2010-H1`, `2010-H2`); for
    each-february-after-year the last day of each February, for the work of the year before
    (`2009`). Worked out directly: dateutil.rrule says the same, but importing it costs a warm
    run more than the whole expansion."""
    years = range(start.year, end.year + 1)
    if kind == "each-semester":
        due = [(f"{y}-H{h}", dt.date(y, m, d)) for y in years for h, m, d in _HALVES_END]
    else:  # each-february-after-year
        due = [(str(y - 1), dt.date(y, 2, days_in(y, 2))) for y in years]
    return tuple((label, day) for label, day in due if start <= day <= end)


def plan_dues(
    plan: Plan, occurrences: list[Occurrence] | None = None
) -> Iterator[tuple[str, Action, Dues]]:
    """(direction id, action, its occurrences as `dues` gives them) in plan order: of every
    action, or of each occurrence given."""
    if occurrences is not None:
        direction_of, actions = plan.direction_of, plan.actions
        for occ in occurrences:
            yield direction_of[occ.action].id, actions[occ.action], ((occ.label, occ.due),)
        return
    start, end = plan.start, plan.end
    for direction in plan.directions:
        for action in direction.actions:
            yield direction.id, action, dues(action, start, end)


def plan_occurrences(plan: Plan) -> list[Occurrence]:
    """Every occurrence of every action, in plan order."""
    start, end = plan.start, plan.end
    return [o for action in plan.actions.values() for o in occurrences(action, start, end)]


if TYPE_CHECKING:  # for the type checker only: a Protocol takes a while to make

    class _Dated(Protocol):
        @property
        def due(self) -> dt.date | None: ...
        @property
        def action(self) -> str: ...

    Dated = TypeVar("Dated", bound=_Dated)


def by_due(items: Iterable[Dated]) -> list[Dated]:
    """Occurrences (or rows of them) by due date, then action id, as `sorted` by both would
    put them: the few due dates sorted once and each one's items by action, which spares
    comparing dates for every pair (most of the sort). A None due date raises as it would."""
    on: dict[Any, list[Dated]] = {}  # by due date: a None beside a date fails as in `sorted`
    for item in items:
        on.setdefault(item.due, []).append(item)
    action = attrgetter("action")
    return [item for day in sorted(on) for item in sorted(on[day], key=action)]
