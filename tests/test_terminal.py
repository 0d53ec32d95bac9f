"""The pager and the colour choice, on a pseudo-terminal of 80x24."""

import os
import re

from conftest import run_cli, run_on_terminal

PAGER = {"BSEC_PLAN_PAGER": "sed s/^/paged:/"}  # a pager that shows it was used
COLOUR = re.compile(r"\x1b\[[0-9;]*3[1-6]m")  # red, green, yellow, blue, magenta, cyan


def test_long_output_goes_through_the_pager() -> None:
    code, out = run_on_terminal("calendar", "--as-of", "2010-06-01", env=PAGER)
    assert code == 0
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines and all(line.startswith("paged:") for line in lines)


def test_output_that_fits_the_screen_is_not_paged() -> None:
    code, out = run_on_terminal("overdue", "--as-of", "2010-06-01", env=PAGER)
    assert code == 0 and "paged:" not in out and "Overdue on 2010-06-01" in out


def test_no_pager_and_pipes_are_never_paged() -> None:
    _, out = run_on_terminal("--no-pager", "calendar", "--as-of", "2010-06-01", env=PAGER)
    assert "paged:" not in out and "December 2011" in out
    piped = run_cli("calendar", "--as-of", "2010-06-01", env={**os.environ, **PAGER})
    assert "paged:" not in piped.stdout


def test_pager_falls_back_to_PAGER_and_empty_or_cat_means_none() -> None:
    env = {"BSEC_PLAN_PAGER": None, "PAGER": "sed s/^/viaPAGER:/"}
    _, out = run_on_terminal("calendar", "--as-of", "2010-06-01", env=env)
    assert out.startswith("viaPAGER:")
    for value in ("", "cat"):
        _, out = run_on_terminal(
            "calendar", "--as-of", "2010-06-01", env={**env, "BSEC_PLAN_PAGER": value}
        )
        assert "viaPAGER:" not in out and "December 2011" in out


def test_colour_marks_status_and_NO_COLOR_turns_it_off() -> None:
    _, out = run_on_terminal("overdue", "--as-of", "2010-06-01")
    assert COLOUR.search(out)
    _, out = run_on_terminal("overdue", "--as-of", "2010-06-01", env={"NO_COLOR": "1"})
    assert not COLOUR.search(out) and "2009-H1" in out
    _, out = run_on_terminal("--color", "never", "overdue", "--as-of", "2010-06-01")
    assert not COLOUR.search(out)


def test_color_always_colours_a_pipe() -> None:
    out = run_cli("--color", "always", "overdue", "--as-of", "2010-06-01").stdout
    assert COLOUR.search(out)
    assert not COLOUR.search(run_cli("overdue", "--as-of", "2010-06-01").stdout)
