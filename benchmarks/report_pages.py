"""Write the report of a fixed set of plans, to compare the pages of two versions byte for byte.

    python benchmarks/report_pages.py OUT [--against BEFORE]

Writes `OUT/CASE/...` for each case below with the installed `bsec-plan` (a fresh cache): the
bundled plan (whole and for one state), the bundled plan with the successor fixture (several
plans), and synthetic plans large enough to be split into pages (whole, for one state, and
beside the bundled plan). Run it on the code before a change that must not change the pages,
then after, with `--against` the first folder: it lists every file that differs or is missing
on either side and exits 1 if any does (`diff -r` says the same).
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_plan import plan_text  # noqa: E402
from tool import BYTECODE_ENV, installed_tool  # noqa: E402

# relative to the checkout, where the tool runs: the several plans' index names each file as given
BUNDLED = "data/plan.yaml"
FIXTURE = "tests/plans/successor-fixture/plan.yaml"
# the synthetic plans in a folder of the same name at each run, for the same reason
PLANS = Path(tempfile.gettempdir()) / "bsec-plan-report-pages"


def cases() -> dict[str, list[str]]:
    """Each case's name and the arguments of its `report` (without `-o`)."""
    PLANS.mkdir(exist_ok=True)
    synthetic = {}
    for n in (1000, 10000):
        synthetic[n] = PLANS / f"plan-{n}.yaml"
        synthetic[n].write_text(plan_text(n), encoding="utf-8")
    big, small = str(synthetic[10000]), str(synthetic[1000])
    return {
        "bundled": ["--plan", BUNDLED, "--as-of", "2010-06-01"],
        "bundled-state": ["--plan", BUNDLED, "--as-of", "2010-06-01", "--state", "RO"],
        "several": ["--plan", BUNDLED, "--plan", FIXTURE, "--as-of", "2012-01-10"],
        "actions-10000": ["--plan", big, "--as-of", "2010-06-01"],
        "actions-10000-state": ["--plan", big, "--as-of", "2010-06-01", "--state", "AB"],
        "actions-1000-late": ["--plan", small, "--as-of", "2011-09-30"],
        "several-large": ["--plan", small, "--plan", BUNDLED, "--as-of", "2010-06-01"],
    }


def differences(before: Path, after: Path) -> list[str]:
    """Every file below either folder that is missing from the other or differs in a byte."""
    out = []
    compared = filecmp.dircmp(before, after)
    out += [f"only in {before}: {n}" for n in compared.left_only]
    out += [f"only in {after}: {n}" for n in compared.right_only]
    out += [f"differs: {n}" for n in compared.common_files if not _same(before / n, after / n)]
    for name in compared.common_dirs:
        out += [f"{name}/{line}" for line in differences(before / name, after / name)]
    return out


def _same(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--against", type=Path, help="the folder of an earlier run to compare")
    args = parser.parse_args()
    tool = installed_tool()
    with tempfile.TemporaryDirectory(prefix="bsec-plan-report-pages-") as cache:
        env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": cache}
        for name, arguments in cases().items():
            command = [tool, "report", "-o", str(args.out.resolve() / name), *arguments]
            done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
            if done.returncode != 0:
                print(f"{name}: exit {done.returncode}: {done.stderr}", file=sys.stderr)
                return 2
    if args.against is None:
        return 0
    found = differences(args.against, args.out)
    for line in found:
        print(line)
    print(f"{len(found)} differences", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
