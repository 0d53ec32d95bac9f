"""A process's own run leaves what it made to the process's end (`gc.freeze`), not to the
collector's last walk at exit; its answer and the files it writes are whole all the same, and a
caller of `main(argv)` keeps its collector as it was."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from conftest import checkout_env, run_cli, run_process


def test_a_run_in_the_callers_process_freezes_nothing() -> None:
    before = gc.get_freeze_count()
    result = run_cli("status", "--as-of", "2010-06-01")
    assert result.returncode == 0, result.stderr
    assert gc.get_freeze_count() == before


def test_the_processs_own_run_leaves_its_objects_to_the_exit() -> None:
    code = (
        "import gc, sys; from bsec_plan.__main__ import main; code = main(); "
        "print(gc.get_freeze_count() > 0, file=sys.stderr); sys.exit(code)"
    )
    args = ["overdue", "--as-of", "2010-06-01"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=checkout_env()
    )
    assert (done.returncode, done.stderr) == (0, "True\n")
    assert done.stdout == run_cli(*args).stdout


def test_a_file_written_by_a_process_is_whole(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    args = ["calendar", "--as-of", "2010-06-01", "--format", "ics"]
    result = run_process(*args, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == run_cli(*args).stdout
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]  # no temporary file left
