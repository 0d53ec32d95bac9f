"""The report's words agree with themselves and with the terminal: no blue line is named when
the as-of date lies outside the timeline, and days overdue are grouped by thousands, as a terminal shows them."""

from pathlib import Path

from conftest import run_cli


def _index(tmp_path: Path, as_of: str) -> str:
    done = run_cli("report", "--as-of", as_of, "-o", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    return (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_date_outside_the_timeline_names_no_blue_line(tmp_path: Path) -> None:
    page = _index(tmp_path, "2026-12-03")
    assert "lies outside the timeline" in page
    assert "the blue line is" not in page


def test_a_date_inside_names_its_blue_line(tmp_path: Path) -> None:
    page = _index(tmp_path, "2010-06-01")
    assert "the blue line is 2010-06-01" in page
    assert "lies outside the timeline" not in page


def test_days_overdue_are_grouped_as_on_the_terminal(tmp_path: Path) -> None:
    page = _index(tmp_path, "2026-12-03")
    assert "overdue 6,365 days" in page
    assert "6365 days" not in page  # in the tables and in the timeline's marks
