"""A commit that changes only a registers file: the pre-commit hook checks the plans beside it
that name it, since what they say changed too."""

import shutil
from pathlib import Path

import yaml
from conftest import ROOT, TESTS, run_cli


def _split(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(TESTS / "plans" / "split", folder)
    registers = folder / "registers.yaml"
    # valid on its own, but the plan's `chair` is no longer declared
    registers.write_text(
        registers.read_text(encoding="utf-8").replace("{id: chair,", "{id: chairs,"), "utf-8"
    )
    return folder


def test_the_hook_checks_with_the_plans() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "bsec-plan-check"]
    assert hook["entry"] == "bsec-plan check --with-plans"


def test_a_registers_file_alone_is_valid_but_breaks_its_plan(tmp_path: Path) -> None:
    folder = _split(tmp_path)
    alone = run_cli("check", "registers.yaml", cwd=folder)
    assert alone.returncode == 0 and "valid registers" in alone.stdout
    hooked = run_cli("check", "--with-plans", "registers.yaml", cwd=folder)
    assert hooked.returncode == 1
    assert hooked.stderr.splitlines()[0].startswith(
        "plan.yaml:20:21: error: directions[A].actions[A.2].responsible.parties[0]: "
        "responsible party 'chair' is not declared"
    )


def test_with_plans_names_each_plan_once(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(TESTS / "plans" / "split", folder)
    result = run_cli("check", "--with-plans", "registers.yaml", "plan.yaml", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "registers.yaml",
        "plan.yaml",
    ]
