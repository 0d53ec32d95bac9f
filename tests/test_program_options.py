"""Program options before or after the command, as gh takes its flags; usage errors on one line."""

import pytest
from conftest import run_cli, run_on_terminal

from bsec_plan.cli.app import app

PAGER = {"BSEC_PLAN_PAGER": "sed s/^/paged:/"}  # a pager that shows it was used
ESC = "\x1b["


def commands() -> list[str]:
    import typer

    group = typer.main.get_command(app)
    return sorted(getattr(group, "commands", {}))


def test_every_command_takes_the_program_options() -> None:
    assert {"status", "check", "completion"} <= set(commands())
    for name in commands():
        result = run_cli(name, "-h")
        assert "--color <auto|always|never>" in result.stdout, name
        assert "--no-pager" in result.stdout, name


def test_color_after_the_command() -> None:
    result = run_cli("status", "--as-of", "2010-06-01", "--color", "always")
    assert result.returncode == 0, result.stderr
    assert ESC in result.stdout
    result = run_cli("status", "--color=always", "--as-of", "2010-06-01")
    assert ESC in result.stdout


def test_color_on_a_terminal_after_the_command() -> None:
    """The same screen as with the option before the command (bold stays: it is not colour)."""
    before = run_on_terminal("--color", "never", "overdue", "--as-of", "2010-06-01")
    after = run_on_terminal("overdue", "--as-of", "2010-06-01", "--color", "never")
    coloured = run_on_terminal("overdue", "--as-of", "2010-06-01")
    assert before == after and after[0] == 0 and "A.2" in after[1]
    assert "31m" in coloured[1] and "31m" not in after[1]  # overdue is red


def test_the_last_one_given_wins() -> None:
    result = run_cli("--color", "always", "status", "--as-of", "2010-06-01", "--color", "never")
    assert result.returncode == 0 and ESC not in result.stdout
    result = run_cli("--color", "never", "status", "--as-of", "2010-06-01", "--color", "always")
    assert ESC in result.stdout
    # not given after the command: the program's own stands
    result = run_cli("--color", "always", "status", "--as-of", "2010-06-01")
    assert ESC in result.stdout


def test_no_pager_after_the_command() -> None:
    code, out = run_on_terminal("calendar", "--as-of", "2010-06-01", env=PAGER)
    assert code == 0 and out.startswith("paged:")
    code, out = run_on_terminal("calendar", "--as-of", "2010-06-01", "--no-pager", env=PAGER)
    assert code == 0 and "paged:" not in out and "December 2011" in out


def test_a_value_that_looks_like_the_option_is_a_value() -> None:
    result = run_cli("status", "--plan", "--color")
    assert result.returncode == 2
    assert result.stderr.startswith("--color:1:1: error: no such file")
    result = run_cli("diff", "--", "--color")
    assert result.returncode == 2
    assert result.stderr.startswith("bsec-plan: error: '--color' is not a git revision")


@pytest.mark.parametrize(
    "args, line",
    [
        (["status", "--bogus"], "No such option: --bogus; see 'bsec-plan status -h'"),
        (
            ["status", "--color", "pink"],
            "Invalid value for '--color': 'pink' is not one of 'auto', 'always', 'never'; "
            "see 'bsec-plan status -h'",
        ),
        (
            ["status", "--version"],
            "No such option: --version; it goes before the command: bsec-plan --version",
        ),
        (["nosuch"], "No such command 'nosuch'; see 'bsec-plan -h'"),
        (["show"], "Missing argument 'ID'; see 'bsec-plan show -h'"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], line: str) -> None:
    result = run_cli(*args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"bsec-plan: error: {line}\n"


def test_no_command_still_shows_the_help() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert "Commands:" in result.stdout + result.stderr
