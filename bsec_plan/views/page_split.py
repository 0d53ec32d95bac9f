"""A large plan's report as linked pages: an index, one page per direction (or part of one),
one per Member State and one for the groups' duties; a plan of up to `SPLIT` actions stays one
page. Each page's data is made as the one-page data is (`views/page.py` `page_data`), with what
it shows and where its links lead, when that page is written: what the pages share is kept
small (`views/page_parts.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from bsec_plan.domain.model import Plan
from bsec_plan.views import page_plans, timeline
from bsec_plan.views.page import (
    NEXT_DUE,
    _mark_title,
    action_data,
    direction_data,
    facts_section,
    header,
    page_data,
    timeline_of,
)
from bsec_plan.views.page_parts import Lazy, Part, Shown
from bsec_plan.views.page_states import matrix_section, state_data

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


class Report:
    """A plan's report: its pages, each with its data made when it is asked for (`pages`), and
    what the index of several plans shows of it (`summary`)."""

    def __init__(
        self,
        plan: Plan,
        plan_file: str,
        as_of: dt.date,
        state: str | None,
        split: int,
        per_page: int,
    ) -> None:
        self.plan, self.as_of, self.state = plan, as_of, state
        self.head = header(plan, plan_file, as_of, state)
        self.one: dict[str, Any] | None = None
        self.shown: Shown | None = None
        self.addressing: list[dict[str, Any]] = []
        if len(plan.actions) <= split:
            self.one = one_page(page_data(plan, plan_file, as_of, state))
        else:
            self.shown = Shown(plan, as_of, state, per_page)

    def summary(self) -> dict[str, Any]:
        """The plan's counts and its summarised dated occurrences (`page_plans.summary`)."""
        if self.one is not None:
            return page_plans.counts(self.one)
        assert self.shown is not None
        directions = {p.direction.id for p in self.shown.parts}
        actions = sum(len(p.actions) for p in self.shown.parts)
        return page_plans.summary(len(directions), actions, self.shown.occurrences())

    def pages(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each file of the report with its data, the index first (see `pages`)."""
        if self.one is not None:
            yield "index.html", self.one
            return
        shown = self.shown
        assert shown is not None
        self.addressing = shown.addressing()
        common = self._common(shown)
        yield "index.html", self._index(shown, common)
        for p in shown.parts:
            yield p.file, self._direction(shown, common, p)
        if not self.state:
            for code in shown.codes:
                yield (
                    f"state-{code}.html",
                    {
                        **common,
                        "show": ("state",),
                        "member_states": [self._state(shown, code)],
                        "page_title": code,
                    },
                )
        groups = [shown.group_data(g) for g in shown.groups]
        yield (
            "groups.html",
            {
                **common,
                "show": ("groups",),
                "groups": groups,
                "page_title": "Duties of groups",
            },
        )

    def _common(self, shown: Shown) -> dict[str, Any]:
        at = {a.id: p.file for p in shown.parts for a in p.actions}
        st = {} if self.state else {c: f"state-{c}.html" for c in shown.codes}
        links = _links(at=Here(at), st=Here(st), groups_page="groups.html", home="index.html")
        return {**self.head, **links, "split": True, "large": True}

    def _state(self, shown: Shown, code: str) -> dict[str, Any]:
        """A state's section, with the lists of the index that address it (`addressed_as`)."""
        plan, known = self.plan, shown.known
        row = next(s for s in known.states if s.code == code)
        addressed = known.addressed_to[code]
        data = state_data(plan, row, shown.duties_of(code), shown.shares(code), addressed)
        mine: dict[str, int] = {}
        for action in addressed:
            ref = plan.actions[action].addresses.not_ratified  # type: ignore[union-attr]
            mine[ref] = mine.get(ref, 0) + 1
        data["addressed_as"] = [
            {**i, "count": mine[i["ref"]]} for i in self.addressing if i["ref"] in mine
        ]
        return data

    def _index(self, shown: Shown, common: dict[str, Any]) -> dict[str, Any]:
        """The index: summary, timeline, overdue and next, the Member States table, the list of
        pages, chairmanships and instruments; with `state`, that state's section first."""
        plan, state = self.plan, self.state
        overdue = sorted(
            (r for r in shown.rows if r.status == "overdue"), key=lambda r: (r.due, r.action)
        )
        pending = sorted(
            (r for r in shown.rows if r.due and r.status in ("due soon", "upcoming")),
            key=lambda r: (r.due, r.action),
        )
        return {
            **common,
            "home": "",
            "show": ("state",) * bool(state)
            + ("timeline", "overdue", "next", "states", "pages", "facts"),
            **self._timeline(shown),
            "overdue": Lazy(overdue, shown.occurrence),
            "next": [shown.occurrence(r) for r in pending[:NEXT_DUE]],
            **matrix_section(plan, shown.known, state),
            "member_states": [self._state(shown, state)] if state else [],
            "direction_pages": [p.entry() for p in shown.parts],
            "state_pages": []
            if state
            else [
                {"code": c, "name": plan.state_by_code[c].name, "count": len(shown.duties[c]) // 2}
                for c in shown.codes
            ],
            "groups_count": sum(g.count for g in shown.groups),
            "addressing": self.addressing,
            **facts_section(plan),
        }

    def _timeline(self, shown: Shown) -> dict[str, Any]:
        """`page.timeline_section` from the rows: past `timeline.MAX_LANES` actions, the marks
        are summarised as the occurrences are read, none of them kept."""
        dated = [r for r in shown.rows if r.due]
        dues = [r.due for r in dated if r.due]
        summarised = len({r.action for r in dated}) > timeline.MAX_LANES
        if summarised:
            points = timeline.summary(
                timeline.Point(r.action, r.due, r.status, "") for r in dated if r.due
            )
        else:
            points = [
                timeline.Point(r.action, r.due, r.status, _mark_title(shown.occurrence(r)))
                for r in dated
                if r.due
            ]
        return timeline_of(self.plan, self.as_of, dues, points, len(dated), summarised)

    def _direction(self, shown: Shown, common: dict[str, Any], p: Part) -> dict[str, Any]:
        plan, known = self.plan, shown.known
        actions = [
            action_data(
                plan, known, a, [shown.occurrence(r) for r in shown.by_action.get(a.id, ())]
            )
            for a in p.actions
        ]
        title = f"Direction {p.direction.id}" + (f", part {p.part}" if p.part else "")
        return {
            **common,
            "show": ("actions",),
            "directions": [direction_data(plan, p.direction, actions)],
            "page_title": title,
        }


def pages(
    plan: Plan,
    plan_file: str,
    as_of: dt.date,
    state: str | None = None,
    split: int = SPLIT,
    per_page: int = PER_PAGE,
) -> Report:
    """The report's files: `index.html` alone for a plan of up to `split` actions; for a larger
    one, an index (summary, timeline, overdue and next, the Member States table, the list of
    pages, chairmanships and instruments), one page per direction (or part of `per_page`
    actions), one per Member State (not with `state`) and one for the groups' duties. Links
    between them are relative. Each page's data is made when `Report.pages` gets to it."""
    return Report(plan, plan_file, as_of, state, split, per_page)
