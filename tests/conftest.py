import atexit
import contextlib
import datetime as dt
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from inprocess import as_text, isolated, main_on_terminal, needs_a_process, pipe, written

from bsec_plan.domain.model import Plan
from bsec_plan.loading import planfile

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "plan.yaml"
REGISTERS = ROOT / "data" / "registers.yaml"
TESTS = Path(__file__).resolve().parent


def _one_file_plan() -> str:
    """The shipped plan with its registers inline, as one file: for tests that copy the plan
    elsewhere or edit its text (a plan without `registers:` carries its registers itself)."""
    plan = PLAN.read_text(encoding="utf-8").splitlines()
    registers = REGISTERS.read_text(encoding="utf-8").splitlines()[1:]  # without the $schema line
    start = registers.index("parties:")
    end = registers.index("", start)
    parties, registers = registers[start + 1 : end], registers[:start] + registers[end + 1 :]
    plan = [line for line in plan if not line.startswith("registers:")]
    at = plan.index("parties:") + 1
    return "\n".join([*plan[:at], *parties, *plan[at:], "", *registers]) + "\n"


ONE_FILE_PLAN = _one_file_plan()

# Hypothesis loads the plugins other packages register (trio's, installed with selenium, which
# starts ldconfig and uname as it is imported): none is used, and nothing is started at collection.
os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")

# the tests' plan cache stays out of the user's own cache folder: one per process, so each
# pytest-xdist worker has its own, removed when the process ends
os.environ["BSEC_PLAN_CACHE"] = tempfile.mkdtemp(prefix="bsec-plan-cache-")
atexit.register(shutil.rmtree, os.environ["BSEC_PLAN_CACHE"], ignore_errors=True)


@pytest.fixture(scope="session")
def plan() -> Plan:
    return planfile.load(PLAN)


@pytest.fixture(scope="session")
def minimal() -> Plan:
    return planfile.load(TESTS / "plans" / "minimal.yaml")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The tool as a user runs it: its exit code, stdout and stderr, from this checkout's code,
    also from another folder. It runs in this process, through the entry point's own `main`, so
    every ending maps to the same exit code as in a process, with the environment (`env`
    replaces it, as for a process) and the folder applied and restored around the run. Where
    the environment changes what Python or typer read as they start, it runs as a process."""
    if needs_a_process(checkout_env(env)):
        return run_process(*args, cwd=cwd, env=env)
    done = run_main(*args, cwd=cwd, env=env)
    return subprocess.CompletedProcess(
        done.args, done.returncode, as_text(done.stdout), as_text(done.stderr)
    )


def run_main(
    *args: str | bytes,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    stdin: bytes = b"",
) -> subprocess.CompletedProcess[bytes]:
    """`run_cli`'s run in this process, with the bytes it wrote, for a test that gives it bytes
    (arguments as a process gets them, its standard input) or reads bytes back."""
    argv = [os.fsdecode(arg) for arg in args]  # as Python decodes a process's arguments
    from bsec_plan import __main__ as entry

    out, err = pipe(), pipe()
    with isolated(checkout_env(env), cwd or ROOT, out, err, argv, stdin):
        try:
            code = entry.main(list(argv))
        except SystemExit as ended:  # as the interpreter maps it
            code = ended.code if isinstance(ended.code, int) else int(ended.code is not None)
        for channel in (out, err):
            with contextlib.suppress(ValueError, OSError):
                channel.flush()
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "bsec_plan", *argv], code, written(out), written(err)
    )


def run_process(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The tool in a separate process, for what only a process shows: signals, closed pipes,
    what Python reads as it starts. It runs this checkout's code, not an installed copy."""
    return subprocess.run(
        [sys.executable, "-m", "bsec_plan", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=checkout_env(env),
        timeout=60,
        preexec_fn=as_from_a_shell,
    )


def as_from_a_shell() -> None:
    """In a child before it runs the tool: Ctrl-C as a shell leaves it. pytest-xdist's workers
    ignore SIGINT, and an ignored signal stays ignored across exec, so Python would never turn
    it into KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_line(
    line: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """A shell command line that starts with `bsec-plan`, as a user types it. The tool runs as
    `run_cli` runs it; what it pipes into (`| head -16`) runs in a shell, fed its output, and the
    result is the pipeline's: the last command's output and code, every command's errors. Its
    output redirected into a file (`> ~/x`) is written there. A line that needs more of the
    shell (quotes, variables, other redirections) runs whole in a shell."""
    first, bar, rest = line.partition("|")
    first, arrow, target = first.partition(">")
    into = re.fullmatch(r"\s*(~/)?([\w./-]+)\s*", target) if not bar else None
    plain = not set(first) & set("<>&;$`~*?()'\"\\") and (into or not arrow)
    words = shlex.split(first) if plain else []
    if words[:1] != ["bsec-plan"]:
        shell = line.replace("bsec-plan", f"{shlex.quote(sys.executable)} -m bsec_plan", 1)
        return subprocess.run(
            shell,
            shell=True,
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            env=checkout_env(env),
        )
    tool = run_cli(*words[1:], cwd=cwd, env=env)
    if into:
        home = (os.environ if env is None else env)["HOME"] if into[1] else ""
        Path(cwd or ROOT, home, into[2]).write_text(tool.stdout, encoding="utf-8")
        return subprocess.CompletedProcess(line, tool.returncode, "", tool.stderr)
    if not bar:
        return tool
    piped = subprocess.run(
        rest,
        shell=True,
        input=tool.stdout,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
    )
    return subprocess.CompletedProcess(
        line, piped.returncode, piped.stdout, tool.stderr + piped.stderr
    )


def checkout_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment with this checkout first on PYTHONPATH."""
    env = dict(os.environ if env is None else env)
    if env.get("COLUMNS") == os.environ.get("COLUMNS"):
        # inherited (pytest-xdist sets one), not asked for: piped tables would fit it
        env.pop("COLUMNS", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def run_on_terminal(
    *args: str, columns: int = 80, lines: int = 24, env: Mapping[str, str | None] | None = None
) -> tuple[int, str]:  # env: variables to set on top of this process's own
    """The tool on a pseudo-terminal of `columns` x `lines`: its exit code and all it wrote,
    with line ends as `\\n`. The window size is set in the child before the tool starts. The
    child is this process forked, which runs the entry point's `main` on the terminal's
    streams as a new Python would; where the environment changes what Python or typer read as
    they start, it runs a new Python."""
    import fcntl
    import pty
    import struct
    import termios

    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    # no pager unless a test asks for one
    merged: dict[str, str | None] = {
        **base,
        "TERM": "xterm-256color",
        "BSEC_PLAN_PAGER": "",
        **(env or {}),
    }
    child_env = checkout_env({k: v for k, v in merged.items() if v is not None})  # None: unset
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        try:
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
            as_from_a_shell()
            os.chdir(ROOT)
            if needs_a_process(child_env):
                os.execve(sys.executable, [sys.executable, "-m", "bsec_plan", *args], child_env)
            os._exit(main_on_terminal(args, child_env))
        except BaseException:  # a fault of this helper's: shown, as the child's output
            import traceback

            os.write(2, traceback.format_exc().encode())
        finally:
            os._exit(127)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def bundled_copy(folder: Path) -> Path:
    """`folder` holding copies of the bundled plan and registers in data/, as a repository does."""
    (folder / "data").mkdir()
    shutil.copy(PLAN, folder / "data" / "plan.yaml")
    shutil.copy(REGISTERS, folder / "data" / "registers.yaml")
    return folder


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan cache of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BSEC_PLAN_CACHE", str(folder))
    return folder


# --- what a test needs from the machine ------------------------------------------------------
# `browser` tests drive the system's headless Chromium (scripts/browser.py says what is missing),
# `network` tests install packages from an index; where the machine lacks one, they are skipped
# before their fixtures run, and the end of the run names every group skipped and why.


def _browser_missing() -> str | None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from browser import missing

    reason = missing()
    return None if reason is None else f"no headless browser: {reason}"


def _index_unreachable() -> str | None:
    """Why pip could reach no package index here, or None: the indexes and find-links of pip's
    configuration and environment, else PyPI; a folder must exist, a server must answer."""
    import urllib.error
    import urllib.request

    listed = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True, timeout=60
    ).stdout
    urls: list[str] = []
    for line in listed.splitlines():
        key, _, value = line.partition("=")
        if key.rsplit(".", 1)[-1] in ("index-url", "extra-index-url", "find-links"):
            urls += value.strip("'\"").split()
    if not any(line.split("=")[0].endswith(".index-url") for line in listed.splitlines()):
        urls.append("https://pypi.org/simple/")
    for url in urls:
        if url.startswith("file:") or "://" not in url:
            if Path(url.removeprefix("file://")).exists():
                return None
            continue
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=5):
                return None
        except urllib.error.HTTPError as err:  # a server answered
            if err.code < 500:
                return None
        except (OSError, ValueError):
            continue
    return f"no package index reachable (tried {', '.join(urls)})"


_NEEDS = {"browser": _browser_missing, "network": _index_unreachable}
_missing: dict[str, str | None] = {}


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker, why in _NEEDS.items():
        if item.get_closest_marker(marker) is not None:
            if marker not in _missing:  # asked once per run, and only if such a test runs
                _missing[marker] = why()
            reason = _missing[marker]
            if reason is not None:
                pytest.skip(reason)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line: each group of skipped tests (a marker's, else the program they lack), how
    many, and why."""
    groups: dict[str, list[str]] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        named = [m for m in _NEEDS if m in report.keywords]
        installed = re.match(r"(\S+) is not installed", reason)
        group = named[0] if named else installed.group(1) if installed else "other"
        groups.setdefault(group, []).append(reason)
    if groups:
        parts = [
            f"{group} ({len(reasons)}: {'; '.join(dict.fromkeys(reasons))})"
            for group, reasons in sorted(groups.items())
        ]
        terminalreporter.write_line("skipped: " + ", ".join(parts))
