"""The scoreboard put before a meeting: each occurrence in a window with who answers for it, the
state of play (the latest progress record) and a rating, as implementation scoreboards rate
the commitments of an action plan."""

from __future__ import annotations

import datetime as dt

from bsec_plan.domain.model import Plan, Progress
from bsec_plan.plaindata import dataclass
from bsec_plan.problems import UsageError
from bsec_plan.queries import questions as q

RATINGS = (
    "done on time",
    "done late",
    "in progress",
    "overdue",
    "not yet due",
    "ongoing",
    "no deadline",
)
_RATED = {
    "done": "done on time",
    "done late": "done late",
    "overdue": "overdue",
    "due soon": "not yet due",
    "upcoming": "not yet due",
    "ongoing": "ongoing",
    "no deadline": "no deadline",
}


@dataclass(frozen=True)
class Line:
    """One occurrence on the scoreboard."""

    row: q.Row
    title: str
    latest: Progress | None  # the latest progress record known on the as-of date
    rating: str
    addressed: tuple[str, ...] = ()  # for an invitation: the states it is addressed to


def rating(row: q.Row, latest: Progress | None) -> str:
    """The occurrence's status in the scoreboard's words. Overdue stays overdue whatever is
    under way, so lateness is never hidden; otherwise work under way is `in progress`."""
    rated = _RATED[row.status]
    if rated in ("not yet due", "ongoing", "no deadline") and latest is not None:
        return "in progress" if latest.status == "in-progress" else rated
    return rated


def _latest(plan: Plan, as_of: dt.date) -> dict[tuple[str, str | None], Progress]:
    latest: dict[tuple[str, str | None], Progress] = {}
    for record in plan.progress:
        if record.date > as_of:
            continue  # not known yet on the as-of date
        key = (record.action, record.occurrence)
        if key not in latest or record.date >= latest[key].date:
            latest[key] = record
    return latest


def in_window(row: q.Row, start: dt.date | None, end: dt.date | None) -> bool:
    """Due in the window, or still open at its start: overdue then, ongoing, or undated."""
    if row.due is None:
        return True
    if end is not None and row.due > end:
        return False
    if start is None or row.due >= start:
        return True
    return row.done_on is None or row.done_on >= start


def scoreboard(
    plan: Plan,
    as_of: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    state: str | None = None,
) -> list[Line]:
    """The occurrences in the window, in plan order, rated on `as_of`."""
    if start is not None and end is not None and start > end:
        raise UsageError(f"the window is reversed: it starts on {start}, after its end on {end}")
    latest = _latest(plan, as_of)
    # the states an action is addressed to depend on its instrument alone: found once for each
    # (120 standings), not again for every occurrence
    addressed: dict[str | None, tuple[str, ...]] = {}
    lines = []
    for row in q.evaluate(plan, as_of):
        if not in_window(row, start, end):
            continue
        action = plan.actions[row.action]
        instrument = action.addresses.not_ratified if action.addresses else None
        if instrument not in addressed:
            addressed[instrument] = tuple(q.addressed(plan, row.action, as_of))
        to = addressed[instrument]
        concerned = state is None or state in to or any(state in r.states for r in row.responsible)
        if not concerned:  # q.concerns, with the addressed states found once
            continue
        record = latest.get((row.action, row.occurrence))
        lines.append(Line(row, q.title(plan, row.action), record, rating(row, record), to))
    return lines


def totals(lines: list[Line]) -> dict[str, int]:
    """How many occurrences have each rating, every rating listed."""
    counts = dict.fromkeys(RATINGS, 0)
    for line in lines:
        counts[line.rating] += 1
    return counts
