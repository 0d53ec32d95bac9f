"""The repository as other tools see it: check-jsonschema reads the plans as bsec-plan does,
pre-commit finds plan files, zizmor finds nothing wrong with the workflow."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TESTS

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    """A tool installed from requirements-dev.txt, next to this Python (or else on PATH)."""
    found = BIN / name if (BIN / name).is_file() else shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is not installed; install the development tools: pip install -r requirements-dev.txt"
        )
    return str(found)


def _check_jsonschema(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("check-jsonschema"), "--schemafile", "bsec_plan/plan.schema.json", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_check_jsonschema_accepts_the_shipped_plan_and_every_valid_test_plan() -> None:
    plans = [ROOT / "data" / "plan.yaml", *sorted((TESTS / "plans").glob("*.yaml"))]
    result = _check_jsonschema(*plans)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_check_jsonschema_accepts_the_registers_and_refuses_registers_inline_beside_a_name() -> (
    None
):
    registers = [ROOT / "data" / "registers.yaml", TESTS / "plans" / "split" / "registers.yaml"]
    result = subprocess.run(
        [_tool("check-jsonschema"), "--schemafile", "bsec_plan/registers.schema.json"]
        + [str(p) for p in registers],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert _check_jsonschema(TESTS / "broken" / "registers-and-states-inline.yaml").returncode == 1


def test_check_jsonschema_refuses_what_check_reports_as_an_unquoted_number() -> None:
    result = _check_jsonschema(TESTS / "broken" / "unquoted-number.yaml")
    assert result.returncode == 1
    assert "2011.0 is not of type 'string'" in result.stdout


def _hook() -> dict[str, str]:
    check, fmt = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (fmt["id"], fmt["files"], fmt["exclude"]) == (
        "bsec-plan-fmt",
        check["files"],
        check["exclude"],
    )
    return {key: str(value) for key, value in check.items()}


@pytest.mark.parametrize(
    "path, checked",
    [
        ("plan.yaml", True),
        ("data/plan.yml", True),
        ("plans/bsec-plan-2012.yaml", True),
        ("a/b/Plan-of-action.YAML", True),
        ("data/registers.yaml", True),
        ("registers/bsec-registers-2021.yml", True),
        ("plans/other.yaml", False),
        ("plan.yaml.bak", False),
        (".github/workflows/plan.yml", False),
    ],
)
def test_hook_picks_yaml_files_with_plan_in_their_name(path: str, checked: bool) -> None:
    hook = _hook()
    picked = re.search(hook["files"], path) and not re.search(hook["exclude"], path)
    assert bool(picked) == checked


@pytest.mark.network
@pytest.mark.skipif(
    not (ROOT / ".git").exists(),
    reason="pre-commit try-repo needs this project as a git repository",
)
def test_pre_commit_hook_fails_on_a_broken_plan_with_another_name(tmp_path: Path) -> None:
    """pre-commit installs the hook from this checkout with pip, as a user's repository would."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(TESTS / "broken" / "unquoted-number.yaml", repo / "plans" / "bsec-plan-2012.yaml")
    shutil.copy(TESTS / "plans" / "minimal.yaml", repo / "plans" / "other.yaml")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    result = subprocess.run(
        [_tool("pre-commit"), "try-repo", str(ROOT), "bsec-plan-check", "--all-files"],
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bsec-plan check....Failed" in re.sub(r"\.{4,}", "....", result.stdout)
    assert (
        'plans/bsec-plan-2012.yaml:20:20: error: other YAML tools read 2011. as a number, not text; quote it: "2011."'
        in result.stdout
    )
    assert "plans/other.yaml" not in result.stdout


def test_zizmor_finds_nothing_of_medium_or_high_severity_in_the_workflow() -> None:
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--min-severity", "medium", ".github/workflows/"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_contributors_hooks_run_the_ruff_and_mypy_of_the_test_extra() -> None:
    """.pre-commit-config.yaml pins ruff's hooks to the installed ruff, so a commit is checked
    by the same rules as .ci/run; mypy runs from the project's environment with its config."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    installed = subprocess.run(
        [_tool("ruff"), "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[-1]
    assert ruff["rev"] == f"v{installed}"
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff-check", "ruff-format"]
    (mypy,) = repos["local"]["hooks"]
    assert (mypy["entry"], mypy["language"], mypy["pass_filenames"]) == ("mypy", "system", False)
