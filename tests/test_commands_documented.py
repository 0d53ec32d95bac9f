"""Every command is documented in the README: a line in its index, as the program's help words
it, and a section headed by its synopsis. Both are read from the typer app, so a new command
fails here until the README has it, and the message says what to write."""

import re

import typer
from conftest import ROOT

from bsec_plan.cli.app import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, str]:
    """Each command as `--help` lists it, in its order, with its help's first paragraph."""
    group = typer.main.get_command(app)
    return {
        name: " ".join((command.help or "").split("\n\n")[0].split())
        for name, command in group.commands.items()  # type: ignore[attr-defined]
    }


def index() -> str:
    """The README's index of the commands, as the typer app has them."""
    rows = [f"| `bsec-plan {name}` | {summary} |" for name, summary in _commands().items()]
    return "\n".join(["| command | what it does |", "|---|---|", *rows]) + "\n"


def test_the_readme_indexes_every_command_as_its_help_words_it() -> None:
    commands = README.split("\n## Commands\n")[1].split("\n## ")[0]
    assert f"\n{index()}\n" in commands, "the README's index of commands should read:\n" + index()


def test_every_command_has_a_section_headed_by_its_synopsis() -> None:
    headed = set(re.findall(r"^### `bsec-plan ([a-z-]+)[ `]", README, flags=re.M))
    assert set(_commands()) <= headed, sorted(set(_commands()) - headed)
