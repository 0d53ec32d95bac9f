"""An event or an officer record says what changed in the words of `diff`, worked out from the
one record: the same tables `diff` prints for the files before and after, including where a
deposit moves the entry into force of other states (tests/plans/stages: a clause counting
deposits), or takes a state out of those an action addresses.

Every fact recorded here is fictional and lives only in a temporary copy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, ROOT, run_cli

STAGES = ROOT / "tests" / "plans" / "stages" / "plan.yaml"
SOURCE = ["--source", "https://example.org/status.pdf"]

CASES = {
    # AZ's deposit comes before GR's, so the 2nd deposit, and the general date, move: RO, the
    # first to deposit, now enters into force a month earlier
    "a deposit moving the others' entry into force": (
        STAGES, "2001-12-31", ["event", "AZ", "pact-2000", "deposit", "--date", "2000-04-01"]),
    "a deposit after the general date": (
        STAGES, "2001-12-31", ["event", "GE", "pact-2000", "deposit", "--date", "2001-02-10"]),
    "consent: no longer addressed": (
        STAGES, "2001-12-31", ["event", "AM", "pact-2000", "ratification", "--date", "2001-05"]),
    "an event not yet known on the as-of date": (
        STAGES, "2000-06-01", ["event", "AM", "pact-2000", "ratification", "--date", "2001-05"]),
    "a list the registers lack": (
        STAGES, "2001-12-31", ["officer", "RO", "appointed", "--date", "2001-03-01"]),
    "an officer record replaced, undated": (
        PLAN, "2011-01-01", ["officer", "AM", "not-appointed"]),
    "an event joining a record": (
        PLAN, "2011-01-01", ["event", "TR", "protocol-2002", "signature", "--date", "2002-12"]),
}  # fmt: skip


def _tables(text: str) -> list[str]:
    """The tables as printed, but for the first title, which names the files compared."""
    lines = text.rstrip("\n").splitlines()
    assert lines[0].startswith("Changes from")
    return lines[next(i for i, line in enumerate(lines) if line.startswith("Change ")) :]


@pytest.mark.parametrize("columns", [None, "60"], ids=["piped", "COLUMNS=60"])
@pytest.mark.parametrize("case", CASES)
def test_record_prints_what_diff_prints(tmp_path: Path, case: str, columns: str | None) -> None:
    plan, as_of, args = CASES[case]
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns:
        env["COLUMNS"] = columns  # laid out by the table writer, as on a terminal
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        folder.mkdir()
        shutil.copy(plan, folder / "plan.yaml")
        shutil.copy(plan.parent / "registers.yaml", folder / "registers.yaml")
    recorded = run_cli(
        "record", *args, *SOURCE, "--plan", str(new / "plan.yaml"), "--as-of", as_of, env=env
    )
    assert recorded.returncode == 0, recorded.stderr
    diff = run_cli(
        "diff", str(old / "plan.yaml"), str(new / "plan.yaml"), "--as-of", as_of, env=env
    )
    assert diff.returncode == 0, diff.stderr
    assert _tables(recorded.stdout) == _tables(diff.stdout)


def test_a_deposit_tells_the_other_states_it_moves(tmp_path: Path) -> None:
    """The case the first one stands for: the standing of a state that recorded nothing moves."""
    shutil.copy(STAGES, tmp_path / "plan.yaml")
    shutil.copy(STAGES.parent / "registers.yaml", tmp_path / "registers.yaml")
    _, as_of, args = CASES["a deposit moving the others' entry into force"]
    recorded = run_cli(
        "record", *args, *SOURCE, "--plan", str(tmp_path / "plan.yaml"), "--as-of", as_of
    )
    assert recorded.returncode == 0, recorded.stderr
    moved = [
        line.split()[1] for line in recorded.stdout.splitlines() if line.startswith("standing")
    ]
    assert "AZ" in moved and "RO" in moved
