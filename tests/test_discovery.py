"""The plan found as git finds its repository: the nearest data/plan.yaml from the current
folder up to the repository's root, then the bundled plan, which the outputs name as such."""

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ONE_FILE_PLAN, PLAN, TESTS, checkout_env, run_line

from bsec_plan import __version__
from bsec_plan.loading import discovery

BROKEN = TESTS / "broken" / "date-month-13.yaml"
BUNDLED = f"bundled plan (bsec-plan {__version__})"


def sh(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`bsec-plan ARGS` typed into a shell in `cwd`, with no $BSEC_PLAN, and the walk kept
    below the test's folder (as GIT_CEILING_DIRECTORIES keeps git's)."""
    base = checkout_env()
    base.pop("BSEC_PLAN", None)
    base.update(env)
    return run_line(command, cwd=cwd, env=base)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A repository's layout: .git, data/plan.yaml (broken), docs/deep/er."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy(BROKEN, root / "data" / "plan.yaml")
    (root / "docs" / "deep" / "er").mkdir(parents=True)
    return root


def ceiling(path: Path) -> dict[str, str]:
    return {"GIT_CEILING_DIRECTORIES": str(path)}


@pytest.mark.parametrize(
    "folder, name",
    [
        (".", "data/plan.yaml"),
        ("data", "plan.yaml"),
        ("docs", "../data/plan.yaml"),
        ("docs/deep/er", "../../../data/plan.yaml"),
    ],
)
def test_check_reports_the_repositorys_broken_plan_from_any_folder(
    repo: Path, folder: str, name: str
) -> None:
    result = sh("bsec-plan check", repo / folder, **ceiling(repo.parent))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{name}:36:46: error: progress[0].date: '2011-13-01'")
    assert "bundled" not in result.stdout + result.stderr


def test_queries_read_the_found_plan_and_name_it_from_here(repo: Path) -> None:
    (repo / "data" / "plan.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    result = sh("bsec-plan status --as-of 2010-06-01", repo / "docs", **ceiling(repo.parent))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "Plan file: ../data/plan.yaml"
    result = sh("bsec-plan overdue --format json", repo / "docs/deep", **ceiling(repo.parent))
    assert json.loads(result.stdout)["plan"] == "../../data/plan.yaml"


def test_outside_any_repository_the_bundled_plan_says_so(tmp_path: Path) -> None:
    result = sh("bsec-plan status --as-of 2010-06-01", tmp_path, **ceiling(tmp_path.parent))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"Plan file: {BUNDLED}"
    result = sh("bsec-plan sources --format json", tmp_path, **ceiling(tmp_path.parent))
    assert json.loads(result.stdout)["plan"] == BUNDLED
    result = sh("bsec-plan check", tmp_path, **ceiling(tmp_path.parent))
    assert (result.returncode, result.stdout.split(": ")[:2]) == (0, [BUNDLED, "valid"])


def test_the_walk_stops_at_the_repositorys_root(tmp_path: Path) -> None:
    """A plan above the repository belongs to another project, as git would not look there."""
    (tmp_path / "data").mkdir()
    shutil.copy(BROKEN, tmp_path / "data" / "plan.yaml")
    (tmp_path / "inner" / ".git").mkdir(parents=True)
    (tmp_path / "inner" / "src").mkdir()
    result = sh("bsec-plan check", tmp_path / "inner" / "src", **ceiling(tmp_path.parent))
    assert (result.returncode, result.stdout.split(": ")[0]) == (0, BUNDLED)
    # a .git file (a worktree, a submodule) marks a root as well
    (tmp_path / "inner" / ".git").rmdir()
    (tmp_path / "inner" / ".git").write_text("gitdir: elsewhere\n")
    assert discovery.discover(tmp_path / "inner" / "src") is None
    (tmp_path / "inner" / ".git").unlink()
    (tmp_path / ".git").mkdir()  # outside any repository, a plan above is refused
    assert discovery.discover(tmp_path / "inner" / "src") == Path("../../data/plan.yaml")


def test_the_walk_stops_below_a_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()  # outside any repository, a plan above is refused
    monkeypatch.delenv("GIT_CEILING_DIRECTORIES", raising=False)
    assert discovery.discover(tmp_path / "a" / "b") == Path("../../data/plan.yaml")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert discovery.discover(tmp_path / "a" / "b") is None
    # a plan in the current folder's own data/ is found whatever the ceiling
    assert discovery.discover(tmp_path) == Path("data/plan.yaml")


def test_plan_and_environment_come_before_the_walk(repo: Path) -> None:
    given = shlex.quote(str(PLAN))
    result = sh(f"bsec-plan check --format json {given}", repo / "docs", **ceiling(repo.parent))
    assert (result.returncode, json.loads(result.stdout)["files"]) == (0, [str(PLAN)])
    result = sh("bsec-plan check", repo / "docs", BSEC_PLAN=str(PLAN), **ceiling(repo.parent))
    assert (result.returncode, result.stdout.split(": ")[0]) == (0, str(PLAN))


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_against_a_revision_from_a_subfolder(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "data" / "plan.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    git("init", "-q", cwd=root)
    git("add", "data/plan.yaml", cwd=root)
    git("commit", "-q", "-m", "plan", cwd=root)
    text = (root / "data" / "plan.yaml").read_text(encoding="utf-8")
    changed = text.replace("kind: each-semester", "kind: permanent", 1)
    assert changed != text
    (root / "data" / "plan.yaml").write_text(changed, encoding="utf-8")
    result = sh("bsec-plan diff HEAD --exit-code", root / "docs", **ceiling(tmp_path))
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("Changes from HEAD:data/plan.yaml to ../data/plan.yaml")


def test_a_revision_without_a_found_plan_is_a_usage_error(tmp_path: Path) -> None:
    result = sh("bsec-plan diff HEAD", tmp_path, **ceiling(tmp_path.parent))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "bsec-plan: error: 'HEAD' is a git revision, and no data/plan.yaml was found in this "
        "folder or above it up to the repository's root; run from the repository, or name the "
        "file with --plan\n"
    )
