"""`scoreboard`: what to put before the next meeting, each occurrence rated with its state of play."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from bsec_plan.cli.options import (
    AsOfOpt,
    Command,
    StateOpt,
    app,
    examples,
    format_option,
)
from bsec_plan.cli.prelude import parse_as_of, prelude


class ScoreboardFormat(str, Enum):
    """scoreboard's formats (writers/formats.py writes them)."""

    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan scoreboard --as-of 2010-06-01",
        "bsec-plan scoreboard --from 2010-01-01 --to 2010-06-30 --format markdown",
        "bsec-plan scoreboard --state RO --format csv",
    ),
)
def scoreboard(
    plan: str | None = typer.Option(None, "--plan", metavar="PATH", help="Plan file."),
    as_of: str = AsOfOpt,
    start: str | None = typer.Option(
        None, "--from", metavar="DATE", help="First due day of the window (default: all)."
    ),
    end: str | None = typer.Option(
        None, "--to", metavar="DATE", help="Last due day of the window (default: all)."
    ),
    state: str | None = StateOpt,
    fmt: ScoreboardFormat = format_option(ScoreboardFormat),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
) -> int:
    """Action, responsible, deadline, state of play and rating, with totals: for a meeting."""
    from bsec_plan.queries import scoreboard as board
    from bsec_plan.views import scoreboard as views
    from bsec_plan.writers import formats

    asked = prelude(plan, as_of, state)
    first = parse_as_of(start, "--from", asked.as_of) if start is not None else None
    last = parse_as_of(end, "--to", asked.as_of) if end is not None else None
    lines = board.scoreboard(asked.plan, asked.as_of, first, last, asked.state)
    formats.write(fmt, views.scoreboard_view(asked, lines, first, last), output)
    if output not in (None, "-"):  # a file written says so, as `calendar -o` and `report -o` do
        from bsec_plan.safetext import one_line
        from bsec_plan.views.common import counted

        print(f"{one_line(output)}: {counted(len(lines), 'occurrence')}", file=sys.stderr)
    return 0
