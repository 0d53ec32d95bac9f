"""A plan file as it stands at a git revision, read with `git show`."""

from __future__ import annotations

import subprocess
from pathlib import Path


class RevisionError(Exception):
    """The revision or the file in it cannot be read; the message says why."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise RevisionError("git is not installed; name plan files instead of revisions") from None
    if done.returncode != 0:
        raise RevisionError(
            done.stderr.decode("utf-8", "replace").strip().splitlines()[-1]
            if done.stderr
            else "git failed"
        )
    return done.stdout


def read_at(revision: str, path: Path) -> tuple[bytes, str]:
    """The bytes of `path` at `revision`, and the name messages use for them (REV:PATH)."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise RevisionError(
            f"{path}: no such folder, so no git repository to read '{revision}' from"
        )
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    except RevisionError:
        raise RevisionError(
            f"'{revision}' is neither a file nor a revision: {path} is not in a git repository"
        ) from None
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    except RevisionError:
        raise RevisionError(f"'{revision}' is neither a file nor a git revision") from None
    try:
        return _git(["show", f"{revision}:{relative}"], top), f"{revision}:{relative}"
    except RevisionError:
        raise RevisionError(f"{relative} does not exist at revision '{revision}'") from None
