"""The report page's data: everything the page shows, as plain dicts, lists, strings and numbers.

This module and the two beside it are the only places that read ratification records and
occurrence statuses for the page, so a change in those models is adapted there and nowhere
else; the template sees plain data. Each function makes one of the page's sections: here the
whole page's assembly (`page_data`), its header, timeline, overdue and next due, directions and
facts; the Member States table and what each state owes in `views/page_states.py`; a large
plan's pages in `views/page_split.py`. Sources stay as the plan writes them: which pieces become
links is the HTML writer's business (`writers/html.py`, `links`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bsec_plan import __version__
from bsec_plan.domain import parties
from bsec_plan.domain.model import Action, Direction, Plan, Progress
from bsec_plan.queries import questions as queries
from bsec_plan.views import timeline
from bsec_plan.views.common import iso, row_json
from bsec_plan.views.page_states import Known, matrix_section, member_states_section

# statuses of an occurrence, in the order the legend and the counts use
STATUSES = queries.STATUSES
NEXT_DUE = 10  # how many pending occurrences "Next due" lists
LARGE = 100  # a plan of more actions has its long lists collapsed (<details>)


MAX_NAMED = 12  # in a split report, a group of more members on the due date is counted


def _who(plan: Plan, r: parties.Resolved, compact: bool) -> str:
    """A responsible party's label; in a split report, the EU members as a count when there are
    more than MAX_NAMED (the groups' page names them, for each set of members)."""
    if compact and len(r.states) > MAX_NAMED:
        party = plan.party_by_id.get(r.ref)
        if party is not None and party.kind == "eu-member-states":
            return f"{party.name} ({len(r.states)} on the due date)"
    return r.label


def occurrence(
    row: queries.Row, title: str, plan: Plan | None = None, compact: bool = False
) -> dict[str, Any]:
    """An occurrence as the JSON writer gives it (`row_json`), with its action's short title and
    the responsible parties' labels added for the page."""
    return {
        **row_json(row),
        "title": title,
        "who": [_who(plan, r, compact) if plan else r.label for r in row.responsible],
    }


def _mark_title(o: dict[str, Any]) -> str:
    status = o["status"]
    if o["days_overdue"]:
        status += f" by {o['days_overdue']:,} days"
    if o["done_on"]:
        status += f" on {o['done_on']}"
    who = "; ".join(o["who"]) or "not named in the plan"
    return f"{o['action']} {o['title']} — {o['occurrence']}, due {o['due']}: {status}. Responsible: {who}"


def timeline_section(plan: Plan, as_of: dt.date, dated: list[dict[str, Any]]) -> dict[str, Any]:
    points = [
        timeline.Point(o["action"], dt.date.fromisoformat(o["due"]), o["status"], _mark_title(o))
        for o in dated
    ]
    return timeline_of(plan, as_of, [p.due for p in points], points, len(dated))


def timeline_of(
    plan: Plan,
    as_of: dt.date,
    dues: list[dt.date],
    points: list[timeline.Point],
    dated: int,
    summarised: bool = False,
) -> dict[str, Any]:
    """The timeline's section: every due date on its scale, a mark for each point (or the
    points are a `timeline.summary` already), and how many occurrences are dated."""
    drawing = timeline.layout(
        min([plan.start, *dues]),
        max([plan.end, *dues]),
        as_of,
        lambda day: parties.chair_on(plan, day),
        [c.start.first_day for c in plan.chairmanships if c.start]
        + [c.end.last_day + dt.timedelta(days=1) for c in plan.chairmanships],
        points,
        summarised,
    )
    return {
        "statuses": [s for s in STATUSES if s in timeline.SHAPES],
        "shapes": {s: timeline.shape_path(s, 8, 8, 6) for s in timeline.SHAPES},
        "timeline": drawing,
        "dated": dated,
    }


def due_sections(occurrences: list[dict[str, Any]]) -> dict[str, Any]:
    """What is overdue, oldest first, and what falls due next."""

    def by_due(o: dict[str, Any]) -> tuple[str, str]:
        return o["due"], o["action"]

    overdue = sorted((o for o in occurrences if o["status"] == "overdue"), key=by_due)
    pending = sorted(
        (o for o in occurrences if o["due"] and o["status"] in ("due soon", "upcoming")),
        key=by_due,
    )
    return {"overdue": overdue, "next": pending[:NEXT_DUE]}


def _progress(records: list[Progress]) -> list[dict[str, Any]]:
    return [
        {
            "occurrence": p.occurrence,
            "date": p.date.isoformat(),
            "status": p.status,
            "summary": p.summary,
            "assessment": p.assessment,
            "sources": p.source,
        }
        for p in records
    ]


def action_data(
    plan: Plan, known: Known, a: Action, occurrences: list[dict[str, Any]]
) -> dict[str, Any]:
    """An action in the plan's own words, with its occurrences as the page shows them."""
    target = plan.instrument_by_id.get(a.addresses.not_ratified) if a.addresses else None
    return {
        "id": a.id,
        "text": a.text,
        "responsible": a.responsible.wording if a.responsible else None,
        "deadline": a.deadline.wording if a.deadline else None,
        "instruments": [plan.instrument_by_id[i].title for i in a.instruments],
        "addresses": target.short if target else None,
        "addressed": known.addressed.get(a.id, []),
        "occurrences": occurrences,
        "notes": list(a.notes),
        "progress": _progress(known.progress.get(a.id, [])),
    }


def direction_data(plan: Plan, d: Direction, actions: list[dict[str, Any]]) -> dict[str, Any]:
    implements = plan.instrument_by_id.get(d.implements) if d.implements else None
    return {
        "id": d.id,
        "title": d.title,
        "implements": implements.title if implements else None,
        "actions": actions,
    }


def directions_section(
    plan: Plan, known: Known, by_action: dict[str, list[dict[str, Any]]], state: str | None
) -> list[dict[str, Any]]:
    """The directions and their actions in the plan's own words."""
    directions = []
    for d in plan.directions:
        actions = [
            action_data(plan, known, a, by_action.get(a.id, []))
            for a in d.actions
            if not state or a.id in by_action
        ]
        if actions:
            directions.append(direction_data(plan, d, actions))
    return directions


def facts_section(plan: Plan) -> dict[str, Any]:
    """Chairmanships, instruments and the notes on parties, with their sources."""
    return {
        "chairmanships": [
            {
                "state": c.state,
                "start": str(c.start) if c.start else None,
                "end": str(c.end),
                "note": c.note,
                "sources": c.source,
            }
            for c in plan.chairmanships
        ],
        "instruments": [
            {
                "short": i.short,
                "title": i.title,
                "done": ", ".join(x for x in (i.done_at, iso(i.done_on)) if x),
                "note": i.note,
                "sources": i.source,
            }
            for i in plan.instruments
        ],
        "party_notes": [
            {"name": p.name, "note": p.note, "sources": p.source}
            for p in plan.parties
            if p.note or p.source
        ],
    }


def short_title(plan: Plan) -> str:
    """The title for a phone's first screen: a long title in capitals, as the plan writes it,
    reads as `Plan of Action, 2009-05 – 2011-06`; a short one stays as it is."""
    if len(plan.title) <= 60:
        return ""
    return f"Plan of Action, {plan.start:%Y-%m} – {plan.end:%Y-%m}"


def header(plan: Plan, plan_file: str, as_of: dt.date, state: str | None) -> dict[str, Any]:
    days = (plan.end - plan.start).days + 1
    elapsed = min(max((as_of - plan.start).days + 1, 0), days) / days
    return {
        "title": plan.title,
        "short_title": short_title(plan),
        "purpose": plan.purpose.text,
        "plan_file": Path(plan_file).name,
        "version": __version__,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "as_of": as_of.isoformat(),
        "elapsed": round(elapsed * 100),
        "state": state,
        "state_name": plan.state_by_code[state].name if state else None,
    }


def page_data(
    plan: Plan, plan_file: str, as_of: dt.date, state: str | None = None, compact: bool = False
) -> dict[str, Any]:
    """Everything the page shows, as plain data (dicts, lists, strings, numbers); `compact` for
    a report split into pages (`pages`): large groups counted in the responsible parties."""
    known = Known(plan, as_of)
    rows = queries.evaluate(plan, as_of)
    if state:
        rows = [r for r in rows if known.concerns(r, state)]
    titles = {a: queries.title(plan, a) for a in plan.actions}
    occurrences = [occurrence(r, titles[r.action], plan, compact) for r in rows]
    by_action: dict[str, list[dict[str, Any]]] = {}
    for o in occurrences:
        by_action.setdefault(o["action"], []).append(o)
    return {
        **header(plan, plan_file, as_of, state),
        "large": len(plan.actions) > LARGE,
        **timeline_section(plan, as_of, [o for o in occurrences if o["due"]]),
        **due_sections(occurrences),
        **matrix_section(plan, known, state),
        "directions": directions_section(plan, known, by_action, state),
        **member_states_section(plan, known, rows, occurrences, state),
        **facts_section(plan),
    }
