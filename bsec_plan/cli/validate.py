"""`check` and `schema`: is a plan valid, and what may it hold."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from bsec_plan.cli.options import (
    Command,
    app,
    examples,
    format_option,
)


class CheckFormat(str, Enum):
    """check's formats (writers/formats.py writes them)."""

    text = "text"
    github = "github"
    json = "json"


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan check",
        "bsec-plan check data/plan.yaml --format github",
        "bsec-plan check --format json",
    ),
)
def check(
    paths: list[str] | None = typer.Argument(
        None, metavar="[PATH]...", help="Plan files (default: as for the queries)."
    ),
    fmt: CheckFormat = format_option(CheckFormat),
    plan: list[str] | None = typer.Option(
        None,
        "--plan",
        metavar="PATH",
        hidden=True,  # as the queries take it: the same file as a PATH
        help="A plan file, as a PATH.",
    ),
    with_plans: bool = typer.Option(
        False,
        "--with-plans",
        help="For a registers file, check too the plans beside it that name it (as the "
        "pre-commit hook does).",
    ),
) -> int:
    """Validate a plan file: every problem at once, as FILE:LINE:COL: error: MESSAGE."""
    from bsec_plan.cli import check as checkcmd

    return checkcmd.run([*(paths or []), *(plan or [])], fmt.value, with_plans)


class SchemaKind(str, Enum):
    plan = "plan"
    registers = "registers"


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan schema > plan.schema.json",
        "bsec-plan schema registers > registers.schema.json",
        "bsec-plan schema | head -20",
    ),
)
def schema(
    kind: SchemaKind = typer.Argument(
        SchemaKind.plan,
        metavar="[plan|registers]",
        help="Which file's schema: the plan's or the registers'.",
    ),
) -> int:
    """Print the JSON Schema of the plan file (or of the registers file), generated from the
    domain classes."""
    from bsec_plan.loading.validation import schema_json

    sys.stdout.write(schema_json(kind.value))
    return 0
