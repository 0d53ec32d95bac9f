"""One way to choose a format: what each command offers is exactly what it writes."""

import pytest
from conftest import run_cli

from bsec_plan.writers import formats

# a command line for each command that answers on the bundled plan
COMMANDS = {
    "check": ["check"],
    "status": ["status", "--as-of", "2010-06-01"],
    "overdue": ["overdue", "--as-of", "2010-06-01"],
    "states": ["states", "--as-of", "2010-06-01"],
    "show": ["show", "A.2", "--as-of", "2010-06-01"],
    "calendar": ["calendar", "--as-of", "2010-06-01"],
    "diff": ["diff", "data/plan.yaml", "data/plan.yaml"],
    "sources": ["sources"],
    "scoreboard": ["scoreboard", "--as-of", "2010-06-01"],
}


def test_every_offered_format_has_a_writer() -> None:
    for command, choice in formats.OFFERED.items():
        for member in choice:
            assert member.value in formats.WRITERS, f"{command} --format {member.value}"
            assert member.value in formats.DESCRIBED


def test_every_command_declares_its_formats() -> None:
    assert set(COMMANDS) == set(formats.OFFERED)


@pytest.mark.parametrize(
    "command, fmt",
    [(c, m.value) for c, choice in formats.OFFERED.items() for m in choice],
)
def test_each_offered_format_writes_something(command: str, fmt: str) -> None:
    if fmt == "xlsx":  # bytes, not text: tests/test_scoreboard.py opens the spreadsheet
        pytest.skip("a binary format")
    result = run_cli(*COMMANDS[command], "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", list(formats.OFFERED))
def test_help_lists_exactly_the_offered_formats(command: str) -> None:
    out = run_cli(command, "--help").stdout
    offered = "|".join(m.value for m in formats.OFFERED[command])
    assert f"--format [{offered}]" in out or f"--format <{offered}>" in out


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
