"""A registers file is checked in one pass, as a plan is: a record with an error is set aside
and the reference rules still run on the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TESTS, run_cli

BROKEN = "tests/broken"
THREE = f"{BROKEN}/registers-bad-date-misspelt-key-and-undeclared-instrument.yaml"


def test_every_problem_of_a_registers_file_at_once() -> None:
    result = run_cli("check", THREE)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{THREE}:6:83: error: instruments[protocol].done_on: '2002-13-15' is not a date: "
        "month 13 is not in 01-12",
        f"{THREE}:8:5: error: parties[chair]: missing key 'name'",
        f"{THREE}:8:37: error: parties[chair]: unknown key 'nmae'; did you mean 'name'?",
        f"{THREE}:10:29: error: ratifications[0].instrument: instrument 'protocol-2003' is not "
        "declared under `instruments` (declared: agreement)",
        "4 problems found",
    ]


def test_a_plan_shows_every_problem_of_its_registers(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        (TESTS / "plans" / "split" / "plan.yaml")
        .read_text()
        .replace("registers: registers.yaml", "registers: registers-three-problems.yaml")
    )
    shutil.copy(TESTS.parent / THREE, tmp_path / "registers-three-problems.yaml")
    result = run_cli("check", str(plan))
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    in_registers = [line for line in lines if line.startswith(f"{tmp_path}/registers-three")]
    assert len(in_registers) == 4
    assert "is not declared under `instruments`" in in_registers[-1]
