"""A state's standing in words: what `states`, `diff` and `record` write in a cell, in a module
light to import (no classes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bsec_plan.queries import standing

if TYPE_CHECKING:
    from bsec_plan.queries.standing import Standing

EVENT_WORD: dict[str, str] = {
    "ratification": "ratified",
    "approval": "approved",
    "acceptance": "accepted",
    "accession": "acceded",
    "publication": "published",
    "entry-into-force": "in force",
    "signature": "signed",
}


def stage_text(s: Standing, empty: str = "—") -> str:
    """The stage reached, in words (see `standing.words`); `empty` when nothing is recorded."""
    return standing.words(s, empty)


def standing_text(s: Standing, good: str) -> str:
    """`in force 2000-03-08` (see stage_text), `appointed (inferred from …)`."""
    if good == "ratified":
        return stage_text(s)
    if s.answer == "date unknown":
        return (
            f"date unknown ({EVENT_WORD[s.event or 'ratification']} {s.date})"
            if s.date
            else "date unknown"
        )
    if s.answer != good:
        return s.answer.replace("-", " ")
    word = EVENT_WORD.get(s.event or "", good)
    if s.inferred_from:
        return f"{word} (inferred from {s.inferred_from})"
    return f"{word} {s.date}" if s.date else f"{word} (date unknown)"
