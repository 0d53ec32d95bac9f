"""What `calendar` shows: deadlines in a window, by month, as a list, month grids or .ics."""

from __future__ import annotations

import datetime as dt

from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q
from bsec_plan.views.common import (
    AS_OF,
    Asked,
    MonthGrid,
    Table,
    View,
    colour,
    header_of,
    iso,
    legend_line,
    plan_file_line,
    relative,
    responsible_text,
    rows_json,
    short_responsible,
)

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
    """Each month that holds a deadline, and the as-of month when it is in the window; the
    months between them named in runs."""
    months: dict[tuple[int, int], MonthGrid] = {}
    if start <= as_of <= end:
        months[(as_of.year, as_of.month)] = MonthGrid(
            as_of.year, as_of.month, as_of, {as_of.day: AS_OF}
        )
    # the lists under the months are one table: occurrence and status columns aligned
    named = max((len(f"{r.action} {r.occurrence}") for r in rows), default=0)
    rated = max((len(r.status) for r in rows), default=0)
    for r in rows:
        assert r.due is not None  # the calendar lists dated occurrences only
        grid = months.setdefault(
            (r.due.year, r.due.month), MonthGrid(r.due.year, r.due.month, as_of)
        )
        # a day with several occurrences shows the most urgent status
        if grid.marks.get(r.due.day, AS_OF) == AS_OF or urgency(r.status) < urgency(
            grid.marks[r.due.day]
        ):
            grid.marks[r.due.day] = r.status
        head = f"{r.due}  {f'{r.action} {r.occurrence}'.ljust(named)}  {r.status.ljust(rated)}  "
        grid.listing.append((head + q.title(plan, r.action), r.status, len(head)))
    if not rows:  # nothing to draw: the writer says there are no deadlines
        return []
    return with_empty_runs([months[k] for k in sorted(months)], start, end, as_of)


def with_empty_runs(
    months: list[MonthGrid], start: dt.date, end: dt.date, as_of: dt.date
) -> list[MonthGrid]:
    """Every month of the window accounted for: each run of months without a deadline between
    (or around) the drawn ones becomes one grid that names it, so months never look adjacent
    when they are not."""

    def index(year: int, month: int) -> int:
        return year * 12 + month - 1

    out: list[MonthGrid] = []
    at = index(start.year, start.month)
    for grid in [*months, None]:
        upto = index(grid.year, grid.month) if grid else index(end.year, end.month) + 1
        if upto > at:
            last = upto - 1
            out.append(MonthGrid(at // 12, at % 12 + 1, as_of, through=(last // 12, last % 12 + 1)))
        if grid:
            out.append(grid)
            at = index(grid.year, grid.month) + 1
    return out


def urgency(status: str) -> int:
    return q.STATUSES.index(status) if status != "overdue" else -1


def calendar_view(asked: Asked, rows: list[q.Row], start: dt.date, end: dt.date) -> View:
    window = {"from": start.isoformat(), "to": end.isoformat()}
    return View(
        blocks=lambda: [
            plan_file_line(asked),
            *calendar_months(asked.plan, rows, start, end, asked.as_of),
        ],
        document=lambda: {
            **header_of(asked, "calendar", **window),
            "occurrences": rows_json(rows),
        },
        csv=lambda: calendar_table(asked.plan, rows, start, end),
        months=lambda: grid_months(asked.plan, rows, asked.as_of, start, end),
        heading=plan_file_line(asked),
        calendar=lambda: ([(asked.plan, asked.path or asked.plan_file, rows)], asked.as_of),
    )
