"""`states --missing liaison-officer` on a terminal heads the officer's record as a record, not
as a stage reached, which is the words of a treaty's stages."""

import re

from conftest import run_on_terminal


def test_missing_officers_are_headed_as_records() -> None:
    code, out = run_on_terminal("states", "--missing", "liaison-officer", columns=80)
    assert code == 0
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in out.splitlines()]
    head = next(line for line in lines if line.startswith("State "))
    assert head.split() == ["State", "Missing", "Recorded", "Source"]
