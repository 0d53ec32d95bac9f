"""Writing tables and documents: rich on a terminal, aligned plain text when piped, CSV, JSON.

rich is imported only when a table goes to a terminal, so piped and scripted runs start fast.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from bsec_plan.report import Table
from bsec_plan.safetext import json_text, visible


def is_terminal(stream: TextIO) -> bool:
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def write_tables(tables: list[Table | str], stream: TextIO | None = None) -> None:
    """Text blocks and tables, in order: rich on a terminal, plain text otherwise."""
    stream = stream or sys.stdout
    if is_terminal(stream):
        _write_rich(tables, stream)
    else:
        stream.write(plain(tables))


def plain(tables: list[Table | str]) -> str:
    out = []
    for item in tables:
        if isinstance(item, str):
            out.append(visible(item) + "\n")
            continue
        if item.title:
            out.append(visible(item.title) + "\n")
        if not item.rows:
            out.append(f"  ({item.empty})\n\n")
            continue
        rows = [[visible(v) for v in row] for row in [item.columns, *item.rows]]
        widths = [max(len(row[i]) for row in rows) for i in range(len(item.columns))]
        widths[-1] = 0  # the last column is never padded
        rule = ["-" * len(c) for c in item.columns]
        out.extend(_aligned(cells, widths) for cells in [rows[0], rule, *rows[1:]])
        if item.legend:
            out.append(visible(item.legend) + "\n")
        out.append("\n")
    return "".join(out)


def _aligned(cells: list[str], widths: list[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip() + "\n"


def _write_rich(tables: list[Table | str], stream: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, no_color=_no_color())
    for item in tables:
        if isinstance(item, str):
            console.print(Text(visible(item)))
            continue
        if not item.rows:
            console.print(Text(visible(item.title), style="bold"))
            console.print(f"  ({item.empty})")
        else:
            _print_fitting(console, item)
        console.print()


def _print_fitting(console: Any, item: Table) -> None:
    """The table's narrow form (made for terminals) if it fits, else the table, else one stacked
    record per row: no column is dropped and no word is broken inside."""
    from rich.text import Text

    for candidate in (item.narrow, item):
        if candidate is None:
            continue
        widths = _fitted_widths(candidate, console.width)
        if widths is not None:
            console.print(_rich_table(candidate, widths))
            if candidate.legend:
                console.print(Text(visible(candidate.legend), style="dim"))
            return
    _print_stacked(console, item)


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


def _rich_table(item: Table, widths: list[int]) -> Any:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(
        title=Text(visible(item.title)) if item.title else None,
        title_justify="left",
        title_style="bold",
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
    for i, row in enumerate(rows):
        style = item.styles[i] if i < len(item.styles) else None
        table.add_row(*(Text(v) for v in row), style=style)
    return table


def _print_stacked(console: Any, item: Table) -> None:
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


def _no_color() -> bool | None:
    """NO_COLOR (https://no-color.org) turns colour off; marks and words carry the meaning."""
    return True if os.environ.get("NO_COLOR") else None


def write_csv(table: Table, stream: TextIO | None = None) -> None:
    import csv

    writer = csv.writer(stream or sys.stdout, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([visible(v) for v in row] for row in table.rows)


def write_json(document: dict, stream: TextIO | None = None) -> None:
    """Indented on a terminal; one compact line when piped, where the C encoder is many times faster."""
    import json

    stream = stream or sys.stdout
    indent = 2 if is_terminal(stream) else None
    stream.write(json_text(json.dumps(document, indent=indent, ensure_ascii=False, default=str)))
    stream.write("\n")


def write_grids(months, heading: str, stream: TextIO | None = None) -> None:
    """Month grids, each followed by its listing; marked days coloured by state on a terminal."""
    from bsec_plan.grid import month_lines

    stream = stream or sys.stdout
    if not months:
        stream.write(f"{heading}\nNo deadlines in this window.\n")
        return
    if not is_terminal(stream):
        blocks = [heading]
        for year, month, marks, listing in months:
            blocks.append("\n".join([*month_lines(year, month, set(marks)), "", *listing]))
        stream.write("\n\n".join(blocks) + "\n")
        return
    import re

    from rich.console import Console
    from rich.text import Text

    colours = {
        "overdue": "bold red",
        "due soon": "bold yellow",
        "done": "green",
        "done late": "green",
        "upcoming": "bold cyan",
    }
    console = Console(file=stream, highlight=False)
    console.print(heading)
    for year, month, marks, listing in months:
        console.print()
        for line in month_lines(year, month, set(marks)):
            text = Text(line)
            for match in re.finditer(r"\[\s?(\d+)\]", line):
                text.stylize(
                    colours.get(marks.get(int(match.group(1))), "bold"), match.start(), match.end()
                )
            console.print(text)
        console.print()
        for entry in listing:
            state = next((s for s in colours if f"  {s}  " in entry), None)
            console.print(Text(entry, style=colours.get(state, "")))
