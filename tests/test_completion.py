"""Shell completion for bash, zsh and fish: commands, option values, state codes, action ids."""

import os
from pathlib import Path

import pytest
from conftest import run_cli


def _bash(words: str, cword: int) -> list[str]:
    env = {"_BSEC_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = run_cli(env={**os.environ, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_commands_and_option_values() -> None:
    assert _bash("bsec-plan ca", 1) == ["calendar"]
    assert _bash("bsec-plan calendar --format ", 3) == ["table", "json", "csv", "grid", "ics"]
    assert _bash("bsec-plan states --missing ", 3) == ["ratification", "liaison-officer"]


def test_state_codes_action_ids_and_instruments_from_the_plan() -> None:
    assert _bash("bsec-plan overdue --state R", 3) == ["RO", "RU", "RS"]
    assert _bash("bsec-plan status --state g", 3) == ["ge", "gr"]  # in the case being typed
    assert _bash("bsec-plan show A", 2) == ["A.1", "A.2", "A.3"]
    assert _bash("bsec-plan states --instrument protocol", 3) == [
        "protocol-2002",
        "protocol-terrorism-2004",
    ]


def test_an_unreadable_plan_completes_nothing_quietly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("states: [\n", encoding="utf-8")
    assert _bash(f"bsec-plan overdue --plan {bad} --state R", 5) == []


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_offer_action_ids_with_their_titles(shell: str) -> None:
    env = {"_BSEC_PLAN_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": "bsec-plan show "}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    out = run_cli(env={**os.environ, **env}).stdout
    assert "A.2" in out and "Meetings of the BSEC Network of Liaison Officers" in out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script(shell: str) -> None:
    result = run_cli("--show-completion", shell)
    assert result.returncode == 0
    assert "_BSEC_PLAN_COMPLETE" in result.stdout
