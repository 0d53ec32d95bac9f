"""The Python API: a plan loaded as the command line finds it, and the questions the commands
ask of it, each answered with the typed records the commands' views render.

    from bsec_plan import api
    plan = api.load()
    for row in api.overdue(plan, datetime.date(2010, 6, 1)):
        print(row.due, row.action, row.occurrence)

Import it as `from bsec_plan import api`; `import bsec_plan` alone loads nothing of it, so the
command line starts no slower for its being here. What it promises across releases is written
in docs/python-api.md.

Every function raises `PlanError` (its `problems` located at FILE:LINE:COL) for a plan that
cannot be read or is invalid, and `UsageError` for a request that cannot be answered: an
unknown action, Member State or instrument, a reversed window.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

from bsec_plan.domain.model import Plan
from bsec_plan.problems import PlanError, Problem, UsageError
from bsec_plan.queries import questions
from bsec_plan.queries.questions import DUE_SOON_DAYS, Lack, Overview, Row, StateRow

if TYPE_CHECKING:
    from bsec_plan.queries.action import Shown
    from bsec_plan.queries.changes import Diff
    from bsec_plan.queries.sources import Fact

# the records of `show`, `diff` and `sources`, loaded when first named: a command that asks
# another question does not pay for their modules
_LATER = {
    "Shown": "bsec_plan.queries.action",
    "Diff": "bsec_plan.queries.changes",
    "Fact": "bsec_plan.queries.sources",
}

__all__ = [
    "DUE_SOON_DAYS",
    "Diff",
    "Fact",
    "Lack",
    "Overview",
    "Plan",
    "PlanError",
    "Problem",
    "Row",
    "Shown",
    "StateRow",
    "UsageError",
    "calendar",
    "diff",
    "load",
    "missing",
    "overdue",
    "show",
    "sources",
    "states",
    "status",
]

PlanPath = str | os.PathLike[str]


def __getattr__(name: str) -> Any:
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(_LATER[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(path: PlanPath | None = None, *, cache: bool = True) -> Plan:
    """The plan at `path`, validated, with the registers it names joined in.

    Without a path, the plan the command line would read: `$BSEC_PLAN`, else the nearest
    `data/plan.yaml` from the current folder up to the repository's root, else the plan bundled
    with the package. `cache=False` validates the files themselves and neither reads nor writes
    the per-user cache of validated plans.
    """
    from bsec_plan.loading import discovery, planfile

    found = discovery.resolve(os.fspath(path) if path is not None else None)
    return planfile.load(found, cached=cache)


def _day(as_of: dt.date | None) -> dt.date:
    return dt.date.today() if as_of is None else as_of


def _state(plan: Plan, state: str | None) -> str | None:
    return questions.state_code(plan, state) if state is not None else None


def overdue(plan: Plan, as_of: dt.date | None = None, *, state: str | None = None) -> list[Row]:
    """Every occurrence overdue on `as_of` (default: today), oldest first; with `state` (a code
    in any case, `ro` or `RO`), only those that Member State is responsible for or addressed by.
    """
    return questions.overdue(plan, _day(as_of), _state(plan, state))


def calendar(
    plan: Plan,
    as_of: dt.date | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    state: str | None = None,
    within: int = DUE_SOON_DAYS,
) -> list[Row]:
    """The dated occurrences due from `start` (default: the plan's start) to `end` (default: its
    last deadline), by due date, each with its status on `as_of`; one due within `within` days
    of `as_of` is `due soon`."""
    first, last = questions.window(plan, start, end)
    return questions.deadlines(plan, _day(as_of), first, last, _state(plan, state), within)


def states(
    plan: Plan, as_of: dt.date | None = None, *, instrument: str | None = None
) -> list[StateRow]:
    """Every Member State on `as_of`: its standing on each instrument to ratify (or on
    `instrument` alone), its liaison officer and its EU membership."""
    ident = questions.instrument_id(plan, instrument) if instrument is not None else None
    return questions.states(plan, _day(as_of), ident)


def missing(
    plan: Plan,
    as_of: dt.date | None = None,
    *,
    lacking: str = "ratification",
    instrument: str | None = None,
) -> list[Lack]:
    """The Member States lacking (`lacking`) a `ratification` of any instrument to ratify, or of
    `instrument`, or a `liaison-officer`, on `as_of`; a `Lack` whose `known` is False is only
    unrecorded."""
    if lacking not in ("ratification", "liaison-officer"):
        raise UsageError(f"lacking: {lacking!r}; choose ratification or liaison-officer")
    ident = questions.instrument_id(plan, instrument) if instrument is not None else None
    return questions.missing(plan, _day(as_of), lacking, ident)


def status(
    plan: Plan,
    as_of: dt.date | None = None,
    *,
    state: str | None = None,
    within: int = DUE_SOON_DAYS,
) -> Overview:
    """Where the plan stands on `as_of`: the share of its period passed, occurrences counted by
    direction and status, what is overdue, what comes next, and the states' gaps."""
    return questions.overview(plan, _day(as_of), _state(plan, state), within=within)


def show(
    plan: Plan,
    action: str,
    as_of: dt.date | None = None,
    *,
    state: str | None = None,
    within: int = DUE_SOON_DAYS,
) -> Shown:
    """One action (`A.2`, `a2`): its direction, its occurrences with their status on `as_of`,
    the states it addresses and its progress records."""
    from bsec_plan.queries.action import gather

    return gather(plan, action, _day(as_of), within, _state(plan, state))


def sources(plan: Plan) -> list[Fact]:
    """Every fact of the plan and its registers with its event, date and source, in the file's
    order."""
    from bsec_plan.queries.sources import facts

    return facts(plan)


def diff(old: Plan | PlanPath, new: Plan | PlanPath, as_of: dt.date | None = None) -> Diff:
    """What changed from `old` to `new` (plans, or paths to load), and which occurrences and
    standings change on `as_of` because of it. A `Diff` is true when something changed."""
    from bsec_plan.queries.changes import compare

    before = old if isinstance(old, Plan) else load(old)
    after = new if isinstance(new, Plan) else load(new)
    return compare(before, after, _day(as_of))
