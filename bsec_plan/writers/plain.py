"""A table as aligned plain text, as piped output shows it: light to import (no rich, no view
classes), for the table writer and for `record`'s plain output alike."""

from __future__ import annotations

from bsec_plan.safetext import visible


def table_text(
    title: str, columns: list[str], rows: list[list[str]], empty: str = "none", legend: str = ""
) -> str:
    """The title, the header, a rule and the rows, aligned; `empty` in brackets when no rows."""
    out = [visible(title) + "\n"] if title else []
    if not rows:
        return "".join(out) + f"  ({empty})\n\n"
    cells = [[visible(v) for v in row] for row in [columns, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    widths[-1] = 0  # the last column is never padded
    rule = ["-" * len(c) for c in columns]
    out.extend(_aligned(row, widths) for row in [cells[0], rule, *cells[1:]])
    if legend:
        out.append(visible(legend) + "\n")
    out.append("\n")
    return "".join(out)


def _aligned(cells: list[str], widths: list[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip() + "\n"
