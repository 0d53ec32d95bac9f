"""`record` on the bundled plan beside what it must at least cost: `check` of the same files
plus writing the plan once.

    python benchmarks/record.py [--runs 11]

Each run gets fresh copies of data/plan.yaml and data/registers.yaml in a temporary folder;
the tool runs as a user runs it (the installed console script). Prints a Markdown table of
median CPU times (user and system) and the median of each round's ratio; the record is
fictional and lives only in the copies.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from tool import BYTECODE_ENV, installed_tool  # noqa: E402

RECORD = [
    "record", "progress", "A.2", "2010-H1", "--date", "2010-06-15", "--status", "done",
    "--summary", "A meeting.", "--source", "https://example.org/minutes.pdf",
]  # fmt: skip


def _copy(folder: Path) -> Path:
    for name in ("plan.yaml", "registers.yaml"):
        shutil.copy(ROOT / "data" / name, folder / name)
    return folder / "plan.yaml"


def _timed(args: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user and system) of the child: steadier than wall time on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    sys.path.insert(0, str(ROOT))
    from bsec_plan.writers import files

    tool, env = installed_tool(), dict(BYTECODE_ENV)
    record, floor = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            plan = _copy(Path(folder))
            env["BSEC_PLAN_CACHE"] = str(Path(folder) / "cache")
            record.append(_timed([tool, *RECORD, "--plan", str(plan)], env))
        with tempfile.TemporaryDirectory() as folder:
            plan = _copy(Path(folder))
            env["BSEC_PLAN_CACHE"] = str(Path(folder) / "cache")
            seconds = _timed([tool, "check", str(plan)], env)
            start = time.process_time()
            files.write(plan.read_bytes(), str(plan), sys.stdout.buffer)
            floor.append(seconds + time.process_time() - start)
    print("| command | median CPU time (ms) |")
    print("|---|---|")
    print(f"| record progress (bundled plan) | {1000 * statistics.median(record):.0f} |")
    print(f"| check + writing the plan | {1000 * statistics.median(floor):.0f} |")
    # paired: each round's record beside the same round's check and write, so that the load of
    # a shared machine, which moves both, cancels out of the ratio
    ratio = statistics.median(r / f for r, f in zip(record, floor, strict=True))
    print(f"| record against check + writing (median of the rounds' ratios) | {ratio:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
