"""One way to choose a format: what each command offers is exactly what it writes. The commands,
their formats and a command line for each are read from the typer app, so a new command is
tested here without being listed."""

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import ROOT, run_cli

from bsec_plan.cli.app import app
from bsec_plan.writers import formats

DAY = "2010-06-01"  # inside the bundled plan's period, so every command has rows to write


def _offered() -> dict[str, tuple[list[str], Any]]:
    """Each command that takes --format: its help's first example, on a fixed as-of day, and
    the --format option."""
    found = {}
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        options = {opt: p for p in command.params for opt in getattr(p, "opts", [])}
        if "--format" not in options:
            continue
        example = (command.epilog or "").split("Examples:\n")[1].splitlines()[0]
        words = []
        for word in shlex.split(example)[1:]:
            if word in (">", "|", ">>"):
                break  # the shell's, not the command's
            words.append(word)
        if "--as-of" in options and "--as-of" not in words:
            words += ["--as-of", DAY]
        found[name] = (words, options["--format"])
    return found


OFFERED = _offered()
# a command line for each command that takes --format, from its help's first example
COMMANDS = {name: words for name, (words, _) in OFFERED.items()}
CHOICES = {name: list(option.type.choices) for name, (_, option) in OFFERED.items()}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the examples assume: a git repository with the plan committed at data/plan.yaml
    (`diff` compares it with HEAD), and nothing a command may write that belongs to the
    checkout."""
    folder = tmp_path_factory.mktemp("formats")
    (folder / "data").mkdir()
    for name in ("data/plan.yaml", "data/registers.yaml"):
        shutil.copy(ROOT / name, folder / name)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    for args in (["init", "-q", "-b", "main"], ["add", "data"], ["commit", "-qm", "plan"]):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)
    return folder


def test_the_commands_with_formats_are_found() -> None:
    assert {"check", "status", "overdue", "states", "show", "calendar", "diff", "sources"} <= set(
        OFFERED
    )
    assert COMMANDS["show"][:2] == ["show", "A.2"]


def test_every_offered_format_has_a_writer() -> None:
    for command, choices in CHOICES.items():
        for name in choices:
            assert name in formats.WRITERS, f"{command} --format {name}"
            assert name in formats.DESCRIBED


@pytest.mark.parametrize(
    "command, fmt", [(c, name) for c, choices in CHOICES.items() for name in choices]
)
def test_each_offered_format_writes_something(command: str, fmt: str, workspace: Path) -> None:
    if fmt == "xlsx":  # bytes, not text: tests/test_scoreboard.py opens the spreadsheet
        pytest.skip("a binary format")
    result = run_cli(*COMMANDS[command], "--format", fmt, cwd=workspace)
    assert result.returncode in (0, 1), result.stderr  # 1: findings, as --exit-code asks
    assert result.stdout.strip()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", list(CHOICES))
def test_help_lists_exactly_the_offered_formats(command: str) -> None:
    out = run_cli(command, "--help").stdout
    offered = "|".join(CHOICES[command])
    assert f"--format [{offered}]" in out or f"--format <{offered}>" in out
    words = " ".join(out.split())
    assert all(formats.DESCRIBED[name] in words for name in CHOICES[command])


def test_piped_json_is_written_in_pieces_as_one_document() -> None:
    """A long list is encoded a thousand items at a time: what is written is still exactly the
    one-line document, control and invisible characters escaped."""
    import io
    import json

    from bsec_plan.safetext import json_text
    from bsec_plan.writers.tables import write_json

    rows = [{"id": f"A.{n}", "text": f"Étape {n}\u202e\x85", "due": None} for n in range(2500)]
    document = {"as_of": "2010-06-01", "overdue": rows, "empty": [], "count": 2500}
    out = io.StringIO()
    write_json(document, out)
    assert out.getvalue() == json_text(json.dumps(document, ensure_ascii=False)) + "\n"
    assert json.loads(out.getvalue())["overdue"][2499]["text"] == "Étape 2499\u202e\x85"
    assert "\u202e" not in out.getvalue()
