"""A state's standing on an instrument on a date, as a treaty office charts it: each stage
(signature, consent, deposit, entry into force) with its date, recorded or computed from the
instrument's clause, and the stage reached."""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from bsec_plan.domain.model import Event, Plan
from bsec_plan.domain.stages import Entries, entries
from bsec_plan.domain.treaty import CONSENT, STAGES, Reservation
from bsec_plan.plaindata import dataclass

REACHED = {
    "signature": "signed",
    "consent": "consented",
    "deposit": "deposited",
    "entry-into-force": "in force",
}
"""The stage reached, in the words a cell uses."""
NOTHING = "nothing recorded"


@dataclass
class Stage:
    """One stage of a state's standing: its date, recorded or computed, and what it rests on."""

    stage: str  # signature | consent | deposit | entry-into-force
    date: str | None  # as written: 2011, 2010-06 or 2010-06-01; None: date unknown
    reached: bool  # surely on or before the as-of date
    computed: bool = False  # entry into force computed from the instrument's clause
    kind: str | None = None  # for consent: ratification, approval, acceptance, accession
    act: str | None = None  # for consent: the kind of domestic act (law, decision)
    note: str | None = None
    source: str | None = None


@dataclass
class Standing:
    """What is known on the as-of date: an answer (`unknown` when unrecorded) and the record or
    event it rests on. For an instrument, `answer` answers the plan's question (consent to be
    bound by that date: ratified, date unknown, unknown) and `stage` the treaty office's."""

    answer: str  # ratified | date unknown | unknown; appointed | not-appointed | unknown
    date: str | None = None  # as written: 2011, 2010-06 or 2010-06-01
    note: str | None = None
    source: str | None = None
    event: str | None = None  # for a ratification: the event the answer rests on
    inferred_from: str | None = None  # set when the record is inferred, not found
    events: list[Event] = field(default_factory=list)  # every event known on the as-of date
    stage: str = NOTHING  # in force | deposited | consented | signed | nothing recorded
    stages: dict[str, Stage] = field(default_factory=dict)  # each stage known on the as-of date
    shown: Stage | None = None  # the stage the cell shows: the highest known, or consent
    evidence: Event | None = None  # a publication that shows consent was given by its date
    reservations: list[Reservation] = field(default_factory=list)

    @property
    def bound_known(self) -> bool:
        """A deposit or an entry into force is recorded or computed."""
        return "deposit" in self.stages or "entry-into-force" in self.stages


UNKNOWN = Standing("unknown")


def known(event: Event, as_of: dt.date) -> bool:
    """An event is known on `as_of` unless it surely happened later."""
    return event.date is None or event.date.first_day <= as_of


_STAGE_OF = {**dict.fromkeys(CONSENT, "consent"), **{name: name for name in STAGES}}
"""The stage of each event kind, as `stage_of` gives it: a table, for it is asked of every event
`states` reads. Publication, evidence, is no stage: its events go under its own name."""


def _stage(name: str, of: list[Event], as_of: dt.date, shared: str | None) -> Stage:
    """The stage as its earliest event settled on `as_of` gives it, else as its first event."""
    basis, settled = of[0], None  # settled: the day the basis is surely past by
    for e in of:
        day = e.date.last_day if e.date is not None else None
        if day is not None and day <= as_of and (settled is None or day < settled):
            basis, settled = e, day
    return Stage(  # positional, in the order of the fields
        name,
        str(basis.date) if basis.date else None,
        settled is not None,
        False,  # computed
        basis.event if name == "consent" else None,
        basis.act,
        basis.note or shared,
        basis.source,
    )


def _computed(plan: Plan, instrument: str, day: dt.date) -> Stage | None:
    """The entry into force on `day` that the instrument's clause gives, if it has one."""
    rule = plan.instrument_by_id[instrument].entry_into_force
    if rule is None:
        return None
    return Stage(
        "entry-into-force",
        day.isoformat(),
        True,
        computed=True,
        note=f"computed: {rule.first}" + (f"; {rule.later}" if rule.later else ""),
        source=rule.source,
    )


def standing(
    plan: Plan, state: str, instrument: str, as_of: dt.date, found: Entries | None = None
) -> Standing:
    """The stages known on `as_of`. Consent is settled by a stage from consent on, or by a
    publication, dated on or before it; an undated event, or one whose partial date may fall
    after it, leaves the date unknown; later events are not known yet. A recorded entry into
    force wins over a computed one."""
    # Written as plain loops: `states` asks this for every state and instrument (4,800 pairs
    # on a large register), where comprehensions and generators cost more than the work.
    record = plan.ratification_of.get((state, instrument))
    if record is None:  # no event, and no deposit that an entry into force is computed from
        return UNKNOWN
    events: list[Event] = []
    of: dict[str, list[Event]] = {}  # each stage's events; publications apart
    for e in record.events:
        if e.date is None or e.date.first_day <= as_of:  # known (see `known`)
            events.append(e)
            of.setdefault(_STAGE_OF.get(e.event, e.event), []).append(e)
    stages: dict[str, Stage] = {}  # in the order of the stages: the last is the highest reached
    for name in STAGES:
        if name in of:
            stages[name] = _stage(name, of[name], as_of, record.note)
    if "entry-into-force" not in stages:
        # the clause's date for the state, once passed: a later one may rest on deposits not
        # yet known on the as-of date
        day = (found or entries(plan, instrument)).computed.get(state)
        computed = _computed(plan, instrument, day) if day is not None and day <= as_of else None
        if computed is not None:
            stages["entry-into-force"] = computed
    published = of.get("publication")
    if not stages and not published:
        return Standing("unknown", events=events) if events else UNKNOWN
    evidence = None  # the first publication settled on `as_of`: consent was given by its date
    for e in published or ():
        if e.date is not None and e.date.last_day <= as_of:
            evidence = e
            break
    answer = "ratified" if evidence is not None else "unknown"
    for name, stage in stages.items():  # consent and after: settled, or of unknown date
        if name != "signature" and answer != "ratified":
            answer = "ratified" if stage.reached else "date unknown"
    if answer == "unknown" and published:
        answer = "date unknown"
    top = stages[next(reversed(stages))] if stages else None
    # a publication shows consent: it stands for the stage unless a stage from consent on is known
    if top is not None and not (evidence and (not top.reached or top.stage == "signature")):
        shown, event, word = top, top.kind or top.stage, REACHED[top.stage]
    else:  # consent shown by a publication: by its date, the day itself not known
        publication = evidence or published[0]  # type: ignore[index]
        note, source = publication.note or record.note, publication.source
        published_on = str(publication.date) if publication.date is not None else None
        shown = Stage("consent", published_on, False, note=note, source=source)
        event, word = "publication", "consented"
    return Standing(  # positional, in the order of the fields: a few µs less for each pair
        answer,
        shown.date,
        shown.note,
        shown.source,
        event,
        None,  # inferred_from: a liaison officer's
        events,
        word,
        stages,
        shown,
        evidence if event == "publication" else None,
        list(record.reservations),
    )


def words(s: Standing, empty: str = "—") -> str:
    """The stage reached, in words: `in force 2000-03-08`, `in force 2003-05-08, computed`,
    `consented 2001-06-27 (law)`, `consented by 2001-06-29 (published)`, `consented, date unknown
    (law)`, `signed 1998-10-02`; `empty` when nothing is recorded."""
    shown = s.shown
    if shown is None:
        return empty
    if s.evidence is not None:
        return f"{s.stage} by {s.evidence.date} (published)"
    how = (shown.act or shown.kind) if shown.stage == "consent" else None
    if shown.reached:
        text = f"{s.stage} {shown.date}" + (f" ({how})" if how else "")
        return text + (", computed" if shown.computed else "")
    if s.event == "publication":  # `(published)` alone for a publication of no date
        day = f" {shown.date}" if shown.date else ""
        return f"{s.stage}, date unknown (published{day})"
    within = ", ".join(str(v) for v in (shown.date, how) if v)
    return f"{s.stage}, date unknown" + (f" ({within})" if within else "")
