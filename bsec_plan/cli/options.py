"""The typer app and what its commands share: the command class that takes the program's
options anywhere, the common options, and the examples that end every help."""

from __future__ import annotations

from enum import Enum
from typing import Any

import typer
from typer.core import TyperCommand

from bsec_plan.cli import completion
from bsec_plan.writers.formats import (
    described,
)

# Program options that every command takes too, before or after its name, as gh takes its
# flags: `bsec-plan status --color never` is `bsec-plan --color never status`. The last one given
# wins. --version stays before the command, as in git.
PROGRAM_OPTIONS = ("color", "no_pager")


class Command(TyperCommand):
    """Usage lines show a required argument as `ID`, as man pages do, not typer's `{ID}`; and
    every command takes the program options (see PROGRAM_OPTIONS)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [
            p[1:-1] if p.startswith("{") and p.endswith("}") else p
            for p in super().collect_usage_pieces(ctx)
        ]

    def get_short_help_str(self, limit: int = 45) -> str:
        """The whole summary in `bsec-plan --help`, wrapped by its list, never cut with `...`."""
        return super().get_short_help_str(limit=1_000)

    def get_params(self, ctx: Any) -> list[Any]:
        """The command's own options, then copies of the program's: click parses them where
        they stand, so an option's value (`--plan --color`) or anything after `--` is never
        taken for one."""
        inherited = getattr(self, "_inherited", None)
        if inherited is None:
            import copy

            root = ctx.find_root().command
            inherited = []
            for param in root.params if root is not self else []:
                if param.name in PROGRAM_OPTIONS:
                    mine = copy.copy(param)
                    # not given here: leave what the program's own option set
                    mine.default, mine.show_default = (False if param.is_flag else None), False
                    mine.expose_value, mine.callback = False, _program_option
                    inherited.append(mine)
            self._inherited = inherited
        return [*super().get_params(ctx), *inherited]


def _program_option(ctx: Any, param: Any, value: Any) -> None:
    from bsec_plan.writers import terminal

    if param.name == "color" and value is not None:
        terminal.color = getattr(value, "value", value)
    elif param.name == "no_pager" and value:
        terminal.paging = False


def examples(*lines: str) -> str:
    """The Examples section that ends a command's help; `\b` keeps click from rewrapping it."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


app = typer.Typer(
    name="bsec-plan",
    context_settings={"help_option_names": ["-h", "--help"]},
    help="The BSEC Working Group's Plan of Action: what is due, overdue and missing.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,  # `bsec-plan completion SHELL` instead: one way, for a named shell
)


class Missing(str, Enum):
    ratification = "ratification"
    liaison_officer = "liaison-officer"


PlanOpt = typer.Option(
    None,
    "--plan",
    metavar="PATH",
    help="Plan file, or a folder of plans; give it again for several plans (default: $BSEC_PLAN, "
    "the nearest data/plan.yaml up to the repository's root, the bundled plan).",
)
AsOfOpt = typer.Option(
    "today",
    "--as-of",
    metavar="DATE",
    help="Date to answer for: YYYY-MM-DD, today, yesterday, tomorrow, or an offset from today (-2w).",
)
StateOpt = typer.Option(
    None,
    "--state",
    metavar="STATE",
    autocompletion=completion.states,
    help="Only what this Member State is responsible for or addressed by: its code in any case "
    "(RO, ro) or its name (Romania, rom).",
)


def one_state(given: list[str] | str | None) -> str | None:
    """The --state asked for (StateOpt, a list): each answer is about one Member State, so a
    second --state is refused rather than quietly winning over the first."""
    if given is None or isinstance(given, str):
        return given
    if len(given) > 1:
        from bsec_plan.problems import UsageError

        raise UsageError(
            f"--state given {len(given)} times ({', '.join(given)}); "
            "each answer is about one Member State: ask once for each"
        )
    return given[0] if given else None


def format_option(choice: type[Enum]) -> Any:
    """--format: typer lists exactly the formats the command's enum in `formats` offers."""
    return typer.Option(next(iter(choice)).value, "--format", help=described(choice) + ".")


ExitCodeOpt = typer.Option(False, "--exit-code", help="Exit 1 when something is found.")


def days(value: Any) -> int:
    """--within: a number of days, 0 or more, with a message that says so (click's would speak
    of an 'int range')."""
    text = str(value).strip()
    if not text.isdigit():
        from bsec_plan.problems import UsageError

        raise UsageError(
            f"Invalid value for '--within': '{value}' is not a number of days (0 or more); "
            "give one such as 30"
        )
    return int(text)


WithinOpt = typer.Option(
    30,
    "--within",
    metavar="DAYS",
    parser=days,
    help="An occurrence due within this many days is 'due soon'.",
)
