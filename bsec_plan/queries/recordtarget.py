"""The plan a record is asked of, and the file the record goes into (the plan, or the registers
it names), each read once: validated by pydantic's rules and, where the record needs them, by
every rule of `check`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bsec_plan.loading import editing, planfile
from bsec_plan.loading.discovery import bundled_name
from bsec_plan.problems import PlanError, UsageError

if TYPE_CHECKING:
    from bsec_plan.domain.model import Plan
    from bsec_plan.domain.registers import Registers
    from bsec_plan.loading.yamlpos import Node


# A plain class, as `recording.Recorded` is.
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
