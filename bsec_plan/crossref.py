"""The checks pydantic cannot see: references resolve, ids are unique, dates are in order."""

from __future__ import annotations

from collections.abc import Iterator

from bsec_plan.domain import Plan
from bsec_plan.schedule import occurrences

Path = tuple  # a location in the document: keys and list indices, as in pydantic's `loc`


def check(plan: Plan) -> list[tuple[Path, str]]:
    """Every cross-reference problem as (path in the document, message)."""
    return list(_problems(plan))


def _unique(items, attr: str, where: str, what: str) -> Iterator[tuple[Path, str]]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            yield (where, i, attr), f"duplicate {what} '{key}' (also {where}[{seen[key]}])"
        else:
            seen[key] = i


def _problems(plan: Plan) -> Iterator[tuple[Path, str]]:
    states = plan.state_by_code
    instruments = plan.instrument_by_id
    parties = plan.party_by_id

    def state(path: Path, code: str | None):
        if code is not None and code not in states:
            yield (
                path,
                f"state '{code}' is not declared under `states` (declared: {', '.join(states)})",
            )

    def instrument(path: Path, ident: str | None, ratifiable: bool = False):
        if ident is None:
            return
        if ident not in instruments:
            yield (
                path,
                f"instrument '{ident}' is not declared under `instruments` (declared: {', '.join(instruments)})",
            )
        elif ratifiable and not instruments[ident].ratifiable:
            yield (
                path,
                f"instrument '{ident}' is a {instruments[ident].kind}, which states do not ratify",
            )

    if plan.period.start.first_day > plan.period.end.last_day:
        yield (
            ("period", "start"),
            f"the period starts ({plan.period.start}) after it ends ({plan.period.end})",
        )
    yield from _unique(plan.directions, "id", "directions", "direction id")
    yield from _unique(plan.states, "code", "states", "state")
    yield from _unique(plan.instruments, "id", "instruments", "instrument id")
    yield from _unique(plan.parties, "id", "parties", "party id")
    yield from instrument(("purpose", "instrument"), plan.purpose.instrument)

    seen_actions: dict[str, Path] = {}
    for d, direction in enumerate(plan.directions):
        yield from instrument(("directions", d, "implements"), direction.implements)
        for a, action in enumerate(direction.actions):
            here = ("directions", d, "actions", a)
            if action.id in seen_actions:
                yield (*here, "id"), f"duplicate action id '{action.id}'"
            seen_actions[action.id] = here
            if action.id[0] != direction.id:
                yield (
                    (*here, "id"),
                    f"action '{action.id}' is listed under direction {direction.id}",
                )
            for i, ident in enumerate(action.instruments):
                yield from instrument((*here, "instruments", i), ident)
            if action.addresses:
                yield from instrument(
                    (*here, "addresses", "not_ratified"),
                    action.addresses.not_ratified,
                    ratifiable=True,
                )
            if action.responsible:
                for i, ref in enumerate(action.responsible.parties):
                    if ref not in parties and ref not in states:
                        yield (
                            (*here, "responsible", "parties", i),
                            (
                                f"responsible party '{ref}' is not declared under `parties` or `states` "
                                f"(parties: {', '.join(parties)})"
                            ),
                        )

    for i, party in enumerate(plan.parties):
        yield from state(("parties", i, "state"), party.state)
        yield from state(("parties", i, "holder"), party.holder)

    pairs: dict[tuple[str, str], int] = {}
    for i, record in enumerate(plan.ratifications):
        here = ("ratifications", i)
        yield from state((*here, "state"), record.state)
        yield from instrument((*here, "instrument"), record.instrument, ratifiable=True)
        pair = (record.state, record.instrument)
        if pair in pairs:
            yield (
                here,
                f"a second record for {record.state} and '{record.instrument}' (also ratifications[{pairs[pair]}])",
            )
        pairs.setdefault(pair, i)
        done_on = instruments.get(record.instrument) and instruments[record.instrument].done_on
        if record.date and done_on and record.date < done_on:
            yield (
                (*here, "date"),
                f"dated {record.date}, before the instrument was done on {done_on}",
            )

    for name, attr in (("liaison_officers", "state"), ("eu_membership", "state")):
        records = getattr(plan, name)
        yield from _unique(records, attr, name, "record for state")
        for i, record in enumerate(records):
            yield from state((name, i, "state"), record.state)

    for i, term in enumerate(plan.chairmanships):
        yield from state(("chairmanships", i, "state"), term.state)
        if term.start and term.start.first_day > term.end.last_day:
            yield (
                ("chairmanships", i, "start"),
                f"the term starts ({term.start}) after it ends ({term.end})",
            )

    for i, record in enumerate(plan.progress):
        here = ("progress", i)
        action = plan.actions.get(record.action)
        if action is None:
            yield (
                (*here, "action"),
                f"action '{record.action}' does not exist (actions: {', '.join(plan.actions)})",
            )
            continue
        labels = [o.label for o in occurrences(action, plan.start, plan.end)]
        if record.occurrence not in labels:
            if not labels:
                message = f"{action.id} has no occurrences in the plan period"
            elif labels == [None]:
                message = f"{action.id} has no dated occurrences; leave out `occurrence`"
            elif record.occurrence is None:
                message = f"name the occurrence of {action.id} this record is about: one of {', '.join(labels)}"
            else:
                message = (
                    f"{action.id} has no occurrence '{record.occurrence}' in the plan period; "
                    f"its occurrences are {', '.join(labels)}"
                )
            yield (*here, "occurrence"), message
