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


def _mode(st: os.stat_result | None) -> int:
    """The mode a replaced file keeps, or the one a new file would get (the umask applied)."""
    if st is not None:
        return stat.S_IMODE(st.st_mode)
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _replace(path: str, data: Data, st: os.stat_result | None) -> None:
    """Write a temp file beside `path`, give it the mode `path` has or would get, rename it."""
    mode = _mode(st)
    with interrupts_held():
        fd, temp = _temp_beside(path)
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


def _temp_beside(path: str) -> tuple[int, str]:
    """A new file of our own beside `path`, open for writing (0600, as tempfile.mkstemp makes
    it): made here, since importing tempfile costs a record as much as telling its change."""
    for _ in range(100):
        temp = os.path.join(
            os.path.dirname(path), f".{os.path.basename(path)}.{os.urandom(6).hex()}.tmp"
        )
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            return os.open(temp, flags | getattr(os, "O_CLOEXEC", 0), 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", path)


def write_inside(data: Data, folder: str, name: str) -> None:
    """Write the page `name` (`index.html`, or `plan/index.html` below a folder of its own) into
    `folder`, never through a symlink out of it: `folder` and every folder below it must be real
    folders (created when missing), and a page that is a symlink is replaced by a regular file,
    its target left as it was. A page that is a folder, a FIFO or a device is refused. A report
    is written into a folder that may come with a repository someone else wrote, where a
    committed symlink could otherwise point a page at `~/.bashrc`. OSError when it cannot be."""
    os.makedirs(folder, exist_ok=True)  # the user's own path, up to the folder they named
    *below, page = name.split("/")
    fd = _open_folder(folder, None, folder)
    try:
        for part in below:
            with suppress(FileExistsError):
                os.mkdir(part, dir_fd=fd)
            inner = _open_folder(part, fd, os.path.join(folder, part))
            os.close(fd)
            fd = inner
        try:
            st: os.stat_result | None = os.stat(page, dir_fd=fd, follow_symlinks=False)
        except FileNotFoundError:
            st = None
        if st is not None and stat.S_ISLNK(st.st_mode):
            st = None  # the link is replaced, as a new file; what it points to is not touched
        elif st is not None and not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", os.path.join(folder, name))
        _replace_at(fd, page, data, st)
    finally:
        os.close(fd)


def _open_folder(path: str, dir_fd: int | None, shown: str) -> int:
    try:
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
    except OSError as err:
        if err.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(shown):
            raise OSError(
                errno.ELOOP, "is a symbolic link; the report is written only into a real folder"
            ) from None
        raise


def _replace_at(fd: int, name: str, data: Data, st: os.stat_result | None) -> None:
    """`_replace` inside the folder open as `fd`: nothing is looked up by path again."""
    mode = _mode(st)
    with interrupts_held():
        import secrets

        temp = f".{name}.{secrets.token_hex(6)}.tmp"
        out = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=fd)
        try:
            with os.fdopen(out, "wb") as f:
                _put(f, data)
                f.flush()
                os.fchmod(f.fileno(), mode)
                os.fsync(f.fileno())
            os.replace(temp, name, src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException:
            os.unlink(temp, dir_fd=fd)
            raise
