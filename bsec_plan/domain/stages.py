"""A plan's ratification records read as stages: each state's deposit of an instrument, and the
dates of entry into force the instrument's own clause gives from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import field

from bsec_plan.domain.dates import PartialDate
from bsec_plan.domain.model import Event, Plan
from bsec_plan.domain.treaty import general_date, stage_of, state_date
from bsec_plan.plaindata import dataclass


@dataclass
class Entries:
    """An instrument's dates of entry into force as its clause gives them: the general date
    (recorded or computed) and each state's computed date, for the states whose deposit day is
    on record."""

    general: dt.date | None = None
    general_computed: bool = False
    computed: dict[str, dt.date] = field(default_factory=dict)


def first_of(events: list[Event], stage: str) -> Event | None:
    """The first event of a stage in a record, as listed."""
    for e in events:  # a loop, not a generator: it runs for every record of a plan
        if stage_of(e.event) == stage:
            return e
    return None


def entries(plan: Plan, instrument: str) -> Entries:
    return entries_of(plan, [instrument])[instrument]


def entries_of(plan: Plan, instruments: Iterable[str]) -> dict[str, Entries]:
    """`entries` of each instrument, reading the ratification records once for all of them."""
    deposits: dict[str, dict[str, PartialDate | None]] = {i: {} for i in instruments}
    for record in plan.ratifications:
        wanted = deposits.get(record.instrument)
        if wanted is not None:
            event = first_of(record.events, "deposit")
            if event is not None:
                wanted.setdefault(record.state, event.date)
    return {i: _dates(plan, i, found) for i, found in deposits.items()}


def _dates(plan: Plan, instrument: str, deposits: dict[str, PartialDate | None]) -> Entries:
    found = plan.instrument_by_id.get(instrument)
    if found is None:
        return Entries()
    rule = found.entry_into_force
    recorded = found.general_entry.date if found.general_entry else None
    general, computed = general_date(rule, recorded, list(deposits.values()))
    dates = {}
    for state, deposit in deposits.items():
        day = state_date(rule, general, deposit)
        if day is not None:
            dates[state] = day
    return Entries(general, computed, dates)
