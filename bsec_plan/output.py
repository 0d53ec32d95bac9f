"""Writing tables and documents: rich on a terminal, aligned plain text when piped, CSV, JSON.

rich is imported only when a table goes to a terminal, so piped and scripted runs start fast.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from bsec_plan.report import Table


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
            out.append(item + "\n")
            continue
        if item.title:
            out.append(item.title + "\n")
        if not item.rows:
            out.append(f"  ({item.empty})\n\n")
            continue
        widths = [
            max(len(row[i]) for row in [item.columns, *item.rows]) for i in range(len(item.columns))
        ]
        widths[-1] = 0  # the last column is never padded
        rule = ["-" * len(c) for c in item.columns]
        out.extend(_aligned(cells, widths) for cells in [item.columns, rule, *item.rows])
        out.append("\n")
    return "".join(out)


def _aligned(cells: list[str], widths: list[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip() + "\n"


def _write_rich(tables: list[Table | str], stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=stream, highlight=False)
    for item in tables:
        if isinstance(item, str):
            console.print(Text(item))
            continue
        table = RichTable(title=item.title or None, title_justify="left", title_style="bold")
        for i, col in enumerate(item.columns):
            if col in item.wrap:
                table.add_column(col, overflow="fold", ratio=1)
            else:  # short values (ids, dates, counts) keep their full width
                width = max([len(col), *(len(row[i]) for row in item.rows)])
                table.add_column(col, no_wrap=True, min_width=width)
        for i, row in enumerate(item.rows):
            table.add_row(*row, style=item.styles[i] if i < len(item.styles) else None)
        if item.rows:
            console.print(table)
        else:
            console.print(Text(item.title, style="bold"))
            console.print(f"  ({item.empty})")
        console.print()


def write_csv(table: Table, stream: TextIO | None = None) -> None:
    import csv

    writer = csv.writer(stream or sys.stdout, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)


def write_json(document: dict, stream: TextIO | None = None) -> None:
    """Indented on a terminal; one compact line when piped, where the C encoder is many times faster."""
    import json

    stream = stream or sys.stdout
    indent = 2 if is_terminal(stream) else None
    stream.write(json.dumps(document, indent=indent, ensure_ascii=False, default=str))
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
