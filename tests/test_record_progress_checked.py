"""A progress record checks the plan it edits by the reference rules only through the edited
text: where the plan breaks one of them, or the record is refused, what is said is what it
always was, the plan's own problems as `check` locates them, and the files stay as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, run_cli

SOURCE = ["--source", "https://example.org/minutes.pdf"]
ASKED = {
    "a sound record": ["A.2", "2010-H1", "--date", "2010-06-15", "--status", "done"],
    "an unknown action": ["Z.9", "--date", "2010-06-15", "--status", "done"],
    "an unknown occurrence": ["A.2", "2010-H9", "--date", "2010-06-15", "--status", "done"],
}
BREAKS = {  # each passes pydantic and breaks one reference rule, or a rule on the text
    "an undeclared instrument": ("implements: protocol-2002", "implements: protocol-2099"),
    "a bidirectional control": ("THE PLAN OF ACTION", "THE PLAN \u202eOF ACTION"),
}


@pytest.mark.parametrize("broken", BREAKS)
@pytest.mark.parametrize("asked", ASKED)
def test_a_plan_check_refuses_is_told_as_check_tells_it(
    tmp_path: Path, broken: str, asked: str
) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    shutil.copy(REGISTERS, tmp_path / "registers.yaml")
    plan = tmp_path / "plan.yaml"
    old, new = BREAKS[broken]
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    args = ["record", "progress", *ASKED[asked], "--summary", "Met.", *SOURCE]
    recorded = run_cli(*args, "--plan", str(plan))
    checked = run_cli("check", str(plan))
    assert recorded.returncode == 2 and checked.returncode == 1
    problems = [line for line in checked.stderr.splitlines() if ": error: " in line]
    assert problems and recorded.stderr.splitlines() == problems
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_record_check_refuses_names_the_edited_text(tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    shutil.copy(REGISTERS, tmp_path / "registers.yaml")
    before = (tmp_path / "plan.yaml").read_bytes()
    args = [*ASKED["a sound record"], "--summary", "a\x1bb", *SOURCE]
    recorded = run_cli("record", "progress", *args, "--plan", str(tmp_path / "plan.yaml"))
    assert recorded.returncode == 2
    assert "a control character in the text 'a\\x1bb'" in recorded.stderr
    assert (tmp_path / "plan.yaml").read_bytes() == before
