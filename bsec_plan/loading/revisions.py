"""A plan file as it stands at a git revision, and the registers it names there.

git is run only in the user's repository: the one holding the plan file the user named (or
that was found as git finds a repository), its root found once and given to every call with
`-C`; never in a folder the plan's data names, whose git config (a committed bare repository's
`config`) could otherwise run a command. The repository itself may be one the user did not
write (an unpacked archive with its `.git`), so every call is read-only and made with git's
safeguards against its config: no transport at all (so no lazy fetch of a missing object from a
promisor remote, no `ext::` or `fd::`), no fsmonitor, no hooks, no pager, no textconv, no bare
repository found by searching. Files are read by their path from the root (`ls-tree`, then
`cat-file` of the blob), a revision always after `--end-of-options`. The user's environment is
kept, so GIT_DIR and GIT_WORK_TREE are honoured. A git that does not answer within TIMEOUT
seconds is killed with everything it started.
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
# every transport refused, whatever the repository's config allows (a per-protocol setting
# there would override `protocol.allow` alone): no object is ever fetched, lazily or not
_PROTOCOLS = ("ext", "fd", "file", "git", "ssh", "http", "https", "ftp", "ftps")
_SAFE_OPTIONS = [
    "--no-pager",
    *("-c", "safe.bareRepository=explicit"),  # a bare repository committed in a folder
    *("-c", "core.fsmonitor=false"),
    *("-c", "core.hooksPath=/dev/null"),
    *("-c", "protocol.allow=never"),
    *(word for p in _PROTOCOLS for word in ("-c", f"protocol.{p}.allow=never")),
]
_SAFE_VARIABLES = {
    "GIT_ALLOW_PROTOCOL": "",  # overrides every protocol setting: none allowed
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_NO_LAZY_FETCH": "1",  # git 2.45 and later; the settings above stop it before that
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",  # a read never writes the index
    "GIT_LITERAL_PATHSPECS": "1",  # a file name is a name, never a pattern
}


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    for name in _PATH_VARIABLES:
        if env.get(name):
            env[name] = os.path.abspath(env[name])
    env.update(_SAFE_VARIABLES)
    return env


def _git(args: list[str], folder: Path) -> bytes:
    try:
        proc = subprocess.Popen(
            ["git", "-C", os.fspath(folder), *_SAFE_OPTIONS, *args],
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


_ROOTS: dict[Path, tuple[Path, str]] = {}  # a plan's folder: its repository's root, its prefix


def _repository(path: Path, revision: str) -> tuple[Path, str]:
    """The root of the repository holding the plan file `path`, and the plan's folder from
    there (`data/`); asked of git once, in the plan's own folder."""
    folder = path.absolute().parent
    if folder in _ROOTS:
        return _ROOTS[folder]
    if not folder.is_dir():
        raise RevisionError(
            f"{path}: no such folder, so no git repository to read '{revision}' from"
        )
    try:
        out = _git(["rev-parse", "--show-cdup", "--show-prefix"], folder)
    except RevisionError as err:
        if "dubious ownership" in str(err) or "safe.directory" in str(err):
            raise RevisionError(
                f"git refuses to read the repository of {path}: it belongs to another user "
                "(see `git config --global --add safe.directory`)"
            ) from None
        raise RevisionError(
            f"'{revision}' is a git revision, and {path} is not in a git repository ({err})"
        ) from None
    lines = [os.fsdecode(line) for line in out.split(b"\n")[:-1]]
    cdup, prefix = lines if len(lines) == 2 else ("", lines[0] if lines else "")  # bare: no cdup
    _ROOTS[folder] = (Path(os.path.normpath(folder / cdup)), prefix)
    return _ROOTS[folder]


def _file(root: Path, revision: str, inner: str) -> bytes:
    """The bytes of the regular file at `inner` (from the root) at `revision`."""
    name = f"{revision}:{inner}"
    try:
        listing = _git(
            [
                "ls-tree",
                "-z",
                "--full-tree",
                "--end-of-options",
                f"{revision}^{{commit}}",
                "--",
                inner,
            ],
            root,
        )
    except RevisionError as err:
        if "not a valid object name" in str(err).lower() or "not a tree object" in str(err):
            raise RevisionError(
                f"'{revision}' is not a git revision (a plan file's name ends in .yaml or .yml)"
            ) from None
        raise RevisionError(f"cannot read {name}: {err}") from None
    entry = next((e for e in listing.split(b"\0") if e.endswith(b"\t" + os.fsencode(inner))), b"")
    if not entry:
        raise RevisionError(f"{inner} does not exist at revision '{revision}'")
    mode, _, oid = entry.split(b"\t")[0].decode("ascii").split(" ")
    if mode not in ("100644", "100755"):  # a symlink's target is never followed out
        kind = {"120000": "a symbolic link", "040000": "a folder"}.get(mode, "not a file")
        raise RevisionError(f"{inner} is {kind} at revision '{revision}', not a file")
    try:
        return _git(["cat-file", "blob", oid], root)
    except RevisionError as err:
        raise RevisionError(f"cannot read {name}: {err}") from None


def _shown(revision: str, inner: str) -> str:
    """REV:PATH as messages and outputs name it: a line break in it as `\\n`, so that it
    cannot start a line of its own."""
    return f"{revision}:{inner}".replace("\n", "\\n")


def read_at(revision: str, path: Path) -> tuple[bytes, str]:
    """The bytes of `path` at `revision`, and the name messages use for them (REV:PATH)."""
    root, prefix = _repository(path, revision)
    inner = f"{prefix}{path.name}"
    return _file(root, revision, inner), _shown(revision, inner)


def reader_at(revision: str, path: Path) -> Read:
    """Reads the registers that the plan file `path` names as they stand at `revision`: only
    a file of the same repository, read from the root found for the plan."""
    from bsec_plan.loading.confined import Refused, in_repository
    from bsec_plan.loading.planfile import Unreadable

    def read(relative: str) -> tuple[bytes, str]:
        try:
            root, prefix = _repository(path, revision)
            inner = in_repository(prefix, relative)
            return _file(root, revision, inner), _shown(revision, inner)
        except (Refused, RevisionError) as err:
            raise Unreadable(str(err)) from None

    return read
