"""`record` read as its user reads it: a refused record says so first and locates its problems
in the file as it would be written (`FILE (recorded)`), not in the file on disk; an occurrence
is taken in any case, as an action id is; a date before the plan began is refused as a slip;
an officer record that changes nothing says what is recorded already."""

from pathlib import Path

import pytest
from conftest import bundled_copy, run_cli

SOURCE = ("--source", "https://example.org/minutes.pdf")


@pytest.fixture
def files(tmp_path: Path) -> Path:
    return bundled_copy(tmp_path)


def _bytes(folder: Path) -> tuple[bytes, bytes]:
    return (folder / "data/plan.yaml").read_bytes(), (folder / "data/registers.yaml").read_bytes()


def test_a_refused_record_says_so_and_locates_the_file_as_it_would_be(files: Path) -> None:
    before = _bytes(files)
    done = run_cli(
        "record",
        "event",
        "AL",
        "protocol-2002",
        "ratification",
        "--date",
        "2001",
        *SOURCE,
        cwd=files,
    )
    assert done.returncode == 2
    head, *located = done.stderr.splitlines()
    assert head == (
        "bsec-plan: error: not recorded: it would leave data/registers.yaml invalid, as located "
        "in data/registers.yaml (recorded)"
    )
    assert located and all(line.startswith("data/registers.yaml (recorded):") for line in located)
    assert "before the instrument was done" in located[0]
    assert _bytes(files) == before


def test_an_occurrence_is_taken_in_any_case(files: Path) -> None:
    done = run_cli(
        "record",
        "progress",
        "a2",
        "2010-h1",
        "--date",
        "2010-06-15",
        "--status",
        "done",
        "--summary",
        "Meeting of the Network.",
        *SOURCE,
        cwd=files,
    )
    assert done.returncode == 0, done.stderr
    assert "occurrence: 2010-H1" in (files / "data/plan.yaml").read_text(encoding="utf-8")


def test_a_date_before_the_plan_began_is_refused(files: Path) -> None:
    before = _bytes(files)
    done = run_cli(
        "record",
        "progress",
        "A.2",
        "2010-H2",
        "--date",
        "2001-01-01",
        "--status",
        "done",
        "--summary",
        "Meeting.",
        *SOURCE,
        cwd=files,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "bsec-plan: error: --date: 2001-01-01 is before the plan's period, which begins on "
        "2009-05-01; record what was done for the plan\n"
    )
    assert _bytes(files) == before


def test_an_officer_record_that_changes_nothing_says_what_stands(files: Path) -> None:
    done = run_cli(
        "record",
        "officer",
        "AZ",
        "not-appointed",
        "--source",
        "Plan of Action 2009–2011, note under A.2",
        cwd=files,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "bsec-plan: error: AZ's liaison officer is already recorded as not appointed, with this "
        "source; nothing to record\n"
    )
