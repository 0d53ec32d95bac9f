"""How `check` writes problems: located lines on stderr, GitHub annotations and the job
summary, at most MAX_SHOWN of them and then how many more."""

from __future__ import annotations

import os
import sys

from bsec_plan.problems import Problem
from bsec_plan.safetext import visible

# At most this many problems are shown, in every format; one line then says how many more. A
# file with a problem on each of its lines is one mistake repeated, not 100,000 to read.
MAX_SHOWN = 200


def write(problems: list[Problem], fmt: str) -> None:
    """One located line per problem on stderr (and annotations for github), then the count."""
    shown, more = problems[:MAX_SHOWN], max(len(problems) - MAX_SHOWN, 0)
    if fmt == "github":
        # annotations on stdout, where the runner reads workflow commands; the plain lines stay in the log
        for p in shown:
            print(annotation(p))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:  # annotations are capped per step; the summary lists the shown problems
            append_summary(summary, step_summary(problems))
    for p in shown:
        print(p, file=sys.stderr)
    if more:
        print(more_line(more), file=sys.stderr)
    counted = [p for p in problems if p.severity != "note"]  # a note points at problems
    what = "warning" if all(p.severity == "warning" for p in counted) else "problem"
    print(f"{len(counted)} {what}{'s' if len(counted) != 1 else ''} found", file=sys.stderr)


def more_line(more: int) -> str:
    return f"… and {more} more problem{'s' if more != 1 else ''}"


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
    level = "notice" if p.severity == "note" else p.severity  # GitHub's word for a note
    return f"::{level} {props}::{_escape_data(p.message)}"


def step_summary(problems: list[Problem]) -> str:
    from bsec_plan.safetext import markdown_cell as cell

    lines = [
        f"### bsec-plan check: {len(problems)} problem{'s' if len(problems) != 1 else ''}",
        "",
        "| File | Line | Column | Problem |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {cell(p.file)} | {p.line} | {p.col} | {cell(p.message)} |" for p in problems[:MAX_SHOWN]
    ]
    if len(problems) > MAX_SHOWN:
        lines += ["", more_line(len(problems) - MAX_SHOWN)]
    return "\n".join(lines) + "\n\n"
