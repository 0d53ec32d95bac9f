"""Writing tables and documents: rich on a terminal, aligned plain text when piped, CSV, JSON.

rich is imported only when a table goes to a terminal, so piped and scripted runs start fast.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TextIO

from bsec_plan.safetext import csv_cell, json_text, visible
from bsec_plan.views.common import AS_OF, STATUS_LOOK, Lines, MonthGrid, Table
from bsec_plan.writers import terminal
from bsec_plan.writers.plain import table_text

if TYPE_CHECKING:  # rich is imported only when a terminal is styled
    from rich.console import Console
    from rich.table import Table as RichTable


def write_tables(tables: Sequence[Table | Lines | str], stream: TextIO | None = None) -> None:
    """Text blocks and tables, in order: rich on a terminal (paged when long), plain otherwise."""
    stream = stream or sys.stdout
    if terminal.styled(stream):
        terminal.write(_render(stream, lambda console: _write_rich(tables, console)), stream)
    elif (width := asked_width()) is not None:  # piped into a pager or a file of that width
        text = _render(stream, lambda console: _write_rich(tables, console), width)
        stream.write("\n".join(line.rstrip() for line in text.split("\n")))
    else:
        stream.write(plain(tables))


def asked_width() -> int | None:
    """The width an explicit `COLUMNS` asks piped tables to fit (`COLUMNS=60 bsec-plan ... |
    less`), or None: piped text is then as wide as its longest row."""
    import os

    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and 20 <= int(value) <= 1000 else None


def _render(stream: TextIO, draw: Callable[[Console], None], piped: int | None = None) -> str:
    """What `draw` prints on a rich console as wide as the terminal, as text with its styles;
    `piped`: as wide as that, as plain text."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=piped or terminal.size(stream)[0],
        force_terminal=piped is None,
        no_color=piped is not None or terminal.no_color(),
        # --color never: no escape at all, bold and dim included (NO_COLOR leaves those)
        color_system=None if terminal.color == "never" else "auto",
        highlight=False,
    )
    draw(console)
    return buffer.getvalue()


def plain(tables: Sequence[Table | Lines | str]) -> str:
    out = []
    for item in tables:
        if isinstance(item, str):
            out.append(visible(item) + "\n")
            continue
        if isinstance(item, Lines):
            out.extend(visible(line) + "\n" for line, _ in item.lines)
            continue
        out.append(table_text(item.title, item.columns, item.rows, item.empty, item.legend))
    return "".join(out)


def _write_rich(tables: Sequence[Table | Lines | str], console: Console) -> None:
    from rich.text import Text

    for item in tables:
        if isinstance(item, str):
            if re.fullmatch(NUMBERED, item):  # a numbered source: its address whole, never broken
                console.print(Text(visible(item)), no_wrap=True, overflow="ignore", crop=False)
            else:
                console.print(Text(visible(item)))
            continue
        if isinstance(item, Lines):  # laid out by its view: no blank line added
            # a footnote (dim) wraps as prose; only the screen's own lines decide
            widest = max((len(ln) for ln, look in item.lines if look != "dim"), default=0)
            if item.narrow and widest > console.width:
                item = item.narrow
            for line, look in item.lines:
                console.print(Text(visible(line), style=look or ""))
            continue
        if not item.rows:
            console.print(Text(visible(item.title), style="bold"))
            console.print(f"  ({item.empty})")
        else:
            _print_fitting(console, item)
        console.print()


def _print_fitting(console: Console, item: Table) -> None:
    """The table's narrow form (made for terminals) if it fits, else the table, else one stacked
    record per row: no column is dropped and no word is broken inside."""

    for candidate in (item.narrow, item):
        if candidate is None:
            continue
        widths = _fitted_widths(candidate, console.width)
        if widths is not None:
            _print_table(console, candidate, widths)
            return
    # too wide: the addresses move out of the cells, each once, as [1], [2] ...
    addresses: dict[str, int] = {}
    for candidate in (item.narrow, item):
        if candidate is None:
            continue
        candidate = _referenced(candidate, addresses)
        widths = _fitted_widths(candidate, console.width)
        if widths is not None:
            _print_table(console, candidate, widths)
            _print_references(console, addresses)
            return
        addresses.clear()
    _print_stacked(console, _referenced(item, addresses))
    _print_references(console, addresses)


# compiled where first used (re keeps them): only a table drawn for a terminal needs them
NUMBERED = r"\[\d+\] \S+"  # a view's numbered source, e.g. `[2] https://…`
# an address as the plan writes it: with its scheme; a full stop or bracket after it is not its
# (a scheme of at most 32 characters: an unbounded one made the search quadratic in a long word)
ADDRESS = r"(?i)\b[a-z][a-z0-9+.-]{0,31}://[^\s<>\"]+[^\s<>\".,;:)\]]"


def _referenced(item: Table, addresses: dict[str, int]) -> Table:
    """The table with each address in its cells replaced by its number, `[1]`; the numbers are
    added to `addresses`, one per address however often it is cited."""

    def number(match: re.Match[str]) -> str:
        return f"[{addresses.setdefault(match.group(0), len(addresses) + 1)}]"

    rows = [[re.sub(ADDRESS, number, visible(v)) for v in row] for row in item.rows]
    return replace(item, rows=rows, narrow=None)


def _print_references(console: Console, addresses: dict[str, int]) -> None:
    """Each address whole on a line of its own, never broken, even beyond the width."""
    from rich.text import Text

    for address, n in addresses.items():
        console.print(Text(f"[{n}] {address}"), no_wrap=True, overflow="ignore", crop=False)


def _fitted_widths(item: Table, width: int) -> list[int] | None:
    """Column widths that fit `width`: each column at its longest value, the widest wrapping
    column narrowed first, none below its longest word; None when that cannot fit."""
    rows = [[visible(v) for v in row] for row in [item.columns, *item.rows]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(item.columns))]
    least = [
        max(len(w) for row in rows for w in row[i].split()) if col in item.wrap else widths[i]
        for i, col in enumerate(item.columns)
    ]
    room = width - 2 * (len(widths) - 1)  # two spaces between columns
    while sum(widths) > room:
        slack = [(w - m, i) for i, (w, m) in enumerate(zip(widths, least, strict=True)) if w > m]
        if not slack:
            return None
        widths[max(slack)[1]] -= 1
    return widths


def _print_table(console: Console, item: Table, widths: list[int]) -> None:
    """The title on its own line, wrapped to the terminal (not to the table's width), the
    table, and its legend."""
    from rich.text import Text

    if item.title:
        console.print(Text(visible(item.title), style="bold"))
    console.print(_rich_table(item, widths))
    if item.legend:
        console.print(Text(visible(item.legend), style="dim"))


def _rich_table(item: Table, widths: list[int]) -> RichTable:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    rows = [[visible(v) for v in row] for row in item.rows]
    for col, width in zip(item.columns, widths, strict=True):
        # widths are fixed by _fitted_widths, so rich neither drops a column nor breaks a word
        wraps = col in item.wrap
        table.add_column(Text(col), overflow="fold", no_wrap=not wraps, width=width)
    wrapped = [col in item.wrap for col in item.columns]
    for i, row in enumerate(rows):
        style = item.styles[i] if i < len(item.styles) else None
        cells = [
            _by_parts(v, w) if wraps and len(v) > w else v
            for v, w, wraps in zip(row, widths, wrapped, strict=True)
        ]
        table.add_row(*(Text(v) for v in cells), style=style)
    return table


def _by_parts(text: str, width: int) -> str:
    """A list of parties (`CC?; Chair AZ`) that does not fit its column broken between its
    parts, not inside one (`Chair` above `AZ`); text with a part wider than the column (prose)
    is left to wrap as it is."""
    parts = text.split("; ")
    if len(parts) == 1 or max(map(len, parts)) >= width:
        return text
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            if lines:
                lines[-1] += ";"
            lines.append(part)
    return "\n".join(lines)


def _print_stacked(console: Console, item: Table) -> None:
    """One record per row, `Column  value`, as `kubectl describe` does."""
    from rich.table import Table as RichTable
    from rich.text import Text

    console.print(Text(visible(item.title), style="bold"))
    label = max(len(c) for c in item.columns)
    for i, row in enumerate(item.rows):
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, min_width=label, style="bold")
        grid.add_column(overflow="fold")
        style = item.styles[i] if i < len(item.styles) else None
        for col, value in zip(item.columns, row, strict=True):
            grid.add_row(Text(col), Text(visible(value), style=style or ""))
        console.print(grid)
        if i < len(item.rows) - 1:
            console.print()


def write_csv(table: Table, stream: TextIO | None = None) -> None:
    import csv

    # a cell from plan text or an argument that a spreadsheet would read as a formula gets a
    # leading ' (csv_cell); the numbers we compute ourselves (days overdue) are written as they are
    numbers = [col in table.numbers for col in table.columns]
    writer = csv.writer(stream or sys.stdout, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(
        [visible(v) if number else csv_cell(v) for v, number in zip(row, numbers, strict=True)]
        for row in table.rows
    )


def write_json(document: dict[str, Any], stream: TextIO | None = None) -> None:
    """Indented on a terminal (paged when long); one compact line when piped, where the C
    encoder is many times faster, written in pieces so that a large answer is never one string
    in memory (writers/jsonpieces.py)."""
    import json

    from bsec_plan.writers import jsonpieces

    stream = stream or sys.stdout
    if terminal.is_terminal(stream):
        text = json.dumps(document, indent=2, ensure_ascii=False, default=str)
        terminal.write(json_text(text) + "\n", stream)
        return
    jsonpieces.write_document(document, stream)  # encoded once, as bytes
    stream.write("\n")


def write_grids(months: list[MonthGrid], heading: str, stream: TextIO | None = None) -> None:
    """Month grids side by side as `cal -3` draws them, as many to a row as the width allows;
    under each row, the occurrences of its months; a legend of the marks at the end."""
    from bsec_plan.writers.grid import WIDTH, month_lines

    stream = stream or sys.stdout
    if not months:
        stream.write(f"{visible(heading)}\nNo deadlines in this window.\n")
        return
    styled = terminal.styled(stream)
    columns = terminal.size(stream)[0] if terminal.is_terminal(stream) else 80
    per_row = max(1, (columns + 2) // (WIDTH + 2))
    lines: list[tuple[str, list[tuple[int, int, str]]]] = [(visible(heading), [])]
    used: dict[str, None] = {}
    for start in range(0, len(months), per_row):
        row = months[start : start + per_row]
        grids = [month_lines(m.year, m.month, m.marks, SIGNS, m.through) for m in row]
        lines.append(("", []))
        for i in range(max(len(g) for g in grids)):
            text, spans = "", []
            for k, (m, grid) in enumerate(zip(row, grids, strict=True)):
                cell = grid[i] if i < len(grid) else ""
                offset = len(text) + (2 if k else 0)
                text += ("  " if k else "") + cell.ljust(WIDTH)
                if i >= 2:  # the week lines, below the month's name and the weekdays
                    spans += [(offset + a, offset + b, s) for a, b, s in _marked(cell, m)]
            lines.append((text.rstrip(), spans))
        lines.append(("", []))
        for m in row:
            for entry, status, hang in m.listing:
                used[status] = None
                shown = visible(entry)
                for piece in _hanging(shown, columns, hang) if styled else [shown]:
                    start = len(piece) - len(piece.lstrip(" "))
                    lines.append((piece, [(start, len(piece), status)]))
    legend = "  ".join(f"{SIGNS[s]} {s}" for s in STATUS_LOOK if s in used)
    if any(AS_OF in m.marks.values() for m in months):
        legend += f"; @ the as-of day ({months[0].as_of})"
    lines += [("", []), (f"Marks: {legend}", [])]
    if not styled:
        stream.write("".join(text + "\n" for text, _ in lines))
        return

    def draw(console: Console) -> None:
        from rich.text import Text

        for text, spans in lines:
            styled = Text(text)
            for a, b, status in spans:
                styled.stylize(STATUS_LOOK[status][0] if status in STATUS_LOOK else "reverse", a, b)
            console.print(styled)

    terminal.write(_render(stream, draw), stream)


def _hanging(line: str, width: int, hang: int) -> list[str]:
    """A listed occurrence within `width`: what does not fit goes on below, under its title
    (not at the edge of the screen), broken between words."""
    import textwrap

    if len(line) <= width or width - hang < 20:  # too little room beside it: left to wrap
        return [line]
    return textwrap.wrap(
        line, width, subsequent_indent=" " * hang, break_long_words=False, break_on_hyphens=False
    )


SIGNS = {**{status: sign for status, (_, sign) in STATUS_LOOK.items()}, AS_OF: "@"}


def _marked(line: str, month: MonthGrid) -> list[tuple[int, int, str]]:
    """Where the marked days of `month` sit in one of its grid lines, with their status."""
    import re

    return [
        (match.start(), match.end(), month.marks[int(match.group(2))])
        for match in re.finditer(r"([^\s\d])\s?(\d{1,2})", line)
        if int(match.group(2)) in month.marks
    ]
