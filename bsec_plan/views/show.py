"""What `show` shows: one action as it stood on the as-of date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bsec_plan.domain.jsonform import as_json
from bsec_plan.domain.model import Deadline, Plan, Progress
from bsec_plan.views.common import (
    Asked,
    Table,
    View,
    colour,
    header_of,
    iso,
    legend_line,
    relative,
    responsible_text,
    row_json,
    short_responsible,
    state_filter,
)
from bsec_plan.views.states import addressed_by_stage

if TYPE_CHECKING:
    from bsec_plan.queries.action import Shown


def show_blocks(
    plan: Plan, plan_file: str, shown: Shown, as_of: dt.date, state: str | None = None
) -> list[Table | str]:
    action, direction = shown.action, shown.direction
    lines = [f"{action.id}  {action.text}", "", f"Direction {direction.id}: {direction.title}"]
    if action.responsible:
        lines.append(f"Responsible: {action.responsible.wording}")
    else:
        lines.append("Responsible: not named in the plan")
    if action.deadline:
        lines.append(f"Deadline: {action.deadline.wording} ({_kind_words(action.deadline)})")
    else:
        lines.append("Deadline: none")
    names = [plan.instrument_by_id[i].title for i in action.instruments]
    if names:
        lines.append("Instruments: " + "; ".join(names))
    if action.addresses and shown.addressed is not None:
        lines.append(
            f"Addressed to the states not recorded as having ratified the "
            f"{plan.instrument_by_id[action.addresses.not_ratified].short} on {as_of}: "
            f"{addressed_by_stage(plan, action.addresses.not_ratified, shown.addressed, as_of)}"
        )
    for note in action.notes:
        lines.append(f"Note: {note}")
    for note in action.editorial_notes:
        lines.append(f"Editorial note (not the plan's words): {note}")
    for ident in action.instruments:
        lines.append(f"Source for {ident}: {plan.instrument_by_id[ident].source}")
    lines.append(f"Plan file: {plan_file}; as of {as_of}{state_filter(plan, state)}")
    occurrences = Table(
        "Occurrences", ["Occurrence", "Due", "When", "Status", "Responsible"], wrap=("Responsible",)
    )
    narrow = occurrences.narrow = Table("Occurrences", occurrences.columns, wrap=("Responsible",))
    legend: dict[str, None] = {}
    for r in shown.rows:
        cells = [r.occurrence or "—", iso(r.due) or "—", relative(r.due, as_of), r.status]
        occurrences.rows.append([*cells, responsible_text(r)])
        narrow.rows.append([*cells, short_responsible(plan, r, legend)])
        occurrences.styles.append(colour(r.status))
    narrow.legend = legend_line(legend, details=False)
    narrow.styles = occurrences.styles
    records = Table(
        "Progress records",
        ["Occurrence", "Date", "Status", "Summary", "Source"],
        wrap=("Summary", "Source"),
        empty="none recorded",
    )
    for p in shown.progress:
        records.rows.append(
            [p.occurrence or "—", p.date.isoformat(), p.status, summary_text(p), p.source]
        )
    return ["\n".join(lines) + "\n", occurrences, records]


# how the plan's deadline kinds read to a delegate (the ids are for the file)
KIND_WORDS = {
    "each-semester": "due at the end of each half-year: 30 June and 31 December",
    "each-february-after-year": "each year's work due at the end of the next February",
    "permanent": "ongoing, never overdue",
}


def _kind_words(deadline: Deadline) -> str:
    if deadline.kind == "fixed":
        return f"due by the end of {deadline.due}"
    return KIND_WORDS.get(deadline.kind, deadline.kind)


def summary_text(p: Progress) -> str:
    """What was done, and how it was judged where a judgement is recorded."""
    return f"{p.summary} Assessment: {p.assessment}" if p.assessment else p.summary


def show_json(shown: Shown) -> dict[str, Any]:
    action, direction = shown.action, shown.direction
    return {
        "action": {
            "id": action.id,
            "direction": {"id": direction.id, "title": direction.title},
            "text": action.text,
            "responsible": action.responsible.wording if action.responsible else None,
            "deadline": (
                {
                    "wording": action.deadline.wording,
                    "kind": action.deadline.kind,
                    "due": str(action.deadline.due) if action.deadline.due else None,
                }
                if action.deadline
                else None
            ),
            "instruments": list(action.instruments),
            "instrument_sources": shown.instrument_sources,
            "addressed_to": shown.addressed,
            "notes": list(action.notes),
            "editorial_notes": list(action.editorial_notes),
        },
        "occurrences": [row_json(r) for r in shown.rows],
        "progress": [as_json(p) for p in shown.progress],
    }


def show_view(asked: Asked, shown: Shown) -> View:
    return View(
        blocks=lambda: show_blocks(asked.plan, asked.plan_file, shown, asked.as_of, asked.state),
        document=lambda: {**header_of(asked, "show"), **show_json(shown)},
    )
