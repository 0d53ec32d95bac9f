"""Arguments as people type them: a state by name or in any case, a second --state refused,
`check --plan`, a day-less command asked for a day, words for numbers, "did you mean" for every
enumerated value, and errors from the environment naming the variable."""

import json
import os

import pytest
from conftest import TESTS, run_cli

BROKEN = TESTS / "broken"


def _states(*state: str) -> list[str]:
    args = [a for s in state for a in ("--state", s)]
    result = run_cli("overdue", "--as-of", "2010-06-01", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [json.loads(result.stdout)["state"]]


@pytest.mark.parametrize("typed", ["RO", "ro", "Romania", "romania", "rom", " Ro "])
def test_a_state_is_taken_by_code_in_any_case_or_by_name(typed: str) -> None:
    assert _states(typed) == ["RO"]


def test_a_prefix_of_several_names_is_refused_naming_them() -> None:
    result = run_cli("overdue", "--state", "A")  # Albania, Armenia, Azerbaijan
    assert result.returncode == 2
    assert "AL (Albania), AM (Armenia), AZ (Azerbaijan)" in result.stderr


def test_a_mistyped_state_gets_a_suggestion() -> None:
    result = run_cli("overdue", "--state", "Romnia")
    assert result.returncode == 2 and "did you mean 'Romania'?" in result.stderr


def test_a_second_state_is_refused_not_quietly_kept() -> None:
    result = run_cli("overdue", "--state", "RO", "--state", "GR")
    assert result.returncode == 2 and result.stdout == ""
    assert "--state given 2 times (RO, GR)" in result.stderr


def test_check_takes_plan_as_the_queries_do() -> None:
    result = run_cli("check", "--plan", "data/plan.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data/plan.yaml: valid:")


def test_sources_asked_for_a_day_says_why_it_takes_none() -> None:
    result = run_cli("sources", "--as-of", "2010-06-01")
    assert result.returncode == 2
    assert "sources answers for every date, so it takes no --as-of" in result.stderr


@pytest.mark.parametrize("given", ["abc", "-3", "1.5"])
def test_within_that_is_not_days_says_so(given: str) -> None:
    result = run_cli("status", "--within", given)
    assert result.returncode == 2
    assert f"'{given}' is not a number of days" in result.stderr
    assert "int range" not in result.stderr and "integer" not in result.stderr


def test_every_enumerated_value_in_a_plan_gets_did_you_mean() -> None:
    result = run_cli("check", str(BROKEN / "enumerated-values-misspelt.yaml"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    wanted = {  # line:col -> the suggestion
        ":21:17:": "found 'each-semster' (did you mean 'each-semester'?)",  # deadline kind
        ":24:12:": "found 'gr' (did you mean 'GR'?)",  # a state code in the wrong case
        ":31:56:": "found 'ratifcation' (did you mean 'ratification'?)",  # event kind
    }
    for at, suggestion in wanted.items():
        assert any(at in line and suggestion in line for line in lines), (at, lines)


def test_ids_in_a_plan_get_did_you_mean() -> None:
    result = run_cli("check", str(BROKEN / "ids-misspelt.yaml"))
    assert result.returncode == 1
    assert (
        "instrument 'protocl' is not declared under `instruments` (did you mean 'protocol'?)"
        in (result.stderr)
    )
    assert "action 'A2' does not exist (did you mean 'A.2'?)" in result.stderr


def test_ids_in_arguments_get_did_you_mean() -> None:
    result = run_cli("states", "--instrument", "protocol-200")
    assert result.returncode == 2 and "did you mean 'protocol-2002'?" in result.stderr
    result = run_cli("show", "C.4")
    assert result.returncode == 2 and "(did you mean 'C." in result.stderr


def test_a_short_id_with_another_first_letter_gets_no_guess_only_the_list() -> None:
    result = run_cli("show", "Z.1")
    assert result.returncode == 2 and "did you mean" not in result.stderr
    assert "no action 'Z.1'; the actions are A.1, A.2" in result.stderr


@pytest.mark.parametrize("command", [["status"], ["check"]])
def test_a_missing_plan_from_the_environment_names_the_variable(command: list[str]) -> None:
    result = run_cli(*command, env={**os.environ, "BSEC_PLAN": "/nonexistent/plan.yaml"})
    assert result.returncode == 2
    assert "$BSEC_PLAN names /nonexistent/plan.yaml, which does not exist" in result.stderr
