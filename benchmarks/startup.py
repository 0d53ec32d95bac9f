"""Start-up budget, measured side by side: the installed `bsec-plan` against the time Python takes
merely to import the libraries it is built on.

    python benchmarks/startup.py [--runs N]

Budgets: `overdue --as-of 2010-06-01` at most the import baseline, `--help` (answered from the
cache once printed) at most half of it, `--version` (answered before the command line is
imported) at most three times a bare interpreter start (`python -c pass`). Run it with the virtual
environment's python, where `bsec-plan` is installed. Bytecode is written and used, as after a
`pip install` (PYTHONDONTWRITEBYTECODE is dropped from the environment).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tool import BYTECODE_ENV, installed_tool

BASELINE = "import typer, rich.table, pydantic, yaml, dateutil.rrule"


def median_ms(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    tool = installed_tool()
    env = dict(BYTECODE_ENV)
    subprocess.run(
        [tool, "overdue", "--as-of", "2010-06-01"], stdout=subprocess.DEVNULL, env=env
    )  # warm the plan cache
    # interleave the measurements so that a busy moment hurts all of them alike
    rows = {
        "python -c pass": [sys.executable, "-c", "pass"],
        f"python -c '{BASELINE}'": [sys.executable, "-c", BASELINE],
        "bsec-plan overdue --as-of 2010-06-01": [tool, "overdue", "--as-of", "2010-06-01"],
        "bsec-plan --help": [tool, "--help"],
        "bsec-plan --version": [tool, "--version"],
    }
    samples: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(args.runs):
        for name, command in rows.items():
            samples[name].append(median_ms(command, 1, env))
    result = {name: statistics.median(values) for name, values in samples.items()}
    baseline = result[f"python -c '{BASELINE}'"]
    budgets = {
        "bsec-plan overdue --as-of 2010-06-01": baseline,
        "bsec-plan --help": baseline / 2,
        "bsec-plan --version": 3 * result["python -c pass"],
    }
    print(f"| command | median of {args.runs} runs | budget | met |")
    print("|---|---:|---:|---|")
    failed = False
    for name, ms in result.items():
        budget = budgets.get(name)
        met = "" if budget is None else ("yes" if ms <= budget else "NO")
        failed |= met == "NO"
        print(
            f"| `{name}` | {ms:.0f} ms | {'' if budget is None else f'{budget:.0f} ms'} | {met} |"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
