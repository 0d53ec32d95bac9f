"""Shell completion for bash, zsh and fish: commands, option values, state codes, action ids."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TESTS, run_cli

PLANTED = TESTS / "plans" / "completion-injection.yaml"


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


def _answer(shell: str, line: str, env: dict[str, str] | None = None) -> list[str]:
    request = {"zsh": "describe_zsh", "fish": "complete_fish"}[shell]
    env = {
        **os.environ,
        **(env or {}),
        "_BSEC_PLAN_COMPLETE": request,
        "_TYPER_COMPLETE_ARGS": line,
    }
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = run_cli(env=env)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout.splitlines()


def test_zsh_and_fish_offer_action_ids_with_their_titles() -> None:
    title = "Meetings of the BSEC Network of Liaison Officers"
    assert any(line.startswith(f"A.2:{title}") for line in _answer("zsh", "bsec-plan show "))
    assert any(line.startswith(f"A.2\t{title}") for line in _answer("fish", "bsec-plan show "))


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_plan_text_goes_out_as_plain_words(shell: str) -> None:
    sep = ":" if shell == "zsh" else "\t"
    actions = _answer(shell, f"bsec-plan show --plan {PLANTED} ")
    states = _answer(shell, f"bsec-plan status --plan {PLANTED} --state ")
    instruments = _answer(shell, f"bsec-plan states --plan {PLANTED} --instrument ")
    assert actions == [
        f"A.1{sep}Invite the states",
        f"A.2{sep}Meet touch completion-injected ws",
        f"A.3{sep}Report touch completion-injected touch completion-injected /",  # cut at 60
    ]
    assert states == [f"RO{sep}Ro /x mania", f"GR{sep}Gr'eece touch completion-injected"]
    assert instruments == [
        f"agreement{sep}Agreement",
        f"treaty{sep}Tre /x aty touch completion-injected",
    ]


def test_bash_offers_the_planted_plans_ids_alone() -> None:
    line = f"bsec-plan show --plan {PLANTED} "
    assert _bash(line, 4) == ["A.1", "A.2", "A.3"]


def test_a_script_installed_by_an_earlier_release_gets_nothing_to_evaluate() -> None:
    env = {
        "_BSEC_PLAN_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": f"bsec-plan show --plan {PLANTED} ",
    }
    result = run_cli(env={**os.environ, **env})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_an_unknown_completion_request_is_a_usage_error() -> None:
    result = run_cli(env={**os.environ, "_BSEC_PLAN_COMPLETE": "complete_tcsh"})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "bsec-plan: error: unknown completion request 'complete_tcsh' in _BSEC_PLAN_COMPLETE"
    ]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_named_shells_script(shell: str) -> None:
    result = run_cli("completion", shell, env={**os.environ, "SHELL": "/bin/sh"})
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"# bsec-plan completion for {shell}") or (
        shell == "zsh" and result.stdout.startswith("#compdef bsec-plan\n")
    )
    code = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("#"))
    assert "_BSEC_PLAN_COMPLETE" in code and not re.search(r"(^|[\s;(])eval\s", code)


@pytest.mark.parametrize("shell", ["sh", "tcsh", "powershell", ""])
def test_an_unknown_shell_is_a_usage_error_naming_the_shells(shell: str) -> None:
    result = run_cli("completion", shell)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"bsec-plan: error: no completion for {shell!r}: choose bash, zsh or fish"
    ]


@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_typers_completion_options_are_gone(option: str) -> None:
    result = run_cli(option)
    assert result.returncode == 2
    assert f"No such option: {option}" in result.stderr


def test_completion_runs_from_sh_with_a_bare_environment(tmp_path: Path) -> None:
    """The commands above, from `sh` in `env -i` with only PATH: no SHELL, no HOME."""
    python, plan = shlex.quote(sys.executable), shlex.quote(str(PLANTED))
    tool = f"{python} -m bsec_plan"  # from the checkout's folder, as `python -m` finds it
    commands = [
        f"{tool} completion zsh | head -1",
        f"{tool} completion bash | tail -1",
        f"{tool} completion fish | grep -c __bsec_plan_complete",
        f"{tool} completion sh; echo exit $?",
        f"_BSEC_PLAN_COMPLETE=complete_bash COMP_WORDS='bsec-plan show --plan {plan} A' "
        f"COMP_CWORD=4 {tool}",
        f"_BSEC_PLAN_COMPLETE=describe_zsh _TYPER_COMPLETE_ARGS='bsec-plan status --plan {plan} "
        f"--state R' {tool}",
    ]
    result = subprocess.run(
        [
            "env",
            "-i",
            "PATH=/usr/bin:/bin",
            "sh",
            "-c",
            f"cd {shlex.quote(str(ROOT))}; " + "; ".join(f"{{ {c}; }} 2>&1" for c in commands),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.stdout.splitlines() == [
        "#compdef bsec-plan",
        "complete -o default -F _bsec_plan_completion bsec-plan",
        "3",
        "bsec-plan: error: no completion for 'sh': choose bash, zsh or fish",
        "exit 2",
        "A.1",
        "A.2",
        "A.3",
        "RO:Ro /x mania",
    ]
