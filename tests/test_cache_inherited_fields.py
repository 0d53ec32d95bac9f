"""A plan read from the cache has every field, the registers' ones it inherits included: the
second query of a file (answered from the cache) answers as the first did."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import PLAN, REGISTERS, run_cli


def test_a_query_answered_from_the_cache_answers_as_the_first(tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    shutil.copy(REGISTERS, tmp_path / "registers.yaml")
    args = ("show", "A.2", "--plan", str(tmp_path / "plan.yaml"), "--as-of", "2010-07-01")
    first = run_cli(*args, "--format", "json")
    again = run_cli(*args, "--format", "json")
    assert first.returncode == again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert '"states": ["GR"]' in again.stdout  # the chair on the due date, from the registers
