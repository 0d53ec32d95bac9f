"""This tree beside an earlier revision, paired: CPU time and peak memory of the main commands.

    python benchmarks/compare.py REVISION [--sizes 1000 10000] [--rounds 5]

The revision is checked out in a temporary git worktree; each tree runs as `python -m
bsec_plan` from its own folder, with this interpreter and its libraries, modules compiled once.
In each round every command runs for the revision and then for this tree, one right after the
other, so that a busy moment hurts both alike: cold (an empty plan cache) and then warm. Each
plan is written by this tree's `make_plan.py`, so the revision must read the same plan format.
Reported: the median CPU time (user + system) of each, the median of the ratios paired within
each round (this tree ÷ the revision), and the highest peak resident size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_plan import plan_text  # noqa: E402
from run import COMMANDS  # noqa: E402
from tool import BYTECODE_ENV  # noqa: E402


def measure(tree: Path, args: list[str], cache: Path) -> tuple[float, float]:
    """CPU seconds (user + system) and peak resident MiB of one run of the tree's bsec-plan."""
    env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": str(cache), "PYTHONPATH": str(tree)}
    with subprocess.Popen(
        [sys.executable, "-m", "bsec_plan", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=tree,
    ) as child:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # 1: findings (overdue actions)
        raise SystemExit(f"{tree}: exit {child.returncode}: bsec-plan {' '.join(args)}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    here = HERE.parent
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-compare-"))
    before = work / "before"
    subprocess.run(
        ["git", "-C", str(here), "worktree", "add", "--detach", str(before), args.revision],
        check=True,
        capture_output=True,
    )
    rows = []
    try:
        for size in args.sizes:
            plan = work / f"plan-{size}.yaml"
            plan.write_text(plan_text(size), encoding="utf-8")
            for name, template in COMMANDS.items():
                command = [part.format(plan=plan) for part in template]
                cpu: dict[str, list[float]] = {}
                peak: dict[str, float] = {}
                for _ in range(args.rounds):
                    for state in ("cold", "warm"):
                        for label, tree in (("before", before), ("after", here)):
                            cache = work / f"cache-{label}"
                            if state == "cold":
                                shutil.rmtree(cache, ignore_errors=True)
                            seconds, mib = measure(tree, command, cache)
                            cpu.setdefault(f"{state} {label}", []).append(seconds)
                            peak[label] = max(peak.get(label, 0.0), mib)
                rows.append((name, size, cpu, peak))
                print(f"{name} at {size}: done", file=sys.stderr)
    finally:
        subprocess.run(
            ["git", "-C", str(here), "worktree", "remove", "--force", str(before)],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.revision} → this tree, {args.rounds} rounds, load average {load:.2f} at the end")
    print()
    print(
        "| command | actions | cold before → after | ratio | warm before → after | ratio | peak before → after |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, size, cpu, peak in rows:
        cells = []
        for state in ("cold", "warm"):
            old, new = cpu[f"{state} before"], cpu[f"{state} after"]
            ratio = statistics.median(b / a for a, b in zip(old, new, strict=True))
            cells.append(
                f"{statistics.median(old):.2f} → {statistics.median(new):.2f} s | {ratio:.2f}"
            )
        print(
            f"| `{name}` | {size:,} | {' | '.join(cells)} "
            f"| {peak['before']:.0f} → {peak['after']:.0f} MiB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
