"""`record` says what changed in the words of `diff`: the same tables `diff` prints for the file
before and after the record, whichever way `record` works them out.

Every fact recorded here is fictional and lives only in a temporary copy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, run_cli

SOURCE = ["--source", "https://example.org/minutes.pdf"]


def _progress(*args: str) -> list[str]:
    return ["record", "progress", *args, *SOURCE]


CASES = {
    "done": [_progress("A.2", "2010-H1", "--date", "2010-06-15", "--status", "done",
                       "--summary", "Met.")],
    "done late": [_progress("A.3", "2009", "--date", "2010-06-15", "--status", "done",
                            "--summary", "Adopted late.")],
    "in progress, no status moves": [_progress("A.2", "2010-H1", "--date", "2010-06-01",
                                               "--status", "in-progress", "--summary", "Called.")],
    "assessed": [_progress("A.3", "2010", "--date", "2010-06-01", "--status", "in-progress",
                           "--summary", "Drafted.", "--assessment", "Delayed: two missing.")],
    "no occurrence": [_progress("D", "--date", "2010-06-01", "--status", "in-progress",
                                "--summary", "Exchanged.")],
    "the same day twice": [
        _progress("A.2", "2010-H1", "--date", "2010-06-15", "--status", "in-progress",
                  "--summary", "Called."),
        _progress("A.2", "2010-H1", "--date", "2010-06-15", "--status", "done",
                  "--summary", "Met."),
    ],
    "officer": [["record", "officer", "AL", "appointed", "--date", "2010-09-01", *SOURCE]],
    "event": [["record", "event", "AL", "protocol-2002", "ratification", "--date", "2010-05",
               *SOURCE]],
}  # fmt: skip


def _tables(text: str) -> list[str]:
    """The tables as printed, but for the first title (on one line or wrapped), which names the
    files compared."""
    lines = text.rstrip("\n").splitlines()
    assert lines[0].startswith("Changes from")
    return lines[next(i for i, line in enumerate(lines) if line.startswith("Change ")) :]


@pytest.mark.parametrize("columns", [None, "60"], ids=["piped", "COLUMNS=60"])
@pytest.mark.parametrize("case", CASES)
def test_record_prints_what_diff_prints(tmp_path: Path, case: str, columns: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns:
        env["COLUMNS"] = columns  # laid out by the table writer, as on a terminal
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        folder.mkdir()
        shutil.copy(PLAN, folder / "plan.yaml")
        shutil.copy(REGISTERS, folder / "registers.yaml")
    *first, last = CASES[case]
    for args in first:
        assert run_cli(*args, "--plan", str(new / "plan.yaml")).returncode == 0
        for name in ("plan.yaml", "registers.yaml"):
            shutil.copy(new / name, old / name)
    as_of = ["--as-of", "2011-01-01"]
    recorded = run_cli(*last, "--plan", str(new / "plan.yaml"), *as_of, env=env)
    assert recorded.returncode == 0, recorded.stderr
    diff = run_cli("diff", str(old / "plan.yaml"), str(new / "plan.yaml"), *as_of, env=env)
    assert diff.returncode == 0, diff.stderr
    assert _tables(recorded.stdout) == _tables(diff.stdout)
