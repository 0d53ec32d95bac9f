"""Shell completion from the plan: Member State codes, action ids and instruments.

Each function is called by the shell while the user types, so it loads the plan through the
cache and answers nothing, rather than an error, when the plan cannot be read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typer import Context  # typer reads these annotations at run time; it is loaded already

from bsec_plan.safetext import visible

if TYPE_CHECKING:
    from bsec_plan.domain.model import Plan


def _plan(ctx: Context) -> Plan | None:
    from bsec_plan.loading import planfile

    try:
        plan: Plan = planfile.load(planfile.resolve(ctx.params.get("plan")))
    except Exception:  # a shell completing a word must never see a traceback
        return None
    return plan


def _as_typed(ident: str, incomplete: str) -> str:
    """Ids and codes are accepted in any case; offer them in the case the user is typing."""
    return ident.lower() if incomplete and incomplete.islower() else ident


def states(ctx: Context, incomplete: str) -> list[tuple[str, str]]:
    plan = _plan(ctx)
    wanted = incomplete.upper()
    return (
        [
            (_as_typed(s.code, incomplete), visible(s.name))
            for s in plan.states
            if s.code.startswith(wanted)
        ]
        if plan
        else []
    )


def actions(ctx: Context, incomplete: str) -> list[tuple[str, str]]:
    plan = _plan(ctx)
    if plan is None:
        return []
    wanted = incomplete.upper()
    return [
        (_as_typed(a.id, incomplete), visible(a.short or a.text)[:60])
        for a in plan.actions.values()
        if a.id.startswith(wanted)
    ]


def instruments(ctx: Context, incomplete: str) -> list[tuple[str, str]]:
    plan = _plan(ctx)
    if plan is None:
        return []
    return [
        (i.id, i.short) for i in plan.instruments if i.ratifiable and i.id.startswith(incomplete)
    ]
