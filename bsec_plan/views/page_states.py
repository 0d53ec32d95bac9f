"""The report's Member States: the Member States table (each state's standing on each
instrument, its liaison officer and EU membership) and what each state owes — its own and its
roles' duties, most urgent first, and its share of the groups' duties, listed once per group.

What repeats for each state or action is found once per run (`Known`): the progress records by
action, each (state, instrument) standing, and the states each action is addressed to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bsec_plan.domain.model import Plan, Progress
from bsec_plan.domain.treaty import STAGES
from bsec_plan.queries import questions as queries
from bsec_plan.views.chart import HEADS, consent_shown, stage_words, totals
from bsec_plan.views.common import standing_text


class Known:
    """What the page asks again and again, found once: standings, addressed states, progress."""

    def __init__(self, plan: Plan, as_of: dt.date) -> None:
        self.plan, self.as_of = plan, as_of
        self.states = queries.states(plan, as_of)
        self._standing = {
            (s.code, i): standing for s in self.states for i, standing in s.ratifications.items()
        }
        found: dict[str, list[str]] = {}  # by instrument: one list for all its actions
        self.addressed: dict[str, list[str]] = {}
        for a in plan.actions.values():
            if a.addresses:
                instrument = a.addresses.not_ratified
                if instrument not in found:
                    found[instrument] = self._not_ratified(instrument)
                self.addressed[a.id] = found[instrument]
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
            if self._standing[key].answer != "ratified":
                out.append(s.code)
        return out

    def concerns(self, row: queries.Row, code: str) -> bool:
        """queries.concerns, with the addressed states found once per run."""
        return any(code in r.states for r in row.responsible) or code in self.addressed.get(
            row.action, ()
        )


def _cell(
    heading: str, status: str, text: str, event: str | None, source: str | None
) -> dict[str, Any]:
    return {
        "heading": heading,
        "status": status,
        "text": text,
        "event": event,
        "sources": source,
        "marks": "",  # reservations and declarations, in words: an instrument's cell has them
    }


def standings(plan: Plan, row: queries.StateRow) -> list[dict[str, Any]]:
    """A state's standing on each ratifiable instrument, its liaison officer and EU membership."""
    cells = [
        {
            **_cell(
                i.short,
                row.ratifications[i.id].answer.replace(" ", "-"),
                standing_text(row.ratifications[i.id], "ratified"),
                row.ratifications[i.id].note,
                row.ratifications[i.id].source,
            ),
            "marks": _marks_words(row.ratifications[i.id]),
        }
        for i in plan.instruments
        if i.ratifiable
    ]
    officer = row.liaison_officer
    cells.append(
        _cell(
            "Liaison officer",
            officer.answer,
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


def _marks_words(s: queries.Standing) -> str:
    """`with a reservation and a declaration`: what the Treaty Office marks R and D, in words."""
    kinds = {r.kind for r in s.reservations}
    found = [f"a {k}" for k in ("reservation", "declaration") if k in kinds]
    return "with " + " and ".join(found) if found else ""


def stage_rows(plan: Plan, row: queries.StateRow) -> list[dict[str, Any]]:
    """A state's every stage on each ratifiable instrument with a stage recorded, as the treaty
    chart gives it: its date (recorded or computed), the kind of consent and the act, and its
    source; the reservations and declarations with their text."""
    out = []
    for ident, s in row.ratifications.items():
        if s.shown is None and not s.reservations:
            continue  # the section names the instruments with nothing recorded in one line
        cells = []
        for name in STAGES:
            stage = s.stages.get(name)
            text, source = (
                consent_shown(s)
                if name == "consent"
                else (stage_words(stage), stage.source if stage else None)
            )
            cells.append({"heading": HEADS[name], "text": text, "sources": source})
        out.append(
            {
                "id": ident,
                "short": plan.instrument_by_id[ident].short,
                "cells": cells,
                "reservations": [
                    {
                        "kind": r.kind,
                        "date": str(r.date) if r.date else None,
                        "text": r.text,
                        "sources": r.source,
                    }
                    for r in s.reservations
                ],
            }
        )
    return out


def instrument_rules(plan: Plan, known: Known) -> list[dict[str, Any]]:
    """Each ratifiable instrument's own rule, as the page states it under the table: depositary,
    entry-into-force clause (quoted, and as read), general date; each with its source; and the
    totals of the chart, as of the page's date."""
    out = []
    for i in plan.instruments:
        if not i.ratifiable:
            continue
        rule, general = i.entry_into_force, i.general_entry
        parts = ["depositary " + (i.depositary.name if i.depositary else "not found")]
        if rule is None:
            parts.append("entry-into-force clause not found, so no state's date is computed")
        else:
            read = f"{rule.first}; a later state: {rule.later or 'not said'}"
            parts.append(f"entry into force: {rule.clause or 'clause not quoted'} ({read})")
        if general is not None:
            parts.append(
                f"in force generally {general.date}" + (f": {general.note}" if general.note else "")
            )
        sources = [x.source for x in (i.depositary, rule, general) if x is not None]
        standings = [s.ratifications[i.id] for s in known.states]
        out.append(
            {
                "id": i.id,
                "short": i.short,
                "text": "; ".join(parts) + ".",
                "totals": totals(standings, len(standings)).removeprefix("Totals: "),
                "sources": "; ".join(sources),
            }
        )
    return out


def matrix_section(plan: Plan, known: Known, state: str | None) -> dict[str, Any]:
    return {
        "instrument_rules": instrument_rules(plan, known),
        "instrument_headings": [i.short for i in plan.instruments if i.ratifiable],
        "matrix": [
            {"code": s.code, "name": s.name, "cells": standings(plan, s)}
            for s in known.states
            if not state or s.code == state
        ],
    }


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
        state_data(
            plan,
            standing_rows[s.code],
            sorted(
                ((o, "; ".join(roles)) for o, roles in duties[s.code].values()),
                key=lambda pair: urgency(pair[0]),
            ),
            _state_share(s.code, groups),
            known.addressed_to[s.code],
        )
        for s in plan.states
        if s.code in duties
    ]
    return {"member_states": member_states, "groups": groups}


def state_data(
    plan: Plan,
    row: queries.StateRow,
    duties: Any,
    shares: list[dict[str, Any]],
    addressed: list[str],
) -> dict[str, Any]:
    """A Member State's section: its duties (each occurrence with its roles, a list or one made
    as it is read: `page_parts.Lazy`), its shares of the groups' duties, the actions addressed
    to it, its standings and its stages."""
    s = plan.state_by_code[row.code]
    return {
        "code": s.code,
        "name": s.name,
        "member_since": str(s.member_since) if s.member_since else None,
        "sources": s.source,
        "duties": duties,
        "shares": shares,
        "addressed": addressed,
        "standings": standings(plan, row),
        "stages": stage_rows(plan, row),
        "unrecorded": [
            i.short
            for i in plan.instruments
            if i.ratifiable and row.ratifications[i.id].shown is None
        ],
    }
