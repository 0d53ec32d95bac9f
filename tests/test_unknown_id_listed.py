"""An unknown action id is answered with the valid ones: every id on a small plan, runs of
consecutive ids (`A.1 to A.3`) on a large one, so that the message stays readable."""

import sys
from pathlib import Path

from conftest import ROOT, run_cli

from bsec_plan.problems import listed

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_plan import plan_text


def test_a_small_plan_names_every_action() -> None:
    done = run_cli("show", "Z.1")
    assert done.returncode == 2
    assert "the actions are A.1, A.2, A.3, B.1, B.2, C.1, C.2, C.3, D, E" in done.stderr


def test_a_large_plan_names_its_runs_of_actions(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text(60, states=14, instruments=4), encoding="utf-8")  # A–T, 3 each
    done = run_cli("show", "A.99", "--plan", str(plan))
    assert done.returncode == 2
    runs = ", ".join(f"{d}.1 to {d}.3" for d in "ABCDEFGHIJKLMNOPQRST")
    assert done.stderr == f"bsec-plan: error: no action 'A.99'; the actions are {runs}\n"
    recorded = run_cli(
        "record",
        "progress",
        "Q.7",
        "--plan",
        str(plan),
        "--date",
        "2010-01-01",
        "--status",
        "done",
        "--summary",
        "Met.",
        "--source",
        "https://example.org/m",
    )
    assert recorded.returncode == 2
    assert "the actions are A.1 to A.3, B.1 to B.3," in recorded.stderr


def test_a_run_breaks_where_the_numbers_or_the_prefix_do() -> None:
    ids = [f"A.{n}" for n in range(1, 31)] + ["A.33", "A.34", "B.02", "B.3", "C", "D.x", "D.1"]
    assert listed(ids) == "A.1 to A.30, A.33 to A.34, B.02, B.3, C, D.x, D.1"
    assert listed(["A.1", "A.2", "A.3"]) == "A.1, A.2, A.3"  # few: every one
