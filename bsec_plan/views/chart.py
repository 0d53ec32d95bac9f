"""What `states --instrument ID` and `states --state CODE` show, as a treaty office charts it: a
column per stage (signature, consent, deposit, entry into force), reservations and declarations
marked R and D, totals at the foot, and the sources numbered beneath."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bsec_plan.domain.model import Instrument, Plan
from bsec_plan.domain.stages import entries
from bsec_plan.domain.treaty import STAGES
from bsec_plan.queries import questions as q
from bsec_plan.queries import standing
from bsec_plan.views.common import Asked, Table, View, header, iso, plan_file_line, stage_text

HEADS = {
    "signature": "Signature",
    "consent": "Consent",
    "deposit": "Deposit",
    "entry-into-force": "In force",
}


class Sources:
    """Sources numbered in order of first citation, each once."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def mark(self, source: str | None) -> str:
        if not source:
            return ""
        return f" [{self.numbers.setdefault(source, len(self.numbers) + 1)}]"

    def lines(self) -> list[str]:
        if not self.numbers:
            return []
        return ["Sources:", *(f"[{n}] {source}" for source, n in self.numbers.items())]


def stage_words(stage: q.Stage | None) -> str:
    """`ratification 2001-06-27 (law)`, `2003-05-08 computed`, `date unknown`, `—`."""
    if stage is None:
        return "—"
    words = [stage.kind or "", stage.date or "date unknown"]
    if stage.date and not stage.reached:
        words.append("(date unknown)")
    if stage.act:
        words.append(f"({stage.act})")
    if stage.computed:
        words.append("computed")
    return " ".join(w for w in words if w)


def stage_cell(stage: q.Stage | None, sources: Sources) -> str:
    """`ratification 2001-06-27 (law) [1]`, `2003-05-08 computed [2]`, `date unknown [3]`, `—`."""
    return stage_words(stage) + (sources.mark(stage.source) if stage else "")


def consent_shown(s: q.Standing) -> tuple[str, str | None]:
    """The consent stage, or consent shown by a publication (`by 2001-06-29 (published)`), with
    the source it rests on."""
    consent = s.stages.get("consent")
    if s.evidence is not None and (consent is None or not consent.reached):
        return f"by {s.evidence.date} (published)", s.evidence.source
    # consent shown by a publication whose day is not known on the as-of date (no date, a year)
    if s.event == "publication" and s.shown is not None:
        day = f" {s.shown.date}" if s.shown.date else ""
        return f"date unknown (published{day})", s.shown.source
    return stage_words(consent), consent.source if consent else None


def consent_cell(s: q.Standing, sources: Sources) -> str:
    """The consent stage, or consent shown by a publication: `by 2001-06-29 (published) [4]`."""
    text, source = consent_shown(s)
    return text + sources.mark(source)


def marks(s: q.Standing) -> str:
    kinds = {r.kind for r in s.reservations}
    return " ".join(m for m, k in (("R", "reservation"), ("D", "declaration")) if k in kinds)


def reservation_lines(pairs: list[tuple[str, q.Standing]], sources: Sources) -> list[str]:
    """Each reservation and declaration with its text, under the chart that marks it."""
    lines = [
        f"{key} {r.kind}{f' {r.date}' if r.date else ''}: {r.text}{sources.mark(r.source)}"
        for key, s in pairs
        for r in s.reservations
    ]
    return ["Reservations and declarations:", *lines] if lines else []


def stage_row(s: q.Standing, sources: Sources) -> list[str]:
    cells = []
    for name in STAGES:
        cells.append(
            consent_cell(s, sources)
            if name == "consent"
            else stage_cell(s.stages.get(name), sources)
        )
    return [*cells, marks(s)]


def totals(standings: list[q.Standing], count: int) -> str:
    def reached(name: str) -> int:
        return sum(1 for s in standings if name in s.stages and s.stages[name].reached)

    consented = sum(1 for s in standings if s.answer == "ratified")
    return (
        f"Totals: signed {reached('signature')}, consented {consented}, deposited "
        f"{reached('deposit')}, in force {reached('entry-into-force')} of {count}."
    )


def rule_lines(plan: Plan, found: Instrument, sources: Sources) -> list[str]:
    """The instrument's own rule: depositary, clause, the clause as data, the general date."""
    depositary = found.depositary
    rule = found.entry_into_force
    general = entries(plan, found.id)
    lines = [
        f"{found.title}"
        + (f", {found.done_at}" if found.done_at else "")
        + (f", {found.done_on}" if found.done_on else ""),
        "Depositary: "
        + (depositary.name + sources.mark(depositary.source) if depositary else "not found"),
    ]
    if rule is None:
        lines.append("Entry into force: the clause was not found; no state's date is computed.")
    else:
        lines.append(
            "Entry into force: "
            + (rule.clause or "the clause's text was not found")
            + sources.mark(rule.source)
        )
        lines.append(
            "  read as: "
            + (
                f"{rule.first}; a later state: {rule.later or 'not said'}"
                if rule.known
                else "unknown"
            )
        )
    recorded = found.general_entry
    if recorded is not None:
        quote = f" — {recorded.note}" if recorded.note else ""
        lines.append(f"In force generally: {recorded.date}{quote}{sources.mark(recorded.source)}")
    elif general.general is not None:
        lines.append(f"In force generally: {general.general}, computed from the deposits")
    return lines


def chart_table(
    plan: Plan, rows: list[q.StateRow], instrument: str, as_of: dt.date, sources: Sources
) -> Table:
    found = plan.instrument_by_id[instrument]
    table = Table(
        f"{found.short} on {as_of}",
        ["State", *HEADS.values(), "R/D"],
        wrap=tuple(HEADS.values()),
    )
    standings = [r.ratifications[instrument] for r in rows]
    for r, s in zip(rows, standings, strict=True):
        table.rows.append([r.code, *stage_row(s, sources)])
    table.legend = (
        totals(standings, len(rows))
        + " R: reservation, D: declaration; computed: from the instrument's clause."
    )
    return table


def stage_json(s: q.Stage) -> dict[str, Any]:
    return {
        "date": s.date,
        "reached": s.reached,
        "recorded": not s.computed,
        "computed": s.computed,
        "kind": s.kind,
        "act": s.act,
        "note": s.note,
        "source": s.source,
    }


def standing_json(s: q.Standing) -> dict[str, Any]:
    """The stages of a state's standing, each recorded or computed."""
    return {
        "stage": s.stage if s.shown else standing.NOTHING,
        "stage_text": stage_text(s, standing.NOTHING),
        "consented": s.answer == "ratified",
        "bound_known": s.bound_known,
        "stages": {name: stage_json(s.stages[name]) for name in STAGES if name in s.stages},
        "evidence": None
        if s.evidence is None
        else {"event": "publication", "date": str(s.evidence.date), "source": s.evidence.source},
        "reservations": [
            {
                "kind": r.kind,
                "text": r.text,
                "date": str(r.date) if r.date else None,
                "source": r.source,
            }
            for r in s.reservations
        ],
    }


def instrument_json(plan: Plan, instrument: str) -> dict[str, Any]:
    found = plan.instrument_by_id[instrument]
    general = entries(plan, instrument)
    rule = found.entry_into_force
    return {
        "id": found.id,
        "title": found.title,
        "depositary": None
        if found.depositary is None
        else {"name": found.depositary.name, "source": found.depositary.source},
        "entry_into_force": None
        if rule is None
        else {
            "clause": rule.clause,
            "first": rule.first,
            "later": rule.later,
            "known": rule.known,
            "source": rule.source,
        },
        "general_entry": {
            "date": str(found.general_entry.date) if found.general_entry else iso(general.general),
            "computed": found.general_entry is None and general.general is not None,
            "source": found.general_entry.source if found.general_entry else None,
        }
        if found.general_entry or general.general
        else None,
    }


def chart_view(asked: Asked, rows: list[q.StateRow], instrument: str) -> View:
    heading = header(asked.plan_file, asked.as_of, "states", instrument=instrument)
    sources = Sources()
    above = rule_lines(asked.plan, asked.plan.instrument_by_id[instrument], sources)
    table = chart_table(asked.plan, rows, instrument, asked.as_of, sources)
    standings = [r.ratifications[instrument] for r in rows]
    below = reservation_lines([(r.code, r.ratifications[instrument]) for r in rows], sources)
    return View(
        blocks=lambda: [
            plan_file_line(asked),
            "\n".join(above) + "\n",
            table,
            *below,
            *sources.lines(),
        ],
        document=lambda: {
            **heading,
            "instrument": instrument_json(asked.plan, instrument),
            "states": [
                {"code": r.code, "name": r.name, **standing_json(r.ratifications[instrument])}
                for r in rows
            ],
            "totals": _totals_json(standings, len(rows)),
        },
        csv=lambda: _csv("State", [(r.code, r.ratifications[instrument]) for r in rows]),
    )


def _totals_json(standings: list[q.Standing], count: int) -> dict[str, int]:
    def reached(name: str) -> int:
        return sum(1 for s in standings if name in s.stages and s.stages[name].reached)

    return {
        "signed": reached("signature"),
        "consented": sum(1 for s in standings if s.answer == "ratified"),
        "deposited": reached("deposit"),
        "in_force": reached("entry-into-force"),
        "of": count,
    }


def _csv(first: str, pairs: list[tuple[str, q.Standing]]) -> Table:
    """One row per stage: its date, whether reached, recorded or computed, and its source."""
    table = Table("", [first, "Stage", "Date", "Reached", "Date is", "Kind", "Act", "Source"])
    for key, s in pairs:
        for name in STAGES:
            stage = s.stages.get(name)
            if stage is None:
                continue
            reached = "yes" if stage.reached else "date unknown"
            table.rows.append(
                [
                    key,
                    name,
                    stage.date or "",
                    reached,
                    "computed" if stage.computed else "recorded",
                    stage.kind or "",
                    stage.act or "",
                    stage.source or "",
                ]
            )
    return table


# -- one state across every instrument -------------------------------------------------------


def state_view(asked: Asked, row: q.StateRow) -> View:
    plan = asked.plan
    sources = Sources()
    table = Table(
        f"{row.name} ({row.code}) on {asked.as_of}",
        ["Instrument", *HEADS.values(), "R/D"],
        wrap=("Instrument", *HEADS.values()),
    )
    for ident, s in row.ratifications.items():
        table.rows.append([plan.instrument_by_id[ident].short, *stage_row(s, sources)])
    officer = row.liaison_officer
    lo = officer.answer.replace("-", " ")
    if officer.inferred_from:
        lo += f" (inferred from {officer.inferred_from})"
    lo += sources.mark(officer.source)
    eu = f"member since {row.eu_since}" if row.eu_since else "not a member"
    shorts = [(plan.instrument_by_id[i].short, s) for i, s in row.ratifications.items()]
    lines = [f"Liaison officer: {lo}", f"European Union: {eu}", *reservation_lines(shorts, sources)]
    heading = header(asked.plan_file, asked.as_of, "states", state=row.code)
    return View(
        blocks=lambda: [plan_file_line(asked), table, "\n".join(lines) + "\n", *sources.lines()],
        document=lambda: {
            **heading,
            "state": {
                "code": row.code,
                "name": row.name,
                "instruments": {i: standing_json(s) for i, s in row.ratifications.items()},
                "liaison_officer": {
                    "status": officer.answer,
                    "inferred_from": officer.inferred_from,
                    "source": officer.source,
                },
                "eu_member": row.eu_since is not None,
                "eu_since": iso(row.eu_since),
            },
        },
        csv=lambda: _csv("Instrument", list(row.ratifications.items())),
    )
