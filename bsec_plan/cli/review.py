"""Reviewing and publishing: `diff`, `report`, and the shell completion scripts."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from bsec_plan.cli import completion, plans
from bsec_plan.cli.options import (
    AsOfOpt,
    Command,
    ExitCodeOpt,
    PlanOpt,
    StateOpt,
    app,
    examples,
    format_option,
)
from bsec_plan.cli.prelude import parse_as_of


class DiffFormat(str, Enum):
    """diff's formats (writers/formats.py writes them)."""

    table = "table"
    markdown = "markdown"
    json = "json"


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan diff",
        "bsec-plan diff main --format markdown",
        "bsec-plan diff old.yaml new.yaml --exit-code",
    ),
)
def diff(
    old: str | None = typer.Argument(None, help="Plan file or git revision (default: HEAD)."),
    new: str | None = typer.Argument(
        None, help="Plan file or git revision (default: the working plan file)."
    ),
    plan: list[str] | None = PlanOpt,
    as_of: str = AsOfOpt,
    fmt: DiffFormat = format_option(DiffFormat),
    exit_code: bool = ExitCodeOpt,
) -> int:
    """What a change to the plan means: actions, parties, deadlines, records, changed status."""
    from bsec_plan import api
    from bsec_plan.cli.diffinputs import changed_files, inputs
    from bsec_plan.views import diff as diff_views
    from bsec_plan.writers import formats

    day = parse_as_of(as_of)
    old_plan, old_name, new_plan, new_name = inputs(old, new, plans.single(plan))
    result = api.diff(old_plan, new_plan, day)
    changed = changed_files(old, new, plans.single(plan))
    formats.write(fmt, diff_views.diff_view(result, old_name, new_name, changed))
    return 1 if exit_code and result else 0


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan report --output _site",
        "bsec-plan report -o _site --as-of 2010-06-01",
        "bsec-plan report -o ro --state RO",
    ),
)
def report(
    output: str = typer.Option(
        ..., "--output", "-o", metavar="DIR", help="Folder to write index.html into (created)."
    ),
    plan: list[str] | None = PlanOpt,
    as_of: str = AsOfOpt,
    state: list[str] | None = StateOpt,
) -> int:
    """The plan as a self-contained HTML page with a timeline: DIR/index.html, and
    DIR/scoreboard.html to print."""
    from bsec_plan.safetext import one_line
    from bsec_plan.writers import html as page

    asked = plans.asked(plan, as_of, state)
    one = asked[0]
    index, count = page.write_reports(
        [(a.plan, a.plan_file) for a in asked], one.as_of, output, one.state
    )
    what = f"{len(asked)} plans" if len(asked) > 1 else "the plan"
    pages = f"{count} pages written in {one_line(str(index.parent))}"
    print(f"{one_line(str(index))}: {what} as of {one.as_of}; {pages}", file=sys.stderr)
    return 0


@app.command(
    "completion",
    cls=Command,
    epilog=examples(
        "bsec-plan completion bash > ~/.local/share/bash-completion/completions/bsec-plan",
        "bsec-plan completion zsh > ~/.zfunc/_bsec-plan",
        "bsec-plan completion fish > ~/.config/fish/completions/bsec-plan.fish",
    ),
)
def completion_script(
    shell: str = typer.Argument(
        ..., metavar="SHELL", help="bash, zsh or fish.", autocompletion=completion.shells
    ),
) -> int:
    """Print the shell completion script for SHELL (bash, zsh or fish), to install."""
    sys.stdout.write(completion.script(shell))
    return 0
