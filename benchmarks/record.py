"""`record` on the bundled plan beside what it must at least cost: `check` of the same files
plus writing the file it edits once.

    python benchmarks/record.py [--runs 11] [--instructions]

Each run gets fresh copies of data/plan.yaml and data/registers.yaml in a temporary folder and
a cache folder of its own (empty: `check` does not use it, nor does `record`); the tool runs as
a user runs it (the installed console script). Prints a Markdown table of median CPU times
(user and system) and the median of each round's ratio, for each kind of record: progress (into
the plan), an event and a liaison officer (into the registers). `--instructions` counts
instructions instead (valgrind's callgrind, one run each: the count does not move with the load
of a shared machine). The records are fictional and live only in the copies.
"""

from __future__ import annotations

import argparse
import re
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

SOURCE = ["--source", "https://example.org/minutes.pdf"]
RECORDS = {
    "progress": (["record", "progress", "A.2", "2010-H1", "--date", "2010-06-15", "--status",
                  "done", "--summary", "A meeting.", *SOURCE], "plan.yaml"),
    "event": (["record", "event", "AL", "protocol-2002", "ratification", "--date", "2010-05",
               *SOURCE], "registers.yaml"),
    "officer": (["record", "officer", "AL", "appointed", "--date", "2010-09-01", *SOURCE],
                "registers.yaml"),
}  # fmt: skip


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


def _counted(args: list[str], env: dict[str, str]) -> int:
    """Instructions of one run under callgrind (its bytecode written by a run before)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        callgrind = ["valgrind", "--tool=callgrind", "--dump-instr=no"]
        subprocess.run(
            [*callgrind, f"--callgrind-out-file={out}", *args],
            env={**env, "PYTHONHASHSEED": "0"},
            check=True,
            capture_output=True,
        )
        found = re.search(rb"^summary: (\d+)", out.read_bytes(), re.MULTILINE)
        assert found is not None, "no summary line in callgrind's output"
        return int(found.group(1))


def _run(args: list[str], edited: str | None, env: dict[str, str], count: bool) -> float:
    """One run on fresh copies; with `edited`, `check` then the write of that file instead."""
    from bsec_plan.writers import files

    if count:  # once before, on copies of its own: the bytecode is written, as after an install
        _run(args, edited, env, False)
    with tempfile.TemporaryDirectory() as folder:
        plan = _copy(Path(folder))
        env["BSEC_PLAN_CACHE"] = str(Path(folder) / "cache")
        if edited is None:
            line = [*args, "--plan", str(plan)]
            return _counted(line, env) if count else _timed(line, env)
        line = [args[0], "check", str(plan)]
        if count:  # `check` alone: the write, in this process, is not counted (about 0.2 M)
            return _counted(line, env)
        seconds = _timed(line, env)
        start = time.process_time()
        target = Path(folder) / edited
        files.write(target.read_bytes(), str(target), sys.stdout.buffer)
        return seconds + time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--instructions", action="store_true", help="count with callgrind")
    parser.add_argument("--only", nargs="*", choices=list(RECORDS), default=list(RECORDS))
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    tool, env = installed_tool(), dict(BYTECODE_ENV)
    runs = 1 if options.instructions else options.runs
    unit = "instructions (M)" if options.instructions else "median CPU time (ms)"
    floor = "check" if options.instructions else "check + writing"
    print(f"| record | record: {unit} | {floor}: {unit} | record ÷ ({floor}) |")
    print("|---|---:|---:|---:|")
    for kind in options.only:
        args, edited = RECORDS[kind]
        record, least = [], []
        for _ in range(runs):  # paired: each round's record beside the same round's floor
            record.append(_run([tool, *args], None, env, options.instructions))
            least.append(_run([tool], edited, env, options.instructions))
        # the median of the rounds' ratios: the load of a shared machine, which moves both
        # runs of a round, cancels out of it
        ratio = statistics.median(r / f for r, f in zip(record, least, strict=True))
        scale = 1e-6 if options.instructions else 1000
        print(
            f"| {kind} | {scale * statistics.median(record):,.1f} | "
            f"{scale * statistics.median(least):,.1f} | {ratio:.3f}× |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
