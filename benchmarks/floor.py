"""A cold run beside its floor: what no code of ours can avoid with PyYAML and pydantic, by stage.

    python benchmarks/floor.py [--actions 10000] [--rounds 7] [--plan FILE] [--revision REV]

The floor of a cold `overdue --format json` (the plan read, validated and cached, then answered)
is the sum of four stages, each timed in a fresh process of this interpreter:

- interpreter: `python -c pass`, the whole process;
- imports: the libraries the run needs, `import typer, yaml, pydantic_core` and
  `from pydantic import ValidationError`, timed inside the process (after the interpreter); not
  pydantic's TypeAdapter, which a run of this tree does not import (its validator is compiled
  from the core schema kept in the package, bsec_plan/loading/prebuilt.py), nor dateutil.rrule
  (recurring deadlines are worked out without it);
- YAML events: every event of the file from PyYAML's C parser (`yaml.cyaml.CParser`, its own
  `get_event` until there are none), without building anything from them;
- validation: pydantic validating the loaded data (the file's tree as the tool reads it) with the
  project's own model (`TypeAdapter(Plan).validate_python`), the adapter built beforehand.

Beside the floor and not in its sum, one more stage: the same events with each scalar's value
kept in a list, nothing checked and no container made: what keeping the file's values costs
beyond reading its events (the memory they fill), before any tree is made of them. The cold run
is also given against the floor with that stage in place of the events.

Each stage but the interpreter is timed inside its process around that stage alone, with the
cyclic garbage collector off as the tool runs. Beside them, in the same rounds, the cold run
itself: `python -m bsec_plan overdue --plan FILE --as-of 2010-06-01 --format json` of this tree
with an emptied plan cache, output to /dev/null, as `benchmarks/compare.py` runs it. Each round
times every stage and the run once, one after the other, so that a busy moment hurts them alike.

With `--revision`, the same cold run of that revision's files (`git archive`, run as this
tree is, with this interpreter and its libraries) is timed in the same rounds, after this
tree's, beside the same floor: before and after a change, paired.

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
IMPORTS = "import typer, yaml, pydantic_core\nfrom pydantic import ValidationError"
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
        "tree = yamlpos.load_plain(open(plan, encoding='utf-8').read())\n"
        "adapter = TypeAdapter(Plan)",
        "adapter.validate_python(tree)",
    ),
}
EVENTS_KEPT = "YAML events, each value kept (beside the floor)"
KEPT = (  # the events' stage, each scalar's value kept
    "import yaml.cyaml\ntext = open(plan, encoding='utf-8').read()\n"
    "parser = yaml.cyaml.CParser(text)\nscalar, kept = yaml.ScalarEvent, []",
    "for event in iter(parser.get_event, None):\n"
    "    if type(event) is scalar:\n"
    "        kept.append(event.value)",
)
KEPT_FLOOR = "floor, the events' values kept"
COLD = "cold `overdue --format json`"


def _env(cache: Path, tree: Path) -> dict[str, str]:
    env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": str(cache), "PYTHONPATH": str(tree)}
    env.pop("BSEC_PLAN", None)
    return env


def _child(args: list[str], cache: Path, tree: Path = TREE) -> tuple[float, str]:
    """CPU seconds (user + system) of one process of this interpreter, and what it printed."""
    with subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_env(cache, tree),
        cwd=tree,
    ) as child:
        assert child.stdout is not None
        out = child.stdout.read().decode()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"exit {child.returncode}: python {' '.join(args)}")
    return usage.ru_utime + usage.ru_stime, out


def _stage(setup: str, stage: str, plan: Path, cache: Path) -> float:
    """CPU seconds of one stage alone, in a fresh process."""
    return float(_child(["-c", _TIMED.format(setup=setup, stage=stage), str(plan)], cache)[1])


def one_round(plan: Path, work: Path, trees: dict[str, Path]) -> dict[str, float]:
    """Each stage of the floor and the cold run of each tree, once each, in a fresh process
    each."""
    cache = work / "cache"
    times = {"interpreter": _child(["-c", "pass"], cache)[0]}
    for name, (setup, stage) in STAGES.items():
        times[name] = _stage(setup, stage, plan, cache)
    times["floor"] = sum(times.values())
    times[EVENTS_KEPT] = _stage(*KEPT, plan, cache)
    times[KEPT_FLOOR] = times["floor"] - times["YAML events"] + times[EVENTS_KEPT]
    command = ["overdue", "--plan", str(plan), "--as-of", "2010-06-01", "--format", "json"]
    for label, tree in trees.items():
        shutil.rmtree(cache, ignore_errors=True)
        times[label] = _child(["-m", "bsec_plan", *command], cache, tree)[0]
    return times


def _archive(revision: str, into: Path) -> Path:
    """A copy of the revision's files (the repository itself is left alone)."""
    archive = subprocess.run(
        ["git", "-C", str(TREE), "archive", "--format=tar", revision],
        check=True,
        capture_output=True,
    )
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--plan", type=Path, help="a plan file instead of a synthetic one")
    parser.add_argument("--revision", help="also time this revision's cold run, paired")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-floor-"))
    try:
        plan = args.plan.resolve() if args.plan else work / f"plan-{args.actions}.yaml"
        if not args.plan:
            plan.write_text(plan_text(args.actions), encoding="utf-8")
        trees = {COLD: TREE}
        if args.revision:
            trees[f"{COLD}, {args.revision}"] = _archive(args.revision, work / "revision")
        one_round(plan, work, trees)  # modules compiled, files in the page cache: not counted
        loads = [os.getloadavg()[0]]
        rounds = []
        for _ in range(args.rounds):
            rounds.append(one_round(plan, work, trees))
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
        label = f"**{name}**" if name in ("floor", KEPT_FLOOR) or name in trees else name
        print(f"| {label} | {statistics.median(r[name] for r in rounds):.3f} s |")
    for name in trees:
        for floor in ("floor", KEPT_FLOOR):
            ratio = statistics.median(r[name] / r[floor] for r in rounds)
            print(f"| {name} ÷ {floor}, paired | {ratio:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
