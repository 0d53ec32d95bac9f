"""A per-user cache of validated plans, so that queries skip YAML parsing and pydantic.

Nobody but the user can put an entry there, and no entry can run code: the cache folder and
each entry must belong to the user and be writable by nobody else (as ssh and pip require),
entries are opened without following symlinks and only if they are regular files, and an entry
is plain JSON from which only the plan's own record classes are rebuilt. Its first line names
the digest of the exact plan bytes and of this package's code; it is compared before anything
else is read, so an edited file or an upgraded tool never sees a stale plan. Its second line is
the digest of the rest of the entry, compared before the rest is used: a damaged or truncated
entry is a miss. An entry that passes both is the tool's own, written from a validated plan, so
its records are rebuilt as they were written, without validating them again (see
docs/security.md, "Trusting a cache entry"). A plan that names registers has its entry record
the registers path the parser read and the digest of those registers' bytes, both checked
before the entry is used.

The folder is $BSEC_PLAN_CACHE, else $XDG_CACHE_HOME/bsec-plan (an absolute XDG_CACHE_HOME
only, as the XDG specification says), else ~/.cache/bsec-plan; BSEC_PLAN_CACHE set to an empty
value turns it off, and set to a relative path is a usage error (help ignores it). It holds at
most LIMIT bytes; the oldest entries go first. Any failure to read or write it only means the
plan is validated again.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bsec_plan.interrupts import interrupts_held

if TYPE_CHECKING:
    from collections.abc import Callable
    from hashlib import blake2b as Blake2b

    from bsec_plan.domain.model import Plan

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the package, every folder of it
LIMIT = 64 * 2**20  # bytes the folder may hold; the oldest entries are evicted beyond it
MAGIC = b"bsec-plan-cache 5"
SUFFIX = ".json"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def directory() -> Path | None:
    """The cache folder, or None when there is none; a relative BSEC_PLAN_CACHE is a UsageError
    (it would make a cache folder wherever the tool is run)."""
    explicit = os.environ.get("BSEC_PLAN_CACHE")
    if explicit is not None:
        if _relative(explicit):
            from bsec_plan.problems import UsageError  # only here: help starts without it

            raise UsageError(
                f"BSEC_PLAN_CACHE: '{explicit}' is a relative path; give an absolute one, "
                "or an empty value for no cache"
            )
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # relative or unset: ignored, as the XDG specification says
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bsec-plan" if os.path.isabs(base) else None


def _relative(explicit: str) -> bool:
    return bool(explicit) and not os.path.isabs(explicit)


@cache
def _code_key() -> str:
    """Changes whenever a module of the package or the Python version changes: the size and
    time of every module in every folder of the package, read by one scandir a folder (a
    pathlib walk took ten times as long, which help, answered from the cache, felt)."""
    stats = [sys.version]

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
        for entry in entries:
            if entry.name.endswith(".py"):
                st = entry.stat()
                stats.append(f"{prefix}{entry.name}:{st.st_size}:{st.st_mtime_ns}")
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                walk(entry.path, f"{prefix}{entry.name}/")

    walk(str(PACKAGE_DIR), "")
    return _digest(";".join(stats).encode())


def _digest(data: bytes) -> str:
    return _blake2b(data).hexdigest()


def _blake2b(data: bytes = b"") -> Blake2b:
    try:  # hashlib's own BLAKE2, without the OpenSSL start-up that hashlib adds (milliseconds)
        from _blake2 import blake2b
    except ImportError:  # an interpreter that does not build it apart
        from hashlib import blake2b
    return blake2b(data, digest_size=32)


def _header(data: bytes) -> bytes:
    if _last_header and _last_header[0] is data:  # a missed plan's entry is then written
        return _last_header[1]
    header = b"%s %s %s\n" % (MAGIC, _code_key().encode(), _digest(data).encode())
    _last_header[:] = [data, header]  # a large plan's digest takes milliseconds: made once
    return header


_last_header: list[bytes] = []  # the last bytes given a header (that very object), and the header


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@contextmanager
def _folder(create: bool) -> Iterator[int | None]:
    """A descriptor of the cache folder if it is the user's own, else None."""
    folder = directory()
    if folder is None or not hasattr(os, "geteuid"):
        yield None
        return
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            yield None
            return
    try:
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except OSError:
        yield None
        return
    try:
        st = os.fstat(fd)
        yield fd if stat.S_ISDIR(st.st_mode) and _private(st) else None
    finally:
        os.close(fd)


def _name(header: bytes) -> str:
    return header.split()[-1][:32].decode() + SUFFIX


def get(data: bytes, registers: Callable[[str], bytes | None] | None = None) -> Plan | None:
    """The validated plan stored for exactly these plan bytes by this code, or None. Where the
    plan names registers, `registers(path)` reads them (None if they cannot be read): the
    entry is used only if their digest is the one it recorded."""
    payload = _read(_header(data))
    if payload is None:
        return None
    # the registers line, then the plan, decoded where it starts (never copied: it may be large)
    end = payload.find(b"\n")
    line = payload[:end]
    if line != _NO_REGISTERS:
        import json

        try:
            path, digest = json.loads(line)
            read = None if registers is None else registers(path)
        except Exception:  # not a registers line: not an entry this code wrote
            return None
        if read is None or _digest(read) != digest:
            return None  # the registers changed (or are gone): validated again
    from bsec_plan.loading import cacheformat

    try:
        plan = cacheformat.decode(payload, end + 1)
    except Exception:  # made by an incompatible build, or not what the code expects
        return None
    _last_header.clear()  # a hit: no entry to write, the plan's bytes not held
    return plan


def get_text(key: bytes) -> str | None:
    """A help text stored under exactly this key (arguments, width, typer) by this code. Help
    is always given: where the cache folder is misnamed, it is simply not used."""
    if _relative(os.environ.get("BSEC_PLAN_CACHE", "")):
        return None
    payload = _read(_header(key))
    try:
        return None if payload is None else payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def put_text(key: bytes, text: str) -> None:
    if not _relative(os.environ.get("BSEC_PLAN_CACHE", "")):
        _store(_header(key), text.encode("utf-8"))


def _read(header: bytes) -> bytes | None:
    """The payload of the entry with this header line, if the entry is the user's own and the
    payload is the one its digest line names."""
    with _folder(create=False) as folder:
        if folder is None:
            return None
        try:
            fd = os.open(
                _name(header), os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=folder
            )  # a FIFO or a symlink at an entry name is refused, never waited on
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not (stat.S_ISREG(st.st_mode) and _private(st)) or st.st_size > LIMIT:
                return None
            with os.fdopen(os.dup(fd), "rb") as f:
                if f.readline(len(header) + 1) != header:
                    return None  # another plan, another code, or not an entry at all
                digest = f.readline(_DIGEST_LINE + 1)
                payload = f.read()
            if digest != _digest(payload).encode() + b"\n":
                return None  # damaged or truncated since it was written
            os.utime(fd)  # recently used: evicted last
            return payload
        except OSError:
            return None
        finally:
            os.close(fd)


# Entries that `put` holds back until the answer is out (see `defer`), each as its header line,
# plan and registers line (not the plan's bytes: they may be large); None: written at once.
_deferred: list[tuple[bytes, Plan, bytes]] | None = None
_NO_REGISTERS = b"-"  # the registers line of a plan that names none
_DIGEST_LINE = 64  # the hex digest of the rest of an entry, on its own line


def defer() -> None:
    """From now on, `put` only notes the entry, and `write_deferred` writes it: a run on a
    terminal writes its cache entry after its answer, which never depends on it."""
    global _deferred
    if _deferred is None:
        _deferred = []


def deferred() -> bool:
    """Whether an entry is waiting to be written."""
    return bool(_deferred)


def write_deferred() -> None:
    """Write the entries `put` held back, each with every safeguard of an immediate one."""
    while _deferred:
        _put(*_deferred.pop(0))


def put(data: bytes, plan: Plan, registers: bytes | None = None) -> None:
    """Keep `plan`, validated from the plan bytes `data` and, where it names registers, from
    the registers bytes `registers` that the parser read at `plan.registers`."""
    header = _header(data)
    _last_header.clear()  # the plan's bytes are not held any longer than the caller holds them
    if directory() is None:
        return
    line = _NO_REGISTERS
    if plan.registers is not None:
        if registers is None:
            return  # what the plan was joined with is unknown: not cached
        import json

        line = json.dumps([plan.registers, _digest(registers)]).encode()
    if _deferred is not None:
        _deferred.append((header, plan, line))
        return
    _put(header, plan, line)


def _put(header: bytes, plan: Plan, registers_line: bytes) -> None:
    from bsec_plan.loading import cacheformat

    try:
        pieces = cacheformat.encode(plan)
    except (TypeError, ValueError):  # a value the format does not know: simply not cached
        return
    _store(header, registers_line + b"\n", *pieces)


def _store(header: bytes, *payload: bytes) -> None:
    """An entry: its header line, the digest of its payload, then its payload, which may come
    in pieces (never joined: a large plan's entry is not copied once more to be written)."""
    size = len(header) + _DIGEST_LINE + 1 + sum(map(len, payload))
    if size > LIMIT:
        return
    digest = _blake2b()
    for piece in payload:
        digest.update(piece)
    with _folder(create=True) as folder:
        if folder is None:
            return
        # a Ctrl-C waits for the few milliseconds of writing, so no temp file is left behind
        with interrupts_held():
            _write(folder, _name(header), header, digest.hexdigest().encode() + b"\n", *payload)
            _evict(folder)


def _write(folder: int, name: str, *pieces: bytes) -> None:
    temp = f".{name}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in pieces:
                f.write(piece)
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException as err:
        with suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        if not isinstance(err, OSError):  # a full disk or a read-only folder: just no entry
            raise


def _evict(folder: int) -> None:
    """Delete the oldest files until the folder holds at most LIMIT bytes."""
    files = []
    for name in os.listdir(folder):
        try:
            st = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            files.append((st.st_mtime_ns, st.st_size, name))
    total = sum(size for _, size, _ in files)
    for _, size, name in sorted(files):
        if total <= LIMIT:
            break
        try:
            os.unlink(name, dir_fd=folder)
        except OSError:
            continue
        total -= size
