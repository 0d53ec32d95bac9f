"""The cross-reference rules of ratification stages: the order of consent, deposit and entry
into force, and a recorded date of entry into force against the one the clause gives."""

from __future__ import annotations

from collections.abc import Iterator

from bsec_plan.domain.model import Plan
from bsec_plan.domain.stages import entries
from bsec_plan.domain.treaty import stage_of
from bsec_plan.problems import TreePath

Finding = tuple[TreePath, str]


def _rule_known(plan: Plan, instrument: str) -> bool:
    found = plan.instrument_by_id.get(instrument)
    return bool(found and found.entry_into_force and found.entry_into_force.known)


def stages_in_order(plan: Plan) -> Iterator[Finding]:
    """A deposit is of a consent already given; where the instrument's clause counts entry into
    force from the deposit, it cannot come before it. Only what is surely before counts."""
    for i, record in enumerate(plan.ratifications):
        if len(record.events) < 2:  # each finding sets one event against another
            continue
        dated = [(e, ev) for e, ev in enumerate(record.events) if ev.date is not None]
        consents = [ev for _, ev in dated if stage_of(ev.event) == "consent"]
        deposits = [ev for _, ev in dated if ev.event == "deposit"]
        counted = _rule_known(plan, record.instrument)
        for e, event in dated:
            assert event.date is not None
            here = ("ratifications", i, "events", e, "date")
            earlier = [
                c
                for c in (consents if event.event == "deposit" else [])
                if event.date.last_day < c.date.first_day  # type: ignore[union-attr]
            ]
            if earlier:
                yield (
                    here,
                    (
                        f"deposit dated {event.date}, before the consent it deposits "
                        f"({earlier[0].event} {earlier[0].date})"
                    ),
                )
            later = [
                d
                for d in (deposits if event.event == "entry-into-force" and counted else [])
                if event.date.last_day < d.date.first_day  # type: ignore[union-attr]
            ]
            if later:
                yield (
                    here,
                    (
                        f"entry into force dated {event.date}, before the deposit ({later[0].date}) "
                        f"from which the clause of '{record.instrument}' counts it"
                    ),
                )


ONCE = ("signature", "deposit", "entry-into-force")
"""The stages a state passes once for an instrument: a second is a slip or a duplicate record."""


def one_of_each_stage(plan: Plan) -> Iterator[Finding]:
    """A record holds at most one signature, one deposit and one entry into force."""
    for i, record in enumerate(plan.ratifications):
        seen: dict[str, int] = {}
        for e, event in enumerate(record.events):
            if event.event not in ONCE:
                continue
            if event.event in seen:
                yield (
                    ("ratifications", i, "events", e, "event"),
                    f"a second {event.event} for {record.state} and '{record.instrument}' "
                    f"(the first is events[{seen[event.event]}]); a state passes it once",
                )
            seen.setdefault(event.event, e)


def recorded_entry_agrees(plan: Plan) -> Iterator[Finding]:
    """A recorded date of entry into force wins over the one the clause gives; where they differ,
    one of the dates on record (or the clause as read) deserves a second look."""
    computed = {i.id: entries(plan, i.id).computed for i in plan.instruments if i.entry_into_force}
    for i, record in enumerate(plan.ratifications):
        day = computed.get(record.instrument, {}).get(record.state)
        for e, event in enumerate(record.events):
            if day is None or event.event != "entry-into-force" or event.date is None:
                continue
            if not event.date.first_day <= day <= event.date.last_day:
                yield (
                    ("ratifications", i, "events", e, "date"),
                    f"entry into force for {record.state} recorded as {event.date}; the clause "
                    f"of '{record.instrument}' gives {day} from the deposits on record",
                )
