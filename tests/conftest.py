import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bsec_plan import planfile

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "plan.yaml"
TESTS = Path(__file__).resolve().parent

# the tests' plan cache stays out of the user's own cache folder
os.environ["BSEC_PLAN_CACHE"] = tempfile.mkdtemp(prefix="bsec-plan-cache-")


@pytest.fixture(scope="session")
def plan():
    return planfile.load(PLAN)


@pytest.fixture(scope="session")
def minimal():
    return planfile.load(TESTS / "plans" / "minimal.yaml")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def run_cli(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """The tool as a user runs it: a separate process, its exit code, stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "bsec_plan", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=60,
    )
