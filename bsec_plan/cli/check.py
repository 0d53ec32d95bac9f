"""`bsec-plan check`: validate a plan file and report every problem in the chosen form."""

from __future__ import annotations

import sys

from bsec_plan.domain.registers import Registers
from bsec_plan.loading import discovery, planfile
from bsec_plan.problems import PlanError, Problem
from bsec_plan.writers.problems import MAX_SHOWN

STDIN = "<stdin>"  # what messages call a plan read from standard input (`check -`)


def run(paths: list[str], fmt: str = "text", with_plans: bool = False) -> int:
    """Exit 0 when every file is valid, 1 for any problem with any (missing, unreadable, invalid).
    `with_plans`: a registers file brings in the plans beside it that name it."""
    paths = _each_file(paths)
    if with_plans:
        paths = [*paths, *(p for p in plans_naming(paths) if p not in paths)]
    names: list[str] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []  # reported, but they do not make a file invalid
    summaries: list[str] = []
    wanted: list[str | None] = [*paths] or [None]  # None is the default plan, "-" standard input
    from bsec_plan.views.common import counted

    for path in wanted:
        discovery.environment_checked(path)
        target, name = discovery.located(path)
        names.append(STDIN if path == "-" else name)
        data = None
        try:
            # a plan from standard input stands in for the plan file found as usual: the
            # registers it names are read relative to that file's folder
            read = planfile.file_reader(*discovery.located(None) if path == "-" else (target, name))
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
        if path == "-":  # standing in for the plan found as usual, beside its registers
            warnings.extend(planfile.warnings(discovery.located(None)[0], plan, data, STDIN))
        else:
            warnings.extend(planfile.warnings(target, plan))
        summaries.append(
            f"{names[-1]}: valid: {counted(len(plan.directions), 'direction')}, "
            f"{counted(len(plan.actions), 'action')}, {counted(len(plan.states), 'state')}, "
            f"{counted(len(plan.ratifications), 'ratification record')}, "
            f"{counted(len(plan.progress), 'progress record')}"
        )
    from bsec_plan.views.common import Checked, View
    from bsec_plan.writers import formats

    # a plan and the registers it names, both named: the registers' problems once
    problems, warnings = list(dict.fromkeys(problems)), list(dict.fromkeys(warnings))

    found = [*problems, *warnings]
    document = {
        "files": names,
        "valid": not problems,
        # all of them but notes, which point at others; `problems` lists the first MAX_SHOWN
        "problem_count": sum(p.severity != "note" for p in found),
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


def _each_file(paths: list[str]) -> list[str]:
    """A folder stands for every YAML file in it, by name (plans and registers alike, as
    `--plan FOLDER` takes its plans); one without any is reported as the folder it is."""
    import os
    from contextlib import suppress

    out: list[str] = []
    for path in paths:
        names: list[str] = []
        if path != "-" and os.path.isdir(path):
            with suppress(OSError):  # unreadable: reported as the folder it is
                names = sorted(os.listdir(path))
        inside = os.path.realpath(path) + os.sep  # a symlink out of the folder is not its file
        found = [
            os.path.join(path, n)
            for n in names
            if n.endswith((".yaml", ".yml"))
            and not n.startswith(".")
            and os.path.isfile(os.path.join(path, n))
            and os.path.realpath(os.path.join(path, n)).startswith(inside)
        ]
        out += found or [path]
    return out


def plans_naming(paths: list[str]) -> list[str]:
    """The plans in the folders of `paths` whose `registers:` names one of `paths`: a change to
    a registers file is a change to what those plans say."""
    import os
    import re
    from pathlib import Path

    wanted = {os.path.realpath(p) for p in paths if p != "-"}
    found: list[str] = []
    for folder in dict.fromkeys(os.path.dirname(p) or "." for p in paths if p != "-"):
        for plan in sorted(Path(folder).glob("*.y*ml")):
            try:
                text = plan.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            named = re.search(r"^registers:[ \t]*['\"]?([^'\"#\s]+)", text, re.MULTILINE)
            if named and os.path.realpath(plan.parent / named.group(1)) in wanted:
                found.append(os.path.join(folder, plan.name) if folder != "." else plan.name)
    return found


def registers_summary(name: str, registers: Registers) -> str:
    from bsec_plan.views.common import counted

    return (
        f"{name}: valid registers: {counted(len(registers.states), 'state')}, "
        f"{counted(len(registers.instruments), 'instrument')}, "
        f"{counted(len(registers.parties), 'party', 'parties')}, "
        f"{counted(len(registers.ratifications), 'ratification record')}, "
        f"{counted(len(registers.liaison_officers), 'liaison officer record')}, "
        f"{counted(len(registers.eu_membership), 'EU membership')}, "
        f"{counted(len(registers.chairmanships), 'chairmanship term')}"
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
