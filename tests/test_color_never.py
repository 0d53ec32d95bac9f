"""`--color never` on a terminal writes no escape sequence at all; `NO_COLOR` drops the colours
and keeps bold and dim (no-color.org asks for colour only); a terminal left alone is coloured."""

import re

import pytest
from conftest import run_on_terminal

COMMANDS = [
    ["overdue", "--as-of", "2010-06-01"],
    ["status", "--as-of", "2010-06-01"],
    ["states", "--state", "GR"],
    ["calendar", "--format", "grid", "--as-of", "2010-06-01"],
]
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7]|38;)")  # a foreground colour


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_never_writes_no_escape(args: list[str]) -> None:
    code, out = run_on_terminal("--color", "never", *args, env={"BSEC_PLAN_PAGER": "cat"})
    assert code == 0
    assert "\x1b" not in out
    assert "2010" in out or "GR" in out  # the answer itself is there


def test_no_color_drops_colours_and_keeps_bold() -> None:
    code, out = run_on_terminal(*COMMANDS[0], env={"NO_COLOR": "1", "BSEC_PLAN_PAGER": "cat"})
    assert code == 0
    assert not COLOUR.search(out)
    assert "\x1b[1m" in out


def test_a_terminal_left_alone_is_coloured() -> None:
    code, out = run_on_terminal(*COMMANDS[0], env={"NO_COLOR": None, "BSEC_PLAN_PAGER": "cat"})
    assert code == 0
    assert COLOUR.search(out)
