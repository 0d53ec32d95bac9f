"""`diff`'s header names every file that changed: a change to the registers alone is named as
such, not hidden behind the plan file's name."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import TESTS, run_cli


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(TESTS / "plans" / "split", root / "data")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (
        ["init", "-q"],
        ["add", "data"],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "plan"],
    ):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    registers = root / "data" / "registers.yaml"
    text = registers.read_text(encoding="utf-8").replace("name: Greece", "name: Hellas")
    registers.write_text(text, encoding="utf-8")
    return root


def test_a_change_to_the_registers_alone_is_named(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    result = run_cli("diff", "--as-of", "2010-06-01", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Changes from HEAD:data/plan.yaml to data/plan.yaml; files changed: data/registers.yaml"
    )
    doc = json.loads(run_cli("diff", "--as-of", "2010-06-01", "--format", "json", cwd=root).stdout)
    assert doc["files_changed"] == ["data/registers.yaml"]
    markdown = run_cli("diff", "--as-of", "2010-06-01", "--format", "markdown", cwd=root).stdout
    assert "Files changed: `data/registers.yaml`" in markdown


def test_two_files_both_changed_are_both_named() -> None:
    result = run_cli("diff", "tests/plans/minimal.yaml", "data/plan.yaml", "--as-of", "2010-06-01")
    assert result.stdout.splitlines()[0].endswith(
        "; files changed: data/plan.yaml, data/registers.yaml"
    )
