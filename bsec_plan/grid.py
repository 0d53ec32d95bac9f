"""Month grids in the manner of `cal`: weeks start on Monday, deadline days marked."""

from __future__ import annotations

import calendar
import datetime as dt

HEADER = " Mo  Tu  We  Th  Fr  Sa  Su"


def months(days: list[dt.date]) -> list[tuple[int, int]]:
    """The (year, month) pairs that hold any of `days`, in order."""
    return sorted({(d.year, d.month) for d in days})


def month_cells(year: int, month: int) -> list[list[int]]:
    """Weeks of day numbers, Monday first; 0 pads the days of other months."""
    return calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)


def month_lines(year: int, month: int, marked: set[int]) -> list[str]:
    """Plain text: each day takes 4 columns; a marked day is shown as [28]."""
    lines = [f"{calendar.month_name[month]} {year}".center(len(HEADER)).rstrip(), HEADER]
    for week in month_cells(year, month):
        cells = []
        for day in week:
            if day == 0:
                cells.append("    ")
            elif day in marked:
                cells.append(f"[{day:>2}]")
            else:
                cells.append(f" {day:>2} ")
        lines.append("".join(cells).rstrip())
    return lines
