"""Time the main commands on synthetic plans of 1,000, 10,000 and 100,000 actions.

    python benchmarks/run.py [--sizes 1000 10000 100000] [--runs 5]

Each command runs as a user runs it (the installed console script, output to /dev/null), first
with an empty plan cache ("cold": the file is parsed and validated) and then with the cache
filled ("warm"). Prints a Markdown table: median wall time and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_plan import plan_text  # noqa: E402
from tool import BYTECODE_ENV, installed_tool  # noqa: E402

COMMANDS = {
    "check": ["check", "{plan}"],
    "overdue --format json": [
        "overdue",
        "--plan",
        "{plan}",
        "--as-of",
        "2010-06-01",
        "--format",
        "json",
    ],
    "states": ["states", "--plan", "{plan}", "--as-of", "2010-06-01"],
    "calendar --format ics": [
        "calendar",
        "--plan",
        "{plan}",
        "--as-of",
        "2010-06-01",
        "--format",
        "ics",
    ],
}
BUDGET_SECONDS, BUDGET_MIB = 1.0, 300


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit code of one run.

    The peak comes from GNU time, which forks from a small process: a child forked from this
    script would count this script's own memory in its peak."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        elapsed = time.perf_counter() - start
        kib = int(report.read().strip().splitlines()[-1])
    return elapsed, kib / 1024, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tool = installed_tool()
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-bench-"))
    results: dict[tuple[str, int], dict[str, float | bool]] = {}
    try:
        for size in args.sizes:
            plan = work / f"plan-{size}.yaml"
            plan.write_text(plan_text(size), encoding="utf-8")
            runs = args.runs if size <= 10000 else max(1, args.runs // 2)
            for name, template in COMMANDS.items():
                command = [tool, *(part.format(plan=plan) for part in template)]
                cache = work / f"cache-{size}-{name.split()[0]}"
                env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": str(cache)}
                cold, warm = [], []
                for _ in range(runs):
                    shutil.rmtree(cache, ignore_errors=True)
                    cold.append(run_once(command, env))
                    warm.append(run_once(command, env))
                codes = {c for _, _, c in cold + warm}
                results[(name, size)] = {
                    "cold": statistics.median(t for t, _, _ in cold),
                    "warm": statistics.median(t for t, _, _ in warm),
                    "rss": max(m for _, m, _ in cold + warm),
                    "ok": codes == {0},
                    "mib": plan.stat().st_size / 2**20,
                }
                print(f"{name} at {size}: done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("| command | actions | file | cold | warm | peak memory | exit 0 |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for (name, size), r in results.items():
        print(
            f"| `{name}` | {size:,} | {r['mib']:.1f} MiB | {r['cold']:.2f} s | {r['warm']:.2f} s "
            f"| {r['rss']:.0f} MiB | {'yes' if r['ok'] else 'NO'} |"
        )
    sizes = sorted(args.sizes)
    if 1000 in sizes and 10000 in sizes:
        print()
        print("| command | 10,000 within 1 s and 300 MiB (cold) | 1,000 → 10,000 slowdown (cold) |")
        print("|---|---|---:|")
        for name in COMMANDS:
            small, big = results[(name, 1000)], results[(name, 10000)]
            within = big["cold"] <= BUDGET_SECONDS and big["rss"] <= BUDGET_MIB
            print(
                f"| `{name}` | {'yes' if within else 'NO'} ({big['cold']:.2f} s, {big['rss']:.0f} MiB) | {big['cold'] / small['cold']:.1f}× |"
            )
    print()
    print(robustness(tool))
    return 0 if all(r["ok"] for r in results.values()) else 1


def robustness(tool: str) -> str:
    """`check` on hostile files: how long and how much memory until it answers, and its exit code."""
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-hostile-"))
    files: dict[
        str, Callable[[], str]
    ] = {}  # name -> a function that writes the file, so that no large text stays in memory
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 30):
        text += f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}" if n > 1 else "*a"] * 10) + "]\n"
    files["alias bomb (10^30 nodes if expanded)"] = lambda: text
    files["flow nested 100,000 deep"] = lambda: "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    files["block nested 2,000 deep"] = lambda: (
        "".join(" " * i + f"k{i}:\n" for i in range(2000)) + " " * 2000 + "v\n"
    )
    files["valid plan of 50 MB (170,000 actions)"] = lambda: plan_text(170_000)
    lines = ["| file | size | time | peak memory | exit |", "|---|---:|---:|---:|---:|"]
    try:
        for name, content in files.items():
            path = work / "plan.yaml"
            path.write_text(content(), encoding="utf-8")
            env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": ""}
            seconds, mib, code = run_once([tool, "check", str(path)], env)
            lines.append(
                f"| {name} | {path.stat().st_size / 2**20:.1f} MiB | {seconds:.2f} s | {mib:.0f} MiB | {code} |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
