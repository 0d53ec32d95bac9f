"""The table of commands and their modules: a run imports the module of the command it names and
no other command's; help and a misspelt name still see every command, in the table's order."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer
from conftest import checkout_env, run_cli, run_process

from bsec_plan.cli.app import COMMANDS, every_command


def test_the_table_names_each_command_with_the_module_that_registers_it() -> None:
    app = every_command()
    registered = {
        typer.main.get_command_name(c.name or c.callback.__name__): c.callback.__module__
        for c in app.registered_commands
        if c.callback is not None
    }
    for group in app.registered_groups:
        assert group.name is not None and group.typer_instance is not None
        (first, *_) = group.typer_instance.registered_commands
        assert first.callback is not None
        registered[group.name] = first.callback.__module__
    assert {name: f"bsec_plan.cli.{module}" for name, module in COMMANDS.items()} == registered


def test_help_lists_the_commands_in_the_tables_order() -> None:
    lines = run_cli("--help").stdout.split("Commands:\n")[1].splitlines()
    listed = [m.group(1) for line in lines if (m := re.match(r"  ([a-z-]+) ", line))]
    assert listed == list(COMMANDS)


def _imported(*args: str) -> set[str]:
    """The command modules that a run in a new process has imported by its end."""
    code = (
        "import sys; from bsec_plan.__main__ import main; code = main(sys.argv[1:]); "
        "print(*sorted(m for m in sys.modules if m.startswith('bsec_plan.cli.')), "
        "file=sys.stderr); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=checkout_env()
    )
    assert result.returncode in (0, 1, 2), result.stderr
    return {name.removeprefix("bsec_plan.cli.") for name in result.stderr.split()}


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["status", "--as-of", "2010-06-01"], "queries"),
        (["--color", "never", "check"], "validate"),
        (["completion", "bash"], "review"),
        (["--color", "never", "fmt", "--check"], "fmt"),
    ],
)
def test_a_run_imports_the_module_of_its_command_only(args: list[str], module: str) -> None:
    others = set(COMMANDS.values()) - {module}
    imported = _imported(*args)
    assert module in imported
    assert not imported & others


def test_a_misspelt_command_is_told_among_all_of_them() -> None:
    result = run_process("stauts")
    assert result.returncode == 2
    assert "No such command 'stauts'. Did you mean 'status', 'states'?" in result.stderr


@pytest.mark.parametrize("args", [["--help"], [], ["--color", "never"], ["--help", "status"]])
def test_the_program_help_from_the_list_is_the_whole_apps(args: list[str]) -> None:
    from bsec_plan.cli import app

    texts = []
    for made in (app._for(args), app.every_command()):
        command = typer.main.get_command(made)
        texts.append(command.get_help(command.context_class(command, info_name="bsec-plan")))
    assert texts[0] == texts[1]
    assert all(f"  {name} " in texts[0] for name in COMMANDS)
