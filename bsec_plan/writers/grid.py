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


def month_lines(
    year: int,
    month: int,
    marks: dict[int, str],
    signs: dict[str, str],
    through: tuple[int, int] | None = None,
) -> list[str]:
    """Plain text, 3 columns a day: a marked day has its sign before it, as `!28`. With
    `through`: the run of months without deadlines from this one, named in place of a grid."""
    if through is not None:
        return empty_lines(year, month, through)
    lines = [f"{calendar.month_name[month]} {year}".center(WIDTH).rstrip(), HEADER]
    for week in month_cells(year, month):
        cells = [
            "   " if day == 0 else f"{signs.get(marks.get(day, ''), ' ')}{day:>2}" for day in week
        ]
        lines.append("".join(cells).rstrip())
    return lines


def empty_lines(year: int, month: int, through: tuple[int, int]) -> list[str]:
    """`July – November 2009` / `no deadlines`, where the grids of those months would be."""
    first = f"{calendar.month_name[month]} {year}"
    last = f"{calendar.month_name[through[1]]} {through[0]}"
    if (year, month) == through:
        named = [first]
    elif year == through[0]:
        named = [f"{calendar.month_name[month]} – {last}"]
    else:
        named = [f"{first} –", last]
    if any(len(line) > WIDTH for line in named):  # `September – November 2009`: two lines
        named = [f"{first} –", last]
    return [line.center(WIDTH).rstrip() for line in [*named, "(no deadlines)"]]
