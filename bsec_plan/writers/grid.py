"""Month grids in the manner of `cal`: weeks start on Monday, marked days carry a sign."""

from __future__ import annotations

import calendar
import datetime as dt

HEADER = " Mo Tu We Th Fr Sa Su"
WIDTH = len(HEADER)  # 21: three months side by side fit 80 columns, as `cal -3`


def months(days: list[dt.date]) -> list[tuple[int, int]]:
    """The (year, month) pairs that hold any of `days`, in order."""
    return sorted({(d.year, d.month) for d in days})


def month_cells(year: int, month: int) -> list[list[int]]:
    """Weeks of day numbers, Monday first; 0 pads the days of other months."""
    return calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)


def month_lines(year: int, month: int, marks: dict[int, str], signs: dict[str, str]) -> list[str]:
    """Plain text, 3 columns a day: a marked day has its sign before it, as `!28`."""
    lines = [f"{calendar.month_name[month]} {year}".center(WIDTH).rstrip(), HEADER]
    for week in month_cells(year, month):
        cells = [
            "   " if day == 0 else f"{signs.get(marks.get(day, ''), ' ')}{day:>2}" for day in week
        ]
        lines.append("".join(cells).rstrip())
    return lines
