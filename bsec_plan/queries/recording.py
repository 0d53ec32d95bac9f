"""A fact added to the record: the request checked against the plan, the record placed in the
file that holds it (the plan, or the registers it names), the new text validated with the rules
of `check`, and the two plans handed back for `diff`'s words. Nothing is written here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bsec_plan.domain.citations import source_problem
from bsec_plan.domain.dates import PartialDate
from bsec_plan.domain.schedule import occurrences
from bsec_plan.loading import editing, planfile
from bsec_plan.loading.discovery import bundled_name
from bsec_plan.problems import PlanError, UsageError
from bsec_plan.queries import questions as q

if TYPE_CHECKING:
    from bsec_plan.domain.model import LiaisonOfficer, Plan, Ratification
    from bsec_plan.queries.standing import Standing


# Plain classes, read-only by convention: a dataclass takes milliseconds to define, at every
# start of `record`, and these two are made once a run.
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


class Target:
    """The plan asked for, loaded, and the file where records of one kind are kept; `read`: the
    plan's bytes and text as read for an edit, where the record goes into the plan itself."""

    __slots__ = ("name", "path", "plan", "plan_name", "plan_path", "read")

    def __init__(
        self,
        plan: Plan,
        plan_path: Path,
        plan_name: str,
        path: Path,
        name: str,
        read: tuple[bytes, editing.Text] | None = None,
    ) -> None:
        self.plan, self.plan_path, self.plan_name = plan, plan_path, plan_name
        self.path, self.name, self.read = path, name, read


def target(plan_path: Path, plan_name: str, in_registers: bool) -> Target:
    if plan_name == bundled_name():
        raise UsageError(
            "the bundled plan is part of the installed package and is not edited; record in "
            "your copy: --plan PATH, $BSEC_PLAN, or run it where data/plan.yaml is"
        )
    # not from the cache, nor into it: the file is about to change, so its entry would be stale
    read = None if in_registers else _read_to_edit(plan_path, plan_name)
    if read is None:
        plan = planfile.load(plan_path, cached=False)
    else:  # the tree the edit reads, with its positions, validated: the file is read once
        name, registers = str(plan_path), planfile.file_reader(plan_path, str(plan_path))
        plan = planfile.parse(planfile.decode(read[0], name), name, registers, read[1].root)
    if in_registers and plan.registers is not None:
        relative = plan.registers
        return Target(
            plan,
            plan_path,
            plan_name,
            plan_path.parent / relative,
            str(Path(plan_name).parent / relative),
        )
    return Target(plan, plan_path, plan_name, plan_path, plan_name, read)


def _read_to_edit(path: Path, name: str) -> tuple[bytes, editing.Text] | None:
    """The plan's bytes and text as an edit reads them; None where they cannot be read so, for
    `planfile.load` to say why as it always does (located)."""
    try:
        data = planfile.read_bytes(path)
        return data, editing.read(data, name)
    except (PlanError, UsageError):
        return None


def checked_source(text: str) -> str:
    problem = source_problem(text)
    if problem:
        raise UsageError(f"--source: {problem}")
    return text


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
        raise UsageError(f"{code}'s liaison officer is already recorded so")
    index = next((i for i, r in enumerate(t.plan.liaison_officers) if r.state == code), None)
    return _edited(t, ("liaison_officers",), item, index, (code, None))


_PARTIAL_FORM = re.compile(r"[0-9]{4}(?:-[0-9]{2})?")


def event_date(text: str, parse_day: Callable[[str], dt.date]) -> str:
    """An event's date: a year or a month as the file writes them, or a day in any form
    `--as-of` takes (`parse_day` parses it)."""
    if _PARTIAL_FORM.fullmatch(text.strip()):
        try:
            return str(PartialDate.parse(text.strip()))
        except ValueError as err:
            raise UsageError(f"--date: {err}") from None
    return parse_day(text).isoformat()


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
    if t.read is not None and t.path == t.plan_path:
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


Told = tuple[
    list[tuple[str, str, str | None, str | None]],  # changes: kind, subject, before, after
    list[tuple[str, str | None, str | None, str | None]],  # occurrences whose status moves
]


def progress_told(r: Recorded, as_of: dt.date) -> Told:
    """What a progress record changes, in the words of `diff`, worked out for its one action:
    the record added, and the statuses of the action's occurrences that move. A progress record
    changes nothing else, so `diff` of the two plans says the same (the tests compare them)."""
    from bsec_plan.queries import recordtext
    from bsec_plan.safetext import visible

    added = r.new.progress[-1]  # appended: the last of its list
    key = recordtext.progress_key(added)
    same = sum(recordtext.progress_key(p) == key for p in r.new.progress[:-1])
    subject = key if not same else f"{key} #{same + 1}"  # as `diff` tells repeated records apart
    change = (
        "progress record added",
        visible(subject),
        None,
        visible(recordtext.record_text(added)),
    )
    action = r.new.actions[added.action]
    moved = recordtext.transitions(r.old, r.new, as_of, occurrences(action, r.new.start, r.new.end))
    return [change], moved


Shifted = tuple[str, "str | None", "Standing", "Standing"]  # state, instrument, before, after


def registers_told(
    r: Recorded, as_of: dt.date
) -> tuple[Told, list[Shifted], list[Shifted], list[tuple[str, str, bool]]]:
    """What an event or an officer record changes, in the words of `diff`, worked out for its
    one record: the record added or changed; the standings on its instrument (an event) or the
    liaison officers (an officer record); whom the actions on that instrument address. Nothing
    else can move: an occurrence's status rests on progress records, a party's states on the
    chairmanships and EU membership, a state's standing on its own record and, through the
    entry into force computed from the deposits, on the others' records for that instrument
    only; so `diff` of the two plans says the same (the tests compare them)."""
    from bsec_plan.queries import recordtext
    from bsec_plan.safetext import visible

    state, instrument = r.subject
    before: Ratification | LiaisonOfficer | None
    after: Ratification | LiaisonOfficer
    if instrument is None:
        what, subject = "liaison officer", state
        before, after = r.old.liaison_officer_of.get(state), r.new.liaison_officer_of[state]
    else:
        what, subject = "ratification", f"{state} {instrument}"
        pair = (state, instrument)
        before, after = r.old.ratification_of.get(pair), r.new.ratification_of[pair]
    change = (
        f"{what} {'added' if before is None else 'changed'}",
        visible(subject),
        None if before is None else visible(recordtext.record_text(before)),
        visible(recordtext.record_text(after)),
    )
    standings: list[Shifted] = []
    officers: list[Shifted] = []
    for s in r.new.states:
        if instrument is not None:
            a = (
                q.ratification(r.old, s.code, instrument, as_of)
                if instrument in r.old.instrument_by_id
                else q.UNKNOWN
            )
            b = q.ratification(r.new, s.code, instrument, as_of)
            if recordtext.standing_key(a) != recordtext.standing_key(b):
                standings.append((s.code, instrument, a, b))
        a, b = q.liaison_officer(r.old, s.code, as_of), q.liaison_officer(r.new, s.code, as_of)
        if recordtext.standing_key(a) != recordtext.standing_key(b):
            officers.append((s.code, None, a, b))
    addressed: list[tuple[str, str, bool]] = []
    for ident, action in r.new.actions.items():
        if instrument is None or action.addresses is None or ident not in r.old.actions:
            continue
        if action.addresses.not_ratified != instrument:
            continue
        was, now = set(q.addressed(r.old, ident, as_of)), set(q.addressed(r.new, ident, as_of))
        addressed += [(ident, s, False) for s in sorted(was - now)]
        addressed += [(ident, s, True) for s in sorted(now - was)]
    return ([change], []), standings, officers, addressed


def _file_class(t: Target) -> type:
    """What the edited file holds, for the order of its keys: a plan, or the registers it names."""
    from bsec_plan.domain.model import Plan
    from bsec_plan.domain.registers import Registers

    return Plan if t.path == t.plan_path else Registers


def _validated(t: Target, after: bytes) -> Plan:
    """The plan as it would read with `after` in place, by the rules of `check`."""
    try:
        if t.path == t.plan_path:
            return planfile.parse(planfile.decode(after, t.name), t.plan_name, _registers_of(t))
        plan_text = planfile.decode(planfile.read_bytes(t.plan_path), t.plan_name)

        def read(relative: str) -> tuple[bytes, str]:
            return after, t.name

        return planfile.parse(plan_text, t.plan_name, read)
    except PlanError as err:
        raise Refused(err.problems) from None


def _registers_of(t: Target) -> planfile.Read:
    return planfile.file_reader(t.plan_path, t.plan_name)


class Refused(PlanError):
    """The record would leave the file invalid; the problems are located in the new text."""
