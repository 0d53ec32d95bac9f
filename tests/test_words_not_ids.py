"""Help and names as people read them: command summaries whole, completion descriptions whole,
`show` in words rather than the file's ids, and plurals that agree with their numbers."""

import os

import pytest
from conftest import TESTS, run_cli


@pytest.mark.parametrize("columns", ["80", "120"])
def test_help_summaries_are_never_cut(columns: str) -> None:
    result = run_cli("--help", env={**os.environ, "COLUMNS": columns})
    commands = result.stdout.split("Commands:", 1)[1]
    assert "..." not in commands
    assert "Validate a plan file: every problem at once, as FILE:LINE:COL:" in commands
    joined = " ".join(commands.split())  # a summary wraps in its column
    assert (
        "Member States × instruments; one instrument's chart of stages; one state's standing."
        in joined
    )


def _fish(line: str) -> list[str]:
    env = {**os.environ, "_BSEC_PLAN_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": line}
    result = run_cli(env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_fish_descriptions_of_options_and_commands_are_whole() -> None:
    options = _fish("bsec-plan --")
    assert "--color\tColour: on a terminal unless NO_COLOR is set (auto), always, never." in options
    assert "--no-pager\tNever page long output ($BSEC_PLAN_PAGER, $PAGER, less -FRX)." in options
    commands = _fish("bsec-plan st")
    assert (
        "states\tMember States × instruments; one instrument's chart of stages; one state's standing."
        in commands
    )


@pytest.mark.parametrize(
    ("action", "words", "kind"),
    [
        ("A.2", "(due at the end of each half-year: 30 June and 31 December)", "each-semester"),
        ("E", "(due by the end of 2011)", "fixed"),
    ],
)
def test_show_says_the_deadline_in_words(action: str, words: str, kind: str) -> None:
    result = run_cli("show", action, "--as-of", "2010-06-01")
    deadline = next(ln for ln in result.stdout.splitlines() if ln.startswith("Deadline: "))
    assert deadline.endswith(words) and f"({kind})" not in deadline


def test_counts_agree_with_their_nouns() -> None:
    result = run_cli("check", str(TESTS / "plans" / "minimal.yaml"))
    assert result.returncode == 0, result.stderr
    assert "1 direction, 2 actions, 2 states, 1 ratification record, 1 progress record" in (
        result.stdout
    )
