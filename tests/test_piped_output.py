"""Piped output as people pipe it: an explicit COLUMNS is honoured, and an answer for one
Member State says so."""

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli


def _piped(*args: str, columns: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    result = run_cli(*args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("overdue", "--as-of", "2010-06-01"),
        ("states", "--as-of", "2010-06-01"),
        ("calendar", "--as-of", "2010-06-01"),
        ("status", "--as-of", "2010-06-01"),
    ],
)
def test_piped_tables_fit_an_explicit_columns(args: tuple[str, ...]) -> None:
    wide = _piped(*args, columns=None)
    assert max(len(line) for line in wide.splitlines()) > 100  # as wide as its longest row
    narrow = _piped(*args, columns="60")
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "\x1b[" not in narrow  # piped: no colour codes
    assert all(line == line.rstrip() for line in narrow.splitlines())


def test_csv_and_json_ignore_columns() -> None:
    csv = _piped("overdue", "--as-of", "2010-06-01", "--format", "csv", columns="60")
    assert csv == _piped("overdue", "--as-of", "2010-06-01", "--format", "csv", columns=None)


@pytest.mark.parametrize(
    "args",
    [
        ("overdue", "--as-of", "2010-06-01", "--state", "GR"),
        ("calendar", "--as-of", "2010-06-01", "--state", "GR"),
        ("calendar", "--as-of", "2010-06-01", "--state", "GR", "--format", "grid"),
        ("show", "A.2", "--as-of", "2010-06-01", "--state", "GR"),
        ("status", "--as-of", "2010-06-01", "--state", "GR"),
    ],
)
def test_an_answer_for_one_state_says_so(args: tuple[str, ...]) -> None:
    out = _piped(*args, columns=None)
    said = next(line for line in out.splitlines() if line.startswith(("Plan file: ", "THE PLAN")))
    assert "Greece (GR)" in said


def test_a_table_title_wraps_at_the_width_not_at_its_table(tmp_path: Path) -> None:
    for name in ("plan.yaml", "registers.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    shutil.copy(tmp_path / "plan.yaml", tmp_path / "old.yaml")
    recorded = run_cli(
        "record", "progress", "A.2", "2009-H1", "--date", "2009-06-20", "--status", "done",
        "--summary", "The Network met.", "--source", "https://example.org/minutes.pdf",
        "--plan", str(tmp_path / "plan.yaml"),
    )  # fmt: skip
    assert recorded.returncode == 0, recorded.stderr
    out = _piped(
        "diff", str(tmp_path / "old.yaml"), str(tmp_path / "plan.yaml"), "--as-of", "2010-06-01",
        columns="60",
    )  # fmt: skip
    # the table is 27 columns wide; its title keeps the 60 the reader's terminal has
    assert "\nOccurrences whose status changes, as of 2010-06-01\nOccurrence " in out
