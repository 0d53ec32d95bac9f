"""This tree beside the last release (or another revision), paired: CPU time and peak memory.

    python benchmarks/compare.py [REVISION] [--sizes bundled 1000 10000] [--rounds 5]

REVISION defaults to the latest release tag (`git describe --tags --abbrev=0`). Run it before a
release and before any change to loading, the cache or the views (CONTRIBUTING.md).

The revision's files are copied into a temporary folder (`git archive`); each tree runs as `python -m
bsec_plan` from its own folder, with this interpreter and its libraries, modules compiled once.
In each round every command runs for the revision and then for this tree, one right after the
other, so that a busy moment hurts both alike: cold (an empty plan cache) and then warm. Each
synthetic plan is written by this tree's `make_plan.py`, so the revision must read the same
plan format; `bundled` is each tree's own data/plan.yaml, found as a user's run finds it.
Start-up (`--help`, `--version`) is measured the same way, beside the import floor (`python -c
'import typer, pydantic, yaml, rich'`), timed in the same rounds. Reported: the median CPU time
(user + system) of each, the median of the ratios paired within each round (this tree ÷ the
revision), the highest peak resident size, and the load average with the date.
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
sys.path.insert(0, str(HERE))

from make_plan import plan_text  # noqa: E402
from run import COMMANDS  # noqa: E402
from tool import BYTECODE_ENV  # noqa: E402

BUNDLED = {  # the bundled plan, found as a user's run finds it (no --plan)
    "overdue": ["overdue", "--as-of", "2010-06-01"],
    "status": ["status", "--as-of", "2010-06-01"],
    "states": ["states", "--as-of", "2010-06-01"],
}
STARTUP = {"--help": ["--help"], "--version": ["--version"]}
FLOOR = "import typer, pydantic, yaml, rich"

Samples = dict[str, list[float]]


def latest_release(here: Path) -> str:
    """The latest release tag reachable from this tree, or a clear exit where there is none."""
    found = subprocess.run(
        ["git", "-C", str(here), "describe", "--tags", "--abbrev=0"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0 or not found.stdout.strip():
        raise SystemExit(
            "compare.py: no release tag is reachable from this tree (git describe --tags found "
            "none); name the revision to compare with: benchmarks/compare.py REVISION"
        )
    return found.stdout.strip()


def measure(tree: Path, args: list[str], cache: Path) -> tuple[float, float]:
    """CPU seconds (user + system) and peak resident MiB of one run of the tree's bsec-plan."""
    return _child(tree, ["-m", "bsec_plan", *args], cache, ok=(0, 1))  # 1: findings


def _child(tree: Path, args: list[str], cache: Path, ok: tuple[int, ...]) -> tuple[float, float]:
    env = {**BYTECODE_ENV, "BSEC_PLAN_CACHE": str(cache), "PYTHONPATH": str(tree)}
    env.pop("BSEC_PLAN", None)
    with subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=tree,
    ) as child:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in ok:
        raise SystemExit(f"{tree}: exit {child.returncode}: python {' '.join(args)}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def paired(
    trees: dict[str, Path], command: list[str], work: Path, rounds: int
) -> tuple[Samples, dict[str, float]]:
    """`rounds` rounds of the command in each tree, cold then warm, one tree right after the
    other; the floor is timed in the same rounds."""
    cpu: Samples = {}
    peak: dict[str, float] = {}
    for _ in range(rounds):
        for state in ("cold", "warm"):
            for label, tree in trees.items():
                cache = work / f"cache-{label}"
                if state == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                seconds, mib = measure(tree, command, cache)
                cpu.setdefault(f"{state} {label}", []).append(seconds)
                peak[label] = max(peak.get(label, 0.0), mib)
        floor, _ = _child(trees["after"], ["-c", FLOOR], work / "no-cache", ok=(0,))
        cpu.setdefault("floor", []).append(floor)
    return cpu, peak


def _cells(cpu: Samples) -> str:
    cells = []
    for state in ("cold", "warm"):
        old, new = cpu[f"{state} before"], cpu[f"{state} after"]
        ratio = statistics.median(b / a for a, b in zip(old, new, strict=True))
        cells.append(f"{statistics.median(old):.3f} → {statistics.median(new):.3f} s | {ratio:.2f}")
    warm_floor = statistics.median(
        w / f for w, f in zip(cpu["warm after"], cpu["floor"], strict=True)
    )
    return f"{' | '.join(cells)} | {warm_floor:.2f}"


def _size(text: str) -> str | int:
    return text if text == "bundled" else int(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", nargs="?", help="default: the latest release tag")
    parser.add_argument("--sizes", type=_size, nargs="+", default=["bundled", 1000, 10000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-startup", action="store_true", help="skip --help and --version")
    parser.add_argument("--only", nargs="+", metavar="COMMAND", help="only these, e.g. states")
    args = parser.parse_args()
    here = HERE.parent
    revision = args.revision or latest_release(here)
    work = Path(tempfile.mkdtemp(prefix="bsec-plan-compare-"))
    before = work / "before"
    before.mkdir()
    archive = subprocess.run(  # a copy of its files: the repository itself is left alone
        ["git", "-C", str(here), "archive", "--format=tar", revision],
        check=True,
        capture_output=True,
    )
    subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
    trees = {"before": before, "after": here}
    loads = [os.getloadavg()[0]]
    rows: list[tuple[str, str | int, Samples, dict[str, float]]] = []
    try:
        if not args.no_startup:
            for name, command in STARTUP.items():
                rows.append((name, "", *paired(trees, command, work, args.rounds)))
        for size in args.sizes:
            if size == "bundled":
                commands = BUNDLED
            else:
                plan = work / f"plan-{size}.yaml"
                plan.write_text(plan_text(size), encoding="utf-8")
                commands = {
                    name: [part.format(plan=plan) for part in template]
                    for name, template in COMMANDS.items()
                }
            for name, command in commands.items():
                if args.only and name.split()[0] not in args.only:
                    continue
                rows.append((name, size, *paired(trees, command, work, args.rounds)))
                loads.append(os.getloadavg()[0])
                print(f"{name} at {size}: done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = statistics.median(f for *_, cpu, _ in rows for f in cpu["floor"])
    print(
        f"{revision} → this tree, {dt.date.today()}, {args.rounds} rounds, load average "
        f"{min(loads):.1f}–{max(loads):.1f}, import floor {floor:.3f} s"
    )
    print()
    print(
        "| command | actions | cold before → after | ratio | warm before → after | ratio "
        "| warm ÷ floor | peak before → after |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, size, cpu, peak in rows:
        actions = f"{size:,}" if isinstance(size, int) else size
        print(
            f"| `{name}` | {actions} | {_cells(cpu)} "
            f"| {peak['before']:.0f} → {peak['after']:.0f} MiB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
