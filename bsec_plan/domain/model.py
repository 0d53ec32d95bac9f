"""The plan's structure: plain dataclasses that the queries use and pydantic validates.

No pydantic here, so that a query on a plan already validated starts fast. Each field's
docstring becomes its description in the JSON Schema; `__post_init__` checks what one record
alone can tell (a fixed deadline has a due date...), cross-references live in crossref.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from functools import cached_property
from typing import Literal

from bsec_plan.domain.fields import (
    RATIFIABLE,
    ActionId,
    Day,
    DeadlineKind,
    DirectionId,
    InstrumentKind,
    Partial,
    PartyKind,
    Ref,
    Slug,
    StateCode,
    Text,
    needs_source,
    record,
)
from bsec_plan.domain.ratifications import Event as Event
from bsec_plan.domain.ratifications import Ratification as Ratification
from bsec_plan.domain.treaty import Depositary, EntryIntoForce, GeneralEntry


@record
class Period:
    """The period the plan covers."""

    start: Partial
    """First month of the plan, e.g. 2009-05; it starts on the first day."""
    end: Partial
    """Last month of the plan, e.g. 2011-06; it ends on the last day."""


@record
class Purpose:
    """The plan's opening paragraph."""

    text: Text
    """The paragraph in the plan's wording."""
    instrument: Ref
    """Id of the instrument the plan serves."""


@record
class Responsible:
    """Who answers for an action."""

    wording: Text
    """The plan's own words for the responsible parties."""
    parties: list[Ref]
    """Ids of declared parties, or state codes; at least one."""

    def __post_init__(self) -> None:
        if not self.parties:
            raise ValueError("name at least one party")


@record
class Deadline:
    """When an action is due."""

    wording: Text
    """The plan's own words for the deadline."""
    kind: DeadlineKind
    """fixed: due at the end of `due`; each-semester: due 06-30 and 12-31 of each year of the period;
    each-february-after-year: each year's work due at the end of the next February;
    permanent: ongoing, never overdue."""
    due: Partial | None = None
    """For kind fixed: YYYY, YYYY-MM or YYYY-MM-DD; due at its end."""

    def __post_init__(self) -> None:
        if self.kind == "fixed" and self.due is None:
            raise ValueError("a fixed deadline needs `due` (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.kind != "fixed" and self.due is not None:
            raise ValueError(f"only a fixed deadline has `due`; this one is {self.kind}")


@record
class Addresses:
    """The states an action is addressed to."""

    not_ratified: Ref
    """Id of an instrument: the action addresses the states that have not ratified it."""


@record
class Action:
    """One item of the plan."""

    id: ActionId
    """The plan's numbering: A.1, B.2, D, E."""
    text: Text
    """The item in the plan's exact wording."""
    short: Text | None = None
    """A short title for calendars and narrow tables."""
    instruments: list[Ref] = field(default_factory=list)
    """Ids of the instruments the action concerns."""
    responsible: Responsible | None = None
    """Omitted where the plan names nobody."""
    deadline: Deadline | None = None
    """Omitted where the plan gives no deadline."""
    addresses: Addresses | None = None
    """For an invitation: the states it is addressed to."""
    notes: list[Text] = field(default_factory=list)
    """Notes the plan itself attaches to the action, in its wording."""
    editorial_notes: list[Text] = field(default_factory=list)
    """Remarks of the file's editors (what was looked for and not found); not the plan's words."""


@record
class Direction:
    """A main direction for action (A–E)."""

    id: DirectionId
    """Letter of the direction."""
    title: Text
    """The direction's title in the plan's wording."""
    implements: Ref | None = None
    """Id of the instrument whose provisions the direction implements."""
    actions: list[Action]
    """The numbered items; D and E are a single action with the direction's letter."""

    def __post_init__(self) -> None:
        if not self.actions:
            raise ValueError("a direction needs at least one action")


@record
class State:
    """A BSEC Member State during the plan period."""

    code: StateCode
    """ISO 3166-1 alpha-2 code, e.g. RO; other entries name the state by it."""
    name: Text
    """The state's name in English."""
    member_since: Partial | None = None
    """When it became a Member State."""
    source: Text | None = None
    """Where the membership is recorded."""


@record
class Instrument:
    """An agreement, protocol, memorandum or action plan the plan refers to."""

    id: Slug
    """Lower-case id other entries use, e.g. protocol-2002."""
    kind: InstrumentKind
    """Agreements and protocols are ratified by states; the others are not."""
    title: Text
    """The instrument's full title."""
    short: Text
    """A short name for table headings."""
    done_at: Text | None = None
    """Where it was signed or done."""
    done_on: Day | None = None
    """When it was signed or done."""
    note: Text | None = None
    """What is known or missing about it."""
    source: Text
    """Where its title, place and date can be read: an address with its path, or a citation."""
    depositary: Depositary | None = None
    """Who keeps it and receives the instruments of consent; omitted if not found."""
    entry_into_force: EntryIntoForce | None = None
    """Its entry-into-force clause, quoted and read as data; omitted if not found (then no
    state's date of entry into force is computed)."""
    general_entry: GeneralEntry | None = None
    """When it entered into force among its first parties, if found."""

    @property
    def ratifiable(self) -> bool:
        return self.kind in RATIFIABLE


@record
class Party:
    """A responsible party: a role, a group of states, or an agency of one state."""

    id: Slug
    """Lower-case id that `responsible.parties` uses."""
    kind: PartyKind
    """role: a role held by a state (`holder`, if known); chairmanship: the Chairmanship-in-Office,
    resolved from `chairmanships` on the date; all-member-states; eu-member-states: resolved from
    `eu_membership` on the date; agency: an agency of `state`."""
    name: Text
    """The party's name as tables show it."""
    state: StateCode | None = None
    """For kind agency: the Member State of the agency."""
    holder: StateCode | None = None
    """For kind role: the state holding it, if known; omitted if not found."""
    note: Text | None = None
    """What is known or missing about it."""
    source: Text | None = None
    """Where the holder was found."""

    def __post_init__(self) -> None:
        if self.kind == "agency" and self.state is None:
            raise ValueError("an agency needs `state`")
        if self.kind != "agency" and self.state is not None:
            raise ValueError("only an agency has `state`")
        if self.kind != "role" and self.holder is not None:
            raise ValueError("only a role has `holder`")


@record
class LiaisonOfficer:
    """Whether a state has appointed its officer in the BSEC Network of Liaison Officers."""

    state: StateCode
    """Code of the state."""
    status: Literal["appointed", "not-appointed", "unknown"]
    """appointed and not-appointed need a source."""
    date: Day | None = None
    """When it was appointed, if found."""
    inferred_from: Text | None = None
    """Set when the record is inferred, not found: the text it is inferred from."""
    note: Text | None = None
    """What is known or missing about it."""
    source: Text | None = None
    """Where the record was found; required unless status is unknown."""

    def __post_init__(self) -> None:
        needs_source(self.status, self.source)


@record
class EuMembership:
    """A Member State's membership of the European Union."""

    state: StateCode
    """Code of the state."""
    since: Day
    """Date of accession to the European Union."""
    source: Text
    """Where the fact was found: an address or a publication."""


@record
class Chairmanship:
    """A term of the Chairmanship-in-Office of BSEC."""

    state: StateCode
    """Code of the state holding the chairmanship."""
    start: Partial
    """First day, month or year of the term."""
    end: Partial
    """Last day, month or year of the term."""
    note: Text | None = None
    """What is approximate or not found."""
    source: Text
    """Where the term was found."""


@record
class Progress:
    """A record of work done on one occurrence of an action."""

    action: Ref
    """Id of the action, e.g. A.2."""
    occurrence: Text | None = None
    """Label of the occurrence (2009-H2, 2010, 2011); omitted for an action without a deadline."""
    date: Day
    """When the work was done."""
    status: Literal["done", "in-progress"]
    """done closes the occurrence."""
    summary: Text
    """What was done, in a sentence."""
    assessment: Text | None = None
    """How the work was judged where it was reviewed (on track, delayed and why)."""
    source: Text
    """Where the work is recorded."""


def _described(text: str) -> dict[str, str]:
    # pydantic reads docstrings only from the class it builds, not from a base class
    return {"description": text}


@record
class RegisterFields:
    """The registers' keys, declared once: a registers file holds them, and a plan that names no
    registers carries them itself."""

    states: list[State] = field(
        default_factory=list,
        metadata=_described("The Member States; in the registers file when a plan names one."),
    )
    instruments: list[Instrument] = field(
        default_factory=list,
        metadata=_described("Agreements, protocols, memoranda and action plans."),
    )
    parties: list[Party] = field(
        default_factory=list,
        metadata=_described(
            "Roles, groups of states and agencies that actions name as responsible; the "
            "registers hold the organisation's (the Chairmanship-in-Office, all Member States, "
            "the EU members)."
        ),
    )
    ratifications: list[Ratification] = field(
        default_factory=list,
        metadata=_described(
            "Records found, one per state and instrument; any other pair is unknown."
        ),
    )
    liaison_officers: list[LiaisonOfficer] = field(
        default_factory=list,
        metadata=_described("Appointments to the BSEC Network of Liaison Officers."),
    )
    eu_membership: list[EuMembership] = field(
        default_factory=list,
        metadata=_described(
            "Member States that are members of the European Union, and since when."
        ),
    )
    chairmanships: list[Chairmanship] = field(
        default_factory=list,
        metadata=_described("The rotation of the Chairmanship-in-Office, in order of time."),
    )


@record
class Plan(RegisterFields):
    """The Plan of Action of the BSEC Working Group on Cooperation in Combating Crime."""

    title: Text
    """The plan's title in its own wording."""
    period: Period
    """The months the plan covers."""
    purpose: Purpose
    """The plan's opening paragraph."""
    directions: list[Direction]
    """The main directions for action, A–E, with their actions."""
    registers: Text | None = None
    """The registers file this plan uses (Member States, instruments, ratifications, liaison
    officers, EU membership, chairmanship terms, the organisation's parties), as a path relative
    to the plan file, e.g. registers.yaml. Without it the plan carries those keys itself."""
    progress: list[Progress] = field(default_factory=list)
    """What was done on which occurrence, with its source."""

    def __post_init__(self) -> None:
        if not self.directions:
            raise ValueError("the plan needs at least one direction")
        if not self.states and self.registers is None:
            raise ValueError("the plan needs at least one Member State")

    @cached_property
    def actions(self) -> dict[str, Action]:
        return {a.id: a for d in self.directions for a in d.actions}

    @cached_property
    def direction_of(self) -> dict[str, Direction]:
        return {a.id: d for d in self.directions for a in d.actions}

    @cached_property
    def state_by_code(self) -> dict[str, State]:
        return {s.code: s for s in self.states}

    @cached_property
    def instrument_by_id(self) -> dict[str, Instrument]:
        return {i.id: i for i in self.instruments}

    @cached_property
    def party_by_id(self) -> dict[str, Party]:
        return {p.id: p for p in self.parties}

    @cached_property
    def ratification_of(self) -> dict[tuple[str, str], Ratification]:
        """The first record for each (state, instrument)."""
        index: dict[tuple[str, str], Ratification] = {}
        for r in self.ratifications:
            index.setdefault((r.state, r.instrument), r)
        return index

    @cached_property
    def liaison_officer_of(self) -> dict[str, LiaisonOfficer]:
        index: dict[str, LiaisonOfficer] = {}
        for r in self.liaison_officers:
            index.setdefault(r.state, r)
        return index

    @property
    def start(self) -> dt.date:
        return self.period.start.first_day

    @property
    def end(self) -> dt.date:
        return self.period.end.last_day
