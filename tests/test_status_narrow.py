"""`status` on a terminal of 60 x 24: one screen, as the other commands fit it: no cell broken
across lines, no line wider than the terminal, and no pager."""

import re

import pytest
from conftest import run_on_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _screen(*args: str, columns: int) -> list[str]:
    # a pager that numbers lines shows whether it ran
    code, out = run_on_terminal(
        "status", *args, columns=columns, lines=24, env={"BSEC_PLAN_PAGER": "cat -n"}
    )
    assert code == 0
    return ANSI.sub("", out).rstrip("\n").split("\n")


@pytest.mark.parametrize(
    "as_of", ["2010-06-01", "2009-06-01", "2011-01-01", "2011-07-01", "2012-01-01"]
)
def test_status_fits_60_by_24_without_a_pager(as_of: str) -> None:
    lines = _screen("--as-of", as_of, columns=60)
    assert len(lines) <= 23, lines
    assert not any(re.match(r"\s*\d+\t", line) for line in lines)  # not paged
    assert max(len(line) for line in lines) <= 60, lines


def test_no_cell_is_broken_at_60_columns() -> None:
    lines = _screen("--as-of", "2010-06-01", columns=60)
    assert "Overdue   A.2 2009-H1  336 days ago  CC?; Chair AZ" in lines
    assert "Next      A.2 2010-H1  in 29 days    due soon  CC?; Chair GR" in lines
    # what goes to a second line starts under the text, never back at column 0
    assert lines[lines.index("Direction A  3 overdue · 1 due soon · 3 upcoming ·") + 1] == (
        "             1 no deadline"
    )
    missing = lines.index("Missing")
    # the kinds of lack share a column at 60, each code marked with its kind, said above
    assert lines[missing + 1] == "consent to be bound: XX none on record, XX? date unknown"
    assert lines[missing + 3] == "Additional Protocol (2002)    AL AM AZ GE GR MD RU TR UA RS?"
    assert not any(line.strip() in {"AZ", "BG", "states", "deadline"} for line in lines)


def test_status_at_80_columns_keeps_its_screen() -> None:
    lines = _screen("--as-of", "2010-06-01", columns=80)
    assert lines[0] == "Period 2009-05-01 – 2011-06-30; as of 2010-06-01, 50% has passed."
    assert any(line.startswith("Overdue   A.2 2009-H1  2009-06-30  336 days ago") for line in lines)
    assert len(lines) <= 23


@pytest.mark.parametrize("columns", [60, 80])
def test_a_period_long_over_is_said_first_with_the_replay(columns: int) -> None:
    lines = _screen("--as-of", "2012-01-01", columns=columns)
    first = lines[0]  # before the period, the counts and anything else
    assert "period ended on 2011-06-30" in first and "--as-of 2011-06-30" in first


def test_a_long_row_for_one_state_wraps_under_its_second_cell() -> None:
    lines = _screen("--state", "RO", "--as-of", "2010-06-01", columns=60)
    at = lines.index("Next      A.3 2010     in 272 days  upcoming")
    assert lines[at + 1] == " " * 23 + "CC?; all states"  # under "in 272 days", past the label
    assert "Additional Protocol (2002)    not known to be bound" in lines
    assert max(map(len, lines)) <= 60


@pytest.mark.parametrize("columns", [60, 80])
def test_a_lack_and_what_a_state_is_not_known_bound_by_share_one_label_column(
    columns: int,
) -> None:
    lines = _screen("--state", "GR", "--as-of", "2010-06-01", columns=columns)
    lacked = next(line for line in lines if "Additional Protocol (2002)  " in line)
    unbound = next(line for line in lines if "BSEC Agreement (1998)  " in line)
    assert lacked.index("nothing recorded") == unbound.index(
        "not known" if columns == 60 else "consented"
    )
