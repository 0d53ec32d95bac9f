"""What `states --missing` shows: one line per state and what it lacks; on a terminal the
sources become numbered references listed once under the table (the writer does that)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q
from bsec_plan.views.common import EVENT_WORD, Asked, Table, View, header


def lack_text(lack: q.Lack) -> str:
    if lack.status == "date unknown":
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


def lack_short(lack: q.Lack) -> str:
    """The event and its date, or what is known: `ratification, date unknown`, `published 2011,
    date unknown`, `not appointed`, `no record`."""
    if lack.status == "date unknown":
        event = lack.event or "ratification"
        return (
            f"{EVENT_WORD[event]} {lack.date}, date unknown"
            if lack.date
            else f"{event}, date unknown"
        )
    if lack.known:
        return lack.status.replace("-", " ")
    return "no record"


def missing_table(plan: Plan, lacks: list[q.Lack], what: str, as_of: dt.date) -> Table:
    title = "liaison officer" if what == "liaison-officer" else "ratification"
    table = Table(
        f"States missing a {title} on {as_of}",
        ["State", "Name", "Missing", "Lack", "Source"],
        wrap=("Source",),
        empty="none missing",
    )
    # on a terminal: one line per state and instrument; the name is the code's to say
    table.narrow = Table(
        table.title,
        ["State", "Missing", "Standing", "Source"],
        wrap=("Missing", "Standing", "Source"),
        empty=table.empty,
    )
    table.narrow.legend = "no record: none found; names and events: bsec-plan states."
    for lack in lacks:
        missing = (
            "liaison officer"
            if lack.what == "liaison-officer"
            else plan.instrument_by_id[lack.what].short
        )
        table.rows.append([lack.code, lack.name, missing, lack_text(lack), lack.source or ""])
        table.narrow.rows.append([lack.code, missing, lack_short(lack), lack.source or "—"])
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
            "status": ln.status,
            "event": ln.event,
            "date": ln.date,
            "source": ln.source,
        }
        for ln in lacks
    ]


def missing_view(asked: Asked, lacks: list[q.Lack], what: str, instrument: str | None) -> View:
    head = header(asked.plan_file, asked.as_of, "states", missing=what, instrument=instrument)
    table = missing_table(asked.plan, lacks, what, asked.as_of)
    return View(
        blocks=lambda: [f"Plan file: {asked.plan_file}", table],
        document=lambda: {**head, "missing": missing_json(lacks)},
        table=lambda: table,
    )
