"""The calendar's grid accounts for every month of its window: months without a deadline are
named where they fall, so months apart never look adjacent."""

import calendar
import re

from conftest import run_cli

MONTHS = list(calendar.month_name)[1:]


def _grid(*args: str) -> str:
    result = run_cli("calendar", "--format", "grid", "--as-of", "2010-06-01", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_empty_months_between_deadlines_are_named() -> None:
    out = _grid()
    assert "July – November 2009" in out and "(no deadlines)" in out
    assert "January 2010" in out  # between December 2009 and February 2010
    top = out.splitlines()[2]
    assert top.split() == ["May", "2009", "June", "2009", "July", "–", "November", "2009"]


def test_every_month_of_the_window_is_drawn_or_named() -> None:
    out = _grid("--from", "2009-05-01", "--to", "2010-12-31")
    titles = " ".join(  # the lines naming months, not those listing occurrences
        line
        for line in out.splitlines()[2:]
        if re.search(r"\b20\d\d\b", line) and not re.search(r"\d{4}-\d{2}-\d{2}", line)
    )
    for year in (2009, 2010):
        for n, name in enumerate(MONTHS, 1):
            if (year, n) < (2009, 5):
                continue
            drawn = f"{name} {year}" in titles
            in_run = _in_a_run(titles, year, n)
            assert drawn or in_run, (name, year)


def _in_a_run(titles: str, year: int, month: int) -> bool:
    for match in re.finditer(r"(\w+)(?: (\d{4}))? –\s+(\w+) (\d{4})", titles):
        first_name, first_year, last_name, last_year = match.groups()
        start = (int(first_year or last_year), MONTHS.index(first_name) + 1)
        end = (int(last_year), MONTHS.index(last_name) + 1)
        if start <= (year, month) <= end:
            return True
    return False


def test_a_window_without_deadlines_says_so() -> None:
    out = _grid("--from", "2010-03-01", "--to", "2010-04-30")
    assert "No deadlines in this window." in out


def test_several_plans_share_one_run_of_empty_months() -> None:
    out = _grid("--plan", "data/plan.yaml", "--plan", "tests/plans/minimal.yaml")
    assert out.count("July – November 2009") == 1
