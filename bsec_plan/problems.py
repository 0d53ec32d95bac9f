"""The errors a user can fix: located problems in a plan file, and bad requests."""

from __future__ import annotations

from collections.abc import Iterable

from bsec_plan.plaindata import dataclass
from bsec_plan.safetext import one_line, visible

# where a value stands in a loaded plan: keys and list indices down the tree, as in pydantic's `loc`
TreePath = tuple[int | str, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about a file: where it is, what it says, and how grave it is."""

    file: str
    line: int  # 1-based
    col: int  # 1-based
    message: str
    severity: str = "error"  # or "warning": worth a look, but the file is valid; or "note"

    def __str__(self) -> str:
        # one problem, one line: a value quoted in the message may hold line breaks
        message = visible(self.message).replace("\n", "\\n")
        return f"{one_line(self.file)}:{self.line}:{self.col}: {self.severity}: {message}"


class PlanError(Exception):
    """The plan file could not be read or is invalid; `problems` lists every reason, sorted;
    `head`, where given, is said above them (what was refused because of them)."""

    def __init__(self, problems: list[Problem], head: str | None = None):
        self.problems = sorted(problems)
        self.head = head
        super().__init__("\n".join(map(str, self.problems)))


class UsageError(Exception):
    """A request that cannot be answered: a bad date, an unknown id or state, a reversed window.
    The message says what would be valid. Exit 2."""

    def __str__(self) -> str:
        # the message may quote an argument, as untrusted as plan text: escaped the same way,
        # and on one line, so that a name holding a line break cannot forge a line of a log
        return one_line(super().__str__())


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'X'?)` for the choice closest to a mistyped word, in any case; or ''."""
    import difflib

    by_fold = {c.casefold(): c for c in choices}
    word = word.strip().casefold()
    # a short id differs in a larger share of its letters: `C.4` for `C.1`; but only one
    # with the same first letter is a guess (`Z.1` is no direction, not a slip for `C.1`)
    short = len(word) <= 4
    folded = [c for c in by_fold if not short or c[:1] == word[:1]]
    close = difflib.get_close_matches(word, folded, n=1, cutoff=0.6 if short else 0.8)
    return f" (did you mean '{by_fold[close[0]]}'?)" if close else ""


def listed(ids: Iterable[str], at_most: int = 30) -> str:
    """Ids for a message: every one when they are few; else each run of consecutive numbers
    under one prefix as its ends (`A.1 to A.3334, B.1 to B.3333`), so that a large plan's
    message stays a line, not ten thousand ids."""
    ids = list(ids)
    if len(ids) <= at_most:
        return ", ".join(ids)
    runs: list[list[str]] = []  # each run: its first id, its last id
    last: tuple[str, int] | None = None  # the prefix and number of the id before
    for one in ids:
        prefix, _, tail = one.rpartition(".")
        number = int(tail) if tail.isdigit() and str(int(tail)) == tail else None
        if number is not None and last == (prefix, number - 1):
            runs[-1][1] = one
        else:
            runs.append([one, one])
        last = None if number is None else (prefix, number)
    return ", ".join(first if first == end else f"{first} to {end}" for first, end in runs)
