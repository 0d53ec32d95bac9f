"""`fmt` says what became of the files it was given: on stdout the name of each it laid out
(for scripts), on stderr how many were laid out and how many were already in the layout."""

import shutil
from pathlib import Path

from conftest import PLAN, REGISTERS, run_cli


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copy(REGISTERS, tmp_path / "registers.yaml")
    text = PLAN.read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        text.replace("\ntitle: ", "\ntitle:   ", 1), encoding="utf-8"
    )
    return tmp_path / "plan.yaml", tmp_path / "registers.yaml"


def test_fmt_says_what_it_laid_out_and_what_was_already(tmp_path: Path) -> None:
    plan, registers = _copies(tmp_path)
    done = run_cli("fmt", str(plan), str(registers))
    assert (done.returncode, done.stdout) == (0, f"{plan}\n")
    assert done.stderr == "1 file laid out; 1 file already in the layout\n"
    again = run_cli("fmt", str(plan), str(registers))
    assert (again.returncode, again.stdout) == (0, "")
    assert again.stderr == "2 files already in the layout\n"


def test_check_says_it_or_them_as_the_count_asks(tmp_path: Path) -> None:
    plan, registers = _copies(tmp_path)
    one = run_cli("fmt", "--check", str(plan), str(registers))
    assert one.returncode == 1
    assert one.stderr == "1 file not in the layout; `bsec-plan fmt` lays it out\n"
