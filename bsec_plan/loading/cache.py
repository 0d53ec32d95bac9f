"""A per-user cache of validated plans, so that queries skip YAML parsing and pydantic.

Nobody but the user can put an entry there, and no entry can run code: the cache folder and
each entry must belong to the user and be writable by nobody else (as ssh and pip require),
entries are opened without following symlinks and only if they are regular files, and an entry
is plain JSON from which only the plan's own record classes are rebuilt, each field checked
against its annotation and the plan's cross-references checked once rebuilt. Its first line
names the digest of the exact plan bytes and of this package's code; it is compared before
anything else is read, so an edited file or an upgraded tool never sees a stale plan.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bsec_plan.interrupts import interrupts_held
from bsec_plan.problems import UsageError

if TYPE_CHECKING:
    from bsec_plan.domain.model import Plan

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the package, every folder of it
LIMIT = 64 * 2**20  # bytes the folder may hold; the oldest entries are evicted beyond it
MAGIC = b"bsec-plan-cache 3"
SUFFIX = ".json"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def directory() -> Path | None:
    """The cache folder, or None when there is none; a relative BSEC_PLAN_CACHE is a UsageError
    (it would make a cache folder wherever the tool is run)."""
    explicit = os.environ.get("BSEC_PLAN_CACHE")
    if explicit is not None:
        if explicit and not os.path.isabs(explicit):
            raise UsageError(
                f"BSEC_PLAN_CACHE: '{explicit}' is a relative path; give an absolute one, "
                "or an empty value for no cache"
            )
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # relative or unset: ignored, as the XDG specification says
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bsec-plan" if os.path.isabs(base) else None


@cache
def _code_key() -> str:
    """Changes whenever a module of the package or the Python version changes."""
    stats = [sys.version]
    for module in sorted(PACKAGE_DIR.rglob("*.py")):  # every folder of the package counts
        st = module.stat()
        stats.append(f"{module.relative_to(PACKAGE_DIR)}:{st.st_size}:{st.st_mtime_ns}")
    return _digest(";".join(stats).encode())


def _digest(data: bytes) -> str:
    from hashlib import blake2b

    return blake2b(data, digest_size=32).hexdigest()


def _header(data: bytes) -> bytes:
    return b"%s %s %s\n" % (MAGIC, _code_key().encode(), _digest(data).encode())


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


def get(data: bytes) -> Plan | None:
    """The validated plan stored for exactly these bytes by this code, or None."""
    payload = _read(_header(data))
    if payload is None:
        return None
    try:
        return _decode(payload)
    except Exception:  # corrupt, made by an incompatible build, or not what the code expects
        return None


def get_text(key: bytes) -> str | None:
    """A help text stored under exactly this key (arguments, width, typer) by this code. Help
    is always given: where the cache folder is misnamed, it is simply not used."""
    try:
        payload = _read(_header(key))
    except UsageError:
        return None
    try:
        return None if payload is None else payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def put_text(key: bytes, text: str) -> None:
    with suppress(UsageError):
        _store(_header(key), text.encode("utf-8"))


def _read(header: bytes) -> bytes | None:
    """The payload of the entry with this header line, if the entry is the user's own."""
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
                payload = f.read()
            os.utime(fd)  # recently used: evicted last
            return payload
        except OSError:
            return None
        finally:
            os.close(fd)


# Entries that `put` holds back until the answer is out (see `defer`), each as its header line
# and plan (not the plan's bytes: they may be large); None: entries are written at once.
_deferred: list[tuple[bytes, Plan]] | None = None


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
        header, plan = _deferred.pop(0)
        _put(header, plan)


def put(data: bytes, plan: Plan) -> None:
    if directory() is None:
        return
    if _deferred is not None:
        _deferred.append((_header(data), plan))
        return
    _put(_header(data), plan)


def _put(header: bytes, plan: Plan) -> None:
    try:
        payload = _encode(plan)
    except (TypeError, ValueError):  # a value the format does not know: simply not cached
        return
    _store(header, payload)


def _store(header: bytes, payload: bytes) -> None:
    if len(header) + len(payload) > LIMIT:
        return
    with _folder(create=True) as folder:
        if folder is None:
            return
        # a Ctrl-C waits for the few milliseconds of writing, so no temp file is left behind
        with interrupts_held():
            _write(folder, _name(header), header + payload)
            _evict(folder)


def _write(folder: int, name: str, content: bytes) -> None:
    temp = f".{name}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
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


# The format: JSON of plain values, where a record is an object naming its class ("@") with its
# fields' values in the order the class declares them ("v"), and a date is tagged; only the
# plan's record classes are rebuilt, through their constructors. Field names are not repeated
# in every record: they were 40% of an entry, which is now smaller than the plan file itself.


def _encode(plan: Plan) -> bytes:
    import datetime as dt
    import json
    from operator import attrgetter

    from bsec_plan.domain.dates import PartialDate

    # each record's values in field order, fetched at once (a tuple, which json writes as a list)
    values: dict[type, Callable[[Any], Any]] = {
        kind: attrgetter(*names) if len(names) > 1 else _one(names[0])
        for kind, names in _fields().items()
    }

    def record(value: Any) -> Any:  # json calls this only for what it cannot write itself
        kind = type(value)
        if kind is PartialDate:
            return {"@": "partial", "v": str(value)}
        if kind is dt.date:
            return {"@": "day", "v": value.isoformat()}
        if kind not in values:
            raise TypeError(f"cannot cache a {kind.__name__}")
        return {"@": kind.__name__, "v": values[kind](value)}

    return json.dumps(plan, default=record, ensure_ascii=False, separators=(",", ":")).encode()


def _one(name: str) -> Callable[[Any], tuple[Any]]:
    """The value of one field, as a tuple of one, as attrgetter gives two or more."""
    return lambda record: (getattr(record, name),)


@cache
def _fields() -> dict[type, tuple[str, ...]]:
    import dataclasses

    return {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _classes().values()}


@cache
def _classes() -> dict[str, type]:
    # importing the model modules defines their record classes, which fill fields.RECORDS
    from bsec_plan.domain import fields, model, registers  # noqa: F401

    return {cls.__name__: cls for cls in fields.RECORDS}


def _decode(payload: bytes) -> Plan:
    import datetime as dt
    import json

    from bsec_plan.domain.dates import PartialDate
    from bsec_plan.domain.model import Plan

    classes = _classes()
    fields = _fields()

    def build(obj: dict[str, Any]) -> Any:
        tag, values = obj["@"], obj["v"]
        if tag == "day":
            return dt.date.fromisoformat(values)
        if tag == "partial":
            return PartialDate.parse(values)
        cls = classes[tag]
        names = fields[cls]
        if len(obj) != 2 or type(values) is not list or len(values) != len(names):
            raise ValueError(f"{tag} does not hold one value for each of its fields")
        for name, value, fits in zip(names, values, _checks(cls), strict=True):
            if not fits(value):
                raise ValueError(f"{tag}.{name} holds a {type(value).__name__}")
        return cls(**dict(zip(names, values, strict=True)))

    plan = json.loads(payload, object_hook=build)
    if not isinstance(plan, Plan):
        raise ValueError("not a plan")
    from bsec_plan.loading import crossref

    if crossref.check(plan):  # every reference resolves, as in a plan that was validated
        raise ValueError("references that do not resolve")
    return plan


# An entry is only ever written from a validated plan, but it is a file: one planted or damaged
# by hand must not reach the queries, which trust the plan's types (a query then ends in exit 3
# while `check` says the plan is valid). Each field is checked against its annotation as the
# entry is rebuilt (its records are rebuilt first, so a shallow check suffices), and the plan's
# cross-references once rebuilt; a mismatch is a miss, and the plan is validated again.


@cache
def _checks(cls: type) -> tuple[Callable[[Any], bool], ...]:
    """For each field of `cls`, in order, a test of whether a value fits its annotation: made
    once per class from the annotations, so that an entry's every value is not read against
    them anew."""
    import typing

    hints = typing.get_type_hints(cls)
    return tuple(_check(hints[name]) for name in _fields()[cls])


def _check(hint: Any) -> Callable[[Any], bool]:
    """A test of whether a value fits the annotation `hint`."""
    import types
    import typing

    origin = typing.get_origin(hint)
    if origin is None:
        if hint is Any:
            return lambda value: True
        if hint is int:
            return lambda value: type(value) is int
        if hint is type(None):
            return lambda value: value is None
        return lambda value: isinstance(value, hint)
    args = typing.get_args(hint)
    if origin is typing.Literal:
        return lambda value: value in args
    if origin is typing.Union or origin is types.UnionType:
        options = tuple(_check(arg) for arg in args)
        return lambda value: any(fits(value) for fits in options)
    if origin is list:
        item = _check(args[0])
        return lambda value: isinstance(value, list) and all(item(v) for v in value)
    if origin is dict:
        key, item = _check(args[0]), _check(args[1])
        return lambda value: (
            isinstance(value, dict) and all(key(k) and item(v) for k, v in value.items())
        )
    return lambda value: True  # a form the records do not use: not checked
