"""`bsec-plan check`: validate a plan file and report every problem in the chosen form."""

from __future__ import annotations

import os
import sys

from bsec_plan import planfile
from bsec_plan.problems import PlanError, Problem


def run(paths: list[str], fmt: str = "text") -> int:
    """Exit 0 when every file is valid, 1 for any problem with any (missing, unreadable, invalid)."""
    targets = [planfile.resolve(p) for p in paths] if paths else [planfile.resolve(None)]
    problems: list[Problem] = []
    summaries: list[str] = []
    for target in targets:
        try:
            plan = planfile.load(target)
        except PlanError as err:
            problems.extend(err.problems)
            continue
        summaries.append(
            f"{target}: valid: {len(plan.directions)} directions, {len(plan.actions)} actions, "
            f"{len(plan.states)} states, {len(plan.ratifications)} ratification records, "
            f"{len(plan.progress)} progress records"
        )
    from bsec_plan import formats
    from bsec_plan.report import Checked, View

    document = {
        "files": [str(t) for t in targets],
        "valid": not problems,
        "problems": [
            {"file": p.file, "line": p.line, "column": p.col, "message": p.message}
            for p in problems
        ],
    }
    checked = Checked(summaries, problems, report)
    formats.write(fmt, View(document=lambda: document, checked=lambda: checked))
    return 1 if problems else 0


def report(problems: list[Problem], fmt: str) -> None:
    if fmt == "github":
        # annotations on stdout, where the runner reads workflow commands; the plain lines stay in the log
        for p in problems:
            print(annotation(p))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:  # annotations are capped per step; the summary lists every problem
            with open(summary, "a", encoding="utf-8") as f:
                f.write(step_summary(problems))
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", file=sys.stderr)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(p: Problem) -> str:
    """A GitHub Actions workflow command that marks the problem at its line in the pull request."""
    props = f"file={_escape_property(p.file)},line={p.line},col={p.col},title={_escape_property('bsec-plan check')}"
    return f"::error {props}::{_escape_data(p.message)}"


def step_summary(problems: list[Problem]) -> str:
    from bsec_plan.safetext import markdown_cell as cell

    lines = [
        f"### bsec-plan check: {len(problems)} problem{'s' if len(problems) != 1 else ''}",
        "",
        "| File | Line | Column | Problem |",
        "|---|---|---|---|",
    ]
    lines += [f"| {cell(p.file)} | {p.line} | {p.col} | {cell(p.message)} |" for p in problems]
    return "\n".join(lines) + "\n\n"
