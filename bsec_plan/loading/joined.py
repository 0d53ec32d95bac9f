"""Where a plan and the registers it names meet: whether a file is registers, which file a
finding on the joined plan stands in, and the registers file a plan names, guessed unparsed."""

from __future__ import annotations

import re

from bsec_plan.problems import TreePath

_LINE = re.compile(rb"^registers:[ \t]([^\r\n]*)", re.MULTILINE)
_QUOTES = ("'", '"')


def registers_guess(data: bytes) -> str | None:
    """The name on a top-level `registers: NAME` line, guessed without parsing, to find the
    cache entry; a wrong guess only misses, as entries are stored under the bytes read. The
    line is taken whole and read in Python: no pattern that could backtrack on a long line."""
    match = _LINE.search(data)
    if match is None:
        return None
    try:
        value = match.group(1).decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    if value[:1] in _QUOTES:
        close = value.find(value[0], 1)
        return (value[1:close] or None) if close > 0 else None
    value = value.split(" #", 1)[0].split("\t#", 1)[0].strip()
    return value if value and value[0] not in "#&*!|>%@`" else None


def cache_key(data: bytes, registers: bytes | None) -> bytes:
    """The cache covers the plan's bytes and, when it names registers, theirs."""
    return data if registers is None else data + b"\0registers\0" + registers


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
