"""The plan file's structure as pydantic models; field descriptions become the JSON Schema."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from bsec_plan.dates import PartialDate, parse_day


def _validator(parse):
    def validate(value):
        if isinstance(value, (dt.date, PartialDate)):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("date_type", "expected a date written as text, e.g. 2010-06-01")
        try:
            return parse(value)
        except ValueError as err:
            raise PydanticCustomError("date_value", str(err)) from None

    return PlainValidator(validate)


Day = Annotated[
    dt.date,
    _validator(parse_day),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "examples": ["2010-06-01"]}),
]
Partial = Annotated[
    PartialDate,
    _validator(PartialDate.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "examples": ["2011", "2010-06", "2010-06-01"]}),
]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", examples=["RO"])]
Ref = Annotated[str, Field(min_length=1)]
Text = Annotated[str, Field(min_length=1)]
Source = Annotated[str, Field(min_length=1, description="Where the fact was found: an address or a publication.")]

DeadlineKind = Literal["fixed", "each-semester", "each-february-after-year", "permanent"]
PartyKind = Literal["role", "chairmanship", "all-member-states", "eu-member-states", "agency"]
InstrumentKind = Literal["agreement", "protocol", "memorandum", "action-plan"]
RATIFIABLE = ("agreement", "protocol")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(Model):
    """The period the plan covers."""

    start: Partial = Field(description="First month of the plan, e.g. 2009-05; it starts on the first day.")
    end: Partial = Field(description="Last month of the plan, e.g. 2011-06; it ends on the last day.")


class Purpose(Model):
    """The plan's opening paragraph."""

    text: Text = Field(description="The paragraph in the plan's wording.")
    instrument: Ref = Field(description="Id of the instrument the plan serves.")


class Responsible(Model):
    """Who answers for an action."""

    wording: Text = Field(description="The plan's own words for the responsible parties.")
    parties: list[Ref] = Field(min_length=1, description="Ids of declared parties, or state codes.")


class Deadline(Model):
    """When an action is due."""

    wording: Text = Field(description="The plan's own words for the deadline.")
    kind: DeadlineKind = Field(
        description=(
            "fixed: due at the end of `due`; each-semester: due 06-30 and 12-31 of each year of the "
            "period; each-february-after-year: each year's work due at the end of the next February; "
            "permanent: ongoing, never overdue."
        )
    )
    due: Optional[Partial] = Field(None, description="For kind fixed: YYYY, YYYY-MM or YYYY-MM-DD; due at its end.")

    @model_validator(mode="after")
    def _due_matches_kind(self):
        if self.kind == "fixed" and self.due is None:
            raise PydanticCustomError("due_missing", "a fixed deadline needs `due` (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.kind != "fixed" and self.due is not None:
            raise PydanticCustomError("due_extra", "only a fixed deadline has `due`; this one is {kind}", {"kind": self.kind})
        return self


class Addresses(Model):
    """The states an action is addressed to."""

    not_ratified: Ref = Field(description="Id of an instrument: the action addresses the states that have not ratified it.")


class Action(Model):
    """One item of the plan."""

    id: str = Field(pattern=r"^[A-Z](\.[1-9][0-9]*)?$", description="The plan's numbering: A.1, B.2, D, E.")
    text: Text = Field(description="The item in the plan's exact wording.")
    short: Optional[Text] = Field(None, description="A short title for calendars and narrow tables.")
    instruments: list[Ref] = Field([], description="Ids of the instruments the action concerns.")
    responsible: Optional[Responsible] = Field(None, title="Responsible", description="Omitted where the plan names nobody.")
    deadline: Optional[Deadline] = Field(None, title="Deadline", description="Omitted where the plan gives no deadline.")
    addresses: Optional[Addresses] = Field(None, title="Addresses", description="For an invitation: the states it is addressed to.")
    notes: list[Text] = Field([], description="Notes the plan attaches to the action.")


class Direction(Model):
    """A main direction for action (A–E)."""

    id: str = Field(pattern=r"^[A-Z]$", description="Letter of the direction.")
    title: Text = Field(description="The direction's title in the plan's wording.")
    implements: Optional[Ref] = Field(None, description="Id of the instrument whose provisions the direction implements.")
    actions: list[Action] = Field(min_length=1, description="The numbered items; D and E are a single action with the direction's letter.")


class State(Model):
    """A BSEC Member State during the plan period."""

    code: StateCode = Field(description="ISO 3166-1 alpha-2 code, e.g. RO; other entries name the state by it.")
    name: Text = Field(description="The state's name in English.")
    member_since: Optional[Partial] = Field(None, description="When it became a Member State.")
    source: Optional[Source] = Field(None, description="Where the membership is recorded.")


class Instrument(Model):
    """An agreement, protocol, memorandum or action plan the plan refers to."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", examples=["protocol-2002"], description="Lower-case id other entries use, e.g. protocol-2002.")
    kind: InstrumentKind = Field(description="Agreements and protocols are ratified by states; the others are not.")
    title: Text = Field(description="The instrument's full title.")
    short: Text = Field(description="A short name for table headings.")
    done_at: Optional[Text] = Field(None, description="Where it was signed or done.")
    done_on: Optional[Day] = Field(None, description="When it was signed or done.")
    note: Optional[Text] = Field(None, description="What is known or missing about it.")
    source: Optional[Source] = Field(None, description="Where the facts about it were found.")

    @property
    def ratifiable(self) -> bool:
        return self.kind in RATIFIABLE


class Party(Model):
    """A responsible party: a role, a group of states, or an agency of one state."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", examples=["country-coordinator"], description="Lower-case id that `responsible.parties` uses.")
    kind: PartyKind = Field(
        description=(
            "role: a role held by a state (`holder`, if known); chairmanship: the Chairmanship-in-Office, "
            "resolved from `chairmanships` on the date; all-member-states; eu-member-states: resolved "
            "from `eu_membership` on the date; agency: an agency of `state`."
        )
    )
    name: Text = Field(description="The party's name as tables show it.")
    state: Optional[StateCode] = Field(None, description="For kind agency: the state of the agency.")
    holder: Optional[StateCode] = Field(None, description="For kind role: the state holding it, if known; omitted if not found.")
    note: Optional[Text] = Field(None, description="What is known or missing about it.")
    source: Optional[Source] = Field(None, description="Where the holder was found.")

    @model_validator(mode="after")
    def _fields_match_kind(self):
        if self.kind == "agency" and self.state is None:
            raise PydanticCustomError("state_missing", "an agency needs `state`")
        if self.kind != "agency" and self.state is not None:
            raise PydanticCustomError("state_extra", "only an agency has `state`")
        if self.kind != "role" and self.holder is not None:
            raise PydanticCustomError("holder_extra", "only a role has `holder`")
        return self


class Ratification(Model):
    """Whether a state has expressed its consent to be bound by an instrument."""

    state: StateCode = Field(description="Code of the state.")
    instrument: Ref = Field(description="Id of an agreement or protocol.")
    status: Literal["ratified", "not-ratified", "unknown"] = Field(description="ratified and not-ratified need a source; a missing record means unknown.")
    date: Optional[Day] = Field(None, description="When it took effect, if found; the note says what the date is. Omitted if not found.")
    note: Optional[Text] = Field(None, description="The act, its publication, or what was not found.")
    source: Optional[Source] = Field(None, description="Where the record was found; required unless status is unknown.")

    @model_validator(mode="after")
    def _known_needs_source(self):
        if self.status != "unknown" and self.source is None:
            raise PydanticCustomError("source_missing", "a {status} record needs a `source`", {"status": self.status})
        return self


class LiaisonOfficer(Model):
    """Whether a state has appointed its officer in the BSEC Network of Liaison Officers."""

    state: StateCode = Field(description="Code of the state.")
    status: Literal["appointed", "not-appointed", "unknown"] = Field(description="appointed and not-appointed need a source.")
    date: Optional[Day] = Field(None, description="When it was appointed, if found.")
    note: Optional[Text] = Field(None, description="What is known or missing about it.")
    source: Optional[Source] = Field(None, description="Where the record was found; required unless status is unknown.")

    @model_validator(mode="after")
    def _known_needs_source(self):
        if self.status != "unknown" and self.source is None:
            raise PydanticCustomError("source_missing", "a {status} record needs a `source`", {"status": self.status})
        return self


class EuMembership(Model):
    """A Member State's membership of the European Union."""

    state: StateCode = Field(description="Code of the state.")
    since: Day = Field(description="Date of accession to the European Union.")
    source: Source


class Chairmanship(Model):
    """A term of the Chairmanship-in-Office of BSEC."""

    state: StateCode = Field(description="Code of the state holding the chairmanship.")
    start: Optional[Partial] = Field(None, description="Omitted if not found: the term then starts the day after the previous one ends.")
    end: Partial = Field(description="Last day, month or year of the term.")
    note: Optional[Text] = Field(None, description="What is approximate or not found.")
    source: Source


class Progress(Model):
    """A record of work done on one occurrence of an action."""

    action: Ref = Field(description="Id of the action, e.g. A.2.")
    occurrence: Optional[str] = Field(None, description="Label of the occurrence (2009-H2, 2010, 2011); omitted for an action without a deadline.")
    date: Day = Field(description="When the work was done.")
    status: Literal["done", "in-progress"] = Field(description="done closes the occurrence.")
    summary: Text = Field(description="What was done, in a sentence.")
    source: Source


class Plan(Model):
    """The Plan of Action of the BSEC Working Group on Cooperation in Combating Crime."""

    model_config = ConfigDict(title="BSEC plan of action", json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"})

    title: Text = Field(description="The plan's title in its own wording.")
    period: Period = Field(description="The months the plan covers.")
    purpose: Purpose = Field(description="The plan's opening paragraph.")
    directions: list[Direction] = Field(min_length=1, description="The main directions for action, A–E, with their actions.")
    states: list[State] = Field(min_length=1, description="The Member States during the plan period.")
    instruments: list[Instrument] = Field([], description="Agreements, protocols and plans the actions refer to.")
    parties: list[Party] = Field([], description="Roles, groups of states and agencies that actions name as responsible.")
    ratifications: list[Ratification] = Field([], description="Records found; any other state and instrument is unknown.")
    liaison_officers: list[LiaisonOfficer] = Field([], description="Appointments to the BSEC Network of Liaison Officers.")
    eu_membership: list[EuMembership] = Field([], description="Member States that are members of the European Union, and since when.")
    chairmanships: list[Chairmanship] = Field([], description="The rotation, in order.")
    progress: list[Progress] = Field([], description="What was done on which occurrence, with its source.")

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

    @property
    def start(self) -> dt.date:
        return self.period.start.first_day

    @property
    def end(self) -> dt.date:
        return self.period.end.last_day


def schema_json() -> str:
    """The JSON Schema of the plan file, as `bsec-plan schema` prints and the repository keeps it."""
    import json

    return json.dumps(Plan.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
