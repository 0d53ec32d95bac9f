"""`record progress --assessment`: how the work was judged, written beside the summary and shown
by `show`, `diff` and the scoreboard. The records are fictional and live in a temporary copy."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, run_cli
from test_record import MEETING, SOURCE

JUDGED = "Delayed: two reports missing."


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    shutil.copy(REGISTERS, tmp_path / "registers.yaml")
    return tmp_path / "plan.yaml"


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the plan with one meeting recorded with an assessment."""
    folder = tmp_path_factory.mktemp("assessment")
    shutil.copy(PLAN, folder / "plan.yaml")
    shutil.copy(REGISTERS, folder / "registers.yaml")
    result = run_cli(*MEETING, "--assessment", JUDGED, "--plan", str(folder / "plan.yaml"))
    assert result.returncode == 0, result.stderr
    return folder / "plan.yaml"


def test_the_assessment_is_written_after_the_summary_and_told_as_diff_tells_it(
    plan: Path,
) -> None:
    before = plan.read_text(encoding="utf-8")
    result = run_cli(*MEETING, "--assessment", JUDGED, "--plan", str(plan), "--as-of", "2010-07-01")
    assert result.returncode == 0, result.stderr
    assert f"Meeting of the Network. Assessment: {JUDGED} Source: {SOURCE}" in result.stdout
    after = plan.read_text(encoding="utf-8")
    added = after[len(before.split("progress: []")[0]) :].splitlines()
    assert added[:8] == [
        "progress:",
        "  - action: A.2",
        "    occurrence: 2010-H1",
        "    date: 2010-06-15",
        "    status: done",
        "    summary: Meeting of the Network.",
        f'    assessment: "{JUDGED}"',
        f"    source: {SOURCE}",
    ]
    check = run_cli("check", str(plan))
    assert check.returncode == 0, check.stderr
    assert run_cli("fmt", "--check", str(plan)).returncode == 0


def test_without_the_option_no_assessment_key_is_written(plan: Path) -> None:
    assert run_cli(*MEETING, "--plan", str(plan)).returncode == 0
    assert "assessment:" not in plan.read_text(encoding="utf-8")


def test_an_empty_assessment_is_refused_and_nothing_is_written(plan: Path) -> None:
    before = plan.read_bytes()
    result = run_cli(*MEETING, "--assessment", "  ", "--plan", str(plan))
    assert result.returncode == 2
    assert "--assessment: say how the work was judged" in result.stderr
    assert plan.read_bytes() == before


def test_show_prints_the_assessment_after_the_summary(judged: Path) -> None:
    text = run_cli("show", "A.2", "--plan", str(judged), "--as-of", "2010-07-01")
    assert text.returncode == 0, text.stderr
    assert "Assessment: Delayed:" in text.stdout
    doc = json.loads(
        run_cli("show", "A.2", "--plan", str(judged), "--format", "json").stdout,
    )
    assert [p["assessment"] for p in doc["progress"]] == [JUDGED]


def test_the_scoreboard_shows_the_assessment_in_the_state_of_play(judged: Path) -> None:
    args = ["scoreboard", "--plan", str(judged), "--as-of", "2010-09-01"]
    doc = json.loads(run_cli(*args, "--format", "json").stdout)
    met = next(r for r in doc["scoreboard"] if (r["action"], r["occurrence"]) == ("A.2", "2010-H1"))
    assert met["state_of_play"]["assessment"] == JUDGED
    assert met["rating"] == "done on time"
    others = [r["state_of_play"] for r in doc["scoreboard"] if r is not met]
    assert others and all(p is None for p in others)
    said = f"Meeting of the Network. Assessment: {JUDGED} (2010-06-15; {SOURCE})"
    rows = list(csv.reader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    assert [said] == [r[5] for r in rows if r[2] == "2010-H1" and r[1].startswith("A.2")]
    assert f"| {said} | done on time |" in run_cli(*args, "--format", "markdown").stdout


def test_the_spreadsheet_shows_the_assessment(judged: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "board.xlsx"
    result = run_cli(
        "scoreboard",
        "--plan",
        str(judged),
        "--as-of",
        "2010-09-01",
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Scoreboard"]
    states = [row[5].value for row in sheet.iter_rows(min_row=3)]
    assert f"Meeting of the Network. Assessment: {JUDGED} (2010-06-15; {SOURCE})" in states


def test_the_schema_describes_the_assessment() -> None:
    schema = json.loads(run_cli("schema").stdout)
    field = schema["$defs"]["Progress"]["properties"]["assessment"]
    assert "judged" in field["description"]
    assert "assessment" not in schema["$defs"]["Progress"].get("required", [])
