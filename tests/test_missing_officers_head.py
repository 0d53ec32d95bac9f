"""`states --missing` on a terminal: the officer's record headed as a record, not as a stage
reached (the words of a treaty's stages); one instrument named once, in the title."""

import re

from conftest import run_on_terminal


def test_missing_officers_are_headed_as_records() -> None:
    code, out = run_on_terminal("states", "--missing", "liaison-officer", columns=80)
    assert code == 0
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in out.splitlines()]
    head = next(line for line in lines if line.startswith("State "))
    assert head.split() == ["State", "Missing", "Recorded", "Source"]


def test_one_instrument_is_named_in_the_title_not_on_every_line() -> None:
    code, out = run_on_terminal(
        "states", "--missing", "ratification", "--instrument", "protocol-2002", columns=80
    )
    assert code == 0
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in out.splitlines()]
    assert any(
        line.startswith("States missing a ratification of Additional Protocol (2002) on ")
        for line in lines
    )
    rows = [line for line in lines if re.match(r"[A-Z]{2}  ", line)]
    assert rows and not [row for row in rows if "Additional Protocol" in row]
    assert next(line for line in lines if line.startswith("State ")).split() == [
        "State",
        "Stage",
        "reached",
        "Source",
    ]
