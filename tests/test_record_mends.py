"""An event or an officer record is written when the files as they will be written pass every
rule of `check`, even where the files before it broke one that the record mends (an officer
record replaced); where the files after it still break a rule, what is said is what `check`
says of the files before it, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, run_cli

SOURCE = ["--source", "https://example.org/note.pdf"]
# AL's officer record with a source that cannot be followed: a reference rule of `check`
UNFOLLOWABLE = (
    '{state: AL, status: not-appointed, source: "Plan of Action 2009–2011, note under A.2"}',
    "{state: AL, status: not-appointed, source: minutes}",
)


def _broken_copy(folder: Path) -> Path:
    shutil.copy(PLAN, folder / "plan.yaml")
    registers = folder / "registers.yaml"
    text = REGISTERS.read_text(encoding="utf-8")
    assert UNFOLLOWABLE[0] in text
    registers.write_text(text.replace(*UNFOLLOWABLE, 1), encoding="utf-8")
    return folder / "plan.yaml"


def test_a_record_that_mends_the_fault_is_written(tmp_path: Path) -> None:
    plan = _broken_copy(tmp_path)
    assert run_cli("check", str(plan)).returncode == 1
    args = ["record", "officer", "AL", "appointed", "--date", "2010-09-01", *SOURCE]
    recorded = run_cli(*args, "--plan", str(plan))
    assert recorded.returncode == 0, recorded.stderr
    assert "AL       not appointed  appointed 2010-09-01" in recorded.stdout
    written = (tmp_path / "registers.yaml").read_text(encoding="utf-8")
    assert "source: minutes" not in written
    assert "{state: AL, status: appointed, date: 2010-09-01" in written
    assert run_cli("check", str(plan)).returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ["officer", "AZ", "appointed", "--date", "2010-09-01"],
        ["event", "AL", "protocol-2002", "ratification", "--date", "2010-05"],
        ["officer", "XX", "appointed"],  # refused before the edit: an unknown state
    ],
    ids=["officer", "event", "unknown state"],
)
def test_a_record_that_leaves_the_fault_says_what_check_says(
    tmp_path: Path, args: list[str]
) -> None:
    plan = _broken_copy(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    recorded = run_cli("record", *args, *SOURCE, "--plan", str(plan))
    checked = run_cli("check", str(plan))
    assert recorded.returncode == 2 and checked.returncode == 1
    problems = [line for line in checked.stderr.splitlines() if ": error: " in line]
    assert problems and recorded.stderr.splitlines() == checked.stderr.splitlines()[:-1]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
