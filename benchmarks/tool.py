"""Where the installed `bsec-plan` is: beside the python running the benchmark, else on PATH;
and the environment to run it in."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def installed_tool() -> str:
    tool = shutil.which("bsec-plan", path=str(Path(sys.executable).parent)) or shutil.which(
        "bsec-plan"
    )
    if tool is None:
        raise SystemExit(
            "bsec-plan is not installed next to this python; install the project first (see README)"
        )
    return tool


# as after a `pip install`: modules compiled once, not at every start
BYTECODE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
