"""Time `bsec-plan report` on the bundled plan and on a synthetic plan of 1,000 actions.

    python benchmarks/report.py [--actions 1000] [--runs 5]

Run as a user runs it (the installed console script), first with an empty plan cache ("cold":
the file is parsed and validated) and then with it filled ("warm"). Prints a Markdown table:
median wall time, peak memory (max RSS), the page's size, and whether it meets the 3 s budget.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_plan import plan_text  # noqa: E402
from run import run_once  # noqa: E402
from tool import BYTECODE_ENV, installed_tool  # noqa: E402

BUDGET_SECONDS = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tool = installed_tool()
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-bench-report-"))
    synthetic = work / f"plan-{args.actions}.yaml"
    synthetic.write_text(plan_text(args.actions), encoding="utf-8")
    plans = {
        "bundled plan": HERE.parent / "data" / "plan.yaml",
        f"{args.actions:,} actions": synthetic,
    }
    print("| plan | cold | warm | peak memory | page | within 3 s | exit 0 |")
    print("|---|---:|---:|---:|---:|---|---|")
    ok = True
    try:
        for name, plan in plans.items():
            site, cache = work / "site", work / "cache"
            command = [
                tool,
                "report",
                "--plan",
                str(plan),
                "--as-of",
                "2010-06-01",
                "--output",
                str(site),
            ]
            env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": str(cache)}
            cold, warm = [], []
            for _ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                cold.append(run_once(command, env))
                warm.append(run_once(command, env))
            runs = cold + warm
            codes = {c for _, _, c in runs}
            cold_s = statistics.median(t for t, _, _ in cold)
            warm_s = statistics.median(t for t, _, _ in warm)
            size = (site / "index.html").stat().st_size
            within = cold_s <= BUDGET_SECONDS
            ok = ok and within and codes == {0}
            print(
                f"| {name} | {cold_s:.2f} s | {warm_s:.2f} s | {max(m for _, m, _ in runs):.0f} MiB "
                f"| {size / 1000:,.0f} kB | {'yes' if within else 'NO'} | {'yes' if codes == {0} else 'NO'} |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
