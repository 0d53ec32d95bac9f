"""The tables of `diff` as titles, columns and rows of text: what `diff` and `record` both
show, in a module light to import (no classes), so that `record` can print it plain without
loading the table machinery."""

from __future__ import annotations

import datetime as dt

# (title, columns, rows, what an empty table says)
Block = tuple[str, list[str], list[list[str]], str]


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
