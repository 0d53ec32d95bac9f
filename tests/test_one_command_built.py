"""A run builds only the command it names; what lists or suggests commands still sees them all."""

import pytest
from conftest import run_cli

from bsec_plan.cli.app import app


def commands() -> list[str]:
    import typer

    return sorted(getattr(typer.main.get_command(app), "commands", {}))


@pytest.mark.parametrize("before", [[], ["--color", "never"], ["--color=never"], ["--no-pager"]])
def test_a_command_runs_after_the_program_options(before: list[str]) -> None:
    result = run_cli(*before, "overdue", "--as-of", "2010-06-01")
    assert result.returncode == 0, result.stderr
    assert "A.2" in result.stdout


def test_the_program_help_before_a_command_lists_every_command() -> None:
    result = run_cli("--help", "status")
    assert result.returncode == 0, result.stderr
    for name in commands():
        assert f"  {name} " in result.stdout or f"  {name}\n" in result.stdout, name


def test_a_misspelt_command_is_suggested_from_all_of_them() -> None:
    result = run_cli("stauts")
    assert result.returncode == 2
    assert "No such command 'stauts'. Did you mean 'status', 'states'?" in result.stderr


def test_a_command_group_keeps_its_commands() -> None:
    result = run_cli("record", "--help")
    assert result.returncode == 0, result.stderr
    assert all(name in result.stdout for name in ("progress", "event", "officer"))


def test_the_app_is_left_whole_for_the_next_run() -> None:
    run_cli("status", "--as-of", "2010-06-01")
    assert {"status", "overdue", "check", "record"} <= set(commands())
