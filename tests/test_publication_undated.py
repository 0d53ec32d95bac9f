"""A publication recorded without a date shows consent of unknown date, in words and in the
chart, with its source; never the text `None`."""

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

DATED = (
    "      - event: publication\n        date: 2001-06-29\n"  # Bulgaria's, in the bundled registers
)


@pytest.fixture
def undated(tmp_path: Path) -> Path:
    for name in ("plan.yaml", "registers.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    registers = tmp_path / "registers.yaml"
    text = registers.read_text(encoding="utf-8")
    assert text.count(DATED) == 1
    registers.write_text(text.replace(DATED, "      - event: publication\n"), encoding="utf-8")
    return tmp_path / "plan.yaml"


def _bulgaria(plan: Path) -> dict[str, object]:
    done = run_cli(
        "states", "--plan", str(plan), "--instrument", "agreement-1998", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    return next(s for s in json.loads(done.stdout)["states"] if s["code"] == "BG")


def test_its_words_say_published_without_a_date(undated: Path) -> None:
    bg = _bulgaria(undated)
    assert bg["stage_text"] == "consented, date unknown (published)"
    assert "None" not in json.dumps(bg)


def test_the_chart_shows_it_in_the_consent_column_with_its_source(undated: Path) -> None:
    done = run_cli("states", "--plan", str(undated), "--instrument", "agreement-1998")
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("BG "))
    assert "date unknown (published) [" in row
    mark = row.split("(published) [")[1].split("]")[0]
    assert f"[{mark}] https://ciela.net/" in done.stdout


def test_a_dated_publication_reads_as_before() -> None:
    bg = _bulgaria(ROOT / "data" / "plan.yaml")
    assert bg["stage_text"] == "consented by 2001-06-29 (published)"
