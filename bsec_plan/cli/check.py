"""`bsec-plan check`: validate a plan file and report every problem in the chosen form."""

from __future__ import annotations

import sys

from bsec_plan.loading import planfile
from bsec_plan.problems import PlanError, Problem
from bsec_plan.writers.problems import MAX_SHOWN

STDIN = "<stdin>"  # what messages call a plan read from standard input (`check -`)


def run(paths: list[str], fmt: str = "text") -> int:
    """Exit 0 when every file is valid, 1 for any problem with any (missing, unreadable, invalid)."""
    names: list[str] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []  # reported, but they do not make a file invalid
    summaries: list[str] = []
    wanted: list[str | None] = [*paths] or [None]  # None is the default plan, "-" standard input
    for path in wanted:
        target, name = planfile.located(path)
        names.append(STDIN if path == "-" else name)
        data = None
        try:
            if path == "-":
                data = read_stdin()
                plan = planfile.load_bytes(data, STDIN)
            else:
                plan = planfile.load(target, cached=False)
        except PlanError as err:
            problems.extend(err.problems)
            continue
        warnings.extend(planfile.warnings(names[-1] if data is not None else target, plan, data))
        summaries.append(
            f"{names[-1]}: valid: {len(plan.directions)} directions, {len(plan.actions)} actions, "
            f"{len(plan.states)} states, {len(plan.ratifications)} ratification records, "
            f"{len(plan.progress)} progress records"
        )
    from bsec_plan.views.common import Checked, View
    from bsec_plan.writers import formats

    found = [*problems, *warnings]
    document = {
        "files": names,
        "valid": not problems,
        "problem_count": len(found),  # all of them; `problems` lists the first MAX_SHOWN
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.col,
                "severity": p.severity,
                "message": p.message,
            }
            for p in found[:MAX_SHOWN]
        ],
    }
    checked = Checked(summaries, problems, warnings)
    formats.write(fmt, View(document=lambda: document, checked=lambda: checked))
    return 1 if problems else 0


def read_stdin() -> bytes:
    if sys.stdin is None:  # started with standard input closed
        raise PlanError([Problem(STDIN, 1, 1, "cannot read: there is no standard input")])
    data = sys.stdin.buffer.read(planfile.MAX_BYTES + 1)
    if len(data) > planfile.MAX_BYTES:
        limit = planfile.MAX_BYTES // 2**20
        raise PlanError(
            [Problem(STDIN, 1, 1, f"larger than {limit} MiB; a plan is refused above that")]
        )
    return data
