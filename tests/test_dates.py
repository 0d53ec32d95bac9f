import datetime as dt

import pytest

from bsec_plan.domain.dates import PartialDate, parse_day


@pytest.mark.parametrize(
    "text, last",
    [
        ("2011", dt.date(2011, 12, 31)),
        ("2010-06", dt.date(2010, 6, 30)),
        ("2012-02", dt.date(2012, 2, 29)),
        ("2010-06-01", dt.date(2010, 6, 1)),
    ],
)
def test_due_at_the_end_of_the_period_named(text: str, last: dt.date) -> None:
    assert PartialDate.parse(text).last_day == last
    assert str(PartialDate.parse(text)) == text


@pytest.mark.parametrize(
    "text, words",
    [
        ("2011-13-01", "month 13 is not in 01-12"),
        ("0000-00-00", "outside the years 1900-2199"),
        ("2010-02-30", "day 30 is not in 01-28"),
        ("01/06/2010", "write it as YYYY-MM-DD"),
        ("20100601", "write it as YYYY-MM-DD"),
    ],
)
def test_bad_days_are_refused_with_reason(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_day(text)
