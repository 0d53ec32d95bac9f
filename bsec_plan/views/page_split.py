"""A large plan's report as linked pages: an index, one page per direction (or part of one),
one per Member State and one for the groups' duties; a plan of up to `SPLIT` actions stays one
page. Each page's data is the one-page data (`views/page.py` `page_data`) with what it shows and
where its links lead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bsec_plan.domain.model import Plan
from bsec_plan.views.page import page_data

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
    """The data of `page_data` as the one-page report: every section, every link within the page."""
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
    data = page_data(plan, plan_file, as_of, state, compact=len(plan.actions) > split)
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
