"""What `sources` shows: every fact with its event, date and source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bsec_plan.views.common import (
    Asked,
    Table,
    View,
    plan_file_line,
)

if TYPE_CHECKING:
    from bsec_plan.queries.sources import Fact


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


def sources_view(asked: Asked, facts: list[Fact]) -> View:
    table = sources_table(facts)
    return View(
        blocks=lambda: [plan_file_line(asked), table],
        document=lambda: {
            "command": "sources",
            "plan": asked.plan_file,
            "facts": sources_json(facts),
        },
        csv=lambda: table,
    )
