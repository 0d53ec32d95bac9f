import datetime as dt
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pytest

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

# the tests' plan cache stays out of the user's own cache folder
os.environ["BSEC_PLAN_CACHE"] = tempfile.mkdtemp(prefix="bsec-plan-cache-")


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
    """The tool as a user runs it: a separate process, its exit code, stdout and stderr.
    It runs this checkout's code, also from another folder, not an installed copy."""
    return subprocess.run(
        [sys.executable, "-m", "bsec_plan", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=checkout_env(env),
        timeout=60,
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
    with line ends as `\\n`. The window size is set in the child before the tool starts."""
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
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "bsec_plan", *args], child_env)
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


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan cache of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BSEC_PLAN_CACHE", str(folder))
    return folder
