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
        return Path(explicit), _shown(explicit)
    if os.environ.get("BSEC_PLAN"):
        return Path(os.environ["BSEC_PLAN"]), _shown(os.environ["BSEC_PLAN"])
    found = discover()
    if found is not None:
        return found, str(found)
    return bundled_plan(), bundled_name()


def _shown(name: str) -> str:
    """A file's name as outputs show it: a line break in it as `\\n`, so that it cannot start
    a line of its own (`Plan file:` lines, a log); the rest is escaped where it is written."""
    return name.replace("\n", "\\n")


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
    system's root, and below any folder in $GIT_CEILING_DIRECTORIES (symlinks resolved), as
    git's search does. A plan git would not read is refused with a UsageError (`_refused`)."""
    try:
        folder = Path(os.path.realpath(start if start is not None else os.getcwd()))
    except OSError:  # the current folder was removed
        return None
    ceilings = {
        os.path.realpath(c)
        for c in os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep)
        if os.path.isabs(c)
    }
    here = folder
    while True:
        found = folder / "data" / "plan.yaml"
        if found.is_file():  # both paths physical, so `..` in the answer is the real parent
            shown = Path(os.path.relpath(found, here))
            _refused(shown, found, folder, folder != here, _root(folder, ceilings))
            return shown
        parent = folder.parent
        if (folder / ".git").exists() or parent == folder or str(parent) in ceilings:
            return None
        folder = parent


def _root(folder: Path, ceilings: set[str]) -> Path | None:
    """The repository's root at or above `folder` (a folder holding `.git`), or None."""
    while True:
        if os.path.lexists(folder / ".git"):
            return folder
        if folder.parent == folder or str(folder.parent) in ceilings:
            return None
        folder = folder.parent


def _trusted(folder: Path) -> bool:
    """Whether git's own configuration (system, global) trusts `folder` though another user
    owns it: `safe.directory` names it, or is `*`. Asked outside any repository, so that no
    repository's config is read."""
    import subprocess

    try:
        out = subprocess.run(
            ["git", "config", "--get-all", "safe.directory"],
            cwd="/",
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    trusted = {os.path.realpath(v) if v != "*" else v for v in os.fsdecode(out).splitlines() if v}
    return "*" in trusted or str(folder) in trusted


def _refused(shown: Path, found: Path, folder: Path, above: bool, root: Path | None) -> None:
    """Refuse, as git refuses a repository, a found plan that is not the current folder's
    own: above it while no repository holds it, in a folder of another user, or leading (a
    symlink) out of its repository. Naming it with --plan reads it anyway."""
    reason = None
    if root is None and above:
        reason = "it is above this folder, and no git repository holds them both"
    elif os.stat(root or folder).st_uid != os.geteuid() and not _trusted(root or folder):
        reason = f"{root or folder} belongs to another user (as git refuses it)"
    elif not Path(os.path.realpath(found)).is_relative_to(root or folder):
        reason = "it is a symlink that leads out of its repository"
    if reason is not None:
        raise UsageError(
            f"{shown} was found but not read: {reason}; name it with --plan to read it"
        )
