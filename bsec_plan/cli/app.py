"""The command line: parse options, call the query layer, hand the result to a writer."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Any

import typer
from typer.core import TyperCommand

from bsec_plan import __version__
from bsec_plan.cli import completion
from bsec_plan.cli import plans as several
from bsec_plan.cli.prelude import parse_as_of
from bsec_plan.problems import PlanError, UsageError
from bsec_plan.writers.formats import (
    CalendarFormat,
    CheckFormat,
    DiffFormat,
    OverdueFormat,
    ShowFormat,
    SourcesFormat,
    StatesFormat,
    StatusFormat,
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
    metavar="CODE",
    autocompletion=completion.states,
    help="Only what this Member State is responsible for or addressed by.",
)


def format_option(choice: type[Enum]) -> Any:
    """--format: typer lists exactly the formats the command's enum in `formats` offers."""
    return typer.Option(next(iter(choice)).value, "--format", help=described(choice) + ".")


ExitCodeOpt = typer.Option(False, "--exit-code", help="Exit 1 when something is found.")
WithinOpt = typer.Option(
    30,
    "--within",
    metavar="DAYS",
    min=0,
    help="An occurrence due within this many days is 'due soon'.",
)


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", is_eager=True
    ),
    color: Color = typer.Option(
        "auto",
        "--color",
        help="Colour: on a terminal unless NO_COLOR is set (auto), always, never.",
    ),
    no_pager: bool = typer.Option(
        False, "--no-pager", help="Never page long output ($BSEC_PLAN_PAGER, $PAGER, less -FRX)."
    ),
) -> None:
    if version:
        print(f"bsec-plan {__version__}")
        raise typer.Exit(0)
    from bsec_plan.writers import terminal

    terminal.color, terminal.paging = color.value, not no_pager


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
) -> int:
    """Validate a plan file: every problem at once, as FILE:LINE:COL: error: MESSAGE."""
    from bsec_plan.cli import check as checkcmd

    return checkcmd.run(paths or [], fmt.value)


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
    state: str | None = StateOpt,
    within: int = WithinOpt,
    fmt: StatusFormat = format_option(StatusFormat),
) -> int:
    """One screen: progress through the period, counts by direction, overdue, next, gaps."""
    from bsec_plan.queries import questions as queries
    from bsec_plan.views import status as report
    from bsec_plan.writers import formats

    def view(asked: Any) -> Any:
        return report.status_view(
            asked, queries.status(asked.plan, asked.as_of, asked.state, within=within)
        )

    formats.write(fmt, several.each(several.asked(plan, as_of, state), view))
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
    state: str | None = StateOpt,
    fmt: OverdueFormat = format_option(OverdueFormat),
    exit_code: bool = ExitCodeOpt,
) -> int:
    """Every overdue occurrence, oldest first, with who was responsible when it fell due."""
    from bsec_plan.queries import questions as queries
    from bsec_plan.views import common as report
    from bsec_plan.writers import formats

    found = 0

    def view(asked: Any) -> Any:
        nonlocal found
        rows = queries.overdue(asked.plan, asked.as_of, asked.state)
        found += len(rows)
        return report.overdue_view(asked, rows)

    formats.write(fmt, several.each(several.asked(plan, as_of, state), view))
    return 1 if exit_code and found else 0


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan states --as-of 2010-06-01",
        "bsec-plan states --missing liaison-officer",
        "bsec-plan states --missing ratification --instrument protocol-2002 --format csv",
    ),
)
def states(
    plan: list[str] | None = PlanOpt,
    as_of: str = AsOfOpt,
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
    """Member States × instruments, liaison officers and EU membership."""
    from bsec_plan.queries import questions as queries
    from bsec_plan.views import common as report
    from bsec_plan.writers import formats

    asked = several.one_registers(several.asked(plan, as_of))
    ident = queries.instrument_id(asked.plan, instrument) if instrument else None
    if missing is None:
        rows = queries.states(asked.plan, asked.as_of, ident)
        formats.write(fmt, report.states_view(asked, rows, ident))
        return 0
    lacks = queries.missing(asked.plan, asked.as_of, missing.value, ident)
    from bsec_plan.views.states import missing_view

    formats.write(fmt, missing_view(asked, lacks, missing.value, ident))
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
    from bsec_plan.queries.sources import facts
    from bsec_plan.views import common as report
    from bsec_plan.writers import formats

    asked = several.asked(plan, "today")
    formats.write(fmt, several.each(asked, lambda one: report.sources_view(one, facts(one.plan))))
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
    state: str | None = StateOpt,
    within: int = WithinOpt,
    fmt: ShowFormat = format_option(ShowFormat),
) -> int:
    """One action: direction, text, parties, deadline, occurrences and their status, progress."""
    from bsec_plan.queries.action import gather
    from bsec_plan.views import common as report
    from bsec_plan.writers import formats

    having = several.having(several.asked(plan, as_of, state), action)
    formats.write(
        fmt,
        several.each(
            having,
            lambda one: report.show_view(
                one, gather(one.plan, action, one.as_of, within, one.state)
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
    state: str | None = StateOpt,
    within: int = WithinOpt,
    fmt: CalendarFormat = format_option(CalendarFormat),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
) -> int:
    """Deadlines in a window, by month: a list, month grids, or an .ics calendar."""
    from bsec_plan.queries import questions as queries
    from bsec_plan.views import common as report
    from bsec_plan.writers import formats

    asked = several.asked(plan, as_of, state)
    day = asked[0].as_of
    first = parse_as_of(start, "--from", day) if start is not None else None
    last = parse_as_of(end, "--to", day) if end is not None else None
    first, last = several.window(asked, first, last)
    events = 0

    def view(one: Any) -> Any:
        nonlocal events
        rows = queries.deadlines(one.plan, one.as_of, first, last, one.state, within)
        events += len(rows)
        return report.calendar_view(one, rows, first, last)

    formats.write(fmt, several.each(asked, view), output)
    if output not in (None, "-") and fmt is CalendarFormat.ics:
        print(f"{output}: {events} events", file=sys.stderr)
    return 0


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
    from bsec_plan.cli.diffinputs import inputs
    from bsec_plan.queries import changes
    from bsec_plan.views import diff as report
    from bsec_plan.writers import formats

    day = parse_as_of(as_of)
    old_plan, old_name, new_plan, new_name = inputs(old, new, several.single(plan))
    result = changes.compare(old_plan, new_plan, day)
    formats.write(fmt, report.diff_view(result, old_name, new_name))
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
    state: str | None = StateOpt,
) -> int:
    """The plan as a self-contained HTML page with a timeline: DIR/index.html."""
    from bsec_plan.writers import html as page

    asked = several.asked(plan, as_of, state)
    one = asked[0]
    written = page.write_reports(
        [(a.plan, a.plan_file) for a in asked], one.as_of, output, one.state
    )
    what = f"{len(asked)} plans" if len(asked) > 1 else "the plan"
    print(f"{written}: {what} as of {one.as_of}", file=sys.stderr)
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


def usage_message(message: str, ctx: Any) -> str:
    """Click's message on one line, with where to look: the command's help, or for an option
    of the program's that goes before the command, where it goes."""
    message = " ".join(message.split()).rstrip(".")
    path = getattr(ctx, "command_path", None) or "bsec-plan"
    if message == "No such option: --version":
        return f"{message}; it goes before the command: bsec-plan --version"
    return f"{message}; see '{path} -h'"


def run(args: list[str]) -> int:
    """Run the CLI; the exit code follows the README: 0 ran, 1 findings, 2 could not run, 130 interrupted."""
    try:
        request = os.environ.get(completion.COMPLETE_VAR)
        if request:  # a completion script asks for candidates
            return completion.answer(typer.main.get_command(app), request)
        result = app(args=args, prog_name="bsec-plan", standalone_mode=False)
    except UsageError as err:
        print(f"bsec-plan: error: {err}", file=sys.stderr)
        return 2
    except PlanError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 2
    except (KeyboardInterrupt, typer.Abort):
        return 130
    except Exception as err:
        # bad usage found by click (no such option, bad value); its class moved between typer
        # releases, so it is recognised by what it can do
        show, code = getattr(err, "show", None), getattr(err, "exit_code", None)
        if not (callable(show) and isinstance(code, int)):
            raise
        message = getattr(err, "format_message", None)
        if type(err).__name__ == "NoArgsIsHelpError" or not callable(message):
            show()  # the help itself
            return code
        print(
            f"bsec-plan: error: {usage_message(message(), getattr(err, 'ctx', None))}",
            file=sys.stderr,
        )
        return code
    return result if isinstance(result, int) else 0
