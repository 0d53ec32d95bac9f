"""The two plans `diff` compares: each side a plan file or a git revision."""

from __future__ import annotations

from pathlib import Path

from bsec_plan.domain.model import Plan
from bsec_plan.loading import discovery, planfile
from bsec_plan.problems import UsageError


def side(spec: str | None, working: Path, name: str | None = None) -> tuple[Plan, str]:
    """None is the working plan file (called `name` in messages); a name ending in .yaml or
    .yml is a file, anything else a git revision (the rule in `revisions.names_file`)."""
    from bsec_plan.loading.revisions import RevisionError, names_file, read_at, reader_at

    if spec is None:
        return planfile.load(working), name or str(working)
    if names_file(spec):
        return planfile.load(Path(spec)), spec
    if name == discovery.bundled_name():
        raise UsageError(
            f"'{spec}' is a git revision, and no data/plan.yaml was found in this folder or "
            "above it up to the repository's root; run from the repository, or name the file "
            "with --plan"
        )
    try:
        data, name = read_at(spec, working)
    except RevisionError as err:
        raise UsageError(str(err)) from None
    return planfile.load_bytes(data, name, read=reader_at(spec, working)), name


def inputs(old: str | None, new: str | None, plan: str | None) -> tuple[Plan, str, Plan, str]:
    """OLD defaults to HEAD, NEW to the working plan file; an empty OLD or NEW (an unset
    variable, most likely) is a usage error, never the default."""
    for what, value in (("OLD", old), ("NEW", new)):
        if value == "":
            raise UsageError(
                f"{what}: an empty revision or file name; name one, or leave it out for the default"
            )
    working, name = discovery.located(plan)
    old_plan, old_name = side(old or "HEAD", working, name)
    new_plan, new_name = side(new, working, name)
    return old_plan, old_name, new_plan, new_name


def changed_files(old: str | None, new: str | None, plan: str | None) -> list[str]:
    """Which of the files the two sides read differ: the plan file, and the registers file each
    names, as the new side names them (`data/registers.yaml` when only the registers changed)."""
    working, name = discovery.located(plan)
    sides = [_files(old or "HEAD", working, name), _files(new, working, name)]
    return [
        new_name
        for role, (new_name, data) in sides[1].items()
        if sides[0].get(role, ("", None))[1] != data
    ]


def _files(spec: str | None, working: Path, name: str) -> dict[str, tuple[str, bytes | None]]:
    """The plan file and its registers file on one side: name and bytes (None: unreadable)."""
    import re

    from bsec_plan.loading.revisions import RevisionError, names_file, read_at

    def read(path: Path, shown: str) -> tuple[str, bytes | None]:
        try:
            if spec is None or names_file(spec):
                return shown, path.read_bytes()
            data, at = read_at(spec, path)
            return at, data
        except (OSError, RevisionError):
            return shown, None

    path = working if spec is None or not names_file(spec) else Path(spec)
    shown = name if spec is None else str(path)
    files = {"plan": read(path, shown)}
    data = files["plan"][1]
    found = re.search(rb"^registers:[ \t]*['\"]?([^'\"#\s]+)", data or b"", re.MULTILINE)
    if found:
        registers = found.group(1).decode("utf-8", "replace")
        where = path.parent / registers
        files["registers"] = read(where, str(Path(shown).parent / registers))
    return files
