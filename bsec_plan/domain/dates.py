"""Dates as the plan writes them: strict ISO days and partial dates (a year, a month or a day)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from bsec_plan.plaindata import dataclass

# ASCII digits only: `\d` would also take Arabic-Indic or fullwidth digits, which the JSON
# Schema (and every other reader of the file) rejects
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# The years a date may take, in the file and on the command line: far wider than any plan,
# and narrow enough that a day after any of them, and every recurrence up to it, is a date.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def days_in(year: int, month: int) -> int:
    """The number of days in the month (calendar.monthrange's second value, without importing
    calendar, which costs every start more than all the plan's dates)."""
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return (following - dt.date(year, month, 1)).days


def _checked(year: int, month: int | None, day: int | None, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"'{text}' is outside the years {FIRST_YEAR}-{LAST_YEAR} that dates may take"
        )
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a date: month {month:02d} is not in 01-12")
    if month is not None and day is not None:
        last = days_in(year, month)
        if not 1 <= day <= last:
            raise ValueError(f"'{text}' is not a date: day {day:02d} is not in 01-{last:02d}")


def parse_day(text: str) -> dt.date:
    """An ISO 8601 calendar date, YYYY-MM-DD, and nothing looser."""
    match = _DAY.fullmatch(text)
    if not match:
        raise ValueError(f"'{text}' is not an ISO date; write it as YYYY-MM-DD, e.g. 2010-06-01")
    year, month, day = (int(g) for g in match.groups())
    _checked(year, month, day, text)
    return dt.date(year, month, day)


# An offset from a day, as the command line takes it: +0d, -2w, +3m, +1y
_OFFSET = r"([+-])([0-9]{1,5})([dwmy])"  # compiled where first used: few runs need it
OFFSET_FORMS = "+0d, -2w, +3m, +1y (days, weeks, months, years)"


def offset(day: dt.date, text: str) -> dt.date | None:
    """`day` moved by `text` (`+3m`: three months later, on the same day of the month or the
    month's last day, as dateutil's relativedelta counts), or None when `text` is no offset.
    A result outside the years dates may take is a ValueError."""
    match = re.fullmatch(_OFFSET, text) if text[:1] in ("+", "-") else None
    if not match:
        return None
    sign, count_text, unit = match.groups()
    count = int(count_text) * (-1 if sign == "-" else 1)
    if unit in "dw":
        ordinal = day.toordinal() + count * (7 if unit == "w" else 1)
        year = dt.date.fromordinal(ordinal).year if 0 < ordinal <= _LAST_ORDINAL else 0
    else:
        months = count * (12 if unit == "y" else 1)
        year = day.year + (day.month - 1 + months) // 12
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"'{text}' from {day.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR} "
            "that dates may take"
        )
    if unit in "dw":
        return dt.date.fromordinal(ordinal)
    from dateutil.relativedelta import relativedelta

    moved: dt.date = day + relativedelta(months=months)
    return moved


_LAST_ORDINAL = dt.date.max.toordinal()


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year (`2011`), a month (`2010-06`) or a day (`2010-06-01`)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PARTIAL.fullmatch(text)
        if not match:
            raise ValueError(f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year_text, month_text, day_text = match.groups()
        year = int(year_text)
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        _checked(year, month, day, text)
        return cls(year, month, day)

    # worked out once for each date: a plan's few dozen dates are shared by its records (the
    # cache's decoding shares them), and queries ask for these days thousands of times
    @cached_property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @cached_property
    def last_day(self) -> dt.date:
        """The day something due 'by' this date is due: the end of the period it names."""
        if self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, days_in(self.year, month))

    def __str__(self) -> str:
        return self._text

    @cached_property  # as last_day: formatting is most of what a cell of `states` costs
    def _text(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text
