"""The organisation's registers, which plans name under `registers`, and a plan joined with
them into the one Plan the queries use."""

from __future__ import annotations

from typing import Any

from bsec_plan.domain.fields import record
from bsec_plan.domain.model import Plan, RegisterFields


@record
class Registers(RegisterFields):
    """The BSEC's registers, which plans name under `registers`: Member States, instruments,
    ratification events, liaison officers, EU membership, Chairmanship-in-Office terms, and the
    parties that are the organisation's rather than one plan's."""

    def __post_init__(self) -> None:
        if not self.states:
            raise ValueError("the registers need at least one Member State")


REGISTER_FIELDS = tuple(RegisterFields.__dataclass_fields__)
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
    values = {name: getattr(registers, name) for name in REGISTER_FIELDS}
    values.update(title="", period=None, purpose=None, directions=[], registers=None, progress=[])
    for name, value in values.items():
        # the register fields are slots of the base class; a plan's own live in its __dict__
        object.__setattr__(plan, name, value)
    return plan
