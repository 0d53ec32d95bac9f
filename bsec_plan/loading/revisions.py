"""A plan file as it stands at a git revision, read with `git show REV:./NAME`.

git runs in the plan's folder with the user's environment, so GIT_DIR and GIT_WORK_TREE are
honoured; the file is named relative to that folder (`./NAME`), byte for byte, so any file name
works. A git that does not answer within TIMEOUT seconds is killed with everything it started.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bsec_plan.loading.planfile import Read

TIMEOUT = 60.0  # seconds


class RevisionError(Exception):
    """The revision or the file in it cannot be read; the message says why."""


def names_file(spec: str) -> bool:
    """The rule `diff` follows, without looking at the disk: a name ending in .yaml or .yml is a
    plan file, anything else a git revision (write `x.yaml^0` for a branch called x.yaml)."""
    return spec.endswith((".yaml", ".yml"))


# git reads these relative to its working folder, which is the plan's, not the user's
_PATH_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY")


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    for name in _PATH_VARIABLES:
        if env.get(name):
            env[name] = os.path.abspath(env[name])
    return env


def _git(args: list[str | bytes], cwd: Path) -> bytes:
    try:
        proc = subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so that all of it can be killed
        )
    except FileNotFoundError:
        raise RevisionError("git is not installed; name plan files instead of revisions") from None
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git did not answer within {TIMEOUT:g} s; it was stopped") from None
    finally:
        if proc.returncode is None:  # timed out or interrupted: stop git and its children
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    if proc.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(lines[-1] if lines else "git failed")
    return out


def read_at(revision: str, path: Path) -> tuple[bytes, str]:
    """The bytes of `path` at `revision`, and the name messages use for them (REV:PATH)."""
    folder = path.absolute().parent
    if not folder.is_dir():
        raise RevisionError(
            f"{path}: no such folder, so no git repository to read '{revision}' from"
        )
    try:
        prefix = os.fsdecode(_git(["rev-parse", "--show-prefix"], folder).rstrip(b"\n"))
    except RevisionError as err:
        if "dubious ownership" in str(err) or "safe.directory" in str(err):
            raise RevisionError(
                f"git refuses to read the repository of {path}: it belongs to another user "
                "(see `git config --global --add safe.directory`)"
            ) from None
        raise RevisionError(
            f"'{revision}' is a git revision, and {path} is not in a git repository ({err})"
        ) from None
    try:
        _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            folder,
        )
    except RevisionError:
        raise RevisionError(
            f"'{revision}' is not a git revision (a plan file's name ends in .yaml or .yml)"
        ) from None
    name = f"{revision}:{prefix}{path.name}"
    try:
        return _git(["show", os.fsencode(f"{revision}:./{path.name}")], folder), name
    except RevisionError as err:
        if "does not exist" in str(err) or "exists on disk, but not in" in str(err):
            raise RevisionError(
                f"{prefix}{path.name} does not exist at revision '{revision}'"
            ) from None
        raise RevisionError(f"cannot read {name}: {err}") from None


def reader_at(revision: str, path: Path) -> Read:
    """Reads the registers that the plan file `path` names as they stand at `revision`."""
    from bsec_plan.loading.planfile import Unreadable

    def read(relative: str) -> tuple[bytes, str]:
        try:
            return read_at(revision, path.parent / relative)
        except RevisionError as err:
            raise Unreadable(str(err)) from None

    return read
