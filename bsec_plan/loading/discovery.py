"""Which plan file a command reads: --plan, $BSEC_PLAN, the nearest data/plan.yaml as git finds
its repository, or the plan bundled with the package; and how outputs name it."""

from __future__ import annotations

import os
from pathlib import Path

from bsec_plan.problems import UsageError

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_plan() -> Path:
    """The plan shipped in the package; in a source checkout, the repository's data/plan.yaml."""
    shipped = PACKAGE_DIR / "plan.yaml"
    return shipped if shipped.is_file() else PACKAGE_DIR.parent / "data" / "plan.yaml"


def resolve(explicit: str | None) -> Path:
    """--plan PATH, then $BSEC_PLAN, then the nearest data/plan.yaml from here up to the
    repository's root (as git finds its repository), then the bundled plan."""
    return located(explicit)[0]


def located(explicit: str | None) -> tuple[Path, str]:
    """The plan file `resolve` finds, and how outputs name it: the path as given or found
    (relative to the current folder), or `bundled plan (bsec-plan X.Y.Z)`."""
    if explicit is not None:
        if not explicit:  # an empty name is a mistake (an unset variable), not "the default"
            raise UsageError(
                "an empty plan file name; name a file, or leave it out for the default"
            )
        return Path(explicit), explicit
    if os.environ.get("BSEC_PLAN"):
        return Path(os.environ["BSEC_PLAN"]), os.environ["BSEC_PLAN"]
    found = discover()
    if found is not None:
        return found, str(found)
    return bundled_plan(), bundled_name()


def environment_checked(explicit: str | None) -> None:
    """When $BSEC_PLAN picks the plan and names no file, the variable is what to fix: say so
    (the file's own error would not name it)."""
    named = os.environ.get("BSEC_PLAN") if explicit is None else None
    if named and not os.path.lexists(named):
        raise UsageError(
            f"$BSEC_PLAN names {named}, which does not exist; "
            "set it to a plan file, or unset it for the default"
        )


def bundled_name() -> str:
    """What outputs call the plan shipped in the package, found by no other rule."""
    from bsec_plan import __version__

    return f"bundled plan (bsec-plan {__version__})"


def discover(start: Path | None = None) -> Path | None:
    """The nearest `data/plan.yaml` in `start` (default: the current folder) or a folder above
    it, named relative to `start` (`data/plan.yaml`, `../data/plan.yaml`; `plan.yaml` from
    data/). The walk stops at the repository's root (a folder holding `.git`), at the file
    system's root, and below any folder in $GIT_CEILING_DIRECTORIES, as git's search does."""
    try:
        folder = Path(os.path.abspath(start if start is not None else os.getcwd()))
    except OSError:  # the current folder was removed
        return None
    ceilings = {
        os.path.normpath(c)
        for c in os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep)
        if os.path.isabs(c)
    }
    here = folder
    while True:
        found = folder / "data" / "plan.yaml"
        if found.is_file():  # both paths physical, so `..` in the answer is the real parent
            return Path(os.path.relpath(found, here))
        parent = folder.parent
        if (folder / ".git").exists() or parent == folder or str(parent) in ceilings:
            return None
        folder = parent
