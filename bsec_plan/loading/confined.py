"""Where the registers file a plan names may be: inside the plan's repository, or, for a plan in
no repository, inside the plan's own folder; named relative to the plan; a regular file once
every symlink is resolved.

A plan arrives in a repository or a pull request someone else wrote, and its `registers:` value
is data of theirs: without this rule it could name `~/.config/...`, `/proc/self/status` or a
symlink to either, and the values of that file would come back in `check`'s messages, the report
and the cache. A refused name is said with the value as the plan writes it, and nothing of the
file it leads to: not its content, not even whether it exists.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path


class Refused(Exception):
    """The registers name is not one the plan may use; the message says why."""


def check_name(value: str) -> None:
    """Refuse a name that is not a plain relative file name: empty, absolute, starting with
    `~`, or holding a character no file name should (NUL, controls, line breaks, a lone
    surrogate); such a name would otherwise end the run with an internal error or mislead."""
    if not value:
        raise Refused("an empty file name")
    if os.path.isabs(value) or value.startswith("~"):
        raise Refused(f"'{value}' is not relative; name the registers file relative to the plan")
    if value.isascii() and value.isprintable():  # the usual name, without unicodedata's tables
        return
    import unicodedata

    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            raise Refused(
                f"the name holds the character U+{ord(char):04X}, which a file name cannot hold"
            )


def repository_root(folder: Path) -> Path:
    """The nearest folder at or above `folder` (symlinks resolved) that holds `.git`, as git
    finds a repository; `folder` itself when there is none."""
    start = Path(os.path.realpath(folder))
    here = start
    while True:
        if os.path.lexists(here / ".git"):
            return here
        if here.parent == here:
            return start
        here = here.parent


def inside(plan_folder: Path, relative: str) -> Path:
    """The registers file `relative` names from `plan_folder`, resolved (symlinks included);
    Refused when it is outside the plan's repository (or its folder). Whether it exists and is
    a regular file is for its reader to say."""
    check_name(relative)
    root = repository_root(plan_folder)
    found = Path(os.path.realpath(plan_folder / relative))
    if found != root and root not in found.parents:
        where = (
            "repository" if os.path.lexists(root / ".git") else "folder (it is in no repository)"
        )
        raise Refused(
            f"'{relative}' leads outside the plan's {where}; a registers file must be inside it"
        )
    return found


def in_repository(prefix: str, relative: str) -> str:
    """The registers' path from the repository's root, for a plan whose folder is `prefix`
    there (`data/`); Refused when it would lead outside the repository."""
    check_name(relative)
    joined = posixpath.normpath(posixpath.join(prefix, relative))
    if joined == ".." or joined.startswith("../") or joined == ".":
        raise Refused(
            f"'{relative}' leads outside the plan's repository; a registers file must be inside it"
        )
    return joined
