"""Several plans at once: every command over the shipped plan and a fictional, differently shaped
successor plan (tests/plans/successor-fixture/plan.yaml), each row naming its plan."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, day, run_cli

from bsec_plan.loading import planfile
from bsec_plan.writers import ics

SHIPPED = "data/plan.yaml"
FIXTURE = "tests/plans/successor-fixture/plan.yaml"
BOTH = ("--plan", SHIPPED, "--plan", FIXTURE)
AS_OF = ("--as-of", "2012-01-10")  # after the shipped plan's period, in the fixture's


def test_the_fixture_is_a_valid_plan_naming_the_shipped_registers() -> None:
    result = run_cli("check", FIXTURE)
    assert result.returncode == 0, result.stderr
    assert "valid: 3 directions, 4 actions, 12 states" in result.stdout


@pytest.mark.parametrize(
    ("command", "rows"),
    [
        (["overdue", *AS_OF], "overdue"),
        (["calendar", *AS_OF], "occurrences"),
        (["sources"], "facts"),
    ],
)
def test_json_rows_name_their_plan(command: list[str], rows: str) -> None:
    result = run_cli(*command, *BOTH, "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["plans"] == [SHIPPED, FIXTURE]
    assert "plan" not in doc
    assert {row["plan"] for row in doc[rows]} == {SHIPPED, FIXTURE}
    assert all(next(iter(row)) == "plan" for row in doc[rows])  # the first field


def test_overdue_rows_of_the_fixture_are_its_own() -> None:
    doc = json.loads(run_cli("overdue", *BOTH, *AS_OF, "--format", "json").stdout)
    assert [r["action"] for r in doc["overdue"] if r["plan"] == FIXTURE] == ["P.1"]
    assert "P.1" not in [r["action"] for r in doc["overdue"] if r["plan"] == SHIPPED]


@pytest.mark.parametrize("command", [["status", *AS_OF], ["show", "A.2", *AS_OF]])
def test_a_document_per_plan_under_answers(command: list[str]) -> None:
    result = run_cli(*command, *BOTH, "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["command"] == command[0]
    assert doc["as_of"] == "2012-01-10"
    assert [a["plan"] for a in doc["answers"]] == [SHIPPED, FIXTURE]


@pytest.mark.parametrize("command", [["overdue", *AS_OF], ["calendar", *AS_OF], ["sources"]])
def test_csv_has_a_first_column_plan(command: list[str]) -> None:
    result = run_cli(*command, *BOTH, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][0] == "plan"
    assert {r[0] for r in rows[1:]} == {SHIPPED, FIXTURE}


@pytest.mark.parametrize(
    "command", [["status", *AS_OF], ["overdue", *AS_OF], ["calendar", *AS_OF], ["sources"]]
)
def test_tables_are_headed_by_their_plan(command: list[str]) -> None:
    result = run_cli(*command, *BOTH)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    first = lines.index(f"== Plan 1 of 2: {SHIPPED} ==")
    assert lines.index(f"== Plan 2 of 2: {FIXTURE} ==") > first


def test_the_grid_lines_name_their_plan() -> None:
    result = run_cli("calendar", *BOTH, *AS_OF, "--format", "grid", "--from", "2012-01-01")
    assert result.returncode == 0, result.stderr
    assert f"Plan files: {SHIPPED}, {FIXTURE}" in result.stdout
    assert "Hold a fictional training course  [tests/plans/successor-fixture/plan.yaml]" in (
        result.stdout
    )


def test_one_calendar_of_both_plans_with_distinct_uids() -> None:
    result = run_cli("calendar", *BOTH, *AS_OF, "--format", "ics")
    assert result.returncode == 0, result.stderr
    uids = [line for line in result.stdout.splitlines() if line.startswith("UID:")]
    assert len(uids) == len(set(uids))
    assert sum(u.startswith("UID:A.2-") for u in uids) == 6  # 5 semesters, and the fixture's
    assert any(u.startswith("UID:P.1-2011-12.") for u in uids)
    name = result.stdout.split("X-WR-CALNAME:")[1].split("BEGIN:VEVENT")[0]
    assert "A fictional successor plan" in name.replace("\r\n ", "")


def test_uids_differ_for_plans_of_the_same_title_and_file_name(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(ROOT / "tests/plans/minimal.yaml", tmp_path / folder / "plan.yaml")
    plan = planfile.load(ROOT / "tests/plans/minimal.yaml")
    from bsec_plan.queries import questions as q

    start, end = q.window(plan, None, None)
    rows = q.deadlines(plan, day("2010-01-01"), start, end, None, 30)
    parts = [(plan, str(tmp_path / f / "plan.yaml"), rows) for f in ("a", "b")]
    text = b"".join(ics.calendar_pieces(parts, day("2010-01-01"))).decode()
    uids = [line for line in text.splitlines() if line.startswith("UID:")]
    assert len(uids) == 2 * len(rows) == len(set(uids))
    # alone, each keeps the UIDs of its title and file name, wherever the file is
    alone = b"".join(ics.calendar_pieces(parts[:1], day("2010-01-01"))).decode()
    assert (
        alone == ics.calendar_bytes(plan, rows, day("2010-01-01"), "elsewhere/plan.yaml").decode()
    )


def test_overdue_exit_code_counts_every_plan() -> None:
    # on 2010-01-01 nothing of the fixture is overdue, and the shipped plan's A.2 is
    result = run_cli(
        "overdue", "--plan", FIXTURE, "--plan", SHIPPED, "--as-of", "2010-01-01", "--exit-code"
    )
    assert result.returncode == 1
    result = run_cli("overdue", *BOTH, "--as-of", "2009-05-01", "--exit-code")
    assert result.returncode == 0, result.stdout


def test_states_answers_once_for_plans_naming_the_same_registers() -> None:
    both = run_cli("states", *BOTH, *AS_OF, "--format", "json")
    one = run_cli("states", "--plan", SHIPPED, *AS_OF, "--format", "json")
    assert both.returncode == 0, both.stderr
    assert both.stdout == one.stdout


def test_states_refuses_plans_naming_different_registers() -> None:
    result = run_cli("states", "--plan", SHIPPED, "--plan", "tests/plans/minimal.yaml")
    assert result.returncode == 2
    assert result.stderr == (
        "bsec-plan: error: the plans name different registers (data/plan.yaml: "
        "data/registers.yaml; tests/plans/minimal.yaml: tests/plans/minimal.yaml); "
        "ask about one registers file at a time\n"
    )


def test_show_answers_from_each_plan_that_has_the_action() -> None:
    result = run_cli("show", "P.1", *BOTH, *AS_OF)
    assert result.returncode == 0, result.stderr
    assert "== Plan" not in result.stdout  # one plan has it: as for one plan
    assert f"Plan file: {FIXTURE}; as of 2012-01-10" in result.stdout
    result = run_cli("show", "Z.9", *BOTH)
    assert result.returncode == 2
    assert result.stderr.endswith("in none of the 2 plans\n")


def test_report_writes_an_index_and_each_plan_in_its_folder(tmp_path: Path) -> None:
    result = run_cli("report", "-o", str(tmp_path), *BOTH, *AS_OF)
    assert result.returncode == 0, result.stderr
    pages = len(list(tmp_path.rglob("*.html")))
    assert result.stderr == (
        f"{tmp_path / 'index.html'}: 2 plans as of 2012-01-10; {pages} pages written in {tmp_path}\n"
    )
    assert (tmp_path / "index.html").is_file()
    assert (tmp_path / "data-plan" / "index.html").is_file()
    assert (tmp_path / "successor-fixture-plan" / "index.html").is_file()


def test_diff_takes_one_plan() -> None:
    result = run_cli("diff", *BOTH)
    assert result.returncode == 2
    assert result.stderr == "bsec-plan: error: --plan: diff compares one plan; give --plan once\n"


def test_one_plan_named_twice_is_one_plan() -> None:
    once = run_cli("overdue", "--plan", SHIPPED, *AS_OF, "--format", "json")
    twice = run_cli(
        "overdue", "--plan", SHIPPED, "--plan", "./data/plan.yaml", *AS_OF, "--format", "json"
    )
    assert twice.stdout == once.stdout
    assert "plans" not in json.loads(once.stdout)


def test_a_folder_stands_for_its_plans_not_its_registers(tmp_path: Path) -> None:
    by_folder = run_cli("overdue", "--plan", "data", *AS_OF, "--format", "csv")
    assert by_folder.returncode == 0, by_folder.stderr
    assert (
        by_folder.stdout
        == run_cli("overdue", "--plan", "data/plan.yaml", *AS_OF, "--format", "csv").stdout
    )
    empty = run_cli("overdue", "--plan", str(tmp_path))
    assert empty.returncode == 2
    assert (
        empty.stderr == f"bsec-plan: error: --plan: the folder {tmp_path} holds no plan (*.yaml)\n"
    )


def test_a_symlink_out_of_a_folder_of_plans_is_not_one_of_them(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "theirs.yaml").symlink_to(ROOT / "tests/plans/minimal.yaml")
    result = run_cli("overdue", "--plan", str(folder))
    assert result.returncode == 2
    assert f"the folder {folder} holds no plan" in result.stderr
