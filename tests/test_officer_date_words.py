"""A liaison officer's record whose status stays and whose date moves is told with its dates in
what it means for the states, never as `not appointed → not appointed`."""

import shutil
from pathlib import Path

from conftest import ROOT, run_cli


def test_a_new_date_for_the_same_status_says_both_dates(tmp_path: Path) -> None:
    for name in ("plan.yaml", "registers.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    done = run_cli(
        "record",
        "officer",
        "AZ",
        "not-appointed",
        "--date",
        "2010-03-01",
        "--source",
        "https://example.org/list.pdf",
        "--plan",
        str(tmp_path / "plan.yaml"),
        "--dry-run",
    )
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("liaison officer  "))
    cells = [cell for cell in row.split("  ") if cell.strip()]
    assert [c.strip() for c in cells[1:]] == [
        "AZ",
        "not appointed, no date",
        "not appointed, dated 2010-03-01",
    ]
