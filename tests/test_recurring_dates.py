"""Recurring deadlines fall due on the days dateutil.rrule gives for the same rule."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.rrule import MONTHLY, YEARLY, rrule

from bsec_plan.domain.schedule import recurring


def _by_rrule(kind: str, start: dt.date, end: dt.date) -> list[dt.date]:
    begin, until = (dt.datetime.combine(d, dt.time()) for d in (start, end))
    if kind == "each-semester":
        rule = rrule(MONTHLY, bymonth=(6, 12), bymonthday=-1, dtstart=begin, until=until)
    else:
        rule = rrule(YEARLY, bymonth=2, bymonthday=-1, dtstart=begin, until=until)
    return [d.date() for d in rule]


WINDOWS = [
    (dt.date(2009, 5, 1), dt.date(2011, 6, 30)),  # the plan's period
    (dt.date(2009, 6, 30), dt.date(2009, 12, 31)),  # both ends on a due day
    (dt.date(2009, 7, 1), dt.date(2009, 12, 30)),  # none inside
    (dt.date(1999, 1, 1), dt.date(2005, 3, 1)),  # leap years and a century's
    (dt.date(1900, 1, 1), dt.date(2199, 12, 31)),  # every year a date may take
]


@pytest.mark.parametrize("kind", ["each-semester", "each-february-after-year"])
@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_the_days_of_the_rule(kind: str, start: dt.date, end: dt.date) -> None:
    assert [day for _, day in recurring(kind, start, end)] == _by_rrule(kind, start, end)


def test_the_labels() -> None:
    start, end = dt.date(2009, 5, 1), dt.date(2011, 6, 30)
    assert [label for label, _ in recurring("each-semester", start, end)] == [
        "2009-H1",
        "2009-H2",
        "2010-H1",
        "2010-H2",
        "2011-H1",
    ]
    assert [label for label, _ in recurring("each-february-after-year", start, end)] == [
        "2009",
        "2010",
    ]
