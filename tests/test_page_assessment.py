"""A progress record on the report's pages: its assessment beside its summary, as `show` and
the scoreboard give it, and the day an occurrence was done wherever its status is shown."""

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The report of a copy of the bundled plan, A.2 2010-H1 recorded done with an assessment."""
    for name in ("plan.yaml", "registers.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    plan = str(tmp_path / "plan.yaml")
    recorded = run_cli(
        "record", "progress", "A.2", "2010-H1", "--plan", plan, "--date", "2010-06-15",
        "--status", "done", "--summary", "Meeting of the Network.", "--source",
        "https://example.org/minutes.pdf", "--assessment", "On track: every state reported.",
    )  # fmt: skip
    assert recorded.returncode == 0, recorded.stderr
    folder = tmp_path / "site"
    done = run_cli(
        "report", "--plan", plan, "--as-of", "2010-07-01", "--state", "GR", "-o", str(folder)
    )
    assert done.returncode == 0, done.stderr
    return folder


def test_the_report_shows_the_assessment_of_a_progress_record(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert (
        'Meeting of the Network. <span class="assessment">Assessment: On track: every state '
        "reported.</span>" in page
    )


def test_a_done_occurrence_says_when_on_every_page(site: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in site.glob("*.html")]
    cells = [
        cell for page in pages for cell in page.split("<td") if cell.startswith(' class="done">')
    ]
    assert cells and all("done on 2010-06-15" in cell for cell in cells)
