"""What the pages of a large plan's report share, found once and kept small: the plan's rows (one
per occurrence), the parts of the directions and which page each action is on, each Member
State's duties and each group's, as references to the rows. A page's data, with its
occurrences as the page shows them (`Shown.occurrence`), is made only when that page is
written (`views/page_split.py`), so the data of every page is never in memory at once: at
100,000 actions it was 14 times the plan file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from bsec_plan.domain.model import Action, Direction, Plan
from bsec_plan.queries import questions as queries
from bsec_plan.views.common import iso
from bsec_plan.views.page import _who
from bsec_plan.views.page_states import GROUPS, URGENCY, Known, _role

T = TypeVar("T")


class Lazy(Generic[T]):
    """A list whose items are made one at a time as a page's template reads them: a long list
    of occurrences (what is overdue, a group's duties) is never whole in memory. Its length
    and truth are the list's, so `|length` and `{% if %}` read it as before."""

    __slots__ = ("items", "make")

    def __init__(self, items: list[T], make: Callable[[T], Any]) -> None:
        self.items, self.make = items, make

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return map(self.make, self.items)


def urgency(row: queries.Row) -> tuple[int, str, str]:
    """`page_states.urgency` of the row's occurrence: most urgent first."""
    return URGENCY[row.status], iso(row.due) or "9999", row.action


@dataclass
class Part:
    """A direction's page, or a part of one: its file and its actions."""

    file: str
    part: int | None  # None when the direction is on one page
    parts: int
    direction: Direction
    actions: list[Action]
    overdue: int

    def entry(self) -> dict[str, Any]:
        """The page's line in the index's list of pages."""
        return {
            "file": self.file,
            "part": self.part,
            "parts": self.parts,
            "direction": {"id": self.direction.id, "title": self.direction.title},
            "first": self.actions[0].id,
            "last": self.actions[-1].id,
            "count": len(self.actions),
            "overdue": self.overdue,
        }


@dataclass
class Group:
    """A group's duties (all Member States, the EU members): the rows by set of members on the
    due date (None: every Member State), and for each set its count and most urgent row."""

    ref: str
    name: str
    count: int
    sets: dict[tuple[str, ...] | None, list[queries.Row]]
    members: dict[tuple[str, ...], list[Any]]  # members -> [count, most urgent row]


class Shown:
    """A large plan's report as its pages share it (see the module's docstring)."""

    def __init__(self, plan: Plan, as_of: dt.date, state: str | None, per_page: int) -> None:
        self.plan, self.as_of, self.state = plan, as_of, state
        self.known = known = Known(plan, as_of)
        rows = queries.evaluate(plan, as_of)
        if state:
            rows = [r for r in rows if known.concerns(r, state)]
        self.rows = rows
        self.by_action: dict[str, list[queries.Row]] = {}
        for r in rows:
            self.by_action.setdefault(r.action, []).append(r)
        self.parts = list(self._parts(per_page))
        self.codes = [state] if state else [s.code for s in plan.states]
        self.duties = self._duties()
        self.groups = self._groups()

    def _parts(self, per_page: int) -> Iterator[Part]:
        """Each direction with an action shown as one page, or as parts of `per_page` actions."""
        for d in self.plan.directions:
            shown = [a for a in d.actions if not self.state or a.id in self.by_action]
            chunks = [shown[n : n + per_page] for n in range(0, len(shown), per_page)]
            for part, actions in enumerate(chunks, start=1):
                name = f"direction-{d.id}" + (f"-{part}" if part > 1 else "")
                overdue = sum(
                    r.status == "overdue" for a in actions for r in self.by_action.get(a.id, ())
                )
                number = part if len(chunks) > 1 else None
                yield Part(f"{name}.html", number, len(chunks), d, actions, overdue)

    def occurrences(self) -> Iterable[tuple[str, dt.date | None, str]]:
        """Each shown occurrence's (action, due date, status), in plan order."""
        for p in self.parts:
            for a in p.actions:
                for r in self.by_action.get(a.id, ()):
                    yield r.action, r.due, r.status

    def occurrence(self, row: queries.Row) -> dict[str, Any]:
        """An occurrence as the pages show it (`page.occurrence`, with only what they read)."""
        return {
            "action": row.action,
            "occurrence": row.occurrence,
            "due": iso(row.due),
            "status": row.status,
            "days_overdue": row.days_overdue,
            "done_on": iso(row.done_on),
            "title": queries.title(self.plan, row.action),
            "who": [_who(self.plan, r, True) for r in row.responsible],
        }

    def _duties(self) -> dict[str, list[Any]]:
        """Each state's own and its roles' duties, in row order, flat: a row, then its roles
        (`; `-joined), then the next row; a group's duties are the group's (`_groups`)."""
        plan = self.plan
        duties: dict[str, list[Any]] = {c: [] for c in self.codes}
        roles: dict[str, str] = {}
        for row in self.rows:
            for r in row.responsible:
                party = plan.party_by_id.get(r.ref)
                if party is not None and party.kind in GROUPS:
                    continue
                if r.ref not in roles:
                    roles[r.ref] = _role(plan, r.ref)
                for code in r.states:
                    mine = duties.get(code)
                    if mine is None:
                        continue
                    if mine and mine[-2] is row:  # another role of the state in the same duty
                        mine[-1] = f"{mine[-1]}; {roles[r.ref]}"
                    else:
                        mine += (row, roles[r.ref])
        return duties

    def duties_of(self, code: str) -> Lazy[tuple[queries.Row, str]]:
        """A state's duties, most urgent first, each with its roles (the chair of a term
        answers for thousands of occurrences of a large plan)."""
        flat = self.duties[code]
        pairs = sorted(zip(flat[::2], flat[1::2], strict=True), key=lambda p: urgency(p[0]))
        return Lazy(pairs, lambda pair: (self.occurrence(pair[0]), pair[1]))

    def _groups(self) -> list[Group]:
        """Each group's duties (`page_states._group_duties`), as rows."""
        plan, state = self.plan, self.state
        groups: dict[str, Group] = {}
        for row in self.rows:
            for r in row.responsible:
                party = plan.party_by_id.get(r.ref)
                if party is None or party.kind not in GROUPS or (state and state not in r.states):
                    continue
                group = groups.get(r.ref)
                if group is None:
                    group = groups[r.ref] = Group(r.ref, party.name, 0, {}, {})
                group.count += 1
                everyone = party.kind == "all-member-states"
                group.sets.setdefault(None if everyone else r.states, []).append(row)
                counted = group.members.get(r.states)
                if counted is None:
                    group.members[r.states] = [1, row]
                else:
                    counted[0] += 1
                    if urgency(row) < urgency(counted[1]):
                        counted[1] = row
        return [groups[p.id] for p in plan.parties if p.id in groups]

    def group_data(self, g: Group) -> dict[str, Any]:
        """A group's section on the groups' page, its occurrences made as they are written."""
        return {
            "ref": g.ref,
            "name": g.name,
            "count": g.count,
            "sets": [
                (
                    "every Member State" if members is None else ", ".join(members) or "none",
                    Lazy(rows, self.occurrence),
                )
                for members, rows in g.sets.items()
            ],
        }

    def shares(self, code: str) -> list[dict[str, Any]]:
        """A state's share of the groups' duties (`page_states._state_share`)."""
        out = []
        for g in self.groups:
            mine = [(n, row) for members, (n, row) in g.members.items() if code in members]
            if mine:
                urgent = min((row for _, row in mine), key=urgency)
                out.append(
                    {
                        "ref": g.ref,
                        "name": g.name,
                        "count": sum(n for n, _ in mine),
                        "urgent": self.occurrence(urgent),
                    }
                )
        return out

    def addressing(self) -> list[dict[str, Any]]:
        """The actions addressed to the states that have not ratified each instrument, listed
        once on the index (`page_split`'s states say which of these lists address them)."""
        shown = {a.id for p in self.parts for a in p.actions}
        lists: dict[str, list[str]] = {}
        for a in self.plan.actions.values():
            if a.addresses and a.id in shown:
                lists.setdefault(a.addresses.not_ratified, []).append(a.id)
        return [
            {"ref": i.id, "short": i.short, "actions": lists[i.id], "count": len(lists[i.id])}
            for i in self.plan.instruments
            if i.id in lists
        ]
