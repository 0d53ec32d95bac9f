"""`bsec-plan overdue` beside Taskwarrior's `task overdue`, each over 10,000 items, in one run.

    python benchmarks/taskwarrior.py [--actions 10000] [--rounds 7]

A yardstick from outside the project: Taskwarrior 2.6 (`apt-get install taskwarrior`) answers
the same question of a list of dated tasks, from its own data files. Each round runs, one right
after the other so that a busy moment hurts both alike: `bsec-plan overdue --format json` with
an empty plan cache (cold: the YAML is parsed and validated), then with the cache filled
(warm), then `task overdue` over as many pending tasks with due dates in the plan's period.
Reported: the median CPU time (user + system) of each, and the median of the ratios paired
within each round. Skips, saying why, where `task` is not installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_plan import plan_text  # noqa: E402
from tool import BYTECODE_ENV, installed_tool  # noqa: E402

TASK_OPTIONS = [
    "rc.confirmation=off",
    "rc.verbose=nothing",
    "rc.color=off",
    "rc.detection=off",
    "rc.defaultwidth=120",
    "rc.hooks=off",
]


def cpu_seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one run, its output thrown away."""
    start = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    ) as child:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode not in (0, 1):  # 1: bsec-plan found overdue actions
        raise SystemExit(f"{command[0]} ended with exit {child.returncode}: {' '.join(command)}")
    return usage.ru_utime + usage.ru_stime, wall


def task_data(folder: Path, count: int) -> dict[str, str]:
    """A Taskwarrior database of `count` pending tasks due from May 2009 on; its environment."""
    (folder / "taskrc").write_text("", encoding="utf-8")
    env = {**os.environ, "TASKRC": str(folder / "taskrc"), "TASKDATA": str(folder / "data")}
    tasks = folder / "tasks.json"
    with tasks.open("w", encoding="utf-8") as out:
        for n in range(count):  # what an action of benchmarks/make_plan.py holds, as a task
            due = dt.date(2009, 5, 1) + dt.timedelta(days=n % 760)
            task: dict[str, object] = {
                "uuid": str(uuid.uuid4()),
                "description": f"Synthetic action {n}, in the plan's own words.",
                "project": f"direction-{chr(65 + n % 26)}",
                "tags": ["coordinator", f"agency-{n % 120}"],
                "status": "pending",
                "entry": "20090501T000000Z",
                "due": due.strftime("%Y%m%dT000000Z"),
            }
            if n % 5 == 0:
                note = {"entry": "20091201T000000Z", "description": "A note."}
                task["annotations"] = [note]
            out.write(json.dumps(task) + "\n")
    subprocess.run(
        ["task", *TASK_OPTIONS, "import", str(tasks)],
        stdout=subprocess.DEVNULL,
        env=env,
        check=True,
    )
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("task") is None:
        print("skipped: Taskwarrior's `task` is not installed (apt-get install taskwarrior)")
        return 0
    tool = installed_tool()
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-taskwarrior-"))
    try:
        plan = work / "plan.yaml"
        plan.write_text(plan_text(args.actions), encoding="utf-8")
        task_env = task_data(work, args.actions)
        cache = work / "cache"
        env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": str(cache)}
        ours = [tool, "overdue", "--plan", str(plan), "--as-of", "2010-06-01", "--format", "json"]
        theirs = ["task", *TASK_OPTIONS, "rc.gc=off", "overdue"]
        cpu_seconds(theirs, task_env)  # the first run of each may load files from disk
        cpu_seconds(ours, env)
        samples: dict[str, list[float]] = {"cold": [], "warm": [], "task": []}
        walls: dict[str, list[float]] = {"cold": [], "warm": [], "task": []}
        for _ in range(args.rounds):
            shutil.rmtree(cache, ignore_errors=True)
            for name, command, environment in (
                ("cold", ours, env),
                ("warm", ours, env),
                ("task", theirs, task_env),
            ):
                cpu, wall = cpu_seconds(command, environment)
                samples[name].append(cpu)
                walls[name].append(wall)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.actions:,} items, {args.rounds} rounds, load average {load:.2f} at the end")
    print()
    print("| command | CPU (median) | wall (median) | CPU ÷ `task overdue`, paired |")
    print("|---|---:|---:|---:|")
    labels = {
        "cold": "`bsec-plan overdue --format json`, cold",
        "warm": "`bsec-plan overdue --format json`, warm",
        "task": "`task overdue`",
    }
    for name, label in labels.items():
        ratio = statistics.median(
            a / b for a, b in zip(samples[name], samples["task"], strict=True)
        )
        print(
            f"| {label} | {statistics.median(samples[name]):.2f} s "
            f"| {statistics.median(walls[name]):.2f} s | {ratio:.2f}× |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
