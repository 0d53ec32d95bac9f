"""What `states --missing` shows: one line per state and what it lacks; on a terminal the
sources become numbered references listed once under the table (the writer does that)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q
from bsec_plan.queries import standing
from bsec_plan.views.common import (
    EVENT_WORD,
    Asked,
    Table,
    View,
    header,
    iso,
    plan_file_line,
    standing_text,
)


def lack_text(lack: q.Lack) -> str:
    if lack.what != "liaison-officer":
        return LACK_WORDS.get(lack.answer, lack.answer)
    if lack.answer == "date unknown":
        when = (
            f"{EVENT_WORD[lack.event or 'ratification']} {lack.date}"
            if lack.date
            else f"{lack.event} on record, no date"
        )
        return f"date unknown: {when}"
    if lack.what == "liaison-officer":
        return (
            "known: recorded as not appointed"
            if lack.known
            else "unknown: no appointment on record"
        )
    return "known: recorded as not ratified" if lack.known else "unknown: no ratification on record"


LACK_WORDS = {
    "unknown": "no consent on record",
    "date unknown": "consent on record, date unknown",
}
"""The kind of lack of consent to be bound, in words."""


def lack_short(lack: q.Lack) -> str:
    """The stage reached, or what is known: `consented, date unknown (law)`, `signed 1998-10-02`,
    `nothing recorded`, `not appointed`, `no record`."""
    if lack.what != "liaison-officer":
        return lack.text or standing.NOTHING
    if lack.answer == "date unknown":
        event = lack.event or "ratification"
        return (
            f"{EVENT_WORD[event]} {lack.date}, date unknown"
            if lack.date
            else f"{event}, date unknown"
        )
    if lack.known:
        return lack.answer.replace("-", " ")
    return "no record"


LO_WORDS = {True: "recorded as not appointed", False: "no appointment on record"}
KIND_WORDS = {
    ("unknown", ""): "nothing recorded",
    ("unknown", "signed"): "signed, no consent on record",
    ("date unknown", "consented"): "consented, date unknown",
    ("date unknown", "deposited"): "consented, date unknown",
    ("date unknown", "in force"): "consented, date unknown",
}
"""The kinds of lack of consent, by the standing's answer and the stage reached."""


def lack_groups(lacks: list[q.Lack]) -> list[tuple[str, list[str]]]:
    """The kinds of lack among `lacks`, each with its state codes, in a fixed order: for an
    instrument no consent on record (nothing, or signed only) or consent of unknown date; for
    the liaison officer recorded as not appointed or no record."""
    groups: dict[str, list[str]] = {}
    for lack in lacks:
        if lack.what == "liaison-officer":
            kind = LO_WORDS[lack.known]
        else:
            kind = KIND_WORDS.get((lack.answer, lack.stage), KIND_WORDS[("unknown", "")])
        groups.setdefault(kind, []).append(lack.code)
    order = [*dict.fromkeys(KIND_WORDS.values()), *LO_WORDS.values()]
    return sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)


def missing_table(plan: Plan, lacks: list[q.Lack], what: str, as_of: dt.date) -> Table:
    title = "liaison officer" if what == "liaison-officer" else "ratification"
    consent = what != "liaison-officer"
    table = Table(
        f"States missing a {title} on {as_of}",
        ["State", "Name", "Missing", *(["Stage reached"] if consent else []), "Lack", "Source"],
        wrap=("Source",),
        empty="none missing",
    )
    # on a terminal: one line per state and instrument; the name is the code's to say, and
    # one instrument is said once, in the title, not on every line
    one = consent and len({lack.what for lack in lacks}) == 1
    table.narrow = Table(
        f"States missing a ratification of {plan.instrument_by_id[lacks[0].what].short} on {as_of}"
        if one
        else table.title,
        [
            "State",
            *([] if one else ["Missing"]),
            stage := "Stage reached" if consent else "Recorded",
            "Source",
        ],
        wrap=("Missing", stage, "Source"),
        empty=table.empty,
    )
    for lack in lacks:
        missing = (
            "liaison officer"
            if lack.what == "liaison-officer"
            else plan.instrument_by_id[lack.what].short
        )
        reached = [lack_short(lack)] if consent else []
        table.rows.append(
            [lack.code, lack.name, missing, *reached, lack_text(lack), lack.source or ""]
        )
        shown = [] if one else [missing]
        table.narrow.rows.append([lack.code, *shown, lack_short(lack), lack.source or "—"])
        table.styles.append("red" if lack.known else "yellow")
    table.narrow.styles = table.styles
    return table


def missing_json(lacks: list[q.Lack]) -> list[dict[str, Any]]:
    return [
        {
            "code": ln.code,
            "name": ln.name,
            "missing": ln.what,
            "known": ln.known,
            "status": ln.answer,
            "event": ln.event,
            "date": ln.date,
            "source": ln.source,
            **({} if ln.what == "liaison-officer" else {"stage": ln.stage, "stage_text": ln.text}),
        }
        for ln in lacks
    ]


def unbound_text(plan: Plan, unbound: dict[str, list[str]]) -> str:
    """The states that consented but are not known to be bound yet, named apart from the missing."""
    found = "; ".join(
        f"{plan.instrument_by_id[i].short}: {' '.join(codes)}" for i, codes in unbound.items()
    )
    return (
        "Consented, not known to be bound (no deposit or entry into force on record): "
        + (found or "none")
        + "."
    )


def missing_view(
    asked: Asked,
    lacks: list[q.Lack],
    what: str,
    instrument: str | None,
    unbound: dict[str, list[str]] | None = None,
) -> View:
    heading = header(asked.plan_file, asked.as_of, "states", missing=what, instrument=instrument)
    table = missing_table(asked.plan, lacks, what, asked.as_of)
    apart = [unbound_text(asked.plan, unbound)] if unbound is not None else []
    extra = {"consented_not_known_bound": unbound} if unbound is not None else {}
    return View(
        blocks=lambda: [f"Plan file: {asked.plan_file}", table, *apart],
        document=lambda: {**heading, "missing": missing_json(lacks), **extra},
        csv=lambda: table,
    )


# -- the whole register: states x instruments --------------------------------------------------


def states_table(plan: Plan, rows: list[q.StateRow], as_of: dt.date) -> Table:
    instruments = list(rows[0].ratifications) if rows else []
    shorts = [plan.instrument_by_id[i].short for i in instruments]
    table = Table(
        f"Member States on {as_of}", ["State", "Name", *shorts, "Liaison officer", "EU member"]
    )
    # on a terminal: a line per state, the instruments named in full (a header may wrap), the
    # stage reached in short words; the liaison officers and EU members, a few groups, beneath
    table.narrow = Table(table.title, ["State", *shorts], wrap=tuple(shorts))
    for r in rows:
        table.rows.append(
            [
                r.code,
                r.name,
                *(standing.words(r.ratifications[i]) for i in instruments),
                standing_text(r.liaison_officer, "appointed"),
                f"since {r.eu_since}" if r.eu_since else "no",
            ]
        )
        table.narrow.rows.append([r.code, *(stage_short(r.ratifications[i]) for i in instruments)])
    table.narrow.legend = "\n".join(
        [
            "Liaison officers: " + _grouped((r.code, _officer(r.liaison_officer)) for r in rows),
            "EU members: " + _grouped((r.code, f"since {r.eu_since}") for r in rows if r.eu_since),
            "The act of consent and each stage's source: bsec-plan states --state CODE; "
            "one instrument's chart: bsec-plan states --instrument ID.",
        ]
    )
    return table


def stage_short(s: q.Standing) -> str:
    """The stage reached without the act or the event it rests on (`states --state` gives
    both): `in force 2000-03-08`, `consented by 2001-06-29`, `consented, date unknown`, `—`."""
    shown = s.shown
    if shown is None:
        return "—"
    if s.evidence is not None:
        return f"{s.stage} by {s.evidence.date}"
    if not shown.reached:
        return f"{s.stage}, date unknown"
    return f"{s.stage} {shown.date}" + (", computed" if shown.computed else "")


def _officer(s: q.Standing) -> str:
    if s.answer == "appointed" and s.inferred_from:
        return f"appointed (inferred from {s.inferred_from})"
    if s.answer == "appointed":
        return f"appointed {s.date}" if s.date else "appointed, date unknown"
    return {"not-appointed": "not appointed", "unknown": "no record"}.get(s.answer, s.answer)


def _grouped(pairs: Iterable[tuple[str, str]]) -> str:
    """`AL AZ RS not appointed; AM BG appointed (…).`: the codes before what they share, each
    group where its first state stands; `none.` without any."""
    groups: dict[str, list[str]] = {}
    for code, what in pairs:
        groups.setdefault(what, []).append(code)
    found = "; ".join(f"{' '.join(codes)} {what}" for what, codes in groups.items())
    return (found or "none") + "."


def states_json(rows: list[q.StateRow]) -> list[dict[str, Any]]:
    # imported here: the register's table needs neither
    from bsec_plan.domain.jsonform import as_json
    from bsec_plan.views.chart import standing_json

    def standing(s: q.Standing) -> dict[str, Any]:
        return {
            "status": s.answer,
            "text": standing_text(s, s.answer if s.answer != "date unknown" else "ratified"),
            "event": s.event,
            "date": s.date,
            "note": s.note,
            "source": s.source,
            "inferred_from": s.inferred_from,
            "events": [as_json(e) for e in s.events],
        }

    return [
        {
            "code": r.code,
            "name": r.name,
            "ratifications": {
                i: {**standing(s), **standing_json(s)} for i, s in r.ratifications.items()
            },
            "liaison_officer": standing(r.liaison_officer),
            "eu_member": r.eu_since is not None,
            "eu_since": iso(r.eu_since),
        }
        for r in rows
    ]


def states_view(
    asked: Asked, rows: list[q.StateRow], instrument: str | None, missing: str | None = None
) -> View:
    """The register; with a state, that state across every instrument; with an instrument, its
    chart of stages."""
    if asked.state is not None:
        rows = [r for r in rows if r.code == asked.state]
    if asked.state is not None or instrument is not None:
        from bsec_plan.views import chart  # imported here: the register alone needs none of it

        if instrument is None:
            return chart.state_view(asked, rows[0])
        return chart.chart_view(asked, rows, instrument)
    heading = header(asked.plan_file, asked.as_of, "states", missing=missing, instrument=instrument)
    table = states_table(asked.plan, rows, asked.as_of)
    return View(
        blocks=lambda: [plan_file_line(asked), table],
        document=lambda: {**heading, "states": states_json(rows)},
        csv=lambda: table,
    )


def addressed_by_stage(plan: Plan, instrument: str, codes: list[str], as_of: dt.date) -> str:
    """The states an action addresses, grouped by the stage each has reached: `AM AZ (nothing
    recorded); RS (consented, date unknown)`."""
    lacks = [ln for ln in q.missing(plan, as_of, "ratification", instrument) if ln.code in codes]
    return "; ".join(f"{' '.join(c)} ({kind})" for kind, c in lack_groups(lacks)) or "none"
