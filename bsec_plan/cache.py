"""A per-user cache of validated plans, so that queries skip YAML parsing and pydantic.

An entry holds the plan file's exact bytes and a fingerprint of this package's code beside the
plan, and is used only when both match exactly, so an edited file or an upgraded tool never sees
a stale plan (the file name is only a checksum to find the entry by). It lives in the user's cache folder
($BSEC_PLAN_CACHE, else $XDG_CACHE_HOME/bsec-plan, else ~/.cache/bsec-plan), never next to the
plan; BSEC_PLAN_CACHE set to an empty value turns it off. Any failure to read or write it only
means the plan is validated again.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def directory() -> Path | None:
    explicit = os.environ.get("BSEC_PLAN_CACHE")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bsec-plan"


@cache
def _code_key() -> bytes:
    """Changes whenever a module of the package or the Python version changes."""
    stats = [sys.version]
    for module in sorted(PACKAGE_DIR.glob("*.py")):
        st = module.stat()
        stats.append(f"{module.name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(stats).encode()


def _entry(data: bytes) -> Path | None:
    # crc32 rather than sha256: it needs no OpenSSL at start-up, and entries are compared exactly
    folder = directory()
    if folder is None:
        return None
    return folder / f"{zlib.crc32(data, zlib.crc32(_code_key())):08x}-{len(data)}.pickle"


def help_key(args: list[str]) -> bytes:
    """What a help text depends on: the arguments, the terminal width and the installed typer."""
    import importlib.util

    try:
        width = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        width = 0
    spec = importlib.util.find_spec("typer")
    typer_stat = os.stat(spec.origin).st_mtime_ns if spec and spec.origin else 0
    return "\0".join(
        ["help", *args, str(width), os.environ.get("COLUMNS", ""), str(typer_stat)]
    ).encode()


def get(data: bytes):
    """What was stored for exactly these bytes by this code (a validated plan, a help text), or None."""
    entry = _entry(data)
    if entry is None:
        return None
    try:
        with open(entry, "rb") as f:
            code, source, plan = pickle.load(f)
    except Exception:  # missing, unreadable or from an incompatible build: validate again
        return None
    return plan if code == _code_key() and source == data else None


def put(data: bytes, plan) -> None:
    entry = _entry(data)
    if entry is None:
        return
    import tempfile

    temp = None
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((_code_key(), data, plan), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, entry)
    except Exception:  # a read-only home or a full disk must not stop the query
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
