"""The organisation's registers, which plans name under `registers`, and a plan joined with
them into the one Plan the queries use."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from bsec_plan.domain.fields import record
from bsec_plan.domain.model import (
    Chairmanship,
    EuMembership,
    Instrument,
    LiaisonOfficer,
    Party,
    Plan,
    Ratification,
    State,
)


@record
class Registers:
    """The BSEC's registers, which plans name under `registers`: Member States, instruments,
    ratification events, liaison officers, EU membership, Chairmanship-in-Office terms, and the
    parties that are the organisation's rather than one plan's."""

    states: list[State]
    """The Member States."""
    instruments: list[Instrument] = field(default_factory=list)
    """Agreements, protocols, memoranda and action plans."""
    parties: list[Party] = field(default_factory=list)
    """The organisation's parties: the Chairmanship-in-Office, all Member States, the EU members."""
    ratifications: list[Ratification] = field(default_factory=list)
    """Records found, one per state and instrument; any other pair is unknown."""
    liaison_officers: list[LiaisonOfficer] = field(default_factory=list)
    """Appointments to the BSEC Network of Liaison Officers."""
    eu_membership: list[EuMembership] = field(default_factory=list)
    """Member States that are members of the European Union, and since when."""
    chairmanships: list[Chairmanship] = field(default_factory=list)
    """The rotation of the Chairmanship-in-Office, in order of time."""

    def __post_init__(self) -> None:
        if not self.states:
            raise ValueError("the registers need at least one Member State")


REGISTER_FIELDS = tuple(Registers.__dataclass_fields__)
"""The keys of a registers file; a plan that names no registers carries them itself."""
PLAN_ONLY_FIELDS = tuple(k for k in Plan.__dataclass_fields__ if k not in REGISTER_FIELDS)
"""The keys only a plan has (title, directions, progress...): a file with none is registers."""


def with_registers(plan: Plan, registers: Registers) -> Plan:
    """The plan and the registers it names as one Plan, as the queries use it. The parties are
    the registers' first, then the plan's own."""
    from dataclasses import replace

    merged: dict[str, Any] = {name: getattr(registers, name) for name in REGISTER_FIELDS}
    merged["parties"] = [*registers.parties, *plan.parties]
    return replace(plan, **merged)


def registers_only(registers: Registers) -> Plan:
    """A Plan holding the registers alone, for the checks that concern only registers: it has
    no directions, progress, period or purpose, and only those checks may be given it."""
    plan = object.__new__(Plan)
    plan.__dict__.update(
        {name: getattr(registers, name) for name in REGISTER_FIELDS},
        title="",
        period=None,
        purpose=None,
        directions=[],
        registers=None,
        progress=[],
    )
    return plan
