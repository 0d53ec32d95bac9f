"""The plan as one self-contained HTML page: the page's data from the queries, Jinja2 to HTML,
and the page written to a folder.

`view` is the only place that reads ratification records and occurrence statuses for the page,
so a change in those models is adapted here and nowhere else; the templates see plain data.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from bsec_plan import __version__
from bsec_plan.domain import addresses, parties
from bsec_plan.domain.model import Plan
from bsec_plan.problems import UsageError
from bsec_plan.queries import questions as queries
from bsec_plan.safetext import visible
from bsec_plan.views import timeline
from bsec_plan.views.common import standing_text

# statuses of an occurrence, in the order the legend and the counts use
STATUSES = queries.STATES
NEXT_DUE = 10  # how many pending occurrences "Next due" lists


def links(source: str | None) -> list[dict[str, str | None]]:
    """A source as its `; `-separated pieces; a piece becomes a link only when it is a whole
    http(s) address, as `check` reads it (the same parser). Plan text is untrusted:
    `javascript:` and any other scheme stay text."""
    if not source:
        return []
    pieces: list[dict[str, str | None]] = []
    for piece in source.split("; "):
        address = addresses.parse(piece)
        if isinstance(address, addresses.Address):
            # the site names the link; the address itself is in the link (and printed on paper)
            pieces.append({"text": address.host, "href": address.href})
        else:
            pieces.append({"text": piece, "href": None})
    return pieces


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def view(plan: Plan, plan_file: str, as_of: dt.date, state: str | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain data (dicts, lists, strings, numbers)."""
    rows = queries.evaluate(plan, as_of)
    total = Counter(r.action for r in rows)  # occurrences of each action
    titles = {a: queries.title(plan, a) for a in plan.actions}
    addressed = {
        a.id: queries.addressed(plan, a.id, as_of) for a in plan.actions.values() if a.addresses
    }

    def concerns(row: queries.Row, code: str) -> bool:
        # queries.concerns, with the addressed states found once per action instead of per row
        return any(code in r.states for r in row.responsible) or code in addressed.get(
            row.action, ()
        )

    if state:
        rows = [r for r in rows if concerns(r, state)]

    def occurrence(row: queries.Row) -> dict[str, Any]:
        status = row.state  # the occurrence's status on the as-of date
        return {
            "action": row.action,
            "label": row.label,
            "due": _iso(row.due),
            "status": status,
            "days_overdue": row.days_overdue,
            "done_on": _iso(row.done_on),
            "responsible": [r.label for r in row.responsible],
            "title": titles[row.action],
        }

    occurrences = [occurrence(r) for r in rows]
    by_action: dict[str, list[dict[str, Any]]] = {}
    for o in occurrences:
        by_action.setdefault(o["action"], []).append(o)
    dated = [o for o in occurrences if o["due"]]

    def mark_title(o: dict[str, Any]) -> str:
        status = o["status"]
        if o["days_overdue"]:
            status += f" by {o['days_overdue']} days"
        if o["done_on"]:
            status += f" on {o['done_on']}"
        who = "; ".join(o["responsible"]) or "not named in the plan"
        return f"{o['action']} {o['title']} — {o['label']}, due {o['due']}: {status}. Responsible: {who}"

    dues = [dt.date.fromisoformat(o["due"]) for o in dated]
    drawing = timeline.layout(
        min([plan.start, *dues]),
        max([plan.end, *dues]),
        as_of,
        lambda day: parties.chair_on(plan, day),
        [c.start.first_day for c in plan.chairmanships if c.start]
        + [c.end.last_day + dt.timedelta(days=1) for c in plan.chairmanships],
        [
            timeline.Point(o["action"], dt.date.fromisoformat(o["due"]), o["status"], mark_title(o))
            for o in dated
        ],
    )

    def by_due(o: dict[str, Any]) -> tuple[str, str]:
        return o["due"], o["action"]

    overdue = sorted((o for o in occurrences if o["status"] == "overdue"), key=by_due)
    pending = sorted((o for o in dated if o["status"] in ("due soon", "upcoming")), key=by_due)

    # -- Member States: ratifications, liaison officers, EU membership
    ratifiable = [i for i in plan.instruments if i.ratifiable]
    matrix = []
    for s in queries.states(plan, as_of):
        if state and s.code != state:
            continue
        cells = []
        for instrument in ratifiable:
            standing = s.ratifications[instrument.id]
            cells.append(
                {
                    "heading": instrument.short,
                    "status": standing.status.replace(" ", "-"),
                    "text": standing_text(standing, "ratified"),
                    "event": standing.note,
                    "sources": links(standing.source),
                }
            )
        officer = s.liaison_officer
        cells.append(
            {
                "heading": "Liaison officer",
                "status": officer.status,
                "text": standing_text(officer, "appointed"),
                "event": officer.note,
                "sources": links(officer.source),
            }
        )
        member = next((m for m in plan.eu_membership if m.state == s.code), None)
        eu = s.eu_since is not None and member is not None
        cells.append(
            {
                "heading": "EU member",
                "status": "eu" if eu else "not-eu",
                "text": f"since {s.eu_since}" if eu else "no",
                "event": None,
                "sources": links(member.source) if eu and member else [],
            }
        )
        matrix.append({"code": s.code, "name": s.name, "cells": cells})

    # -- directions and actions in the plan's own words
    known_progress = [p for p in plan.progress if p.date <= as_of]
    directions = []
    for d in plan.directions:
        actions = []
        for a in d.actions:
            if state and a.id not in by_action:
                continue
            target = plan.instrument_by_id.get(a.addresses.not_ratified) if a.addresses else None
            actions.append(
                {
                    "id": a.id,
                    "text": a.text,
                    "responsible": a.responsible.wording if a.responsible else None,
                    "deadline": a.deadline.wording if a.deadline else None,
                    "instruments": [plan.instrument_by_id[i].title for i in a.instruments],
                    "addresses": target.short if target else None,
                    "addressed": addressed.get(a.id, []),
                    "occurrences": by_action.get(a.id, []),
                    "notes": list(a.notes),
                    "progress": [
                        {
                            "occurrence": p.occurrence,
                            "date": p.date.isoformat(),
                            "status": p.status,
                            "summary": p.summary,
                            "sources": links(p.source),
                        }
                        for p in known_progress
                        if p.action == a.id
                    ],
                }
            )
        if actions:
            implements = plan.instrument_by_id.get(d.implements) if d.implements else None
            directions.append(
                {
                    "id": d.id,
                    "title": d.title,
                    "implements": implements.title if implements else None,
                    "actions": actions,
                }
            )

    # -- each Member State: what it is responsible for, through which party, and what addresses it
    codes = [state] if state else [s.code for s in plan.states]
    duties: dict[str, dict[str, dict[str, list[str | None]]]] = {c: {} for c in codes}
    for r in rows:
        for resolved in r.responsible:
            for code in resolved.states:
                if code in duties:
                    by_party = duties[code].setdefault(resolved.ref, {})
                    by_party.setdefault(r.action, []).append(r.label)

    def party_name(ref: str) -> str | None:
        party = plan.party_by_id.get(ref)
        return party.name if party else None  # None: the plan names the state itself

    member_states = [
        {
            "code": s.code,
            "name": s.name,
            "member_since": str(s.member_since) if s.member_since else None,
            "sources": links(s.source),
            "responsible": [
                {
                    "party": party_name(ref),
                    "actions": [
                        # the occurrences are named only when the state has some of them, not all
                        {"action": a, "title": titles[a], "occurrences": labels}
                        if len(labels) < total[a]
                        else {"action": a, "title": titles[a], "occurrences": []}
                        for a, labels in by_action_.items()
                    ],
                }
                for ref, by_action_ in duties[s.code].items()
            ],
            "addressed": [a for a, who in addressed.items() if s.code in who],
        }
        for s in plan.states
        if s.code in duties
    ]

    chairs = [
        {
            "state": c.state,
            "start": str(c.start) if c.start else None,
            "end": str(c.end),
            "note": c.note,
            "sources": links(c.source),
        }
        for c in plan.chairmanships
    ]
    instruments = [
        {
            "short": i.short,
            "title": i.title,
            "done": ", ".join(x for x in (i.done_at, _iso(i.done_on)) if x),
            "note": i.note,
            "sources": links(i.source),
        }
        for i in plan.instruments
    ]
    party_notes = [
        {"name": p.name, "note": p.note, "sources": links(p.source)}
        for p in plan.parties
        if p.note or p.source
    ]
    days = (plan.end - plan.start).days + 1
    elapsed = min(max((as_of - plan.start).days + 1, 0), days) / days
    return {
        "title": plan.title,
        "purpose": plan.purpose.text,
        "plan_file": Path(plan_file).name,
        "version": __version__,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "as_of": as_of.isoformat(),
        "elapsed": round(elapsed * 100),
        "state": state,
        "state_name": plan.state_by_code[state].name if state else None,
        "statuses": [s for s in STATUSES if s in timeline.SHAPES],
        "shapes": {s: timeline.shape_path(s, 8, 8, 6) for s in timeline.SHAPES},
        "timeline": drawing,
        "dated": len(dated),
        "overdue": overdue,
        "next": pending[:NEXT_DUE],
        "instrument_headings": [i.short for i in ratifiable],
        "matrix": matrix,
        "directions": directions,
        "member_states": member_states,
        "chairmanships": chairs,
        "instruments": instruments,
        "party_notes": party_notes,
    }


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bsec_plan", "templates"),
        autoescape=True,  # plan text is untrusted, in HTML and SVG alike
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["slug"] = lambda text: re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-")
    return env


def render(page: dict[str, Any]) -> str:
    """The page's HTML; the same data gives the same text. Control characters are not allowed in
    HTML; plan text may hold them, so they are shown as \\xNN, as every writer of the tool does."""
    return visible(_environment().get_template("report.html.j2").render(page))


def _directory(output: str) -> Path:
    if not output.strip():
        raise UsageError("--output: give the name of a folder for the report")
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--output: {output} is a file, not a folder")
    return folder


def write_report(
    plan: Plan, plan_file: str, as_of: dt.date, output: str, state: str | None = None
) -> Path:
    """Render the page, then write `output/index.html` atomically (a temporary file renamed over
    it), creating the folder if needed. Returns the page's path; UsageError if it cannot be written."""
    folder = _directory(output)
    data = render(view(plan, plan_file, as_of, state)).encode("utf-8")
    target = folder / "index.html"
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".index.html.", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes the file private; a published page is not
        os.replace(temporary, target)
    except OSError as err:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"--output: cannot write {target}: {err.strerror or err}") from None
    return target
