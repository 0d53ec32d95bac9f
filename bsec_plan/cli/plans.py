"""Several plans at once: `--plan` given more than once, or naming a folder of plans. Each
command asks its question of every plan and joins the views (`views/several.py`); with one plan
it runs exactly as before."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bsec_plan.cli.prelude import parse_as_of, prelude
from bsec_plan.problems import UsageError

if TYPE_CHECKING:
    from bsec_plan.views.common import Asked, View


def named(plans: list[str] | None) -> list[str | None]:
    """The plan files asked for, in order, each once: a folder stands for every `*.yaml` in it
    that is a plan (not a registers file), by name. None: the plan found as usual."""
    if not plans:
        return [None]
    out: list[str | None] = []
    seen: set[str] = set()
    for given in plans:
        found = _folder(given) if given and os.path.isdir(given) else [given]
        for name in found:
            same = os.path.realpath(name) if name else name
            if same not in seen:
                seen.add(same)
                out.append(name)
    return out


def _folder(folder: str) -> list[str]:
    found = []
    inside = os.path.realpath(folder) + os.sep  # a symlink out of the folder is not its plan
    for path in sorted(Path(folder).glob("*.yaml")):
        if path.name.startswith(".") or not path.is_file():
            continue
        if not os.path.realpath(path).startswith(inside):
            continue
        if not _holds_registers(path):
            found.append(os.path.join(folder, path.name))
    if not found:
        raise UsageError(f"--plan: the folder {folder} holds no plan (*.yaml)")
    return found


HEAD = 64 * 1024  # bytes of a file read first to tell a plan from a registers file


def _holds_registers(path: Path) -> bool:
    """Whether a file of a folder of plans is a registers file, reading no more than needed: a
    key of a plan's own at the start of a line in its first HEAD bytes decides at once (the
    usual case); only otherwise is the whole file read and parsed, and never one above the size
    cap (the loader refuses it, located). Unreadable: a plan, whose loader says why."""
    import re

    from bsec_plan.domain.registers import PLAN_ONLY_FIELDS
    from bsec_plan.loading.joined import is_registers
    from bsec_plan.loading.planfile import MAX_BYTES

    try:
        if path.stat().st_size > MAX_BYTES:
            return False
        with path.open("rb") as f:
            head = f.read(HEAD)
            keys = "|".join(re.escape(k) for k in PLAN_ONLY_FIELDS)
            if re.search(f"^(?:{keys})[ \t]*:".encode(), head, re.MULTILINE):
                return False
            data = head + f.read(MAX_BYTES + 1 - len(head))
    except OSError:
        return False
    return is_registers(data.decode("utf-8", "replace"))


def asked(plans: list[str] | None, as_of: str, state: list[str] | str | None = None) -> list[Asked]:
    """Every plan asked for, loaded; the as-of date is checked before any plan is read."""
    from bsec_plan.cli.options import one_state

    parse_as_of(as_of)
    code = one_state(state)
    return [prelude(name, as_of, code) for name in named(plans)]


def each(plans: list[Asked], build: Callable[[Asked], View]) -> View:
    """The command's view of every plan, joined; one plan's view as it is."""
    from bsec_plan.views.several import combined

    return combined([(one, build(one)) for one in plans])


def one_registers(plans: list[Asked]) -> Asked:
    """`states` answers from the registers alone: the plans must name the same registers (or be
    one plan carrying its own), and are then answered once, as the first."""
    where: dict[str, tuple[str, list[str]]] = {}  # the file itself: as named, and its plans
    for one in plans:
        file = one.path or one.plan_file
        named_ = one.plan.registers
        registers = (
            os.path.normpath(os.path.join(os.path.dirname(file), named_)) if named_ else file
        )
        where.setdefault(os.path.realpath(registers), (registers, []))[1].append(one.plan_file)
    if len(where) > 1:
        raise UsageError(
            "the plans name different registers ("
            + "; ".join(f"{', '.join(names)}: {path}" for path, names in where.values())
            + "); ask about one registers file at a time"
        )
    return plans[0]


def having(plans: list[Asked], action: str) -> list[Asked]:
    """The plans that have the action `show` asks for; none: the first plan's error."""
    from bsec_plan.queries import questions as queries

    found, first = [], None
    for one in plans:
        try:
            queries.action_id(one.plan, action)
        except UsageError as err:
            first = first or err
            continue
        found.append(one)
    if not found:
        assert first is not None
        if len(plans) > 1:
            raise UsageError(f"{first}; in none of the {len(plans)} plans") from None
        raise first
    return found


def window(
    plans: list[Asked], start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The calendar's window: by default from the earliest plan's start to the last deadline
    of any plan; one plan's as before."""
    from bsec_plan.queries import questions as queries

    if len(plans) > 1:
        start = start or min(one.plan.start for one in plans)
        end = end or max(queries.window(one.plan, None, None)[1] for one in plans)
    return queries.window(plans[0].plan, start, end)


def single(plans: list[str] | None) -> str | None:
    """`diff` compares two versions of one plan: one --plan at most."""
    if plans and len(plans) > 1:
        raise UsageError("--plan: diff compares one plan; give --plan once")
    return plans[0] if plans else None
