"""`bsec-plan check`: validate a plan file and report every problem in the chosen form."""

from __future__ import annotations

import json
import sys

from bsec_plan import planfile
from bsec_plan.problems import PlanError, Problem


def run(path: str | None, fmt: str = "text") -> int:
    """Exit 0 for a valid file, 1 for any problem with it (missing, unreadable, invalid)."""
    target = planfile.resolve(path)
    try:
        plan = planfile.load(target)
    except PlanError as err:
        report(err.problems, fmt)
        return 1
    summary = (
        f"{target}: valid: {len(plan.directions)} directions, {len(plan.actions)} actions, "
        f"{len(plan.states)} states, {len(plan.ratifications)} ratification records, "
        f"{len(plan.progress)} progress records"
    )
    if fmt == "json":
        json.dump({"file": str(target), "valid": True, "problems": []}, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(summary)
    return 0


def report(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        json.dump(
            {
                "file": problems[0].file if problems else None,
                "valid": False,
                "problems": [{"file": p.file, "line": p.line, "column": p.col, "message": p.message} for p in problems],
            },
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", file=sys.stderr)
