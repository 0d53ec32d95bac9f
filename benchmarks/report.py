"""Time `bsec-plan report` on the bundled plan and on a synthetic plan of 1,000 actions.

    python benchmarks/report.py [--actions 1000] [--runs 5] [--browser]

Run as a user runs it (the installed console script), first with an empty plan cache ("cold":
the file is parsed and validated) and then with it filled ("warm"). Prints a Markdown table:
median wall time, the same against a cold `overdue` of the same plan (the report's budget is
2.5 times that), peak memory (max RSS), the page's size in all and per action, and whether it
meets the 3 s budget; with `--browser`, how long headless Chromium takes to DOMContentLoaded for
the index page and for the largest page (a large plan's report is split into pages: the sizes
are of all pages together).
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


def opened(page: Path) -> float:
    """Seconds from navigation to DOMContentLoaded in headless Chromium (scripts/browser.py)."""
    sys.path.insert(0, str(HERE.parent / "scripts"))
    from browser import chromium

    with chromium(1280, 900) as driver:
        driver.set_page_load_timeout(300)
        driver.get(page.as_uri())
        ms = driver.execute_script(
            "const t = performance.getEntriesByType('navigation')[0];"
            "return t.domContentLoadedEventEnd - t.startTime;"
        )
    return float(ms) / 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="time Chromium opening the page")
    args = parser.parse_args()
    tool = installed_tool()
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-bench-report-"))
    synthetic = work / f"plan-{args.actions}.yaml"
    synthetic.write_text(plan_text(args.actions), encoding="utf-8")
    plans = {
        "bundled plan": HERE.parent / "data" / "plan.yaml",
        f"{args.actions:,} actions": synthetic,
    }
    print(
        "| plan | cold | warm | cold / cold overdue | peak memory | page | per action "
        "| pages | largest page | Chromium DOMContentLoaded, index / largest | within 3 s | exit 0 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
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
            overdue = [tool, "overdue", "--plan", str(plan), "--as-of", "2010-06-01"]
            cold, warm, cold_overdue = [], [], []
            for _ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                cold.append(run_once(command, env))
                warm.append(run_once(command, env))
                shutil.rmtree(cache, ignore_errors=True)
                cold_overdue.append(run_once(overdue, env)[0])
            runs = cold + warm
            codes = {c for _, _, c in runs}
            cold_s = statistics.median(t for t, _, _ in cold)
            warm_s = statistics.median(t for t, _, _ in warm)
            written = sorted(site.glob("*.html"), key=lambda p: p.stat().st_size)
            size = sum(p.stat().st_size for p in written)
            largest = written[-1]
            within = cold_s <= BUDGET_SECONDS
            ok = ok and within and codes == {0}
            ratio = cold_s / statistics.median(cold_overdue)
            # the synthetic plan's actions (make_plan.py's layout); "—" for the bundled plan
            actions = (
                plan.read_text(encoding="utf-8").count("\n      - id: ") if plan == synthetic else 0
            )
            loaded = (
                f"{opened(site / 'index.html'):.2f} s / {opened(largest):.2f} s ({largest.name})"
                if args.browser
                else "—"
            )
            print(
                f"| {name} | {cold_s:.2f} s | {warm_s:.2f} s | {ratio:.2f}× "
                f"| {max(m for _, m, _ in runs):.0f} MiB | {size / 1000:,.0f} kB "
                f"| {f'{size / actions / 1000:.2f} kB' if actions else '—'} | {len(written)} "
                f"| {largest.stat().st_size / 1000:,.0f} kB | {loaded} "
                f"| {'yes' if within else 'NO'} | {'yes' if codes == {0} else 'NO'} |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
