"""A list of parties that does not fit its column on a terminal breaks between parties, never
inside one: `Chair AZ` stays on one line."""

import re

from conftest import run_on_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_show_at_60_columns_keeps_each_chair_with_its_state() -> None:
    code, out = run_on_terminal(
        "show", "A.2", "--as-of", "2010-06-01", columns=60, env={"BSEC_PLAN_PAGER": "cat"}
    )
    assert code == 0
    lines = [ANSI.sub("", line).rstrip() for line in out.splitlines()]
    assert not [line for line in lines if line.endswith("Chair")]
    assert sum(line.endswith("Chair AZ") for line in lines) == 1
    assert max(map(len, lines)) <= 60
