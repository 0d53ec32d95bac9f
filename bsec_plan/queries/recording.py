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
    from bsec_plan.domain.model import Plan
    from bsec_plan.domain.registers import Registers
    from bsec_plan.loading.yamlpos import Node


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
    """The plan asked for, loaded, and the file where records of one kind are kept; `read`: that
    file's bytes and text as read for an edit; `plan_read`: the plan's text and tree, where the
    records go into the registers it names (the plan is validated again from them)."""

    __slots__ = ("checked", "name", "path", "plan", "plan_name", "plan_path", "plan_read", "read")

    def __init__(
        self,
        plan: Plan,
        plan_path: Path,
        plan_name: str,
        path: Path,
        name: str,
        read: tuple[bytes, editing.Text] | None = None,
        plan_read: tuple[str, Node] | None = None,
    ) -> None:
        self.plan, self.plan_path, self.plan_name = plan, plan_path, plan_name
        self.path, self.name, self.read, self.plan_read = path, name, read, plan_read
        self.checked = True  # False: `plan` has not had the reference rules (see `_asked`)


def target(plan_path: Path, plan_name: str, in_registers: bool, checked: bool = False) -> Target:
    """`checked`: the plan by every rule of `check` (else by pydantic's rules, and the registers
    of a progress record, which it leaves as they are, by every rule: see `_structure`)."""
    if plan_name == bundled_name():
        raise UsageError(
            "the bundled plan is part of the installed package and is not edited; record in "
            "your copy: --plan PATH, $BSEC_PLAN, or run it where data/plan.yaml is"
        )
    # not from the cache, nor into it: the file is about to change, so its entry would be stale
    if in_registers:
        return _registers_target(plan_path, plan_name, checked)
    read, quick = _read_to_edit(plan_path, plan_name), None
    if read is None:
        plan = planfile.load(plan_path, cached=False)
    else:  # the tree the edit reads, with its positions, validated: the file is read once
        name, registers = str(plan_path), planfile.file_reader(plan_path, str(plan_path))

        def checked_registers(relative: str) -> Registers:
            data, shown = registers(relative)
            return planfile.parse_registers(planfile.decode(data, shown), shown)

        quick = None if checked else _structure(read[1].root, checked_registers)
        plan = (
            quick
            if quick is not None
            else planfile.parse(planfile.decode(read[0], name), name, registers, read[1].root)
        )
    found = Target(plan, plan_path, plan_name, plan_path, plan_name, read)
    found.checked = quick is None
    return found


def _structure(root: Node, registers: Callable[[str], Registers]) -> Plan | None:
    """A plan that names its registers, by pydantic's rules, joined with `registers(relative)`;
    not by the reference rules over the two. None where it is not so simple. Enough to tell a
    record from: the edited text must pass every rule of `check`, and where it does not, the
    record is asked again of the files checked by every rule (see `_asked`)."""
    from pydantic_core import ValidationError

    from bsec_plan.domain.registers import REGISTER_FIELDS, with_registers
    from bsec_plan.loading import validation, yamlpos

    relative = root.get("registers") if isinstance(root, yamlpos.Mapping) else None
    if not isinstance(relative, str) or not relative or relative.startswith(("/", "~")):
        return None
    if any(k in REGISTER_FIELDS and k != "parties" for k in root):
        return None
    try:
        return with_registers(validation.validate(root), registers(relative))
    except (ValidationError, planfile.Unreadable, PlanError):
        return None


def _registers_target(plan_path: Path, plan_name: str, checked: bool) -> Target:
    """The plan, and the registers it names read once, with the positions the edit needs, and
    validated from that tree: by pydantic's rules alone, where not `checked` (see `_asked`),
    else by every rule (planfile keeps the last valid registers by their text). Where anything
    cannot be read so, `planfile.load` reads it all again, to say why as it always does."""
    from bsec_plan.loading import validation, yamlpos

    name, reader = str(plan_path), planfile.file_reader(plan_path, str(plan_path))
    quick = None
    try:
        text = planfile.decode(planfile.read_bytes(plan_path), name)
        root = yamlpos.load(text, positions=False)
    except (PlanError, yamlpos.YamlProblem):
        plan = planfile.load(plan_path, cached=False)
        text, root = "", None
    else:
        relative = root.get("registers") if isinstance(root, yamlpos.Mapping) else None
        registers_read = _registers_read(reader, relative, plan_name, checked)
        if registers_read is not None and not checked:
            tree = registers_read[1].root
            quick = _structure(root, lambda _: validation.validate_registers(tree))
        plan = quick if quick is not None else planfile.parse(text, name, reader, root)
    if plan.registers is None:  # the plan holds its registers itself
        return Target(plan, plan_path, plan_name, plan_path, plan_name)
    path, shown = plan_path.parent / plan.registers, str(Path(plan_name).parent / plan.registers)
    read = registers_read if root is not None else None
    found = Target(
        plan, plan_path, plan_name, path, shown, read, None if root is None else (text, root)
    )
    found.checked = quick is None
    return found


def _registers_read(
    reader: planfile.Read, relative: object, name: str, checked: bool
) -> tuple[bytes, editing.Text] | None:
    if not isinstance(relative, str) or not relative:
        return None
    try:
        data, shown = reader(relative)
        read = data, editing.read(data, str(Path(name).parent / relative))
        if checked:
            planfile.parse_registers(planfile.decode(data, shown), shown, read[1].root)
    except (planfile.Unreadable, PlanError, UsageError):
        return None  # the plan's validation says why
    return read


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
    asked = (action, occurrence, day, status, summary, source, assessment)
    return _asked(t, False, lambda t: _progress(t, *asked))


def _asked(t: Target, in_registers: bool, record: Callable[[Target], Recorded]) -> Recorded:
    """The record made from `t`; where anything is refused and `t` was not checked by every
    rule of `check`, made again from the files so checked, so that what is said is what it
    always was (where the files break a rule, their own problems, located)."""
    try:
        return record(t)
    except (UsageError, PlanError):
        if t.checked:
            raise
    return record(target(t.plan_path, t.plan_name, in_registers, checked=True))


def _progress(
    t: Target,
    action: str,
    occurrence: str | None,
    day: dt.date,
    status: str,
    summary: str,
    source: str,
    assessment: str | None = None,
) -> Recorded:
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


def officer(t: Target, state: str, status: str, day: dt.date | None, source: str) -> Recorded:
    """A state's liaison officer: its record replaced (one a state), or a new one appended."""
    return _asked(t, True, lambda t: _officer(t, state, status, day, source))


def _officer(t: Target, state: str, status: str, day: dt.date | None, source: str) -> Recorded:
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
    asked = (state, instrument, kind, date, source, note)
    return _asked(t, True, lambda t: _event(t, *asked))


def _event(
    t: Target,
    state: str,
    instrument: str,
    kind: str,
    date: str | None,
    source: str,
    note: str | None,
) -> Recorded:
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
