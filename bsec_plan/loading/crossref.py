"""The checks pydantic cannot see: references resolve, ids are unique, dates are in order,
sources can be followed. Each rule is one function; `RULES` are errors, `WARNING_RULES` are not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from bsec_plan.domain.citations import source_problem
from bsec_plan.domain.model import Instrument, Plan
from bsec_plan.domain.registers import Registers, registers_only
from bsec_plan.domain.schedule import RECURRING, occurrences, recurring
from bsec_plan.loading.stagerules import one_of_each_stage, recorded_entry_agrees, stages_in_order
from bsec_plan.problems import TreePath, did_you_mean

Finding = tuple[TreePath, str]
Rule = Callable[[Plan], Iterator[Finding]]


def check(plan: Plan) -> list[Finding]:
    """Every cross-reference error as (path in the document, message)."""
    return [finding for rule in RULES for finding in rule(plan)]


def warnings(plan: Plan) -> list[Finding]:
    """What deserves a look but does not make the file invalid, e.g. a gap between terms."""
    return [finding for rule in WARNING_RULES for finding in rule(plan)]


def check_registers(registers: Registers) -> list[Finding]:
    """Every cross-reference error within a registers file, as (path in it, message)."""
    plan = registers_only(registers)
    return [finding for rule in REGISTER_RULES for finding in rule(plan)]


def registers_warnings(registers: Registers) -> list[Finding]:
    """The warnings of a registers file alone."""
    return warnings(registers_only(registers))


# -- helpers ------------------------------------------------------------------------------------


def _unique(items: Iterable[Any], attr: str, where: str, what: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            yield (where, i, attr), f"duplicate {what} '{key}' (also {where}[{seen[key]}])"
        else:
            seen[key] = i


def _state(plan: Plan, path: TreePath, code: str | None) -> Iterator[Finding]:
    if code is not None and code not in plan.state_by_code:
        declared = ", ".join(plan.state_by_code)
        yield (
            path,
            f"state '{code}' is not declared under `states`"
            f"{did_you_mean(code, plan.state_by_code)} (declared: {declared})",
        )


def _instrument(
    plan: Plan, path: TreePath, ident: str | None, ratifiable: bool = False
) -> Iterator[Finding]:
    instruments = plan.instrument_by_id
    if ident is None:
        return
    if ident not in instruments:
        declared = ", ".join(instruments)
        yield (
            path,
            f"instrument '{ident}' is not declared under `instruments`"
            f"{did_you_mean(ident, instruments)} (declared: {declared})",
        )
    elif ratifiable and not instruments[ident].ratifiable:
        yield (
            path,
            f"instrument '{ident}' is a {instruments[ident].kind}, which states do not ratify",
        )


def _action_at(d: int, a: int) -> TreePath:
    """Where action `a` of direction `d` is: made only for a finding, not for every action."""
    return ("directions", d, "actions", a)


# -- rules: errors ------------------------------------------------------------------------------


def period_in_order(plan: Plan) -> Iterator[Finding]:
    if plan.period.start.first_day > plan.period.end.last_day:
        yield (
            ("period", "start"),
            f"the period starts ({plan.period.start}) after it ends ({plan.period.end})",
        )


# Bounds on what an accepted plan expands to, so that every command on it ends in seconds and
# bounded memory: the period, and the occurrences of all actions in it (a table row each, a
# calendar event each, a mark each on the page). A plan of 10,000 actions over two years has
# about 16,000; the largest plan file read (64 MiB, some 220,000 such actions) about 340,000.
# 400,000 (4,001 actions each semester for 50 years) take `report` some 10 s and 700 MB.
MAX_PERIOD_YEARS = 50
MAX_OCCURRENCES = 400_000


def _period_too_long(plan: Plan) -> bool:
    start, end = plan.period.start.first_day, plan.period.end.last_day
    return (end.year - start.year) * 12 + end.month - start.month >= MAX_PERIOD_YEARS * 12


def period_bounded(plan: Plan) -> Iterator[Finding]:
    if _period_too_long(plan):
        yield (
            ("period", "end"),
            f"the period runs from {plan.period.start} to {plan.period.end}; a plan's period "
            f"is at most {MAX_PERIOD_YEARS} years",
        )


def occurrences_bounded(plan: Plan) -> Iterator[Finding]:
    if _period_too_long(plan):
        return  # reported by period_bounded; counting would expand the long period
    count = 0
    start, end = plan.start, plan.end
    # an action with no deadline, an ongoing or a fixed one falls due once (or never)
    recurrences = {kind: len(recurring(kind, start, end)) for kind in RECURRING}
    for d, direction in enumerate(plan.directions):
        for a, action in enumerate(direction.actions):
            deadline = action.deadline
            count += 1 if deadline is None else recurrences.get(deadline.kind, 1)
            if count > MAX_OCCURRENCES:
                yield (
                    (*_action_at(d, a), "deadline"),
                    f"with this action the plan's actions fall due more than {MAX_OCCURRENCES:,} "
                    "times in its period; a plan is limited to that many occurrences",
                )
                return


def ids_unique(plan: Plan) -> Iterator[Finding]:
    yield from _unique(plan.directions, "id", "directions", "direction id")
    yield from _unique(plan.states, "code", "states", "state")
    yield from _unique(plan.instruments, "id", "instruments", "instrument id")
    yield from _unique(plan.parties, "id", "parties", "party id")
    yield from _unique(plan.liaison_officers, "state", "liaison_officers", "record for state")
    yield from _unique(plan.eu_membership, "state", "eu_membership", "record for state")
    if len(plan.actions) == sum(len(d.actions) for d in plan.directions):
        return  # no id twice (the usual case): not looked for one by one
    seen: set[str] = set()
    for d, direction in enumerate(plan.directions):
        for a, action in enumerate(direction.actions):
            if action.id in seen:
                yield (*_action_at(d, a), "id"), f"duplicate action id '{action.id}'"
            seen.add(action.id)


def actions_under_their_direction(plan: Plan) -> Iterator[Finding]:
    for d, direction in enumerate(plan.directions):
        for a, action in enumerate(direction.actions):
            if action.id[0] != direction.id:
                yield (
                    (*_action_at(d, a), "id"),
                    f"action '{action.id}' is listed under direction {direction.id}",
                )


def instruments_declared(plan: Plan) -> Iterator[Finding]:
    yield from _instrument(plan, ("purpose", "instrument"), plan.purpose.instrument)
    for d, direction in enumerate(plan.directions):
        yield from _instrument(plan, ("directions", d, "implements"), direction.implements)
    # what each action names is looked at where it could be wrong (most name nothing, or what
    # is declared): the paths and messages are made only then
    instruments = plan.instrument_by_id
    for d, direction in enumerate(plan.directions):
        for a, action in enumerate(direction.actions):
            if action.instruments and not instruments.keys() >= set(action.instruments):
                for i, ident in enumerate(action.instruments):
                    yield from _instrument(plan, (*_action_at(d, a), "instruments", i), ident)
            addressed = action.addresses.not_ratified if action.addresses else None
            if addressed is not None and not _ratifiable(instruments.get(addressed)):
                path = (*_action_at(d, a), "addresses", "not_ratified")
                yield from _instrument(plan, path, addressed, ratifiable=True)


def _ratifiable(instrument: Instrument | None) -> bool:
    return instrument is not None and instrument.ratifiable


def responsible_parties_declared(plan: Plan) -> Iterator[Finding]:
    parties, states = plan.party_by_id, plan.state_by_code
    declared = parties.keys() | states.keys()
    for d, direction in enumerate(plan.directions):
        for a, action in enumerate(direction.actions):
            if action.responsible is None or declared.issuperset(action.responsible.parties):
                continue  # the usual case, asked of the whole list at once
            for i, ref in enumerate(action.responsible.parties):
                if ref not in declared:
                    yield (
                        (*_action_at(d, a), "responsible", "parties", i),
                        f"responsible party '{ref}' is not declared under `parties` or `states` "
                        f"(parties: {', '.join(parties)})",
                    )


def states_declared(plan: Plan) -> Iterator[Finding]:
    for i, party in enumerate(plan.parties):
        yield from _state(plan, ("parties", i, "state"), party.state)
        yield from _state(plan, ("parties", i, "holder"), party.holder)
    states = plan.state_by_code
    for name in ("ratifications", "liaison_officers", "eu_membership", "chairmanships"):
        for i, record in enumerate(getattr(plan, name)):
            if record.state not in states:  # the path made only then
                yield from _state(plan, (name, i, "state"), record.state)


def one_ratification_record_per_pair(plan: Plan) -> Iterator[Finding]:
    pairs: dict[tuple[str, str], int] = {}
    instruments = plan.instrument_by_id
    for i, record in enumerate(plan.ratifications):
        if not _ratifiable(instruments.get(record.instrument)):
            path = ("ratifications", i, "instrument")
            yield from _instrument(plan, path, record.instrument, ratifiable=True)
        pair = (record.state, record.instrument)
        if pair in pairs:
            yield (
                ("ratifications", i),
                f"a second record for {record.state} and '{record.instrument}' "
                f"(also ratifications[{pairs[pair]}])",
            )
        pairs.setdefault(pair, i)


def events_not_before_the_instrument(plan: Plan) -> Iterator[Finding]:
    for i, record in enumerate(plan.ratifications):
        instrument = plan.instrument_by_id.get(record.instrument)
        done_on = instrument.done_on if instrument else None
        for e, event in enumerate(record.events):
            # a partial date is before the instrument only if its last day is
            if done_on and event.date and event.date.last_day < done_on:
                yield (
                    ("ratifications", i, "events", e, "date"),
                    f"{event.event} dated {event.date}, before the instrument was done on {done_on}",
                )


def terms_in_order(plan: Plan) -> Iterator[Finding]:
    for i, term in enumerate(plan.chairmanships):
        if term.start.first_day > term.end.last_day:
            yield (
                ("chairmanships", i, "start"),
                f"the term starts ({term.start}) after it ends ({term.end})",
            )


def terms_do_not_overlap(plan: Plan) -> Iterator[Finding]:
    """Two terms overlap when the later one surely starts before the earlier one surely ends.
    A month-only date could be any day in it, so a shared month is not an overlap."""
    for i, (before, after) in enumerate(
        zip(plan.chairmanships, plan.chairmanships[1:], strict=False), 1
    ):
        if after.start.last_day < before.end.first_day:
            first, last = after.start.last_day, before.end.first_day
            yield (
                ("chairmanships", i, "start"),
                f"the term of {after.state} starts ({after.start}) before the term of "
                f"{before.state} ends ({before.end}): {_days(first, last)} held by both",
            )


def progress_names_an_occurrence(plan: Plan) -> Iterator[Finding]:
    if _period_too_long(plan):
        return  # reported by period_bounded; the occurrences are not expanded over it
    # an action's occurrence labels follow from its deadline's kind and due date alone (the
    # period is the plan's): worked out once for each, not for each record
    labels_of: dict[tuple[str, Any] | None, list[str | None]] = {}
    for i, record in enumerate(plan.progress):
        here = ("progress", i)
        action = plan.actions.get(record.action)
        if action is None:
            yield (
                (*here, "action"),
                f"action '{record.action}' does not exist"
                f"{did_you_mean(record.action, plan.actions)} "
                f"(actions: {', '.join(plan.actions)})",
            )
            continue
        deadline = action.deadline
        kind = None if deadline is None else (deadline.kind, deadline.due)
        labels = labels_of.get(kind)
        if labels is None:
            labels = labels_of[kind] = [o.label for o in occurrences(action, plan.start, plan.end)]
        if record.occurrence in labels:
            continue
        listed = ", ".join(str(label) for label in labels)
        if not labels:
            message = f"{action.id} has no occurrences in the plan period"
        elif labels == [None]:
            message = f"{action.id} has no dated occurrences; leave out `occurrence`"
        elif record.occurrence is None:
            message = f"name the occurrence of {action.id} this record is about: one of {listed}"
        else:
            message = (
                f"{action.id} has no occurrence '{record.occurrence}' in the plan period; "
                f"its occurrences are {listed}"
            )
        yield (*here, "occurrence"), message


def _sources(plan: Plan) -> Iterator[tuple[TreePath, str | None]]:
    for name in ("states", "instruments", "parties", "liaison_officers", "eu_membership"):
        for i, record in enumerate(getattr(plan, name)):
            yield (name, i, "source"), record.source
    for name in ("chairmanships", "progress"):
        for i, record in enumerate(getattr(plan, name)):
            yield (name, i, "source"), record.source
    for i, record in enumerate(plan.ratifications):
        for e, event in enumerate(record.events):
            yield ("ratifications", i, "events", e, "source"), event.source
        for r, reservation in enumerate(record.reservations):
            yield ("ratifications", i, "reservations", r, "source"), reservation.source
    for i, instrument in enumerate(plan.instruments):
        for name in ("depositary", "entry_into_force", "general_entry"):
            part = getattr(instrument, name)
            if part is not None:
                yield ("instruments", i, name, "source"), part.source


def sources_followable(plan: Plan) -> Iterator[Finding]:
    for path, text in _sources(plan):
        problem = source_problem(text) if text is not None else None
        if problem:
            yield path, problem


RULES: list[Rule] = [
    period_in_order,
    period_bounded,
    occurrences_bounded,
    ids_unique,
    actions_under_their_direction,
    instruments_declared,
    responsible_parties_declared,
    states_declared,
    one_ratification_record_per_pair,
    events_not_before_the_instrument,
    stages_in_order,
    one_of_each_stage,
    terms_in_order,
    terms_do_not_overlap,
    progress_names_an_occurrence,
    sources_followable,
]

REGISTER_RULES: list[Rule] = [
    ids_unique,
    states_declared,
    one_ratification_record_per_pair,
    events_not_before_the_instrument,
    stages_in_order,
    one_of_each_stage,
    terms_in_order,
    terms_do_not_overlap,
    sources_followable,
]
"""The rules a registers file alone answers to (each reads no directions, period or purpose)."""


# -- rules: warnings ----------------------------------------------------------------------------


def _days(first: dt.date, last: dt.date) -> str:
    count = (last - first).days + 1
    span = f"{first}" if first == last else f"{first} – {last}"
    return f"{span} ({count} day{'s' if count != 1 else ''})"


def terms_leave_no_gap(plan: Plan) -> Iterator[Finding]:
    """A gap is days that surely belong to no term: after the latest possible end of one term
    and before the earliest possible start of the next."""
    for i, (before, after) in enumerate(
        zip(plan.chairmanships, plan.chairmanships[1:], strict=False), 1
    ):
        first = before.end.last_day + dt.timedelta(days=1)
        last = after.start.first_day - dt.timedelta(days=1)
        if first <= last:
            yield (
                ("chairmanships", i, "start"),
                f"no Chairmanship-in-Office between the term of {before.state} (ends {before.end}) "
                f"and the term of {after.state} (starts {after.start}): {_days(first, last)}",
            )


WARNING_RULES: list[Rule] = [terms_leave_no_gap, recorded_entry_agrees]
