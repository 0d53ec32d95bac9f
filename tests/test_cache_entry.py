"""A cache entry is trusted once its own digest holds: rebuilt as written, equal to the plan
validated from the files; damaged, it is not used. The registers it was validated with are
the ones the parser read, checked by their digest on every read."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, TESTS, run_cli

from bsec_plan.loading import cache, planfile
from bsec_plan.loading.partial import MAX_ERRORS_TO_SET_ASIDE
from bsec_plan.problems import PlanError

NOTE = TESTS / "plans" / "registers-line-in-a-note"
SPLIT = TESTS / "plans" / "split"


def _copy(folder: Path, into: Path) -> Path:
    shutil.copytree(folder, into)
    return into / "plan.yaml"


def _state_names(plan: Path, cache_folder: Path) -> list[str]:
    env = {**os.environ, "BSEC_PLAN_CACHE": str(cache_folder)}
    result = run_cli("states", "--plan", str(plan), "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    return [state["name"] for state in json.loads(result.stdout)["states"]]


@pytest.mark.parametrize("plan", [PLAN, SPLIT / "plan.yaml", TESTS / "plans" / "minimal.yaml"])
def test_an_entry_is_read_back_as_the_plan_validated_from_the_files(
    plan: Path, cache_dir: Path
) -> None:
    validated = planfile.load(plan, cached=False)
    assert planfile.load(plan) == validated  # validated again, and its entry written
    assert planfile.load(plan) == validated  # rebuilt from the entry


def test_a_damaged_entry_is_not_used(tmp_path: Path, cache_dir: Path) -> None:
    path = _copy(SPLIT, tmp_path / "plans")
    planfile.load(path)
    (entry,) = cache_dir.iterdir()
    entry.write_bytes(entry.read_bytes().replace(b"Organize the meetings.", b"Forged."))
    assert planfile.load(path).actions["A.2"].text == "Organize the meetings."


def test_a_truncated_entry_is_not_used(tmp_path: Path, cache_dir: Path) -> None:
    path = _copy(SPLIT, tmp_path / "plans")
    planfile.load(path)
    (entry,) = cache_dir.iterdir()
    entry.write_bytes(entry.read_bytes()[:-40])
    assert planfile.load(path).actions["A.2"].text == "Organize the meetings."


def test_a_registers_line_inside_a_quoted_note_does_not_decide_what_the_cache_covers(
    tmp_path: Path,
) -> None:
    """The note's second line reads `registers: registers-copy.yaml` at the margin, before the
    plan's own `registers:` key; an edit of the registers the plan really names is seen."""
    plan = _copy(NOTE, tmp_path / "plans")
    folder = tmp_path / "cache"
    assert _state_names(plan, folder) == ["Romania", "Greece"]
    assert _state_names(plan, folder) == ["Romania", "Greece"]  # from the entry
    registers = plan.parent / "registers.yaml"
    registers.write_text(registers.read_text().replace("name: Greece", "name: Hellas"))
    assert _state_names(plan, folder) == ["Romania", "Hellas"]


def test_registers_gone_since_the_entry_was_written_are_an_error_not_a_stale_answer(
    tmp_path: Path, cache_dir: Path
) -> None:
    path = _copy(SPLIT, tmp_path / "plans")
    planfile.load(path)
    (path.parent / "registers.yaml").unlink()
    with pytest.raises(PlanError) as raised:
        planfile.load(path)
    assert "cannot read the registers file" in str(raised.value)


def test_the_entry_records_the_registers_path_the_parser_read(
    tmp_path: Path, cache_dir: Path
) -> None:
    planfile.load(_copy(NOTE, tmp_path / "plans"))
    (entry,) = cache_dir.iterdir()
    registers_line = entry.read_bytes().split(b"\n")[2]
    assert json.loads(registers_line)[0] == "registers.yaml"
    assert cache.MAGIC in entry.read_bytes().split(b"\n")[0]


def test_errors_beyond_the_cap_are_counted_not_described_in_a_plan_that_names_registers(
    tmp_path: Path,
) -> None:
    """As in a plan that carries its registers: the first are described in full, the rest
    located with pydantic's short message, so that a file of many thousand errors is quick."""
    path = _copy(SPLIT, tmp_path / "plans")
    unknown = MAX_ERRORS_TO_SET_ASIDE + 50
    extra = "".join(f"        unknown{i}: x\n" for i in range(unknown))
    text = path.read_text().replace(
        "        text: Organize the meetings.\n", "        text: Organize the meetings.\n" + extra
    )
    path.write_text(text)
    with pytest.raises(PlanError) as raised:
        planfile.load(path, cached=False)
    problems = raised.value.problems
    described = [p for p in problems if "unknown key 'unknown" in p.message]
    assert (len(problems), len(described)) == (unknown, MAX_ERRORS_TO_SET_ASIDE)
