"""A cloned repository or a pull request someone else wrote: it cannot run code, write outside
the folders the user names, or make the tool read what is not its own (docs/security.md)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, run_cli

AS_OF = ["--as-of", "2010-06-01"]


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _plan_naming(registers: str) -> str:
    text = PLAN.read_text(encoding="utf-8")
    return text.replace("registers: registers.yaml", f"registers: {registers}", 1)


def _promisor_config(marker: Path, bare: bool) -> str:
    """A repository config that fetches a missing object from an `ext::` remote, which runs a
    shell command: the command leaves `marker` behind."""
    return (
        "[core]\n\trepositoryformatversion = 1\n"
        + ("\tbare = false\n\tworktree = .\n" if bare else "")
        + "[extensions]\n\tpartialClone = origin\n"
        + f'[remote "origin"]\n\turl = "ext::sh -c touch% {marker}"\n\tpromisor = true\n'
        + '[protocol "ext"]\n\tallow = always\n'
        + "[core]\n\tfsmonitor = touch "
        + str(marker)
        + "\n"
    )


def _drop_blob(repo_git: Path, blob: str) -> None:
    (repo_git / "objects" / blob[:2] / blob[2:]).unlink()


def _planted_bare_repository(tmp_path: Path, marker: Path) -> Path:
    """The repository of the attack: `evil/` is a bare repository committed as plain files,
    its registers blob missing and its config asking for it from a command; the plan names
    `../evil/registers.yaml`."""
    source = tmp_path / "source.git"
    _git("init", "-q", "--bare", "-b", "main", str(source), cwd=tmp_path)
    work = tmp_path / "work"
    _git("clone", "-q", str(source), str(work), cwd=tmp_path)
    (work / "registers.yaml").write_bytes(REGISTERS.read_bytes())
    _git("add", ".", cwd=work)
    _git("commit", "-qm", "registers", cwd=work)
    _git("push", "-q", "origin", "HEAD:main", cwd=work)
    _drop_blob(source, _git("rev-parse", "main:registers.yaml", cwd=work).strip())
    (source / "config").write_text(_promisor_config(marker, bare=True), encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "plan.yaml").write_text(_plan_naming("../evil/registers.yaml"), "utf-8")
    subprocess.run(["cp", "-r", str(source), str(repo / "evil")], check=True)
    _git("init", "-q", "-b", "main", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "a plan, and a bare repository as files", cwd=repo)
    return repo


@pytest.mark.parametrize("args", [["diff"], ["diff", "main", "HEAD"]])
def test_diff_never_runs_git_in_a_folder_the_plan_names(tmp_path: Path, args: list[str]) -> None:
    marker = tmp_path / "ran"
    repo = _planted_bare_repository(tmp_path, marker)
    result = run_cli(*args, *AS_OF, cwd=repo)
    assert not marker.exists()
    assert result.returncode == 2
    assert "evil/registers.yaml does not exist at revision" in result.stderr


def test_diff_fetches_nothing_in_a_repository_with_a_hostile_config(tmp_path: Path) -> None:
    """An unpacked archive with its own `.git`: its config cannot make a read run a command."""
    marker = tmp_path / "ran"
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "plan.yaml").write_bytes(PLAN.read_bytes())
    (repo / "data" / "registers.yaml").write_bytes(REGISTERS.read_bytes())
    _git("init", "-q", "-b", "main", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "plan", cwd=repo)
    _drop_blob(repo / ".git", _git("rev-parse", "main:data/registers.yaml", cwd=repo).strip())
    with open(repo / ".git" / "config", "a", encoding="utf-8") as config:
        config.write(_promisor_config(marker, bare=False))
    result = run_cli("diff", "main", *AS_OF, cwd=repo)
    assert not marker.exists()
    assert result.returncode == 2
    assert "cannot read main:data/registers.yaml" in result.stderr


def test_a_revision_that_looks_like_an_option_is_a_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "plan.yaml").write_bytes(PLAN.read_bytes())
    (repo / "data" / "registers.yaml").write_bytes(REGISTERS.read_bytes())
    _git("init", "-q", "-b", "main", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "plan", cwd=repo)
    _git("update-ref", "refs/heads/--output=outdir", "HEAD", cwd=repo)  # git reads it as an option
    result = run_cli("diff", "--format", "json", *AS_OF, "--", "--output=outdir", cwd=repo)
    assert _git("status", "--porcelain", "--ignored", cwd=repo) == ""  # git wrote no file
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["old"] == "--output=outdir:data/plan.yaml"


def test_a_symlink_at_a_revision_is_not_followed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "plan.yaml").write_bytes(PLAN.read_bytes())
    os.symlink("/etc/hostname", repo / "data" / "registers.yaml")
    _git("init", "-q", "-b", "main", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "plan", cwd=repo)
    result = run_cli("diff", "main", *AS_OF, cwd=repo)
    assert result.returncode == 2
    assert "data/registers.yaml is a symbolic link at revision 'main'" in result.stderr


def _clone_with(tmp_path: Path, links: dict[str, Path]) -> Path:
    """A repository with the bundled plan and `links` (path: target) committed as symlinks,
    cloned as the user would."""
    origin = tmp_path / "origin"
    (origin / "data").mkdir(parents=True)
    (origin / "data" / "plan.yaml").write_bytes(PLAN.read_bytes())
    (origin / "data" / "registers.yaml").write_bytes(REGISTERS.read_bytes())
    for name, target in links.items():
        (origin / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, origin / name)
    _git("init", "-q", "-b", "main", cwd=origin)
    _git("add", "-A", cwd=origin)
    _git("commit", "-qm", "plan and links", cwd=origin)
    _git("clone", "-q", str(origin), "clone", cwd=tmp_path)
    return tmp_path / "clone"


def test_report_replaces_a_committed_symlinked_page_and_leaves_its_target(tmp_path: Path) -> None:
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("# the user's own\n")
    clone = _clone_with(tmp_path, {"_site/index.html": victim})
    result = run_cli("report", "--output", "_site", *AS_OF, cwd=clone)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "# the user's own\n"
    page = clone / "_site" / "index.html"
    assert not page.is_symlink() and page.read_text(encoding="utf-8").startswith("<!DOCTYPE")


@pytest.mark.parametrize("link", ["_site", "_site/data-plan"])
def test_report_refuses_a_committed_symlinked_folder(tmp_path: Path, link: str) -> None:
    outside = tmp_path / "site-packages"
    outside.mkdir()
    clone = _clone_with(tmp_path, {link: outside})
    # several plans: each in its own folder of _site, `data-plan` for data/plan.yaml
    other = clone / "other" / "plan.yaml"
    other.parent.mkdir()
    other.write_text(_plan_naming("../data/registers.yaml"), encoding="utf-8")
    result = run_cli(
        "report",
        "-o",
        "_site",
        "--plan",
        "data/plan.yaml",
        "--plan",
        str(other),
        *AS_OF,
        cwd=clone,
    )
    assert result.returncode == 2
    assert "is a symbolic link; the report is written only into a real folder" in result.stderr
    assert os.listdir(outside) == []
    assert not os.path.lexists(clone / "_site" / "other-plan")  # refused before any page


SECRET = "api_token: SECRET-1234\nnumbers: [4711, 4712]\n"


def _repository_naming(tmp_path: Path, registers: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "plan.yaml").write_text(_plan_naming(registers), encoding="utf-8")
    _git("init", "-q", "-b", "main", cwd=repo)
    return repo


@pytest.mark.parametrize(
    "registers", ["../../home/.config/app.yml", "../../../../../../../../proc/self/status"]
)
def test_registers_outside_the_repository_are_refused_unread(
    tmp_path: Path, registers: str
) -> None:
    (tmp_path / "home" / ".config").mkdir(parents=True)
    (tmp_path / "home" / ".config" / "app.yml").write_text(SECRET, encoding="utf-8")
    repo = _repository_naming(tmp_path, registers)
    for args in (["check"], ["status"], ["report", "-o", "_site"]):
        result = run_cli(*args, *AS_OF, cwd=repo) if args != ["check"] else run_cli(*args, cwd=repo)
        assert result.returncode in (1, 2), result.stderr
        assert (
            f"data/plan.yaml:11:12: error: registers: cannot read the registers file: "
            f"'{registers}' leads outside the plan's repository" in result.stderr
        )
        assert "SECRET" not in result.stderr and "4711" not in result.stderr
        assert "Pid" not in result.stderr and "VmRSS" not in result.stderr
    assert not (repo / "_site").exists()


def test_a_committed_symlink_out_of_the_repository_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    repo = _repository_naming(tmp_path, "registers.yaml")
    os.symlink(secret, repo / "data" / "registers.yaml")
    result = run_cli("check", cwd=repo)
    assert result.returncode == 1
    assert "'registers.yaml' leads outside the plan's repository" in result.stderr
    assert "SECRET" not in result.stderr and "4711" not in result.stderr


def test_a_symlink_inside_the_repository_is_followed(tmp_path: Path) -> None:
    repo = _repository_naming(tmp_path, "registers.yaml")
    (repo / "common").mkdir()
    (repo / "common" / "registers.yaml").write_bytes(REGISTERS.read_bytes())
    os.symlink("../common/registers.yaml", repo / "data" / "registers.yaml")
    result = run_cli("check", cwd=repo)
    assert result.returncode == 0, result.stderr


def test_outside_any_repository_registers_stay_in_the_plans_folder(tmp_path: Path) -> None:
    (tmp_path / "registers.yaml").write_bytes(REGISTERS.read_bytes())
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "plan.yaml"
    plan.write_text(_plan_naming("../registers.yaml"), encoding="utf-8")
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    result = run_cli("check", "plans/plan.yaml", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "'../registers.yaml' leads outside the plan's folder (it is in no repository)" in (
        result.stderr
    )
    (tmp_path / "plans" / "registers.yaml").write_bytes(REGISTERS.read_bytes())
    plan.write_text(_plan_naming("registers.yaml"), encoding="utf-8")
    assert run_cli("check", "plans/plan.yaml", cwd=tmp_path, env=env).returncode == 0


@pytest.mark.parametrize("value", ['"registers.yaml\\0x"', '"registers\\nyaml"', '"a\\u2028b"'])
def test_an_odd_byte_in_the_registers_name_is_a_located_error(tmp_path: Path, value: str) -> None:
    repo = _repository_naming(tmp_path, value)
    for args in (["check"], ["status", *AS_OF]):
        result = run_cli(*args, cwd=repo)
        assert result.returncode in (1, 2), result.stderr
        assert "data/plan.yaml:11:12: error: registers: " in result.stderr
        assert "internal error" not in result.stderr
        assert "registers\nyaml" not in result.stderr and "\u2028" not in result.stderr
