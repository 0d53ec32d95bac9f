"""One way to choose a format: each command declares the formats it offers, and one registry
maps a format's name to the writer that prints it.

A command builds a `View` (what to show, in each shape a format may ask for) and calls `write`.
A question's `--format` takes one of the enums here; a command whose formats no other command
offers (check, diff, scoreboard) declares its enum beside it, so that another command's run
does not make it (an enum costs every start about 0.7 M instructions). A new format needs a
writer here; which command offers what is read from the typer app, never listed twice.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, BinaryIO, TextIO, TypeVar

from bsec_plan.problems import UsageError

if TYPE_CHECKING:  # the enums load with the CLI at every start; the rest only when writing
    from bsec_plan.views.common import View


T = TypeVar("T")


class DocumentFormat(str, Enum):
    """A screen or one document: no rows that CSV could hold."""

    table = "table"
    json = "json"


class RowsFormat(str, Enum):
    """Rows: CSV too."""

    table = "table"
    json = "json"
    csv = "csv"


StatusFormat = DocumentFormat
ShowFormat = DocumentFormat
OverdueFormat = RowsFormat
StatesFormat = RowsFormat
SourcesFormat = RowsFormat


class CalendarFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    grid = "grid"
    ics = "ics"


DESCRIBED = {
    "table": "table (rich on a terminal, plain when piped)",
    "json": "json",
    "csv": "csv",
    "grid": "grid (month grids)",
    "ics": "ics (an iCalendar file)",
    "markdown": "markdown (for a pull-request comment)",
    "text": "text",
    "github": "github (Actions annotations too)",
    "xlsx": "xlsx (a spreadsheet; needs bsec-plan[xlsx])",
    "html": "html (a page to print)",
}


def described(choice: type[Enum]) -> str:
    """'table (…), json or csv': the help line of a command's --format."""
    names = [DESCRIBED[m.value] for m in choice]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def _built(build: Callable[[], T] | None) -> T:
    """The shape a format needs; a command offering a format it cannot build is a bug."""
    if build is None:
        raise RuntimeError("this command offers a format whose shape it does not build")
    return build()


def _table(view: View, stream: TextIO) -> None:
    from bsec_plan.writers import tables as output
    from bsec_plan.writers.terminal import styled

    if view.screen is not None and styled(stream):  # a terminal: the command's own screen
        output.write_tables(view.screen(), stream)
        return
    output.write_tables(_built(view.blocks), stream)


def _json(view: View, stream: TextIO) -> None:
    from bsec_plan.writers import tables as output

    output.write_json(_built(view.document), stream)


def _csv(view: View, stream: TextIO) -> None:
    from bsec_plan.writers import tables as output

    output.write_csv(_built(view.csv), stream)


def _grid(view: View, stream: TextIO) -> None:
    from bsec_plan.writers import tables as output

    output.write_grids(_built(view.months), view.heading, stream)


def _ics(view: View, stream: TextIO) -> None:
    from bsec_plan.writers import ics

    pieces = ics.calendar_pieces(*_built(view.calendar))
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        for piece in pieces:
            stream.write(piece.decode("utf-8"))
        return
    stream.flush()
    for piece in pieces:
        buffer.write(piece)  # bytes as they are: an iCalendar file's lines end in CRLF
    buffer.flush()


def _markdown(view: View, stream: TextIO) -> None:
    from bsec_plan.safetext import visible

    stream.write(visible(_built(view.markdown)))


def _xlsx(view: View, stream: TextIO) -> None:
    from bsec_plan.writers import xlsx

    data = xlsx.workbook(_built(view.sheet))
    buffer = stream.buffer
    if stream.isatty():
        raise UsageError("--format xlsx writes a spreadsheet; name a file with -o FILE")
    stream.flush()
    buffer.write(data)
    buffer.flush()


def _html(view: View, stream: TextIO) -> None:
    from bsec_plan.writers import html

    html.write_page(_built(view.printable), stream, "scoreboard.html.j2")


def _check(fmt: str) -> Callable[[View, TextIO], None]:
    def write(view: View, stream: TextIO) -> None:
        from bsec_plan.writers import problems

        checked = _built(view.checked)
        if checked.problems:  # located lines on stderr (and annotations for github)
            problems.write(checked.problems, fmt)
        else:
            stream.write("".join(f"{line}\n" for line in checked.summaries))
        if checked.warnings:  # after the summary, as a terminal shows them; whatever else failed
            stream.flush()
            problems.write(checked.warnings, fmt)

    return write


WRITERS: dict[str, Callable[[View, TextIO], None]] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "grid": _grid,
    "ics": _ics,
    "markdown": _markdown,
    "text": _check("text"),
    "github": _check("github"),
    "xlsx": _xlsx,
    "html": _html,
}


def write(fmt: str | Enum, view: View, path: str | None = None) -> None:
    """Write `view` in format `fmt` to stdout, or to the file `path` ('-' is stdout)."""
    name = fmt.value if isinstance(fmt, Enum) else fmt
    if path is None or path == "-":
        WRITERS[name](view, sys.stdout)
        return

    def pieces(binary: BinaryIO) -> None:  # into the file's temp file: a failure leaves none
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        try:
            WRITERS[name](view, text)
            text.flush()
        finally:
            text.detach()  # the file stays open for its owner to finish

    save(path, pieces)


def save(path: str, data: bytes | Callable[[BinaryIO], None]) -> None:
    """The one place a command writes a file, as `outfile` says: clobber nothing not asked for."""
    from bsec_plan.writers import files as outfile

    try:
        outfile.write(data, path, sys.stdout.buffer)
    except OSError as err:
        raise UsageError(f"--output: cannot write {path!r}: {err.strerror or err}") from None
