"""Days on the command line relative to today and to the as-of day: today, yesterday, tomorrow,
and offsets such as +3m, -2w (days, weeks, months, years; months clamped to their last day)."""

import datetime as dt
import json

import pytest
from conftest import run_cli

from bsec_plan.cli.prelude import parse_as_of
from bsec_plan.domain.dates import offset
from bsec_plan.problems import UsageError

FORMS = "+0d, -2w, +3m, +1y (days, weeks, months, years)"


@pytest.mark.parametrize(
    "start, text, expected",
    [
        ("2010-06-01", "+0d", "2010-06-01"),
        ("2010-06-01", "-2w", "2010-05-18"),
        ("2010-06-01", "+3m", "2010-09-01"),
        ("2010-01-31", "+1m", "2010-02-28"),  # clamped to the month's end
        ("2012-01-31", "+1m", "2012-02-29"),
        ("2012-02-29", "+1y", "2013-02-28"),
        ("2010-03-31", "-1m", "2010-02-28"),
        ("2010-12-15", "+1m", "2011-01-15"),
        ("2010-06-01", "-1y", "2009-06-01"),
        ("2010-06-01", "+10d", "2010-06-11"),
    ],
)
def test_offsets(start: str, text: str, expected: str) -> None:
    assert offset(dt.date.fromisoformat(start), text) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("text", ["3m", "+3", "+m", "+3M", "+3 m", "+٣m", "+1.5m", "today"])
def test_what_is_not_an_offset(text: str) -> None:
    assert offset(dt.date(2010, 6, 1), text) is None


@pytest.mark.parametrize("text", ["+190y", "-111y", "+99999w", "-99999d", "+99999m"])
def test_offsets_outside_the_years_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is outside the years 1900-2199"):
        offset(dt.date(2010, 6, 1), text)


def test_words_are_days_around_today() -> None:
    today = dt.date.today()
    assert parse_as_of("today") == today
    assert parse_as_of("Yesterday") == today - dt.timedelta(days=1)
    assert parse_as_of(" tomorrow ") == today + dt.timedelta(days=1)
    assert parse_as_of("-1w") == today - dt.timedelta(days=7)
    assert parse_as_of("+0d", "--from", dt.date(2010, 6, 1)) == dt.date(2010, 6, 1)


def test_a_bad_day_lists_the_accepted_forms_in_one_line() -> None:
    with pytest.raises(UsageError) as caught:
        parse_as_of("next month", "--to", dt.date(2010, 6, 1))
    assert str(caught.value) == (
        "--to: 'next month' is not an ISO date; write it as YYYY-MM-DD, e.g. 2010-06-01; or "
        f"today, yesterday, tomorrow, or an offset from the as-of day: {FORMS}"
    )


def test_the_existing_refusals_stand() -> None:
    with pytest.raises(UsageError, match="ambiguous; write the ISO form: 2010-06-01 or 2010-01-06"):
        parse_as_of("01/06/2010", "--from", dt.date(2010, 6, 1))
    with pytest.raises(UsageError, match="outside the years 1900-2199"):
        parse_as_of("2200-01-01")
    with pytest.raises(UsageError, match="not an ISO date"):
        parse_as_of("２０１０-06-01")


def test_the_next_three_months_from_the_as_of_day() -> None:
    result = run_cli(
        "calendar", "--as-of", "2010-05-01", "--from", "+0d", "--to", "+3m", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["from"], document["to"]) == ("2010-05-01", "2010-08-01")
    # an offset that starts with '-' is a value, not an option
    result = run_cli("calendar", "--as-of", "2010-06-01", "--from", "-2w", "--format", "json")
    assert (result.returncode, json.loads(result.stdout)["from"]) == (0, "2010-05-18")


def test_relative_as_of_days_reach_the_output() -> None:
    result = run_cli("overdue", "--as-of", "yesterday", "--format", "json")
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert (result.returncode, json.loads(result.stdout)["as_of"]) == (0, yesterday.isoformat())


def test_a_bad_offset_is_one_line_and_exit_2() -> None:
    result = run_cli("calendar", "--as-of", "2010-06-01", "--to", "+3q")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "bsec-plan: error: --to: '+3q' is not an ISO date; write it as YYYY-MM-DD, e.g. "
        f"2010-06-01; or today, yesterday, tomorrow, or an offset from the as-of day: {FORMS}\n"
    )
    result = run_cli("calendar", "--as-of", "2010-06-01", "--to", "+200y")
    assert (result.returncode, result.stderr) == (
        2,
        "bsec-plan: error: --to: '+200y' from 2010-06-01 is outside the years 1900-2199 that "
        "dates may take\n",
    )
