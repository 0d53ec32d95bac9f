"""Responsible parties resolved to the states behind them on a given date."""

from __future__ import annotations

import datetime as dt

from bsec_plan.domain.model import Plan
from bsec_plan.plaindata import dataclass


@dataclass(frozen=True)
class Resolved:
    """A party as it stood on a date: the states it meant then (empty if not found) and a label."""

    ref: str
    states: tuple[str, ...]
    label: str


def chair_on(plan: Plan, day: dt.date) -> str | None:
    """The state holding the Chairmanship-in-Office on `day`, or None where no term covers it.

    A term covers the days from the first day of its start to the last day of its end; where
    two partial dates share a month, the earlier term in the table wins.
    """
    for term in plan.chairmanships:
        if term.start.first_day <= day <= term.end.last_day:
            return term.state
    return None


def eu_members_on(plan: Plan, day: dt.date) -> tuple[str, ...]:
    joined = {m.state for m in plan.eu_membership if m.since <= day}
    return tuple(s.code for s in plan.states if s.code in joined)


def resolve(plan: Plan, ref: str, day: dt.date) -> Resolved:
    state = plan.state_by_code.get(ref)
    if state is not None:
        return Resolved(ref, (ref,), state.name)
    party = plan.party_by_id[ref]
    if party.state is not None:  # an agency: the only kind with a state
        return Resolved(
            ref, (party.state,), f"{plan.state_by_code[party.state].name} – {party.name}"
        )
    if party.kind == "all-member-states":
        return Resolved(ref, tuple(plan.state_by_code), party.name)
    if party.kind == "eu-member-states":
        members = eu_members_on(plan, day)
        return Resolved(ref, members, f"{party.name} ({', '.join(members) or 'none'})")
    holder = chair_on(plan, day) if party.kind == "chairmanship" else party.holder
    return Resolved(
        ref, (holder,) if holder else (), f"{party.name} ({holder or 'holder unknown'})"
    )


Memo = dict[tuple[object, ...], list[Resolved]]  # (day, *refs) -> the parties then


def resolve_all(plan: Plan, refs: list[str], day: dt.date, memo: Memo) -> list[Resolved]:
    """The parties `refs` as they stood on `day`, each list resolved once a day in `memo`: the
    actions of a plan name a few lists of parties, and most occurrences share a few due dates."""
    key = (day, *refs)
    found = memo.get(key)
    if found is None:
        found = memo[key] = [resolve(plan, ref, day) for ref in refs]
    return found.copy()  # each row its own list
