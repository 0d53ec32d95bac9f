"""What `overdue` shows: every overdue occurrence, oldest first, with who was responsible."""

from __future__ import annotations

import datetime as dt

from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q
from bsec_plan.views.common import (
    Asked,
    Table,
    View,
    colour,
    header_of,
    iso,
    legend_line,
    period_note,
    plan_file_line,
    responsible_text,
    rows_json,
    short_responsible,
)


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
            [r.action, r.occurrence or "", iso(r.due) or "", days, responsible_text(r), r.text]
        )
        table.narrow.rows.append(
            [
                r.action,
                r.occurrence or "",
                iso(r.due) or "",
                days,
                short_responsible(plan, r, legend),
                r.text,
            ]
        )
    table.styles = table.narrow.styles = [colour("overdue")] * len(rows)
    table.narrow.legend = "Occ.: occurrence; Days: days overdue. " + legend_line(legend)
    return table


def overdue_view(asked: Asked, rows: list[q.Row]) -> View:
    return View(
        blocks=lambda: [
            plan_file_line(asked),
            *period_note(asked.plan, asked.as_of),
            overdue_table(asked.plan, rows, asked.as_of),
        ],
        document=lambda: {**header_of(asked, "overdue"), "overdue": rows_json(rows)},
        csv=lambda: overdue_table(asked.plan, rows, asked.as_of),
    )
