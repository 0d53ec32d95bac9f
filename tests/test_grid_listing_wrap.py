"""`calendar --format grid` on a terminal: an occurrence listed under its month that is too long
for the screen goes on below its title, never at the screen's edge."""

import re

import pytest
from conftest import run_on_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("columns", [60, 80])
def test_a_long_title_goes_on_under_itself(columns: int) -> None:
    code, out = run_on_terminal(
        "calendar",
        "--format",
        "grid",
        "--as-of",
        "2010-06-01",
        "--from",
        "2010-01-01",
        "--to",
        "2010-03-31",
        columns=columns,
        env={"BSEC_PLAN_PAGER": "cat"},
    )
    assert code == 0
    lines = [ANSI.sub("", line).rstrip() for line in out.splitlines()]
    at = next(i for i, line in enumerate(lines) if line.startswith("2010-02-28  A.3 2009"))
    title = lines[at].index("Annual")
    follows = lines[at + 1]
    assert follows.startswith(" " * title) and follows[title] != " "
    assert follows.endswith("crime")
    assert max(map(len, lines)) <= columns
