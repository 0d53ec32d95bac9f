"""What an instrument says of its own entry into force, and a state's date computed from it:
the depositary, the clause quoted and read as data, the general date; reservations and
declarations. Computed dates are derived from the deposits on record, never stored."""

from __future__ import annotations

import datetime as dt
import re

from bsec_plan.domain.dates import PartialDate
from bsec_plan.domain.fields import Partial, ReservationKind, Text, record

# The clause as data, written as words so that the file stays text (a plain number would be
# read as a number by other YAML tools): "30 days after the 2nd deposit".
# compiled where first used (re keeps them): a run that charts no instrument does not need them
_FIRST = r"(\d{1,4}) days? after the (\d{1,3})(?:st|nd|rd|th) deposit"
_LATER = r"(\d{1,4}) days? after its own deposit"

STAGES = ("signature", "consent", "deposit", "entry-into-force")
"""The stages a treaty office charts for a state, in order; `publication` is evidence of the
domestic act, not a stage."""
CONSENT = ("ratification", "approval", "acceptance", "accession")
"""Events by which a state expresses its consent to be bound."""


def stage_of(event: str) -> str | None:
    """The stage an event kind is, or None for evidence (publication)."""
    if event in CONSENT:
        return "consent"
    return event if event in STAGES else None


@record
class Depositary:
    """Who keeps the instrument and receives the instruments of consent."""

    name: Text
    """The depositary as the instrument names it."""
    source: Text
    """Where the instrument names it."""


@record
class EntryIntoForce:
    """The instrument's entry-into-force clause, quoted, and read as data. Without `first` the
    rule is unknown and no state's date is computed."""

    clause: Text | None = None
    """The clause in the instrument's own words, quoted."""
    first: Text | None = None
    """For the first states: `N days after the Kth deposit` (0 days: on the day of it)."""
    later: Text | None = None
    """For a state depositing after the Kth: `N days after its own deposit`; omitted when the
    clause says nothing of later states."""
    source: Text
    """Where the clause was read: an address with its path, or a citation."""

    def __post_init__(self) -> None:
        if self.first is not None and not re.fullmatch(_FIRST, self.first):
            raise ValueError(
                f"`first` reads '{self.first}'; write it as `30 days after the 2nd deposit`"
            )
        if self.later is not None and not re.fullmatch(_LATER, self.later):
            raise ValueError(
                f"`later` reads '{self.later}'; write it as `30 days after its own deposit`"
            )
        if self.later is not None and self.first is None:
            raise ValueError("`later` needs `first`, the rule for the first states")
        if self.first is not None and self.deposits < 1:
            raise ValueError("`first` counts from the 1st deposit at the earliest")

    @property
    def known(self) -> bool:
        return self.first is not None

    @property
    def days(self) -> int:
        return int(re.fullmatch(_FIRST, self.first or "").group(1))  # type: ignore[union-attr]

    @property
    def deposits(self) -> int:
        return int(re.fullmatch(_FIRST, self.first or "").group(2))  # type: ignore[union-attr]

    @property
    def later_days(self) -> int | None:
        match = re.fullmatch(_LATER, self.later or "")
        return int(match.group(1)) if match else None


@record
class GeneralEntry:
    """When the instrument entered into force among its first parties."""

    date: Partial
    """YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source."""
    note: Text | None = None
    """The source's words, quoted."""
    source: Text
    """Where the date is stated."""


@record
class Reservation:
    """A reservation or declaration a state made to an instrument."""

    kind: ReservationKind
    """reservation or declaration, as the depositary lists it."""
    text: Text
    """Its text, or the part of it the source gives."""
    date: Partial | None = None
    """When it was made, if found."""
    source: Text
    """Where it is recorded."""


def general_date(
    rule: EntryIntoForce | None, recorded: PartialDate | None, deposits: list[PartialDate | None]
) -> tuple[dt.date | None, bool]:
    """The general date of entry into force and whether it is computed. A recorded full date wins;
    otherwise it is the Kth deposit plus the days, known only when the Kth deposit is: every
    deposit dated to the day up to it, and any other surely later."""
    if recorded is not None and recorded.day is not None:
        return recorded.first_day, False
    if rule is None or not rule.known:
        return None, False
    days = sorted(d.first_day for d in deposits if d is not None and d.day is not None)
    if len(days) < rule.deposits:
        return None, False
    kth = days[rule.deposits - 1]
    uncertain = [d for d in deposits if d is None or d.day is None]
    if any(d is None or d.first_day <= kth for d in uncertain):
        return None, False  # an undated deposit may come before the Kth
    return kth + dt.timedelta(days=rule.days), True


def state_date(
    rule: EntryIntoForce | None, general: dt.date | None, deposit: PartialDate | None
) -> dt.date | None:
    """A state's computed date of entry into force: the general date for a state that deposited
    by then; for a later one, its own deposit plus the later days, and never before the general
    date. None where the rule, the general date or the state's deposit day is unknown."""
    if rule is None or not rule.known or general is None:
        return None
    if deposit is None or deposit.day is None:
        return None
    day = deposit.first_day
    if day <= general - dt.timedelta(days=rule.days):  # on or before the Kth deposit
        return general
    if rule.later_days is None:
        return None  # the clause says nothing of a later state
    return max(general, day + dt.timedelta(days=rule.later_days))
