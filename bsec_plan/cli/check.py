"""`bsec-plan check`: validate a plan file and report every problem in the chosen form."""

from __future__ import annotations

import os
import sys

from bsec_plan.domain.model import Registers
from bsec_plan.loading import planfile
from bsec_plan.problems import PlanError, Problem
from bsec_plan.safetext import visible

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
        try:
            # a plan from standard input stands in for the plan file found as usual: the
            # registers it names are read relative to that file's folder
            read = planfile.file_reader(*planfile.located(None) if path == "-" else (target, name))
            data = read_stdin() if path == "-" else planfile.read_bytes(target)
            loaded = planfile.check_bytes(data, names[-1], read)
        except PlanError as err:
            problems.extend(err.problems)
            continue
        if isinstance(loaded, Registers):  # a registers file alone
            warnings.extend(planfile.registers_warnings(data, names[-1], loaded))
            summaries.append(registers_summary(names[-1], loaded))
            continue
        plan = loaded
        warnings.extend(planfile.warnings(target, plan))
        summaries.append(
            f"{names[-1]}: valid: {len(plan.directions)} directions, {len(plan.actions)} actions, "
            f"{len(plan.states)} states, {len(plan.ratifications)} ratification records, "
            f"{len(plan.progress)} progress records"
        )
    from bsec_plan.views.common import Checked, View
    from bsec_plan.writers import formats

    # a plan and the registers it names, both named: the registers' problems once
    problems, warnings = list(dict.fromkeys(problems)), list(dict.fromkeys(warnings))

    document = {
        "files": names,
        "valid": not problems,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.col,
                "severity": p.severity,
                "message": p.message,
            }
            for p in [*problems, *warnings]
        ],
    }
    checked = Checked(summaries, problems, warnings, report)
    formats.write(fmt, View(document=lambda: document, checked=lambda: checked))
    return 1 if problems else 0


def registers_summary(name: str, registers: Registers) -> str:
    return (
        f"{name}: valid registers: {len(registers.states)} states, "
        f"{len(registers.instruments)} instruments, {len(registers.parties)} parties, "
        f"{len(registers.ratifications)} ratification records, "
        f"{len(registers.liaison_officers)} liaison officer records, "
        f"{len(registers.eu_membership)} EU memberships, "
        f"{len(registers.chairmanships)} chairmanship terms"
    )


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


def report(problems: list[Problem], fmt: str) -> None:
    if fmt == "github":
        # annotations on stdout, where the runner reads workflow commands; the plain lines stay in the log
        for p in problems:
            print(annotation(p))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:  # annotations are capped per step; the summary lists every problem
            append_summary(summary, step_summary(problems))
    for p in problems:
        print(p, file=sys.stderr)
    what = "warning" if all(p.severity == "warning" for p in problems) else "problem"
    print(f"{len(problems)} {what}{'s' if len(problems) != 1 else ''} found", file=sys.stderr)


def append_summary(path: str, text: str) -> None:
    """Append to the job summary; where that fails, warn: the check's verdict stands."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as err:
        print(
            f"bsec-plan: warning: cannot write the step summary {path!r}: {err.strerror or err}",
            file=sys.stderr,
        )


def _escape_data(text: str) -> str:
    text = visible(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(p: Problem) -> str:
    """A GitHub Actions workflow command that marks the problem at its line in the pull request."""
    props = f"file={_escape_property(p.file)},line={p.line},col={p.col},title={_escape_property('bsec-plan check')}"
    return f"::{p.severity} {props}::{_escape_data(p.message)}"


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
