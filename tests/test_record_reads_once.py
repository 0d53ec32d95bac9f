"""An event or an officer record reads the registers once, with the positions the edit needs,
and validates them from that tree: where the files cannot be read so, it says why exactly as
`check` does, located, and leaves them byte-identical."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, run_cli

EVENT = ["record", "event", "AL", "protocol-2002", "ratification", "--date", "2010-05"]
OFFICER = ["record", "officer", "AL", "appointed"]
SOURCE = ["--source", "https://example.org/law.pdf"]

BREAKS: dict[str, tuple[str, Callable[[str], str] | None]] = {
    "registers not YAML": ("registers.yaml", lambda t: t + "- [\n"),
    "registers not UTF-8": ("registers.yaml", lambda t: t + "\udcff"),
    "registers invalid": ("registers.yaml", lambda t: t.replace("protocol-2002", "Protocol", 1)),
    "registers missing": ("registers.yaml", None),
    "registers outside the folder": (
        "plan.yaml",
        lambda t: t.replace("registers: registers.yaml", "registers: ../registers.yaml"),
    ),
    "plan not YAML": ("plan.yaml", lambda t: t + "  - [\n"),
}


@pytest.mark.parametrize("args", [EVENT, OFFICER], ids=["event", "officer"])
@pytest.mark.parametrize("broken", BREAKS)
def test_unreadable_files_are_told_as_check_tells_them(
    tmp_path: Path, broken: str, args: list[str]
) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    shutil.copy(REGISTERS, tmp_path / "registers.yaml")
    name, edit = BREAKS[broken]
    path = tmp_path / name
    if edit is None:
        path.unlink()
    else:
        text = edit(path.read_text(encoding="utf-8"))
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    recorded = run_cli(*args, *SOURCE, "--plan", str(tmp_path / "plan.yaml"))
    checked = run_cli("check", str(tmp_path / "plan.yaml"))
    assert recorded.returncode == 2 and checked.returncode == 1
    problems = [line for line in checked.stderr.splitlines() if ": error: " in line]
    assert problems and all(line in recorded.stderr.splitlines() for line in problems)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
