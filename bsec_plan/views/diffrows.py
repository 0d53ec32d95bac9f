"""The tables of `diff` as titles, columns and rows of text: what `diff` and `record` both
show, in a module light to import (no classes), so that `record` can print it plain without
loading the table machinery."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bsec_plan.queries.standing import NOTHING
from bsec_plan.views.standingtext import stage_text, standing_text

if TYPE_CHECKING:
    from bsec_plan.queries.standing import Standing

# (title, columns, rows, what an empty table says)
Block = tuple[str, list[str], list[list[str]], str]
Shifted = tuple[str, "str | None", "Standing", "Standing"]
"""A state's standing before and after: state, instrument (None: its liaison officer)."""


def blocks(
    as_of: dt.date,
    old_name: str,
    new_name: str,
    changes: list[tuple[str, str, str | None, str | None]],
    meanings: list[tuple[str, str, str, str]],
    transitions: list[tuple[str, str | None, str | None, str | None]],
) -> list[Block]:
    """The changes, what they mean for the states (left out when nothing), and the occurrences
    whose status changes; the rows as `diff` words them."""
    found = [
        (
            f"Changes from {old_name} to {new_name}",
            ["Change", "Subject", "Before", "After"],
            [[kind, subject, old or "—", new or "—"] for kind, subject, old, new in changes],
            "none",
        )
    ]
    if meanings:
        found.append(
            (
                f"What it means for the states, as of {as_of}",
                ["Meaning", "Subject", "Before", "After"],
                [list(row) for row in meanings],
                "none",
            )
        )
    found.append(
        (
            f"Occurrences whose status changes, as of {as_of}",
            ["Occurrence", "Before", "After"],
            [
                [f"{action} {label}" if label else action, old or "absent", new or "absent"]
                for action, label, old, new in transitions
            ],
            "none",
        )
    )
    return found


def standing_words(s: Standing, good: str) -> str:
    """A liaison officer's standing, or the stage reached on an instrument: `consented →
    in force 2003-05-08, computed`."""
    if good == "ratified":
        return stage_text(s, NOTHING)
    return standing_text(s, good)


def _officer_words(old: Standing, new: Standing) -> tuple[str, str]:
    """Before and after; where the words are the same (`not appointed`), what moved is the
    record's date, and each side says it."""
    before, after = standing_words(old, "appointed"), standing_words(new, "appointed")
    if before != after:
        return before, after

    def dated(words: str, s: Standing) -> str:
        return f"{words}, dated {s.date}" if s.date else f"{words}, no date"

    return dated(before, old), dated(after, new)


def meaning_rows(
    standings: list[Shifted],
    officers: list[Shifted],
    addressed: list[tuple[str, str, bool]],
    responsible: list[tuple[str, str | None, str, str, str]],
) -> list[tuple[str, str, str, str]]:
    """(what, subject, before, after) for each change in a state's standing, a liaison officer,
    whom an action addresses (action, state, addressed after), and who is responsible for an
    occurrence (action, occurrence, party, before, after)."""
    rows = [
        (
            "standing",
            f"{state} {instrument}",
            standing_words(old, "ratified"),
            standing_words(new, "ratified"),
        )
        for state, instrument, old, new in standings
    ]
    rows += [
        ("liaison officer", state, *_officer_words(old, new)) for state, _, old, new in officers
    ]
    rows += [
        (
            "addressed",
            f"{action} {state}",
            "not addressed" if now else "addressed",
            "addressed" if now else "not addressed",
        )
        for action, state, now in addressed
    ]
    rows += [
        ("responsible", f"{action} {occurrence or ''}".rstrip() + f" {party}", old, new)
        for action, occurrence, party, old, new in responsible
    ]
    return rows
