"""Find, read and validate a plan file; every problem comes back located as FILE:LINE:COL."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bsec_plan.loading import joined
from bsec_plan.loading.discovery import bundled_name
from bsec_plan.loading.locating import control_problems, described, dotted, locate
from bsec_plan.loading.partial import check_what_validated
from bsec_plan.problems import PlanError, Problem
from bsec_plan.safetext import invisible

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from bsec_plan.domain.model import Plan
    from bsec_plan.domain.registers import Registers
    from bsec_plan.loading.crossref import Finding
    from bsec_plan.loading.yamlpos import Mark, Node


MAX_BYTES = 64 * 1024 * 1024  # far above any real plan; keeps a runaway file from eating memory
_LAST_REGISTERS: list[tuple[str, Registers]] = []  # the last valid ones, with their text


def read_bytes(path: Path, what: str = "plan file") -> bytes:
    """The file's bytes; a FIFO, a device or a folder is refused without waiting on it."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PlanError([Problem(name, 1, 1, "no such file")]) from None
    except IsADirectoryError:
        raise PlanError([Problem(name, 1, 1, f"is a directory, not a {what}")]) from None
    except OSError as err:
        raise PlanError([Problem(name, 1, 1, f"cannot read: {err.strerror or err}")]) from None
    kind = stat.S_IFMT(os.fstat(fd).st_mode)
    if kind != stat.S_IFREG:
        os.close(fd)
        kind_text = "a directory" if kind == stat.S_IFDIR else "not a regular file"
        raise PlanError([Problem(name, 1, 1, f"is {kind_text}, not a {what}")])
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(MAX_BYTES + 1)
        except OSError as err:
            raise PlanError([Problem(name, 1, 1, f"cannot read: {err.strerror or err}")]) from None
    if len(data) > MAX_BYTES:
        raise PlanError(
            [
                Problem(
                    name,
                    1,
                    1,
                    f"the file is larger than {MAX_BYTES // 2**20} MiB; a {what} is refused above that size",
                )
            ]
        )
    return data


Read = Callable[[str], tuple[bytes, str]]
"""Reads the registers file a plan names (its `registers:` value, relative to the plan): its
bytes and the name messages call it; raises Unreadable with the reason."""


class Unreadable(Exception):
    """The registers file a plan names cannot be read; the message says why."""


def file_reader(path: Path, name: str) -> Read:
    """Reads registers relative to the plan file at `path` (called `name` in messages)."""

    def read(relative: str) -> tuple[bytes, str]:
        if name == bundled_name():
            from bsec_plan import __version__

            shown = f"bundled registers (bsec-plan {__version__})"
        else:
            shown = os.path.join(os.path.dirname(name), relative)
        from bsec_plan.loading.confined import Refused, inside

        try:  # only a file of the plan's own repository (or folder): see loading/confined.py
            return read_bytes(inside(path.parent, relative), "registers file"), shown
        except Refused as err:
            raise Unreadable(str(err)) from None
        except PlanError as err:
            raise Unreadable(f"{shown}: {err.problems[0].message}") from None

    return read


def load(path: Path, cached: bool = True) -> Plan:
    """The plan at `path` and its registers, validated (PlanError: every problem, located);
    `cached=False` validates the files themselves and leaves the cache alone (for `check`)."""
    return load_bytes(read_bytes(path), str(path), cached, file_reader(path, str(path)))


def load_bytes(data: bytes, name: str, cached: bool = True, read: Read | None = None) -> Plan:
    """The plan in `data`, from the cache when these bytes (and its registers') were validated
    before; `read` reads the registers (default: relative to the current folder)."""
    from bsec_plan.loading import cache

    read = read or file_reader(Path("plan.yaml"), "plan.yaml")
    if not cached:
        return parse(decode(data, name), name, read)

    def registers(relative: str) -> bytes | None:  # those the entry was validated with, now
        try:
            return read(relative)[0]
        except Unreadable:
            return None

    plan: Plan | None = cache.get(data, registers)
    if plan is None:
        seen: list[bytes] = []  # the registers the parser read, at the path it parsed

        def recording(relative: str) -> tuple[bytes, str]:
            got = read(relative)
            seen.append(got[0])
            return got

        plan = parse(decode(data, name), name, recording)
        cache.put(data, plan, seen[-1] if seen else None)
    return plan


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of a plan file's bytes; a located PlanError where they are not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = (
            len(data[data.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8", "replace"))
            + 1
        )
        raise PlanError(
            [
                Problem(
                    name,
                    line,
                    col,
                    f"byte 0x{data[err.start]:02x} is not UTF-8; save the file as UTF-8",
                )
            ]
        ) from None


def parse(text: str, name: str, read: Read | None = None, root: Node | None = None) -> Plan:
    """Validate plan text; `name` is what the messages call it (a path, or REV:PATH); `read`
    reads the registers it names (default: relative to the current folder); `root` is the text's
    tree where it was read already."""
    from pydantic import ValidationError

    from bsec_plan.loading import crossref, validation

    # A plan is usually valid: read it without positions first (faster), and read it again
    # with positions only to locate problems.
    root = _unplaced(text, name) if root is None else root
    if isinstance(root, dict) and root.get("registers") is not None:
        return _parse_with_registers(text, name, root, read or file_reader(Path("p"), "p"))
    if joined.registers_keys(root):
        raise PlanError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "this file holds registers (states, instruments...), not a plan; name the "
                    "plan that uses them, or check them alone with `bsec-plan check`",
                )
            ]
        )
    errors: list[ErrorDetails] = []  # pydantic's, for the structure
    problems: list[Finding] = []  # crossref's, for the references
    # control characters reach the tree only through escapes ("\e") or a raw NEL; invisible
    # ones (bidirectional controls, zero-width characters) may also be written raw
    suspect = "\\" in text or "\x85" in text or invisible(text) is not None
    if isinstance(root, dict):  # plain, or a Mapping where the caller read it with positions
        try:
            plan = validation.validate(root)
        except ValidationError as err:
            errors = err.errors(include_url=False)
            problems = check_what_validated(root, errors)
        else:
            problems = crossref.check(plan)
            if not problems and not suspect:
                return plan
    located = _located(text, name, errors, problems, "title, period and directions")
    if not located:
        return plan
    raise PlanError(located)


def _located(
    text: str,
    name: str,
    errors: list[ErrorDetails],
    findings: list[Finding],
    keys: str,
    record: type[Any] | None = None,
) -> list[Problem]:
    """Every problem of a file, placed at its line and column: pydantic's errors, control and
    invisible characters, the reference rules' findings; none when the file is sound. `keys`
    names what the top level should hold, for a file that is not a mapping."""
    from bsec_plan.loading import yamlpos

    root = yamlpos.load(text)
    if not isinstance(root, yamlpos.Mapping):
        found = "a list" if isinstance(root, list) else "a single value"
        at: Mark = getattr(root, "at", (1, 1))
        what = "registers" if record is not None else "plan"
        message = f"the {what} must be a mapping with keys such as {keys}; found {found}"
        return [Problem(name, *at, message)]
    located = described(name, root, errors, record)
    located += control_problems(name, root)
    located += [
        Problem(name, *locate(root, path_), f"{dotted(root, path_)}: {msg}")
        for path_, msg in findings
    ]
    return located


def _unplaced(text: str, name: str) -> Node:
    """A file's YAML tree, read without positions; a YAML problem is a located PlanError."""
    from bsec_plan.loading import yamlpos

    try:
        return yamlpos.load_plain(text)
    except yamlpos.YamlProblem as err:
        raise PlanError(
            [Problem(name, line, col, msg) for (line, col), msg in err.problems]
        ) from None


def warnings(
    path: Path, plan: Plan, data: bytes | None = None, name: str | None = None
) -> list[Problem]:
    """The located warnings of a valid plan (a gap between chairmanship terms...). `data` is the
    plan's bytes where they cannot be read again from `path` (standard input, which then stands
    in for the plan at `path`, as `name`); the registers it names are read beside `path`."""
    from bsec_plan.loading import crossref, yamlpos

    findings = crossref.warnings(plan)
    if not findings:
        return []
    name = name or str(path)
    root = yamlpos.load(decode(read_bytes(path) if data is None else data, name))
    shown, registers, count = "", None, 0
    if plan.registers is not None:  # a finding in the registers is located in that file
        try:
            data, shown = file_reader(path, str(path))(plan.registers)
        except Unreadable:  # the plan was read with these registers: gone since, no warnings
            return []
        registers = yamlpos.load(decode(data, shown))
        own = registers.get("parties") if isinstance(registers, yamlpos.Mapping) else None
        count = len(own) if isinstance(own, list) else 0
    return sorted(
        Problem(n, *locate(r, p), f"{dotted(r, p)}: {msg}", "warning")
        for loc, msg in findings
        for n, r, p in [
            (shown, registers, loc)
            if registers is not None and joined.in_registers(loc, count)
            else (name, root, joined.plan_path(loc, count))
        ]
    )


def registers_warnings(data: bytes, name: str, registers: Registers) -> list[Problem]:
    """The located warnings of a valid registers file, read as `data`."""
    from bsec_plan.loading import crossref, yamlpos

    findings = crossref.registers_warnings(registers)
    if not findings:
        return []
    root = yamlpos.load(decode(data, name))
    return sorted(
        Problem(name, *locate(root, loc), f"{dotted(root, loc)}: {msg}", "warning")
        for loc, msg in findings
    )


def check_bytes(data: bytes, name: str, read: Read) -> Plan | Registers:
    """A plan (with its registers) or a registers file alone, validated without the cache."""
    text = decode(data, name)
    root = _unplaced(text, name)  # read once, to tell registers from a plan and to validate
    if joined.registers_keys(root):
        return parse_registers(text, name, root)
    return parse(text, name, read, root)


def parse_registers(text: str, name: str, root: Node | None = None) -> Registers:
    """Validate the text of a registers file (`root`: its tree, if read); every problem located."""
    if _LAST_REGISTERS and _LAST_REGISTERS[0][0] == text:  # `record` reads them twice
        return _LAST_REGISTERS[0][1]  # valid whatever the name: it only names the problems
    from pydantic import ValidationError

    from bsec_plan.domain.registers import Registers
    from bsec_plan.loading import crossref, validation

    root = _unplaced(text, name) if root is None else root
    errors: list[ErrorDetails] = []
    findings: list[Finding] = []
    suspect = "\\" in text or "\x85" in text or invisible(text) is not None
    if isinstance(root, dict):
        try:
            registers = validation.validate_registers(root)
        except ValidationError as err:
            errors = err.errors(include_url=False)
            findings = check_what_validated(root, errors, registers=True)
        else:
            findings = crossref.check_registers(registers)
            if not findings and not suspect:
                _LAST_REGISTERS[:] = [(text, registers)]  # records are read-only
                return registers
    located = _located(
        text, name, errors, findings, "states, instruments and ratifications", Registers
    )
    if not located:
        return registers
    raise PlanError(located)


def _parse_with_registers(text: str, name: str, root: Node, read: Read) -> Plan:
    """A plan that names its registers: both files validated, every problem located in the
    file where it stands; a registers file that is missing, unreadable or invalid is also a
    problem at the plan's `registers:` line."""
    from pydantic import ValidationError

    from bsec_plan.domain.registers import REGISTER_FIELDS, with_registers
    from bsec_plan.loading import crossref, validation, yamlpos

    assert isinstance(root, dict)
    errors: list[ErrorDetails] = []
    findings: list[Finding] = []
    plan: Plan | None = None
    try:
        plan = validation.validate(root)
    except ValidationError as err:
        errors = err.errors(include_url=False)
    value = root.get("registers")
    inline = [k for k in root if k in REGISTER_FIELDS and k != "parties"]
    registers: Registers | None = None
    problems: list[Problem] = []  # the registers file's own
    reason = None  # why the registers cannot be used, said at the plan's `registers:` line
    shown = "the registers file"
    if isinstance(value, str) and value:
        if os.path.isabs(value) or value.startswith("~"):
            reason = f"'{value}' is not relative; name the registers file relative to the plan file"
        else:
            try:
                data, shown = read(value)
                registers = parse_registers(decode(data, shown), shown)
            except Unreadable as err:
                reason = f"cannot read the registers file: {err}"
            except PlanError as err:
                problems, n = err.problems, len(err.problems)
                reason = (
                    f"the registers file {shown} is invalid: {n} problem{'s' * (n != 1)}, "
                    "located in it"
                )
    merged = None
    if plan is not None and registers is not None:
        merged = with_registers(plan, registers)
        own = len(registers.parties)
        findings = [
            (joined.plan_path(loc, own), msg)
            for loc, msg in crossref.check(merged)
            if not joined.in_registers(loc, own)  # those were found in the registers file alone
        ]
    suspect = "\\" in text or "\x85" in text or invisible(text) is not None
    if merged is not None and not (errors or findings or inline or suspect):
        return merged
    tree = yamlpos.load(text)
    controls = control_problems(name, tree)
    if merged is not None and not (errors or findings or inline or controls):
        return merged
    located = described(name, tree, errors) + controls + problems
    located += [
        Problem(name, *locate(tree, loc), f"{dotted(tree, loc)}: {msg}") for loc, msg in findings
    ]
    located += [
        Problem(
            name,
            *locate(tree, (key,), key=True),
            f"{key}: the plan names its registers under `registers`, so `{key}` belongs in "
            f"{shown}; move it there",
        )
        for key in inline
    ]
    if reason is not None or not located:
        reason = reason or "the registers cannot be used"
        kind = "note" if problems else "error"  # a note: their problems are counted where they are
        located.append(Problem(name, *locate(tree, ("registers",)), f"registers: {reason}", kind))
    raise PlanError(located)
