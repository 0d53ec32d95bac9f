"""The report page's data: everything the page shows, as plain dicts, lists, strings and numbers.

This is the only place that reads ratification records and occurrence statuses for the page, so
a change in those models is adapted here and nowhere else; the template sees plain data. Each
function makes one of the page's sections. Sources stay as the plan writes them: which pieces
become links is the HTML writer's business (`writers/html.py`, `links`).

What repeats for each state or action is found once per run: the progress records by action,
each (state, instrument) standing, and the states each action is addressed to.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bsec_plan import __version__
from bsec_plan.domain import parties
from bsec_plan.domain.model import Plan, Progress
from bsec_plan.queries import questions as queries
from bsec_plan.views import timeline
from bsec_plan.views.common import iso, row_json, standing_text

# statuses of an occurrence, in the order the legend and the counts use
STATUSES = queries.STATUSES
NEXT_DUE = 10  # how many pending occurrences "Next due" lists
LARGE = 100  # a plan of more actions has its long lists collapsed (<details>)


class Known:
    """What the page asks again and again, found once: standings, addressed states, progress."""

    def __init__(self, plan: Plan, as_of: dt.date) -> None:
        self.plan, self.as_of = plan, as_of
        self.states = queries.states(plan, as_of)
        self._standing = {
            (s.code, i): standing for s in self.states for i, standing in s.ratifications.items()
        }
        self.addressed = {
            a.id: self._not_ratified(a.addresses.not_ratified)
            for a in plan.actions.values()
            if a.addresses
        }
        self.addressed_to: dict[str, list[str]] = {s.code: [] for s in plan.states}
        for action, codes in self.addressed.items():
            for code in codes:
                self.addressed_to[code].append(action)
        self.progress: dict[str, list[Progress]] = {}
        for p in plan.progress:
            if p.date <= as_of:
                self.progress.setdefault(p.action, []).append(p)

    def _not_ratified(self, instrument: str) -> list[str]:
        out = []
        for s in self.plan.states:
            key = (s.code, instrument)
            if key not in self._standing:
                self._standing[key] = queries.ratification(self.plan, *key, self.as_of)
            if self._standing[key].status != "ratified":
                out.append(s.code)
        return out

    def concerns(self, row: queries.Row, code: str) -> bool:
        """queries.concerns, with the addressed states found once per run."""
        return any(code in r.states for r in row.responsible) or code in self.addressed.get(
            row.action, ()
        )


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
        status += f" by {o['days_overdue']} days"
    if o["done_on"]:
        status += f" on {o['done_on']}"
    who = "; ".join(o["who"]) or "not named in the plan"
    return f"{o['action']} {o['title']} — {o['occurrence']}, due {o['due']}: {status}. Responsible: {who}"


def timeline_section(plan: Plan, as_of: dt.date, dated: list[dict[str, Any]]) -> dict[str, Any]:
    dues = [dt.date.fromisoformat(o["due"]) for o in dated]
    drawing = timeline.layout(
        min([plan.start, *dues]),
        max([plan.end, *dues]),
        as_of,
        lambda day: parties.chair_on(plan, day),
        [c.start.first_day for c in plan.chairmanships if c.start]
        + [c.end.last_day + dt.timedelta(days=1) for c in plan.chairmanships],
        [
            timeline.Point(
                o["action"], dt.date.fromisoformat(o["due"]), o["status"], _mark_title(o)
            )
            for o in dated
        ],
    )
    return {
        "statuses": [s for s in STATUSES if s in timeline.SHAPES],
        "shapes": {s: timeline.shape_path(s, 8, 8, 6) for s in timeline.SHAPES},
        "timeline": drawing,
        "dated": len(dated),
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


def _cell(
    heading: str, status: str, text: str, event: str | None, source: str | None
) -> dict[str, Any]:
    return {"heading": heading, "status": status, "text": text, "event": event, "sources": source}


def standings(plan: Plan, row: queries.StateRow) -> list[dict[str, Any]]:
    """A state's standing on each ratifiable instrument, its liaison officer and EU membership."""
    cells = [
        _cell(
            i.short,
            row.ratifications[i.id].status.replace(" ", "-"),
            standing_text(row.ratifications[i.id], "ratified"),
            row.ratifications[i.id].note,
            row.ratifications[i.id].source,
        )
        for i in plan.instruments
        if i.ratifiable
    ]
    officer = row.liaison_officer
    cells.append(
        _cell(
            "Liaison officer",
            officer.status,
            standing_text(officer, "appointed"),
            officer.note,
            officer.source,
        )
    )
    member = next((m for m in plan.eu_membership if m.state == row.code), None)
    eu = row.eu_since is not None and member is not None
    cells.append(
        _cell(
            "EU member",
            "eu" if eu else "not-eu",
            f"since {row.eu_since}" if eu else "no",
            None,
            member.source if eu and member else None,
        )
    )
    return cells


def matrix_section(plan: Plan, known: Known, state: str | None) -> dict[str, Any]:
    return {
        "instrument_headings": [i.short for i in plan.instruments if i.ratifiable],
        "matrix": [
            {"code": s.code, "name": s.name, "cells": standings(plan, s)}
            for s in known.states
            if not state or s.code == state
        ],
    }


def _progress(records: list[Progress]) -> list[dict[str, Any]]:
    return [
        {
            "occurrence": p.occurrence,
            "date": p.date.isoformat(),
            "status": p.status,
            "summary": p.summary,
            "sources": p.source,
        }
        for p in records
    ]


def directions_section(
    plan: Plan, known: Known, by_action: dict[str, list[dict[str, Any]]], state: str | None
) -> list[dict[str, Any]]:
    """The directions and their actions in the plan's own words."""
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
                    "addressed": known.addressed.get(a.id, []),
                    "occurrences": by_action.get(a.id, []),
                    "notes": list(a.notes),
                    "progress": _progress(known.progress.get(a.id, [])),
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
    return directions


GROUPS = ("all-member-states", "eu-member-states")  # parties whose duties each member shares
# most urgent first: what is late, then what falls due, then what has no date, then what is done
URGENCY = {
    s: n
    for n, s in enumerate(
        ("overdue", "due soon", "upcoming", "no deadline", "ongoing", "done late", "done")
    )
}


def urgency(o: dict[str, Any]) -> tuple[int, str, str]:
    return URGENCY[o["status"]], o["due"] or "9999", o["action"]


def _role(plan: Plan, ref: str) -> str:
    """How a state answers for a party's duty: in its own name, through its agency, as a role."""
    party = plan.party_by_id.get(ref)
    if party is None:
        return "in its own name"
    return f"through {party.name}" if party.kind == "agency" else f"as {party.name}"


def _group_duties(
    plan: Plan, rows: list[queries.Row], occurrences: list[dict[str, Any]], state: str | None
) -> list[dict[str, Any]]:
    """The duties of each group (all Member States, the EU members), listed once; for each set
    of members a group had (the EU grows), how many duties and the most urgent one."""
    groups: dict[str, dict[str, Any]] = {}
    for row, o in zip(rows, occurrences, strict=True):
        for r in row.responsible:
            party = plan.party_by_id.get(r.ref)
            if party is None or party.kind not in GROUPS or (state and state not in r.states):
                continue
            group = groups.setdefault(
                r.ref, {"ref": r.ref, "name": party.name, "count": 0, "sets": {}, "members": {}}
            )
            group["count"] += 1
            everyone = party.kind == "all-member-states"
            label = "every Member State" if everyone else ", ".join(r.states) or "none"
            group["sets"].setdefault(label, []).append(o)
            count, worst = group["members"].get(r.states, (0, o))
            group["members"][r.states] = (count + 1, min(worst, o, key=urgency))
    for group in groups.values():
        group["sets"] = list(group["sets"].items())
    return [groups[p.id] for p in plan.parties if p.id in groups]


def _state_share(code: str, groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A state's share of the groups' duties: the count and the most urgent, by reference."""
    shares = []
    for g in groups:
        mine = [(n, o) for members, (n, o) in g["members"].items() if code in members]
        if mine:
            shares.append(
                {
                    "ref": g["ref"],
                    "name": g["name"],
                    "count": sum(n for n, _ in mine),
                    "urgent": min((o for _, o in mine), key=urgency),
                }
            )
    return shares


def member_states_section(
    plan: Plan,
    known: Known,
    rows: list[queries.Row],
    occurrences: list[dict[str, Any]],
    state: str | None,
) -> dict[str, Any]:
    """Each Member State: every occurrence it answers for in its own name or through a role,
    with the role; its share of the groups' duties, by reference; what is addressed to it; its
    standing on each instrument and its liaison officer."""
    codes = [state] if state else [s.code for s in plan.states]
    duties: dict[str, dict[int, tuple[dict[str, Any], list[str]]]] = {c: {} for c in codes}
    for n, (row, o) in enumerate(zip(rows, occurrences, strict=True)):
        for r in row.responsible:
            party = plan.party_by_id.get(r.ref)
            if party is not None and party.kind in GROUPS:
                continue
            for code in r.states:
                if code in duties:
                    duties[code].setdefault(n, (o, []))[1].append(_role(plan, r.ref))
    groups = _group_duties(plan, rows, occurrences, state)
    standing_rows = {s.code: s for s in known.states}
    member_states = [
        {
            "code": s.code,
            "name": s.name,
            "member_since": str(s.member_since) if s.member_since else None,
            "sources": s.source,
            "duties": sorted(
                ((o, "; ".join(roles)) for o, roles in duties[s.code].values()),
                key=lambda pair: urgency(pair[0]),
            ),
            "shares": _state_share(s.code, groups),
            "addressed": known.addressed_to[s.code],
            "standings": standings(plan, standing_rows[s.code]),
        }
        for s in plan.states
        if s.code in duties
    ]
    return {"member_states": member_states, "groups": groups}


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


def header(plan: Plan, plan_file: str, as_of: dt.date, state: str | None) -> dict[str, Any]:
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
    }


def view(
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


SPLIT = 500  # a plan of more actions is written as an index page and one page per part
PER_PAGE = 500  # at most this many actions on one direction's page (a longer one gets parts)


class Here(dict[str, str]):
    """Where a link's target is: every target is on this page (the one-page report)."""

    def __missing__(self, key: str) -> str:
        return ""


def _links(**where: Any) -> dict[str, Any]:
    """Where the page's links lead: `at` (action id → page), `st` (state code → page), the
    groups' page and the index ("" when on the same page)."""
    return {"at": Here(), "st": Here(), "groups_page": "", "home": "", "page_title": None, **where}


def one_page(data: dict[str, Any]) -> dict[str, Any]:
    """The data of `view` as the one-page report: every section, every link within the page."""
    sections = ["timeline", "overdue", "next", "states", "actions", "groups", "facts"]
    sections.insert(0, "state") if data["state"] else sections.insert(5, "by-state")
    return {**data, **_links(), "split": False, "show": sections}


def _direction_pages(directions: list[dict[str, Any]], per_page: int) -> list[dict[str, Any]]:
    """Each direction as one page, or as parts of `per_page` actions."""
    out = []
    for d in directions:
        chunks = [d["actions"][n : n + per_page] for n in range(0, len(d["actions"]), per_page)]
        for part, actions in enumerate(chunks, start=1):
            name = f"direction-{d['id']}" + (f"-{part}" if part > 1 else "")
            out.append(
                {
                    "file": f"{name}.html",
                    "part": part if len(chunks) > 1 else None,
                    "parts": len(chunks),
                    "direction": {**d, "actions": actions},
                    "first": actions[0]["id"],
                    "last": actions[-1]["id"],
                    "count": len(actions),
                    "overdue": sum(
                        o["status"] == "overdue" for a in actions for o in a["occurrences"]
                    ),
                }
            )
    return out


def _addressing(plan: Plan, data: dict[str, Any]) -> list[dict[str, Any]]:
    """For a split report: the actions addressed to the states that have not ratified each
    instrument, listed once on the index; each state says which of these lists address it
    (`addressed_as`, added to its data)."""
    shown = {a["id"] for d in data["directions"] for a in d["actions"]}
    lists: dict[str, list[str]] = {}
    for a in plan.actions.values():
        if a.addresses and a.id in shown:
            lists.setdefault(a.addresses.not_ratified, []).append(a.id)
    out: list[dict[str, Any]] = [
        {"ref": i.id, "short": i.short, "actions": lists[i.id], "count": len(lists[i.id])}
        for i in plan.instruments
        if i.id in lists
    ]
    for s in data["member_states"]:
        mine: dict[str, int] = {}
        for action in s["addressed"]:
            ref = plan.actions[action].addresses.not_ratified  # type: ignore[union-attr]
            mine[ref] = mine.get(ref, 0) + 1
        s["addressed_as"] = [{**i, "count": mine[i["ref"]]} for i in out if i["ref"] in mine]
    return out


def pages(
    plan: Plan,
    plan_file: str,
    as_of: dt.date,
    state: str | None = None,
    split: int = SPLIT,
    per_page: int = PER_PAGE,
) -> list[tuple[str, dict[str, Any]]]:
    """Each file of the report with its data: `index.html` alone for a plan of up to `split`
    actions; for a larger one, an index (summary, timeline, overdue and next, the Member States
    table, the list of pages, chairmanships and instruments), one page per direction (or part
    of `per_page` actions), one per Member State (not with `state`) and one for the groups'
    duties. Links between them are relative."""
    data = view(plan, plan_file, as_of, state, compact=len(plan.actions) > split)
    if len(plan.actions) <= split:
        return [("index.html", one_page(data))]
    parts = _direction_pages(data["directions"], per_page)
    addressing = _addressing(plan, data)
    at = {a["id"]: p["file"] for p in parts for a in p["direction"]["actions"]}
    st = {} if state else {s["code"]: f"state-{s['code']}.html" for s in data["member_states"]}
    common = {
        **data,
        **_links(at=Here(at), st=Here(st), groups_page="groups.html", home="index.html"),
        "split": True,
        "large": True,
    }
    index = {
        **common,
        "home": "",
        "show": ("state",) * bool(state)
        + ("timeline", "overdue", "next", "states", "pages", "facts"),
        "direction_pages": parts,
        "state_pages": [] if state else data["member_states"],
        "groups_count": sum(g["count"] for g in data["groups"]),
        "addressing": addressing,
    }
    out = [("index.html", index)]
    for p in parts:
        title = f"Direction {p['direction']['id']}" + (f", part {p['part']}" if p["part"] else "")
        out.append(
            (
                p["file"],
                {
                    **common,
                    "show": ("actions",),
                    "directions": [p["direction"]],
                    "page_title": title,
                },
            )
        )
    if not state:
        for s in data["member_states"]:
            out.append(
                (
                    st[s["code"]],
                    {**common, "show": ("state",), "member_states": [s], "page_title": s["code"]},
                )
            )
    out.append(("groups.html", {**common, "show": ("groups",), "page_title": "Duties of groups"}))
    return out
