"""A state's ratification record: its events, each a stage (signature, consent, deposit, entry
into force) or evidence (publication), and its reservations and declarations."""

from __future__ import annotations

from dataclasses import field

from bsec_plan.domain.fields import EventKind, Partial, Ref, StateCode, Text, record
from bsec_plan.domain.treaty import Reservation


@record
class Event:
    """One dated step of a state's ratification of an instrument."""

    event: EventKind
    """A stage: signature; consent to be bound (ratification, approval, acceptance, accession;
    the domestic act in `note`); deposit of the instrument of consent with, or its
    notification to, the depositary; entry into force for the state. Or evidence, not a stage:
    publication in an official gazette."""
    date: Partial | None = None
    """When it happened: YYYY, YYYY-MM or YYYY-MM-DD; omitted if not found."""
    act: Text | None = None
    """For consent: the kind of domestic act in a word, as the source names it (law, decision,
    resolution); its number goes in `note`."""
    note: Text | None = None
    """The act (its number), the gazette issue, or what was not found."""
    source: Text
    """Where the event is recorded: an address with its path, or a full citation
    (gazette, number, date)."""


@record
class Ratification:
    """The recorded steps by which a state became bound by an instrument."""

    state: StateCode
    """Code of the state."""
    instrument: Ref
    """Id of an agreement or protocol."""
    events: list[Event]
    """At least one event; a state with no record is unknown."""
    note: Text | None = None
    """What the events have in common, e.g. one law for several instruments."""
    reservations: list[Reservation] = field(default_factory=list)
    """Reservations and declarations the state made, each with its text."""

    def __post_init__(self) -> None:
        if not self.events:
            raise ValueError("a ratification record needs at least one event")
