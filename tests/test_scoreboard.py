"""`scoreboard`: what is tabled at a meeting, rated; the records in it are fictional and live in
a temporary copy only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, run_cli

from bsec_plan.problems import UsageError


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the plan with one meeting done on time and one assessment under way."""
    folder = tmp_path_factory.mktemp("scoreboard")
    shutil.copy(PLAN, folder / "plan.yaml")
    shutil.copy(REGISTERS, folder / "registers.yaml")
    plan = str(folder / "plan.yaml")
    for args in (
        [
            "A.2",
            "2010-H1",
            "--date",
            "2010-06-15",
            "--status",
            "done",
            "--summary",
            "Met | agreed.",
        ],
        ["A.3", "2010", "--date", "2010-08-15", "--status", "in-progress", "--summary", "Draft."],
    ):
        source = ["--source", "https://example.org/record.pdf", "--plan", plan]
        result = run_cli("record", "progress", *args, *source)
        assert result.returncode == 0, result.stderr
    return folder / "plan.yaml"


def _board(*args: str) -> dict[str, object]:
    result = run_cli("scoreboard", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_the_bundled_plan_has_nothing_recorded() -> None:
    doc = _board("--as-of", "2010-09-01")
    totals = doc["totals"]
    assert totals == {
        "done on time": 0,
        "done late": 0,
        "in progress": 0,
        "overdue": 4,  # A.2 2009-H1, 2009-H2, 2010-H1 and A.3 2009
        "not yet due": 5,  # A.2 2010-H2 and 2011-H1, A.3 2010, B.2, E
        "ongoing": 1,
        "no deadline": 5,
    }
    rows = doc["scoreboard"]
    assert isinstance(rows, list)
    assert all(row["state_of_play"] is None for row in rows)
    first = next(r for r in rows if r["action"] == "A.2")
    assert first["occurrence"] == "2009-H1" and first["deadline"] == "2009-06-30"
    chair = [p for p in first["responsible"] if p["party"] == "chairmanship-in-office"]
    assert chair[0]["states"] == ["AZ"]  # the chair on the due date


def test_ratings_and_state_of_play_follow_the_records(recorded: Path) -> None:
    doc = _board("--plan", str(recorded), "--as-of", "2010-09-01")
    rows = {(r["action"], r["occurrence"]): r for r in doc["scoreboard"]}  # type: ignore[attr-defined]
    met = rows[("A.2", "2010-H1")]
    assert met["rating"] == "done on time"
    assert met["state_of_play"] == {
        "status": "done",
        "date": "2010-06-15",
        "summary": "Met | agreed.",
        "assessment": None,
        "source": "https://example.org/record.pdf",
    }
    assert rows[("A.3", "2010")]["rating"] == "in progress"
    assert rows[("A.2", "2009-H1")]["rating"] == "overdue"
    # before the records were made, they are not known
    early = _board("--plan", str(recorded), "--as-of", "2010-06-01")
    assert all(r["state_of_play"] is None for r in early["scoreboard"])  # type: ignore[attr-defined]


def test_the_window_keeps_what_falls_due_in_it_and_what_is_open(recorded: Path) -> None:
    doc = _board(
        "--plan",
        str(recorded),
        "--as-of",
        "2010-09-01",
        "--from",
        "2010-07-01",
        "--to",
        "2010-12-31",
    )
    keys = {(r["action"], r["occurrence"]) for r in doc["scoreboard"]}  # type: ignore[attr-defined]
    assert ("A.2", "2010-H2") in keys  # due in the window
    assert ("A.2", "2009-H1") in keys  # overdue at its start
    assert ("A.2", "2010-H1") not in keys  # done before it
    assert ("A.3", "2010") not in keys  # due after it
    assert ("C.1", None) in keys  # ongoing


def test_a_reversed_window_is_refused() -> None:
    result = run_cli("scoreboard", "--from", "2011-01-01", "--to", "2010-01-01")
    assert result.returncode == 2 and "the window is reversed" in result.stderr


def test_markdown_has_a_section_per_direction_and_the_totals(recorded: Path) -> None:
    result = run_cli(
        "scoreboard", "--plan", str(recorded), "--as-of", "2010-09-01", "--format", "markdown"
    )
    out = result.stdout
    assert out.startswith("## Scoreboard of the plan, as of 2010-09-01\n")
    assert [line[:6] for line in out.splitlines() if line.startswith("### ")] == [
        "### A.",
        "### B.",
        "### C.",
        "### D.",
        "### E.",
    ]
    assert r"Met \| agreed." in out  # a pipe in a record does not split the row
    assert "**Totals:** done on time 1; done late 0; in progress 1; overdue 3;" in out


def test_a_state_sees_what_it_answers_for() -> None:
    doc = _board("--as-of", "2010-09-01", "--state", "RO", "--format", "json")
    actions = {r["action"] for r in doc["scoreboard"]}  # type: ignore[attr-defined]
    assert "B.2" in actions and "A.1" not in actions  # RO has ratified the 2002 protocol


def test_xlsx_has_dates_as_dates_a_frozen_header_and_the_as_of_line(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "board.xlsx"
    result = run_cli("scoreboard", "--as-of", "2010-09-01", "--format", "xlsx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    sheet = book["Scoreboard"]
    assert str(sheet["A1"].value).startswith("As of 2010-09-01")
    assert [c.value for c in sheet[2]][:3] == ["Direction", "Action", "Occurrence"]
    assert sheet.freeze_panes == "A3"
    deadlines = [row[4].value for row in sheet.iter_rows(min_row=3) if row[4].value]
    assert deadlines and all(isinstance(d, dt.datetime) for d in deadlines)
    assert book["Totals"]["A2"].value == "done on time"
    assert 10 <= sheet.column_dimensions["B"].width <= 62


def test_xlsx_without_openpyxl_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from bsec_plan.views.common import Sheet
    from bsec_plan.writers import xlsx

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(UsageError, match=r"pip install 'bsec-plan\[xlsx\]'"):
        xlsx.workbook(Sheet("S", "As of", ["A"], [], []))


def test_the_printable_page_is_plain_html_with_a_section_per_direction(recorded: Path) -> None:
    import html5lib

    result = run_cli(
        "scoreboard", "--plan", str(recorded), "--as-of", "2010-09-01", "--format", "html"
    )
    assert result.returncode == 0, result.stderr
    page = result.stdout
    html5lib.HTMLParser(strict=True).parse(page)
    assert "@page { size: A4" in page
    assert "section.direction + section.direction { break-before: page; }" in page
    assert page.count('<section class="direction"') == 5
    for interactive in ("<script", "<button", "<input", "<details", "<form"):
        assert interactive not in page
    assert "Met | agreed. (2010-06-15; https://example.org/record.pdf)" in page


def test_the_printable_page_shows_plan_text_as_text() -> None:
    from conftest import TESTS

    plan = TESTS / "plans" / "markup-in-text.yaml"
    result = run_cli("scoreboard", "--plan", str(plan), "--format", "html")
    assert result.returncode == 0, result.stderr
    assert "<script" not in result.stdout and "&lt;" in result.stdout


def test_a_scoreboard_written_to_a_file_says_so_with_its_rows(tmp_path: Path) -> None:
    out = tmp_path / "board.csv"
    result = run_cli("scoreboard", "--as-of", "2010-09-01", "--format", "csv", "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))[1:]
    assert result.stderr == f"{out}: {len(rows)} occurrences\n" and len(rows) > 1
