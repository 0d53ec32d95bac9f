"""The questions: `status`, `overdue`, `states`, `sources`, `show`, `calendar`."""

from __future__ import annotations

import sys
from typing import Any

import typer

from bsec_plan.cli import completion, plans
from bsec_plan.cli.options import (
    AsOfOpt,
    Command,
    ExitCodeOpt,
    Missing,
    PlanOpt,
    StateOpt,
    WithinOpt,
    app,
    examples,
    format_option,
)
from bsec_plan.cli.prelude import parse_as_of
from bsec_plan.writers.formats import (
    CalendarFormat,
    OverdueFormat,
    ShowFormat,
    SourcesFormat,
    StatesFormat,
    StatusFormat,
)


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan status",
        "bsec-plan status --as-of 2010-06-01",
        "bsec-plan status --state RO --format json",
    ),
)
def status(
    plan: list[str] | None = PlanOpt,
    as_of: str = AsOfOpt,
    state: list[str] | None = StateOpt,
    within: int = WithinOpt,
    fmt: StatusFormat = format_option(StatusFormat),
) -> int:
    """One screen: progress through the period, counts by direction, overdue, next, gaps."""
    from bsec_plan import api
    from bsec_plan.views import status as status_views
    from bsec_plan.writers import formats

    def view(asked: Any) -> Any:
        return status_views.status_view(
            asked, api.status(asked.plan, asked.as_of, state=asked.state, within=within)
        )

    formats.write(fmt, plans.each(plans.asked(plan, as_of, state), view))
    return 0


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan overdue --as-of 2010-06-01",
        "bsec-plan overdue --state GR --format csv",
        "bsec-plan overdue --exit-code",
    ),
)
def overdue(
    plan: list[str] | None = PlanOpt,
    as_of: str = AsOfOpt,
    state: list[str] | None = StateOpt,
    fmt: OverdueFormat = format_option(OverdueFormat),
    exit_code: bool = ExitCodeOpt,
) -> int:
    """Every overdue occurrence, oldest first, with who was responsible when it fell due."""
    from bsec_plan import api
    from bsec_plan.views import overdue as overdue_views
    from bsec_plan.writers import formats

    found = 0

    def view(asked: Any) -> Any:
        nonlocal found
        rows = api.overdue(asked.plan, asked.as_of, state=asked.state)
        found += len(rows)
        return overdue_views.overdue_view(asked, rows)

    formats.write(fmt, plans.each(plans.asked(plan, as_of, state), view))
    return 1 if exit_code and found else 0


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan states --instrument protocol-2002 --as-of 2010-06-01",
        "bsec-plan states --state RO",
        "bsec-plan states --missing ratification --instrument protocol-2002 --format csv",
    ),
)
def states(
    plan: list[str] | None = PlanOpt,
    as_of: str = AsOfOpt,
    state: str | None = StateOpt,
    missing: Missing | None = typer.Option(
        None, "--missing", help="Only the states lacking a ratification or a liaison officer."
    ),
    instrument: str | None = typer.Option(
        None,
        "--instrument",
        metavar="ID",
        help="Only this instrument, e.g. protocol-2002.",
        autocompletion=completion.instruments,
    ),
    fmt: StatesFormat = format_option(StatesFormat),
    exit_code: bool = ExitCodeOpt,
) -> int:
    """Member States × instruments; one instrument's chart of stages; one state's standing."""
    from bsec_plan import api
    from bsec_plan.queries import questions as queries
    from bsec_plan.views import states as states_views
    from bsec_plan.writers import formats

    asked = plans.one_registers(plans.asked(plan, as_of, state))
    ident = queries.instrument_id(asked.plan, instrument) if instrument is not None else None
    if missing is None:
        rows = api.states(asked.plan, asked.as_of, instrument=ident)
        formats.write(fmt, states_views.states_view(asked, rows, ident))
        return 0
    lacks = api.missing(asked.plan, asked.as_of, lacking=missing.value, instrument=ident)
    lacks = [ln for ln in lacks if asked.state is None or ln.code == asked.state]
    from bsec_plan.views.states import missing_view

    unbound = None
    if missing.value == "ratification":
        unbound = queries.unbound(asked.plan, asked.as_of, ident)
        unbound = {
            i: [c for c in codes if asked.state is None or c == asked.state]
            for i, codes in unbound.items()
        }
        unbound = {i: codes for i, codes in unbound.items() if codes}
    formats.write(fmt, missing_view(asked, lacks, missing.value, ident, unbound))
    return 1 if exit_code and lacks else 0


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan sources",
        "bsec-plan sources --format csv > sources.csv",
        "bsec-plan sources --format json",
    ),
)
def sources(
    plan: list[str] | None = PlanOpt, fmt: SourcesFormat = format_option(SourcesFormat)
) -> int:
    """Every fact with its event, date and source, so that each can be followed."""
    from bsec_plan import api
    from bsec_plan.views import sources as sources_views
    from bsec_plan.writers import formats

    asked = plans.asked(plan, "today")
    formats.write(
        fmt, plans.each(asked, lambda one: sources_views.sources_view(one, api.sources(one.plan)))
    )
    return 0


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan show A.2 --as-of 2010-06-01",
        "bsec-plan show c3",
        "bsec-plan show a1 --format json",
    ),
)
def show(
    action: str = typer.Argument(
        ..., metavar="ID", help="Action id: A.2, a2, E.", autocompletion=completion.actions
    ),
    plan: list[str] | None = PlanOpt,
    as_of: str = AsOfOpt,
    state: list[str] | None = StateOpt,
    within: int = WithinOpt,
    fmt: ShowFormat = format_option(ShowFormat),
) -> int:
    """One action: direction, text, parties, deadline, occurrences and their status, progress."""
    from bsec_plan import api
    from bsec_plan.views import show as show_views
    from bsec_plan.writers import formats

    having = plans.having(plans.asked(plan, as_of, state), action)
    formats.write(
        fmt,
        plans.each(
            having,
            lambda one: show_views.show_view(
                one, api.show(one.plan, action, one.as_of, state=one.state, within=within)
            ),
        ),
    )
    return 0


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan calendar --from +0d --to +3m",
        "bsec-plan calendar --format grid --as-of 2010-06-01",
        "bsec-plan calendar --format ics -o bsec-plan.ics",
    ),
)
def calendar(
    plan: list[str] | None = PlanOpt,
    as_of: str = AsOfOpt,
    start: str | None = typer.Option(
        None,
        "--from",
        metavar="DATE",
        help="First day (default: the plan's start); also an offset from the as-of day: +0d.",
    ),
    end: str | None = typer.Option(
        None,
        "--to",
        metavar="DATE",
        help="Last day (default: the last deadline); also an offset from the as-of day: +3m.",
    ),
    state: list[str] | None = StateOpt,
    within: int = WithinOpt,
    fmt: CalendarFormat = format_option(CalendarFormat),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
) -> int:
    """Deadlines in a window, by month: a list, month grids, or an .ics calendar."""
    from bsec_plan import api
    from bsec_plan.views import calendar as calendar_views
    from bsec_plan.writers import formats

    asked = plans.asked(plan, as_of, state)
    day = asked[0].as_of
    first = parse_as_of(start, "--from", day) if start is not None else None
    last = parse_as_of(end, "--to", day) if end is not None else None
    first, last = plans.window(asked, first, last)
    events = 0

    def view(one: Any) -> Any:
        nonlocal events
        rows = api.calendar(
            one.plan, one.as_of, start=first, end=last, state=one.state, within=within
        )
        events += len(rows)
        return calendar_views.calendar_view(one, rows, first, last)

    formats.write(fmt, plans.each(asked, view), output)
    if output not in (None, "-") and fmt is CalendarFormat.ics:
        from bsec_plan.safetext import one_line
        from bsec_plan.views.common import counted

        print(f"{one_line(output)}: {counted(events, 'event')}", file=sys.stderr)
    return 0
