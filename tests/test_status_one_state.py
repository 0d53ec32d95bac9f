"""`status --state CODE` on a terminal: each instrument the state lacks, with the lack in words,
in the order the plan declares its instruments; a direction none of whose occurrences it
answers for says so; the overdue and next lines share their columns."""

import re

import pytest
from conftest import run_on_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _screen(*args: str, columns: int = 80) -> list[str]:
    code, out = run_on_terminal("status", *args, "--as-of", "2010-06-01", columns=columns)
    assert code == 0
    return [ANSI.sub("", line).rstrip() for line in out.splitlines()]


def test_each_lack_of_one_state_is_said_in_words_in_the_plans_order() -> None:
    lines = _screen("--state", "GR")
    at = next(i for i, line in enumerate(lines) if line.startswith("Missing "))
    assert lines[at : at + 3] == [
        "Missing   BSEC Agreement (1998)         consented, not known to be bound",
        "          Additional Protocol (2002)    nothing recorded",
        "          Protocol on Terrorism (2004)  consented, not known to be bound",
    ]
    assert not any("none on record" in line for line in lines)


def test_a_states_missing_officer_is_said_without_its_code() -> None:
    lines = _screen("--state", "RS")
    assert "          Liaison officer               not appointed" in lines


@pytest.mark.parametrize("columns", [60, 80])
def test_a_direction_with_nothing_for_the_state_names_it(columns: int) -> None:
    lines = _screen("--state", "GR", columns=columns)
    assert "          B  nothing for GR" in lines
    assert not any(line.endswith("  nothing") for line in lines)


def test_overdue_and_next_lines_share_their_columns() -> None:
    lines = _screen("--state", "GR")
    overdue = next(line for line in lines if line.startswith("Overdue "))
    following = next(line for line in lines if line.startswith("Next "))
    assert overdue.index("2010-02-28") == following.index("2010-06-30")
    assert overdue.index("CC?") == following.index("due soon")
