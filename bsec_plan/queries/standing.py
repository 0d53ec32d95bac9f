"""A state's standing on an instrument on a date, as a treaty office charts it: each stage
(signature, consent, deposit, entry into force) with its date, recorded or computed from the
instrument's clause, and the stage reached."""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from bsec_plan.domain.model import Event, Plan
from bsec_plan.domain.stages import Entries, entries
from bsec_plan.domain.treaty import STAGES, Reservation, stage_of
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


def _settled(event: Event, as_of: dt.date) -> bool:
    return event.date is not None and event.date.last_day <= as_of


def _stage(name: str, of: list[Event], as_of: dt.date, shared: str | None) -> Stage:
    settled = sorted((e for e in of if _settled(e, as_of)), key=lambda e: e.date.last_day)  # type: ignore[union-attr]
    basis = settled[0] if settled else of[0]
    return Stage(
        name,
        str(basis.date) if basis.date else None,
        bool(settled),
        kind=basis.event if name == "consent" else None,
        act=basis.act,
        note=basis.note or shared,
        source=basis.source,
    )


def _computed(
    plan: Plan, state: str, instrument: str, found: Entries, as_of: dt.date
) -> Stage | None:
    """The clause's date for the state, once it has passed: a later one may rest on deposits not
    yet known on the as-of date."""
    day = found.computed.get(state)
    rule = plan.instrument_by_id[instrument].entry_into_force
    if day is None or day > as_of or rule is None:
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
    record = plan.ratification_of.get((state, instrument))
    if record is None:  # no event, and no deposit that an entry into force is computed from
        return UNKNOWN
    events = [e for e in record.events if known(e, as_of)]
    shared = record.note
    of: dict[str, list[Event]] = {}  # each stage's events; publications apart
    for e in events:
        of.setdefault(stage_of(e.event) or e.event, []).append(e)
    # in the order of the stages, so that the last one is the highest reached
    stages = {name: _stage(name, of[name], as_of, shared) for name in STAGES if name in of}
    if "entry-into-force" not in stages:
        computed = _computed(plan, state, instrument, found or entries(plan, instrument), as_of)
        if computed is not None:
            stages["entry-into-force"] = computed
    published = of.get("publication", [])
    evidence = next((e for e in published if _settled(e, as_of)), None)
    top = stages[next(reversed(stages))] if stages else None
    beyond = [s for n, s in stages.items() if n != "signature"]  # consent and after
    if any(s.reached for s in beyond) or evidence is not None:
        answer = "ratified"
    elif beyond or published:
        answer = "date unknown"
    else:
        answer = "unknown"
    if top is None and not published:
        return Standing("unknown", events=events) if events else UNKNOWN
    # a publication shows consent: it stands for the stage unless a stage from consent on is known
    if top is not None and not (evidence and (not top.reached or top.stage == "signature")):
        shown, event, word = top, top.kind or top.stage, REACHED[top.stage]
    else:  # consent shown by a publication: by its date, the day itself not known
        publication = evidence or published[0]
        shown = Stage("consent", str(publication.date), False, source=publication.source)
        shown.note = publication.note or shared
        event, word = "publication", "consented"
    return Standing(
        answer,
        shown.date,
        shown.note,
        shown.source,
        event=event,
        events=events,
        stage=word,
        stages=stages,
        shown=shown,
        evidence=evidence if shown.stage == "consent" and event == "publication" else None,
        reservations=list(record.reservations) if record else [],
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
    if s.event == "publication":
        return f"{s.stage}, date unknown (published {shown.date})"
    within = ", ".join(str(v) for v in (shown.date, how) if v)
    return f"{s.stage}, date unknown" + (f" ({within})" if within else "")
