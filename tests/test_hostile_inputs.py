"""Odd inputs a repository someone else wrote can hold: bounded work on every path, text shown
as data on every line, discovery as git does it, a pager that cannot start (docs/security.md,
*A repository you did not write*)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ONE_FILE_PLAN, TESTS, checkout_env, run_cli, run_on_terminal

AS_OF = ["--as-of", "2010-06-01"]
MINIMAL = (TESTS / "plans" / "minimal.yaml").read_text(encoding="utf-8")
IS_ROOT = os.geteuid() == 0


def _bounded(code: str) -> None:
    """Run `code` in a fresh interpreter; a quadratic or worse step would not end in time."""
    subprocess.run(
        [sys.executable, "-c", code],
        env=checkout_env(),
        check=True,
        timeout=30,  # a bound on a hang, not a timing: the work takes well under a second
    )


# --- bounded work ------------------------------------------------------------------------------


def test_the_table_writers_address_pattern_is_linear_in_a_long_word(tmp_path: Path) -> None:
    _bounded(
        "import re\n"
        "from bsec_plan.writers.tables import ADDRESS\n"
        "for text in ('a.' * 60000, 'a+' * 60000 + '!://x', 'x://' + '.,' * 60000):\n"
        "    re.sub(ADDRESS, '[1]', text)\n"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        MINIMAL.replace("Organize the meetings.", "a." * 30000 + " https://x.example/a."),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bsec_plan",
            "overdue",
            "--color",
            "always",
            "--plan",
            str(plan),
            "--as-of",
            "2011-06-01",
        ],
        env=checkout_env({**os.environ, "COLUMNS": "80"}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "https://x.example/a" in result.stdout


def test_a_folder_of_plans_never_reads_a_huge_file_whole(tmp_path: Path) -> None:
    import tracemalloc

    from bsec_plan.cli import plans

    (tmp_path / "plan.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    with open(tmp_path / "big.yaml", "wb") as big:  # sparse: 100 MB that take no disk
        big.write(b"notes: x\n")
        big.truncate(100 * 2**20)
    tracemalloc.start()
    try:
        found = plans.named([str(tmp_path)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [str(tmp_path / "big.yaml"), str(tmp_path / "plan.yaml")]
    assert peak < 8 * 2**20  # the file was not read whole to tell what it is
    result = run_cli("status", "--plan", str(tmp_path), *AS_OF)
    assert result.returncode == 2
    assert f"{tmp_path / 'big.yaml'}:1:1: error: the file is larger than 64 MiB" in result.stderr


def test_a_folder_of_plans_tells_registers_from_plans_by_their_keys(tmp_path: Path) -> None:
    for name in ("plan.yaml", "registers.yaml"):
        (tmp_path / name).write_bytes((TESTS / "plans" / "split" / name).read_bytes())
    (tmp_path / ".git").mkdir()
    result = run_cli("status", "--plan", str(tmp_path), "--format", "json", *AS_OF)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plan"] == os.path.join(str(tmp_path), "plan.yaml")


def test_folder_names_of_many_plans_with_one_stem_are_made_in_linear_time() -> None:
    _bounded(
        "from bsec_plan.views.page_plans import folders\n"
        'names = folders([f\'p/{"_" * (i % 7)}plan{"!" * (i % 5)}.yaml\' for i in range(3000)])\n'
        "assert len(set(names)) == 3000 and names[:3] == ['p-plan', 'p-plan-2', 'p-plan-3']\n"
    )


# --- text is data ------------------------------------------------------------------------------

FORGED = "x\n::error file=README.md,line=1::Approved - safe to merge\n.yaml"


def test_a_file_name_with_a_line_break_stays_on_its_line(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / FORGED))
    assert result.returncode == 1
    assert not any(line.startswith("::error") for line in result.stderr.splitlines())
    assert "x\\n::error file=README.md" in result.stderr
    (tmp_path / FORGED).write_text(ONE_FILE_PLAN, encoding="utf-8")
    shown = FORGED.replace("\n", "\\n")
    result = run_cli("status", "--plan", FORGED, *AS_OF, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"Plan file: {shown}" in result.stdout.splitlines()
    result = run_cli("diff", "--plan", FORGED, "main\n::error::x", *AS_OF, cwd=tmp_path)
    assert result.returncode == 2
    assert not any(line.startswith("::error") for line in result.stderr.splitlines())


def test_csv_cells_hold_no_line_break(tmp_path: Path) -> None:
    (tmp_path / FORGED).write_text(ONE_FILE_PLAN, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    args = ["--plan", FORGED, "--plan", "other.yaml", "--format", "csv", "--as-of", "2011-06-01"]
    result = run_cli("overdue", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not any(line.startswith("::error") for line in result.stdout.splitlines())
    assert "x\\n::error file=README.md" in result.stdout


def test_success_lines_show_the_output_path_escaped(tmp_path: Path) -> None:
    name = "site\x1b]0;owned\x07"
    result = run_cli("report", "-o", name, *AS_OF, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stderr.startswith("site\\x1b]0;owned\\x07/index.html: the plan as of")
    result = run_cli("calendar", "--format", "ics", "-o", "c\n.ics", *AS_OF, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("c\\n.ics: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "char",
    [
        "\u00ad",
        "\u180e",
        "\u2061",
        "\u2064",
        "\ufff9",
        "\ufffb",
        "\U000e0041",
        "\u3164",
        "\u115f",
        "\u2028",
        "\u2029",
    ],
)
def test_invisible_characters_are_refused_at_their_line(tmp_path: Path, char: str) -> None:
    plan = tmp_path / "plan.yaml"
    escape = f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
    plan.write_text(
        MINIMAL.replace("text: Organize the meetings.", f'text: "Organize{escape} meetings."'),
        encoding="utf-8",
    )
    result = run_cli("check", str(plan))
    assert result.returncode == 1
    assert f"{plan}:15:15: error: an invisible character U+{ord(char):04X} in the text" in (
        result.stderr
    )
    assert char not in result.stderr


# --- discovery as git does it --------------------------------------------------------------------


def _sh(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = checkout_env()
    base.pop("BSEC_PLAN", None)
    base.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bsec_plan", *args],
        cwd=cwd,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_plan_above_the_current_folder_outside_a_repository_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    result = _sh(
        ["status", *AS_OF], tmp_path / "docs", GIT_CEILING_DIRECTORIES=str(tmp_path.parent)
    )
    assert result.returncode == 2
    assert result.stderr == (
        "bsec-plan: error: ../data/plan.yaml was found but not read: it is above this folder, "
        "and no git repository holds them both; name it with --plan to read it\n"
    )
    result = _sh(["status", "--plan", "../data/plan.yaml", *AS_OF], tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    (tmp_path / ".git").mkdir()  # in a repository, it is the repository's plan
    result = _sh(
        ["status", *AS_OF], tmp_path / "docs", GIT_CEILING_DIRECTORIES=str(tmp_path.parent)
    )
    assert result.returncode == 0, result.stderr


def test_a_ceiling_named_through_a_symlink_still_stops_the_walk(tmp_path: Path) -> None:
    (tmp_path / "real" / "data").mkdir(parents=True)
    (tmp_path / "real" / ".git").mkdir()
    (tmp_path / "real" / "data" / "plan.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    (tmp_path / "real" / "docs").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    result = _sh(
        ["check"], tmp_path / "real" / "docs", GIT_CEILING_DIRECTORIES=str(tmp_path / "link")
    )
    assert result.stdout.startswith("bundled plan"), result.stderr


@pytest.mark.skipif(not IS_ROOT, reason="a folder of another user needs root to make")
def test_a_plan_in_a_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    (theirs / "data").mkdir(parents=True)
    (theirs / "data" / "plan.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    os.chown(theirs, 65534, 65534)
    untrusted = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    result = _sh(["status", *AS_OF], theirs, GIT_CEILING_DIRECTORIES=str(tmp_path), **untrusted)
    assert result.returncode == 2
    assert f"data/plan.yaml was found but not read: {theirs} belongs to another user" in (
        result.stderr
    )
    config = tmp_path / "gitconfig"  # trusted as git trusts it
    config.write_text(f"[safe]\n\tdirectory = {theirs}\n", encoding="utf-8")
    result = _sh(
        ["status", *AS_OF],
        theirs,
        GIT_CEILING_DIRECTORIES=str(tmp_path),
        GIT_CONFIG_GLOBAL=str(config),
    )
    assert result.returncode == 0, result.stderr


def test_a_found_plan_that_is_a_symlink_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "data").mkdir()
    (repo / "data" / "plan.yaml").symlink_to(tmp_path / "secret.yaml")
    result = _sh(["check"], repo)
    assert result.returncode == 2
    assert "it is a symlink that leads out of its repository" in result.stderr


# --- the rest ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["$(", "|", "less ${"])
def test_a_pager_that_does_not_parse_is_named_and_the_output_kept(command: str) -> None:
    code, out = run_on_terminal("calendar", *AS_OF, env={"BSEC_PLAN_PAGER": command, "PAGER": None})
    assert code == 0
    first, rest = out.split("\n", 1)
    assert first == f"bsec-plan: warning: cannot run pager '{command}'; printing without it"
    assert rest.startswith("Plan file: data/plan.yaml") and "December 2011" in rest


def test_an_empty_instrument_is_a_usage_error() -> None:
    result = run_cli("states", "--instrument", "", *AS_OF)
    assert result.returncode == 2
    assert result.stderr.startswith("bsec-plan: error: no instrument '' to ratify;")
