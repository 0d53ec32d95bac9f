"""A cold run beside its floor: what no code of ours can avoid with PyYAML and pydantic, by stage.

    python benchmarks/floor.py [--actions 10000] [--rounds 7] [--plan FILE]

The floor of a cold `overdue --format json` (the plan read, validated and cached, then answered)
is the sum of four stages, each timed in a fresh process of this interpreter:

- interpreter: `python -c pass`, the whole process;
- imports: the libraries the run needs, `import typer, yaml, dateutil.rrule` and pydantic's
  `TypeAdapter` and `pydantic.dataclasses`, timed inside the process (after the interpreter);
- YAML events: every event of the file from PyYAML's C parser (`yaml.cyaml.CParser`, its own
  `get_event` until there are none), without building anything from them;
- validation: pydantic validating the loaded data (the file's tree as the tool reads it) with the
  project's own model (`TypeAdapter(Plan).validate_python`), the adapter built beforehand.

Each stage but the interpreter is timed inside its process around that stage alone, with the
cyclic garbage collector off as the tool runs. Beside them, in the same rounds, the cold run
itself: `python -m bsec_plan overdue --plan FILE --as-of 2010-06-01 --format json` of this tree
with an emptied plan cache, output to /dev/null, as `benchmarks/compare.py` runs it. Each round
times every stage and the run once, one after the other, so that a busy moment hurts them alike.

Reported as a Markdown table: the median CPU time (user + system) of each stage, of the floor
(their sum, per round) and of the cold run, and the ratio cold ÷ floor paired within each round
(its median). Modules are compiled once beforehand, as after a `pip install`. The plan is made
by `make_plan.py` unless `--plan` names one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = HERE.parent
sys.path.insert(0, str(HERE))

from make_plan import plan_text  # noqa: E402
from tool import BYTECODE_ENV  # noqa: E402

# Each stage's code runs as `python -c`; it prints the CPU seconds of its stage alone.
_TIMED = "import gc, sys, time\ngc.disable()\nplan = sys.argv[1]\n{setup}\nstart = time.process_time()\n{stage}\nprint(time.process_time() - start)\n"
IMPORTS = (
    "import typer, yaml, dateutil.rrule\n"
    "import pydantic.dataclasses\n"
    "from pydantic import TypeAdapter"
)
STAGES = {
    "imports": ("", IMPORTS),
    "YAML events": (
        "import yaml.cyaml\ntext = open(plan, encoding='utf-8').read()\nparser = yaml.cyaml.CParser(text)",
        "for event in iter(parser.get_event, None):\n    pass",
    ),
    "validation": (
        "from pydantic import TypeAdapter\n"
        "from bsec_plan.domain.model import Plan\n"
        "from bsec_plan.loading import yamlpos\n"
        "tree = yamlpos.load(open(plan, encoding='utf-8').read(), positions=False)\n"
        "adapter = TypeAdapter(Plan)",
        "adapter.validate_python(tree)",
    ),
}
COLD = "cold `overdue --format json`"


def _env(cache: Path) -> dict[str, str]:
    env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": str(cache), "PYTHONPATH": str(TREE)}
    env.pop("BSEC_PLAN", None)
    return env


def _child(args: list[str], cache: Path) -> tuple[float, str]:
    """CPU seconds (user + system) of one process of this interpreter, and what it printed."""
    with subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_env(cache),
        cwd=TREE,
    ) as child:
        assert child.stdout is not None
        out = child.stdout.read().decode()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"exit {child.returncode}: python {' '.join(args)}")
    return usage.ru_utime + usage.ru_stime, out


def one_round(plan: Path, work: Path) -> dict[str, float]:
    """Each stage of the floor and the cold run, once each, in a fresh process each."""
    cache = work / "cache"
    times = {"interpreter": _child(["-c", "pass"], cache)[0]}
    for name, (setup, stage) in STAGES.items():
        code = _TIMED.format(setup=setup, stage=stage)
        times[name] = float(_child(["-c", code, str(plan)], cache)[1])
    times["floor"] = sum(times.values())
    shutil.rmtree(cache, ignore_errors=True)
    command = ["overdue", "--plan", str(plan), "--as-of", "2010-06-01", "--format", "json"]
    times[COLD] = _child(["-m", "bsec_plan", *command], cache)[0]
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--plan", type=Path, help="a plan file instead of a synthetic one")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-floor-"))
    try:
        plan = args.plan.resolve() if args.plan else work / f"plan-{args.actions}.yaml"
        if not args.plan:
            plan.write_text(plan_text(args.actions), encoding="utf-8")
        one_round(plan, work)  # modules compiled, files in the page cache: not counted
        loads = [os.getloadavg()[0]]
        rounds = []
        for _ in range(args.rounds):
            rounds.append(one_round(plan, work))
            loads.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    what = plan.name if args.plan else f"{args.actions:,} actions"
    print(
        f"{what}, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {args.rounds} rounds, "
        f"load average {min(loads):.1f}–{max(loads):.1f}; CPU time, medians"
    )
    print()
    print("| stage | CPU |")
    print("|---|---:|")
    for name in [*rounds[0]]:
        label = f"**{name}**" if name in ("floor", COLD) else name
        print(f"| {label} | {statistics.median(r[name] for r in rounds):.3f} s |")
    ratio = statistics.median(r[COLD] / r["floor"] for r in rounds)
    print(f"| **cold ÷ floor**, paired | {ratio:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
