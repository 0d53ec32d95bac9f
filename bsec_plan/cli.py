"""The command line: parse options, call the query layer, hand the result to a writer."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import signal
import sys
from enum import Enum
from pathlib import Path

import typer

from bsec_plan import __version__
from bsec_plan.problems import PlanError, UsageError

app = typer.Typer(
    name="bsec-plan",
    help="The BSEC Working Group's Plan of Action (May 2009 – June 2011): what is due, overdue and missing.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class CheckFormat(str, Enum):
    text = "text"
    github = "github"
    json = "json"


class DiffFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


class Missing(str, Enum):
    ratification = "ratification"
    liaison_officer = "liaison-officer"


PlanOpt = typer.Option(
    None,
    "--plan",
    metavar="PATH",
    help="Plan file (default: $BSEC_PLAN, ./data/plan.yaml, the bundled plan).",
)
AsOfOpt = typer.Option(
    "today", "--as-of", metavar="DATE", help="Date to answer for: YYYY-MM-DD or 'today'."
)
StateOpt = typer.Option(
    None,
    "--state",
    metavar="CODE",
    help="Only what this Member State is responsible for or addressed by.",
)
FormatOpt = typer.Option(
    Format.table, "--format", help="table (rich on a terminal, plain when piped), json or csv."
)
ExitCodeOpt = typer.Option(False, "--exit-code", help="Exit 1 when something is found.")
WithinOpt = typer.Option(
    30,
    "--within",
    metavar="DAYS",
    min=0,
    help="An occurrence due within this many days is 'due soon'.",
)


def parse_as_of(text: str, option: str = "--as-of") -> dt.date:
    if text.strip().lower() == "today":
        return dt.date.today()
    from bsec_plan.dates import parse_day

    try:
        return parse_day(text.strip())
    except ValueError as err:
        message = str(err)
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text.strip())
    if match:
        a, b, year = match.groups()
        forms = []
        for day, month in ((a, b), (b, a)):
            with contextlib.suppress(ValueError):
                forms.append(dt.date(int(year), int(month), int(day)).isoformat())
        if forms:
            message = (
                f"'{text}' is ambiguous; write the ISO form: {' or '.join(dict.fromkeys(forms))}"
            )
    raise UsageError(f"{option}: {message}")


def _load(plan_opt: str | None):
    from bsec_plan import planfile

    path = planfile.resolve(plan_opt)
    return planfile.load(path), str(path)


def _no_csv(fmt: Format, command: str) -> None:
    if fmt is Format.csv:
        raise UsageError(f"{command} has no CSV form; use --format table or --format json")


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", is_eager=True
    ),
) -> None:
    if version:
        print(f"bsec-plan {__version__}")
        raise typer.Exit(0)


@app.command()
def check(
    paths: list[str] | None = typer.Argument(
        None, metavar="[PATH]...", help="Plan files (default: as for the queries)."
    ),
    fmt: CheckFormat = typer.Option(
        CheckFormat.text, "--format", help="text, github (Actions annotations too) or json."
    ),
) -> int:
    """Validate a plan file: every problem at once, as FILE:LINE:COL: error: MESSAGE."""
    from bsec_plan import checkcmd

    return checkcmd.run(paths or [], fmt.value)


@app.command()
def schema() -> int:
    """Print the JSON Schema of the plan file, generated from the domain classes."""
    from bsec_plan.validation import schema_json

    sys.stdout.write(schema_json())
    return 0


@app.command()
def status(
    plan: str | None = PlanOpt,
    as_of: str = AsOfOpt,
    state: str | None = StateOpt,
    within: int = WithinOpt,
    fmt: Format = FormatOpt,
) -> int:
    """One screen: progress through the period, counts by direction, overdue, next, gaps."""
    from bsec_plan import output, queries, report

    _no_csv(fmt, "status")
    day = parse_as_of(as_of)
    model, name = _load(plan)
    code = queries.state_code(model, state) if state is not None else None
    result = queries.status(model, day, code, within=within)
    if fmt is Format.json:
        output.write_json(
            {**report.header(name, day, "status", state=code), **report.status_json(model, result)}
        )
    else:
        output.write_tables(report.status_blocks(model, name, result, code))
    return 0


@app.command()
def overdue(
    plan: str | None = PlanOpt,
    as_of: str = AsOfOpt,
    state: str | None = StateOpt,
    fmt: Format = FormatOpt,
    exit_code: bool = ExitCodeOpt,
) -> int:
    """Every overdue occurrence, oldest first, with who was responsible when it fell due."""
    from bsec_plan import output, queries, report

    day = parse_as_of(as_of)
    model, name = _load(plan)
    code = queries.state_code(model, state) if state is not None else None
    rows = queries.overdue(model, day, code)
    if fmt is Format.json:
        output.write_json(
            {
                **report.header(name, day, "overdue", state=code),
                "overdue": [report.row_json(r) for r in rows],
            }
        )
    elif fmt is Format.csv:
        output.write_csv(report.overdue_table(rows, day))
    else:
        output.write_tables([f"Plan file: {name}", report.overdue_table(rows, day)])
    return 1 if exit_code and rows else 0


@app.command()
def states(
    plan: str | None = PlanOpt,
    as_of: str = AsOfOpt,
    missing: Missing | None = typer.Option(
        None, "--missing", help="Only the states lacking a ratification or a liaison officer."
    ),
    instrument: str | None = typer.Option(
        None, "--instrument", metavar="ID", help="Only this instrument, e.g. protocol-2002."
    ),
    fmt: Format = FormatOpt,
    exit_code: bool = ExitCodeOpt,
) -> int:
    """Member States × instruments, liaison officers and EU membership."""
    from bsec_plan import output, queries, report

    day = parse_as_of(as_of)
    model, name = _load(plan)
    ident = queries.instrument_id(model, instrument) if instrument else None
    head = report.header(
        name, day, "states", missing=missing.value if missing else None, instrument=ident
    )
    if missing is None:
        rows = queries.states(model, day, ident)
        table, document, found = (
            report.states_table(model, rows, day),
            {"states": report.states_json(rows)},
            False,
        )
    else:
        lacks = queries.missing(model, day, missing.value, ident)
        table, document, found = (
            report.missing_table(model, lacks, missing.value, day),
            {"missing": report.missing_json(lacks)},
            bool(lacks),
        )
    if fmt is Format.json:
        output.write_json({**head, **document})
    elif fmt is Format.csv:
        output.write_csv(table)
    else:
        output.write_tables([f"Plan file: {name}", table])
    return 1 if exit_code and found else 0


@app.command()
def show(
    action: str = typer.Argument(..., metavar="ID", help="Action id: A.2, a2, E."),
    plan: str | None = PlanOpt,
    as_of: str = AsOfOpt,
    state: str | None = StateOpt,
    within: int = WithinOpt,
    fmt: Format = FormatOpt,
) -> int:
    """One action: direction, text, parties, deadline, occurrences and their states, progress."""
    from bsec_plan import output, queries, report
    from bsec_plan.schedule import occurrences

    _no_csv(fmt, "show")
    day = parse_as_of(as_of)
    model, name = _load(plan)
    ident = queries.action_id(model, action)
    code = queries.state_code(model, state) if state is not None else None
    rows = queries.evaluate(
        model, day, within, occurrences(model.actions[ident], model.start, model.end)
    )
    if code:
        rows = [r for r in rows if queries.concerns(model, r, code, day)]
    if fmt is Format.json:
        output.write_json(
            {
                **report.header(name, day, "show", state=code),
                **report.show_json(model, ident, rows, day),
            }
        )
    else:
        output.write_tables(report.show_blocks(model, name, ident, rows, day))
    return 0


@app.command()
def calendar(
    plan: str | None = PlanOpt,
    as_of: str = AsOfOpt,
    start: str | None = typer.Option(
        None, "--from", metavar="DATE", help="First day (default: the plan's start)."
    ),
    end: str | None = typer.Option(
        None, "--to", metavar="DATE", help="Last day (default: the last deadline)."
    ),
    state: str | None = StateOpt,
    within: int = WithinOpt,
    grid: bool = typer.Option(False, "--grid", help="Month grids with the deadline days marked."),
    ics: str | None = typer.Option(
        None, "--ics", metavar="FILE", help="Write an iCalendar file; '-' for stdout."
    ),
    fmt: Format = FormatOpt,
) -> int:
    """Deadlines in a window, by month: a list, month grids, or an .ics calendar."""
    from bsec_plan import output, queries, report

    if ((ics is not None or grid) and fmt is not Format.table) or (ics is not None and grid):
        raise UsageError("--ics, --grid and --format json|csv are different outputs; choose one")
    day = parse_as_of(as_of)
    first = parse_as_of(start, "--from") if start else None
    last = parse_as_of(end, "--to") if end else None
    model, name = _load(plan)
    code = queries.state_code(model, state) if state is not None else None
    first, last = queries.window(model, first, last)
    rows = queries.deadlines(model, day, first, last, code, within)
    if ics is not None:
        from bsec_plan import ics as ical
        from bsec_plan import outfile

        try:
            outfile.write(ical.calendar_bytes(model, rows, day), ics, sys.stdout.buffer)
        except OSError as err:
            raise UsageError(f"--ics: cannot write {ics!r}: {err.strerror or err}") from None
        if ics != "-":
            print(f"{ics}: {len(rows)} events", file=sys.stderr)
        return 0
    head = report.header(
        name, day, "calendar", state=code, **{"from": first.isoformat(), "to": last.isoformat()}
    )
    if fmt is Format.json:
        output.write_json({**head, "occurrences": [report.row_json(r) for r in rows]})
    elif fmt is Format.csv:
        output.write_csv(report.calendar_table(model, rows, first, last))
    elif grid:
        output.write_grids(report.grid_months(model, rows), f"Plan file: {name}")
    else:
        output.write_tables(
            [f"Plan file: {name}", *report.calendar_months(model, rows, first, last)]
        )
    return 0


@app.command()
def diff(
    old: str | None = typer.Argument(None, help="Plan file or git revision (default: HEAD)."),
    new: str | None = typer.Argument(
        None, help="Plan file or git revision (default: the working plan file)."
    ),
    plan: str | None = PlanOpt,
    as_of: str = AsOfOpt,
    fmt: DiffFormat = typer.Option(
        DiffFormat.table, "--format", help="table, markdown (for a pull-request comment) or json."
    ),
    exit_code: bool = ExitCodeOpt,
) -> int:
    """What a change to the plan means: actions, parties, deadlines, records, changed states."""
    from bsec_plan import diff as plandiff
    from bsec_plan import output, planfile, report
    from bsec_plan.revisions import RevisionError, names_file, read_at

    day = parse_as_of(as_of)
    working = planfile.resolve(plan)

    def side(spec: str | None):
        if spec is None:
            return planfile.load(working), str(working)
        if names_file(spec):
            return planfile.load(Path(spec)), spec
        try:
            data, name = read_at(spec, working)
        except RevisionError as err:
            raise UsageError(str(err)) from None
        return planfile.load_bytes(data, name), name

    old_plan, old_name = side(old or "HEAD")
    new_plan, new_name = side(new)
    result = plandiff.compare(old_plan, new_plan, day)
    if fmt is DiffFormat.json:
        output.write_json(
            {
                **report.header(
                    f"{old_name} → {new_name}", day, "diff", old=old_name, new=new_name
                ),
                **report.diff_json(result),
            }
        )
    elif fmt is DiffFormat.markdown:
        sys.stdout.write(report.diff_markdown(result, old_name, new_name))
    else:
        output.write_tables(report.diff_blocks(result, old_name, new_name))
    return 1 if exit_code and result else 0


def run(args: list[str]) -> int:
    """Run the CLI; the exit code follows the README: 0 ran, 1 findings, 2 could not run, 130 interrupted."""
    if hasattr(signal, "SIGPIPE"):  # `bsec-plan overdue | head -1` ends quietly, as other tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
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
        # bad usage found by click (no such option, bad value): it knows how to show itself;
        # its class moved between typer releases, so it is recognised by what it can do
        if not (
            callable(getattr(err, "show", None))
            and isinstance(getattr(err, "exit_code", None), int)
        ):
            raise
        err.show()
        return err.exit_code
    return result if isinstance(result, int) else 0
