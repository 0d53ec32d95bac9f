"""Where a plan and the registers it names meet: whether a file is registers, and which file a
finding on the joined plan stands in."""

from __future__ import annotations

from bsec_plan.problems import TreePath


def registers_keys(root: object) -> bool:
    from bsec_plan.domain.registers import PLAN_ONLY_FIELDS, REGISTER_FIELDS

    if not isinstance(root, dict):
        return False
    return any(k in REGISTER_FIELDS for k in root) and not any(k in PLAN_ONLY_FIELDS for k in root)


def is_registers(text: str) -> bool:
    """Whether the text is a registers file: a mapping with register keys (states,
    instruments...) and none of a plan's own (title, directions, registers...)."""
    from bsec_plan.loading import yamlpos

    try:
        return registers_keys(yamlpos.load(text, positions=False))
    except yamlpos.YamlProblem:
        return False


def in_registers(loc: TreePath, parties: int) -> bool:
    """Whether a finding on the joined plan stands in the registers file (whose `parties`
    are the first `parties` of the joined plan's)."""
    from bsec_plan.domain.registers import REGISTER_FIELDS

    if not loc or loc[0] not in REGISTER_FIELDS:
        return False
    return loc[0] != "parties" or (len(loc) > 1 and isinstance(loc[1], int) and loc[1] < parties)


def plan_path(loc: TreePath, parties: int) -> TreePath:
    """A path in the joined plan as a path in the plan file: its own parties follow the
    registers'."""
    if len(loc) > 1 and loc[0] == "parties" and isinstance(loc[1], int):
        return ("parties", loc[1] - parties, *loc[2:])
    return loc
