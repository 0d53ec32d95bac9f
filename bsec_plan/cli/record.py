"""`record`: what happened, added to the file that holds it, one subcommand a kind of fact."""

# No `from __future__ import annotations` here: typer reads every parameter's annotation twice
# (the signature and the type hints), and a string annotation is compiled at each reading, about
# 2 M instructions at every start of a subcommand with eleven options.
import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Any, Literal

import typer
from typer.core import TyperGroup

from bsec_plan.cli import completion
from bsec_plan.cli.options import PROGRAM_OPTIONS, AsOfOpt, Command, app, examples
from bsec_plan.cli.prelude import parse_as_of
from bsec_plan.problems import UsageError

if TYPE_CHECKING:
    from bsec_plan.queries.recording import Recorded
    from bsec_plan.queries.recordtarget import Target


class Group(TyperGroup):
    """`record` takes the program's options too, as every command does: the copies that
    options.Command makes for a command."""

    def get_params(self, ctx: Any) -> list[Any]:
        inherited = getattr(self, "_inherited", None)
        if inherited is None:
            probe = Command(name=self.name)
            inherited = [p for p in probe.get_params(ctx) if p.name in PROGRAM_OPTIONS]
            self._inherited = inherited
        return [*super().get_params(ctx), *inherited]

    def get_short_help_str(self, limit: int = 45) -> str:
        """The whole summary in `bsec-plan --help`, as every command's, never cut."""
        return super().get_short_help_str(limit=1_000)


record_app = typer.Typer(
    help="Add what happened to the plan or its registers: progress, ratification events, "
    "liaison officers.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(
    record_app,
    name="record",
    cls=Group,
    epilog=examples(
        "bsec-plan record progress -h",
        "bsec-plan record event -h",
        "bsec-plan record officer -h",
    ),
)


# The choices as literals, not enums: typer offers them alike, and an enum class costs half a
# million instructions to make at every start.
ProgressStatus = Literal["done", "in-progress"]
OfficerStatus = Literal["appointed", "not-appointed"]


def _event_kinds() -> list[str]:
    from typing import get_args

    from bsec_plan.domain.fields import EventKind

    return list(get_args(EventKind))


def _complete_kinds(incomplete: str) -> list[str]:
    return [k for k in _event_kinds() if k.startswith(incomplete)]


RecordPlanOpt = typer.Option(
    None,
    "--plan",
    metavar="PATH",
    help="Plan file to record in (default: $BSEC_PLAN, the nearest data/plan.yaml); a fact of "
    "the registers goes to the registers file the plan names.",
)
SourceOpt = typer.Option(
    ...,
    "--source",
    metavar="SOURCE",
    help="Where it is written: an address with its path, or "
    "a full citation (gazette, number, date).",
)
DryRunOpt = typer.Option(False, "--dry-run", help="Show what would change; write nothing.")


def _happened(text: str) -> dt.date:
    """--date: a day in any form --as-of takes, and not after today: a record says what happened."""
    day = parse_as_of(text, "--date")
    if day > dt.date.today():
        raise UsageError(f"--date: {day} is after today; record what has happened")
    return day


def _target(plan: str | None, in_registers: bool) -> "Target":
    from bsec_plan.loading import discovery
    from bsec_plan.queries import recordtarget

    path, name = discovery.located(plan)
    return recordtarget.target(path, name, in_registers)


def _finish(recorded: "Recorded", as_of: str, dry_run: bool) -> int:
    """Say what changed in `diff`'s words, then replace the file (unless --dry-run)."""
    from bsec_plan.writers import files

    _tell(recorded, parse_as_of(as_of))
    sys.stdout.flush()
    if dry_run:
        print(f"{recorded.name}: not written (--dry-run)", file=sys.stderr)
        return 0
    try:
        files.write(recorded.after, str(recorded.path), sys.stdout.buffer)
    except OSError as err:
        raise UsageError(f"cannot write {recorded.name}: {err.strerror or err}") from None
    print(f"{recorded.name}: recorded", file=sys.stderr)
    return 0


def _tell(recorded: "Recorded", day: dt.date) -> None:
    """What changed, as `diff` tells it. A record changes one record, so what it changes is
    worked out from that record, not by comparing whole plans; piped, it is written plain
    without loading the table machinery (together, as much as the rest of the record)."""
    from bsec_plan.queries import recordchange
    from bsec_plan.views import diffrows
    from bsec_plan.writers import terminal

    new_name = f"{recorded.name} (recorded)"
    meanings: list[tuple[str, str, str, str]] = []
    if recorded.section == "progress":
        changed, moved = recordchange.progress_told(recorded, day)
    else:
        (changed, moved), standings, officers, addressed = recordchange.registers_told(
            recorded, day
        )
        meanings = diffrows.meaning_rows(standings, officers, addressed, [])
    found = diffrows.blocks(day, recorded.name, new_name, changed, meanings, moved)
    if terminal.styled(sys.stdout) or os.environ.get("COLUMNS", "").strip():
        from bsec_plan.views import diff as diff_views
        from bsec_plan.views.common import View
        from bsec_plan.writers import formats

        formats.write("table", View(blocks=lambda: diff_views.tables(found)))
        return
    from bsec_plan.writers.plain import table_text

    for block in found:
        sys.stdout.write(table_text(*block))


@record_app.command(
    "progress",
    cls=Command,
    epilog=examples(
        'bsec-plan record progress A.2 2010-H1 --date 2010-06-15 --status done --summary "Meeting '
        'of the Network." --source https://example.org/minutes.pdf --dry-run',
        "bsec-plan record progress A.3 2009 --date yesterday --status in-progress --summary "
        '"Draft circulated." --source https://example.org/draft.pdf --assessment "Delayed: '
        'two contributions missing." --dry-run',
    ),
)
def progress(
    action: str = typer.Argument(
        ..., metavar="ACTION", help="Action id (A.2, a2).", autocompletion=completion.actions
    ),
    occurrence: str | None = typer.Argument(
        None, metavar="OCCURRENCE", help="Its occurrence (2010-H1, 2009); none for an undated one."
    ),
    date: str = typer.Option(..., "--date", metavar="DATE", help="When it was done (as --as-of)."),
    status: ProgressStatus = typer.Option(..., "--status", help="done closes the occurrence."),
    summary: str = typer.Option(..., "--summary", metavar="TEXT", help="What was done."),
    source: str = SourceOpt,
    assessment: str | None = typer.Option(
        None, "--assessment", metavar="TEXT", help="How the work was judged (on track, delayed)."
    ),
    plan: str | None = RecordPlanOpt,
    as_of: str = AsOfOpt,
    dry_run: bool = DryRunOpt,
) -> int:
    """Record work done on one occurrence of an action, in the plan's `progress`."""
    from bsec_plan.queries import recording

    day = _happened(date)
    target = _target(plan, in_registers=False)
    recorded = recording.progress(
        target, action, occurrence, day, status, summary, source, assessment
    )
    return _finish(recorded, as_of, dry_run)


@record_app.command(
    "officer",
    cls=Command,
    epilog=examples(
        "bsec-plan record officer AL appointed --date 2010-09-01 --source "
        "https://example.org/note.pdf --dry-run",
        "bsec-plan record officer RS not-appointed --source https://example.org/list.pdf --dry-run",
    ),
)
def officer(
    state: str = typer.Argument(
        ..., metavar="STATE", help="Member State code.", autocompletion=completion.states
    ),
    status: OfficerStatus = typer.Argument(
        ..., metavar="STATUS", help="appointed or not-appointed."
    ),
    date: str | None = typer.Option(None, "--date", metavar="DATE", help="When (as --as-of)."),
    source: str = SourceOpt,
    plan: str | None = RecordPlanOpt,
    as_of: str = AsOfOpt,
    dry_run: bool = DryRunOpt,
) -> int:
    """Record a state's liaison officer; it replaces the state's record."""
    from bsec_plan.queries import recording

    day = _happened(date) if date is not None else None
    target = _target(plan, in_registers=True)
    return _finish(recording.officer(target, state, status, day, source), as_of, dry_run)


@record_app.command(
    "event",
    cls=Command,
    epilog=examples(
        "bsec-plan record event AL protocol-2002 ratification --date 2010-05 --source "
        "https://example.org/law.pdf --dry-run",
        "bsec-plan record event TR agreement-1998 signature --date 1998-10-02 --source "
        "https://example.org/gazette.pdf --dry-run",
    ),
)
def event(
    state: str = typer.Argument(
        ..., metavar="STATE", help="Member State code.", autocompletion=completion.states
    ),
    instrument: str = typer.Argument(
        ..., metavar="INSTRUMENT", help="Instrument id.", autocompletion=completion.instruments
    ),
    kind: str = typer.Argument(
        ...,
        metavar="KIND",
        help="The step: " + ", ".join(_event_kinds()),
        autocompletion=_complete_kinds,
    ),
    date: str | None = typer.Option(
        None, "--date", metavar="DATE", help="YYYY, YYYY-MM, or a day (as --as-of)."
    ),
    source: str = SourceOpt,
    note: str | None = typer.Option(None, "--note", metavar="TEXT", help="The act, the issue."),
    plan: str | None = RecordPlanOpt,
    as_of: str = AsOfOpt,
    dry_run: bool = DryRunOpt,
) -> int:
    """Record one step of a state's ratification of an instrument, in the registers."""
    from bsec_plan.queries import recording

    kinds = _event_kinds()
    if kind not in kinds:
        raise UsageError(f"no event kind '{kind}'; the kinds are {', '.join(kinds)}")
    when = None
    if date is not None:
        when = recording.event_date(date, _happened)
    target = _target(plan, in_registers=True)
    recorded = recording.event(target, state, instrument, kind, when, source, note)
    return _finish(recorded, as_of, dry_run)
