"""A run ends once its output is out, without the interpreter's teardown; everything it wrote is
there, its exit code is kept, and a profiler still gets to write its results."""

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, checkout_env, run_process

OVERDUE = ["overdue", "--as-of", "2010-06-01", "--format", "json", "--exit-code"]


def test_the_whole_answer_reaches_a_file_and_the_code_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "overdue.json"
    with out.open("w") as stream:
        done = subprocess.run(
            [sys.executable, "-m", "bsec_plan", *OVERDUE],
            stdout=stream,
            cwd=ROOT,
            env=checkout_env(None),
            timeout=60,
        )
    assert done.returncode == 1  # overdue occurrences found
    assert json.loads(out.read_text(encoding="utf-8"))["overdue"]


def test_an_error_is_written_and_the_code_kept() -> None:
    result = run_process("nosuch")
    assert result.returncode == 2
    assert "No such command 'nosuch'" in result.stderr


def test_a_profiler_still_writes_its_results(tmp_path: Path) -> None:
    stats = tmp_path / "run.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "bsec_plan", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=checkout_env(None),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("bsec-plan ")
    assert stats.stat().st_size > 0
