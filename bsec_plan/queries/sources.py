"""Every fact of the plan file with the event it records, its date and its source, so that a
reviewer can follow each one."""

from __future__ import annotations

from bsec_plan.domain.model import Plan
from bsec_plan.plaindata import dataclass


@dataclass(frozen=True)
class Fact:
    """One sourced fact: what it is about, the event, when, and where it is written."""

    kind: str  # membership, instrument, ratification, liaison officer, EU membership, ...
    subject: str  # a state code, an instrument id, a party id or an action id
    event: str
    date: str  # as written (2011, 2010-06, 2010-06-01), a span, or "" when not found
    source: str
    inferred_from: str | None = None


def facts(plan: Plan) -> list[Fact]:
    """In the file's order: states, instruments, parties, ratifications, liaison officers,
    EU membership, chairmanships, progress."""
    out = [
        Fact("membership", s.code, "member of BSEC", _text(s.member_since), s.source or "")
        for s in plan.states
    ]
    out += [
        Fact(
            "instrument",
            i.id,
            f"done at {i.done_at}" if i.done_at else "done",
            _text(i.done_on),
            i.source,
        )
        for i in plan.instruments
    ]
    for i in plan.instruments:  # the instrument's own rule, where found
        if i.depositary:
            out.append(Fact("instrument", i.id, "depositary", "", i.depositary.source))
        if i.entry_into_force:
            out.append(
                Fact("instrument", i.id, "entry-into-force clause", "", i.entry_into_force.source)
            )
        if i.general_entry:
            general = i.general_entry
            out.append(Fact("instrument", i.id, "in force", _text(general.date), general.source))
    out += [
        Fact("party", p.id, f"held by {p.holder}", "", p.source) for p in plan.parties if p.source
    ]
    for r in plan.ratifications:
        out += [
            Fact("ratification", f"{r.state} {r.instrument}", e.event, _text(e.date), e.source)
            for e in r.events
        ]
        out += [
            Fact("ratification", f"{r.state} {r.instrument}", x.kind, _text(x.date), x.source)
            for x in r.reservations
        ]
    out += [
        Fact("liaison officer", r.state, r.status, _text(r.date), r.source or "", r.inferred_from)
        for r in plan.liaison_officers
    ]
    out += [
        Fact("EU membership", m.state, "member of the EU", m.since.isoformat(), m.source)
        for m in plan.eu_membership
    ]
    out += [
        Fact("chairmanship", t.state, "Chairmanship-in-Office", f"{t.start} – {t.end}", t.source)
        for t in plan.chairmanships
    ]
    out += [
        Fact(
            "progress",
            f"{p.action} {p.occurrence or ''}".strip(),
            p.status,
            p.date.isoformat(),
            p.source,
        )
        for p in plan.progress
    ]
    return out


def _text(value: object) -> str:
    return "" if value is None else str(value)
