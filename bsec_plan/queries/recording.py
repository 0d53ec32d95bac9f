"""A fact added to the record: the request checked against the plan, the record placed in the
file that holds it (the plan, or the registers it names), the new text validated with the rules
of `check`, and the two plans handed back for `diff`'s words. Nothing is written here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bsec_plan.domain.citations import source_problem
from bsec_plan.domain.dates import PartialDate
from bsec_plan.domain.schedule import occurrences
from bsec_plan.loading import editing, planfile
from bsec_plan.problems import PlanError, UsageError
from bsec_plan.queries import questions as q
from bsec_plan.queries.recordtarget import Target, target

if TYPE_CHECKING:
    from typing import Concatenate, ParamSpec

    from bsec_plan.domain.model import Plan

    P = ParamSpec("P")


# A plain class, read-only by convention: a dataclass takes milliseconds to define, at every
# start of `record`, and it is made once a run.
class Recorded:
    """What a record makes of the file that holds it."""

    __slots__ = ("after", "before", "name", "new", "old", "path", "section", "subject")

    def __init__(
        self,
        path: Path,  # the file to replace
        name: str,  # how messages name it
        before: bytes,
        after: bytes,
        old: Plan,
        new: Plan,
        section: str,  # the list the record went into: progress, ratifications, liaison_officers
        subject: tuple[str, str | None] = ("", None),  # a registers record's state, instrument
    ) -> None:
        self.path, self.name, self.before, self.after = path, name, before, after
        self.old, self.new, self.section, self.subject = old, new, section, subject


def checked_source(text: str) -> str:
    problem = source_problem(text)
    if problem:
        raise UsageError(f"--source: {problem}")
    return text


# types for the checker alone: a typing construct made at import costs at every start
if TYPE_CHECKING:
    Make = Callable[Concatenate[Target, P], Recorded]  # a record made from the target asked of


def _retried(in_registers: bool) -> Callable[[Make[P]], Make[P]]:
    """A record made from `t`, and where anything is refused and `t` was not checked by every
    rule of `check`, made again from the files so checked, so that what is said is what it
    always was (where the files break a rule, their own problems, located)."""

    def wrap(make: Make[P]) -> Make[P]:
        def asked(t: Target, /, *args: P.args, **kwargs: P.kwargs) -> Recorded:
            try:
                return make(t, *args, **kwargs)
            except (UsageError, PlanError):
                if t.checked:
                    raise
            checked = target(t.plan_path, t.plan_name, in_registers, checked=True)
            return make(checked, *args, **kwargs)

        asked.__doc__ = make.__doc__
        return asked

    return wrap


@_retried(in_registers=False)
def progress(
    t: Target,
    action: str,
    occurrence: str | None,
    day: dt.date,
    status: str,
    summary: str,
    source: str,
    assessment: str | None = None,
) -> Recorded:
    """A progress record on one occurrence of an action, appended to the plan's `progress`."""
    action_id = q.action_id(t.plan, action)
    labels = [o.label for o in occurrences(t.plan.actions[action_id], t.plan.start, t.plan.end)]
    if occurrence is not None:  # in any case, as an action id is taken: `2010-h1`
        occurrence = {str(label).casefold(): label for label in labels}.get(
            occurrence.casefold(), occurrence
        )
    if day < t.plan.start:  # surely a slip of the year: the plan had not begun
        raise UsageError(
            f"--date: {day} is before the plan's period, which begins on "
            f"{t.plan.start}; record what was done for the plan"
        )
    if labels == [None]:
        if occurrence is not None:
            raise UsageError(f"{action_id} has no dated occurrences; leave out the occurrence")
    elif occurrence not in labels:
        listed = ", ".join(str(label) for label in labels)
        said = f"no occurrence '{occurrence}'" if occurrence else "name the occurrence"
        raise UsageError(f"{action_id}: {said}; its occurrences are {listed}")
    if not summary.strip():
        raise UsageError("--summary: say what was done, in a sentence")
    if assessment is not None and not assessment.strip():
        raise UsageError("--assessment: say how the work was judged, or leave the option out")
    item: editing.Item = {
        "action": action_id,
        "occurrence": occurrence,
        "date": day.isoformat(),
        "status": status,
        "summary": summary,
        "assessment": assessment,
        "source": checked_source(source),
    }
    for p in t.plan.progress:
        if (p.action, p.occurrence, p.date, p.status) == (action_id, occurrence, day, status):
            raise UsageError(
                f"{action_id} {occurrence or ''} already has a {status} record dated "
                f"{day.isoformat()}: {p.summary}".replace("  ", " ")
            )
    return _edited(t, ("progress",), item, None)


@_retried(in_registers=True)
def officer(t: Target, state: str, status: str, day: dt.date | None, source: str) -> Recorded:
    """A state's liaison officer: its record replaced (one a state), or a new one appended."""
    code = q.state_code(t.plan, state)
    item: editing.Item = {
        "state": code,
        "status": status,
        "date": day.isoformat() if day else None,
        "source": checked_source(source),
    }
    current = t.plan.liaison_officer_of.get(code)
    if current is not None and (current.status, current.date, current.source) == (
        status,
        day,
        source,
    ):
        said = f"{status.replace('-', ' ')}" + (f" on {day}" if day else "")
        raise UsageError(
            f"{code}'s liaison officer is already recorded as {said}, with this source; "
            "nothing to record"
        )
    index = next((i for i, r in enumerate(t.plan.liaison_officers) if r.state == code), None)
    return _edited(t, ("liaison_officers",), item, index, (code, None))


def _partial_form(text: str) -> bool:
    """Whether `text` is YYYY or YYYY-MM in ASCII digits (told without compiling a pattern)."""
    digits = text[:4] + text[5:]
    return (
        len(text) in (4, 7)
        and (len(text) == 4 or text[4] == "-")
        and digits.isascii()
        and digits.isdigit()
    )


def event_date(text: str, parse_day: Callable[[str], dt.date]) -> str:
    """An event's date: a year or a month as the file writes them, or a day in any form
    `--as-of` takes (`parse_day` parses it)."""
    if _partial_form(text.strip()):
        try:
            return str(PartialDate.parse(text.strip()))
        except ValueError as err:
            raise UsageError(f"--date: {err}") from None
    return parse_day(text).isoformat()


@_retried(in_registers=True)
def event(
    t: Target,
    state: str,
    instrument: str,
    kind: str,
    date: str | None,
    source: str,
    note: str | None,
) -> Recorded:
    """One step of a state's ratification: added to its record for the instrument, or a new
    record holding it."""
    code = q.state_code(t.plan, state)
    instrument_id = q.instrument_id(t.plan, instrument)
    new_event: editing.Item = {
        "event": kind,
        "date": date,
        "note": note,
        "source": checked_source(source),
    }
    index = next(
        (
            i
            for i, r in enumerate(t.plan.ratifications)
            if (r.state, r.instrument) == (code, instrument_id)
        ),
        None,
    )
    if index is None:
        record: editing.Item = {"state": code, "instrument": instrument_id, "events": [new_event]}
        return _edited(t, ("ratifications",), record, None, (code, instrument_id))
    for e in t.plan.ratifications[index].events:
        if e.event == kind and (str(e.date) if e.date else None) == date:
            raise UsageError(
                f"{code} already has a {kind} of '{instrument_id}' dated {date or 'unknown'}"
            )
    return _edited(t, ("ratifications", index, "events"), new_event, None, (code, instrument_id))


def _edited(
    t: Target,
    path: tuple[str | int, ...],
    item: editing.Item,
    index: int | None,
    subject: tuple[str, str | None] = ("", None),
) -> Recorded:
    if t.read is not None:
        before, text = t.read
    else:
        before = planfile.read_bytes(t.path)
        text = editing.read(before, t.name)
    after = (
        editing.append(text, path, item, _file_class(t))
        if index is None
        else editing.replace(text, path, index, item)
    )
    new = _validated(t, after)
    return Recorded(t.path, t.name, before, after, t.plan, new, str(path[0]), subject)


def _file_class(t: Target) -> type:
    """What the edited file holds, for the order of its keys: a plan, or the registers it names."""
    from bsec_plan.domain.model import Plan
    from bsec_plan.domain.registers import Registers

    return Plan if t.path == t.plan_path else Registers


def _validated(t: Target, after: bytes) -> Plan:
    """The plan as it would read with `after` in place, by the rules of `check`; problems in the
    edited file are named `FILE (recorded)`, as `diff`'s words name it: not the file on disk."""
    recorded = f"{t.name} (recorded)"
    try:
        if t.path == t.plan_path:
            return planfile.parse(planfile.decode(after, recorded), recorded, _registers_of(t))
        if t.plan_read is None:
            plan_text, root = planfile.decode(planfile.read_bytes(t.plan_path), t.plan_name), None
        else:  # as read and validated a moment ago: its tree is not made again
            plan_text, root = t.plan_read

        def read(relative: str) -> tuple[bytes, str]:
            return after, recorded

        return planfile.parse(plan_text, t.plan_name, read, root)
    except PlanError as err:
        # the note at the plan's `registers:` line says no more than the head does
        found = [p for p in err.problems if p.severity != "note"] or err.problems
        head = f"not recorded: it would leave {t.name} invalid, as located in {recorded}"
        raise Refused(found, head) from None


def _registers_of(t: Target) -> planfile.Read:
    return planfile.file_reader(t.plan_path, t.plan_name)


class Refused(PlanError):
    """The record would leave the file invalid; the problems are located in the new text."""
