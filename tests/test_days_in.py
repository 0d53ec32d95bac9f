"""The days of a month, worked out without importing calendar, are calendar's."""

import calendar

from bsec_plan.domain.dates import FIRST_YEAR, LAST_YEAR, days_in


def test_every_month_a_date_may_fall_in_has_calendars_number_of_days() -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for month in range(1, 13):
            assert days_in(year, month) == calendar.monthrange(year, month)[1], (year, month)
