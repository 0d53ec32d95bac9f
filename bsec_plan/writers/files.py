"""Write an output file as a careful Unix tool does: clobber nothing that was not asked for.

A regular file is replaced atomically and keeps its mode; a new one gets 0666 & ~umask; a
symlink is followed (its target is updated, the link stays); a FIFO or a character device, and
`-` (stdout), are written to directly, never replaced; a directory, a name ending in `/` and an
empty name are refused. A Ctrl-C waits until the write is done, so no temp file is left behind.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from contextlib import suppress
from typing import BinaryIO

from bsec_plan.interrupts import interrupts_held

Data = bytes | Callable[[BinaryIO], None]
"""Bytes, or a function that writes them into the file in pieces (a large answer, never whole)."""


def write(data: Data, target: str, stdout: BinaryIO) -> None:
    """Write `data` to `target` (`-` is stdout). OSError (with strerror) when it cannot be."""
    if target == "-":
        _put(stdout, data)
        stdout.flush()
        return
    if not target:
        raise FileNotFoundError(errno.ENOENT, "an empty file name; write '-' for stdout")
    if target.endswith(("/", os.sep)):
        raise IsADirectoryError(errno.EISDIR, "a folder name; name a file in it", target)
    try:
        st: os.stat_result | None = os.stat(target)  # through symlinks: it is the target we write
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder; name a file in it", target)
    if st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        fd = os.open(target, os.O_WRONLY)  # no O_CREAT: what is there is written to, or nothing
        with os.fdopen(fd, "wb") as f:
            _put(f, data)
        return
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "not a regular file, a FIFO or a character device", target)
    _replace(os.path.realpath(target), data, st)


def _put(f: BinaryIO, data: Data) -> None:
    if isinstance(data, bytes):
        f.write(data)
    else:
        data(f)


def _replace(path: str, data: Data, st: os.stat_result | None) -> None:
    """Write a temp file beside `path`, give it the mode `path` has or would get, rename it."""
    if st is None:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = stat.S_IMODE(st.st_mode)
    with interrupts_held():
        import tempfile  # only when a file is written: not on the start-up path of the cache

        fd, temp = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=os.path.dirname(path)
        )
        try:
            with os.fdopen(fd, "wb") as f:
                _put(f, data)
                f.flush()
                if st is not None and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                    # as root, a file keeps its owner; as a user, this may not be allowed
                    with suppress(OSError):
                        os.fchown(f.fileno(), st.st_uid, st.st_gid)
                os.fchmod(f.fileno(), mode)
                os.fsync(f.fileno())
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
