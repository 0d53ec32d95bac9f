"""`bsec-plan check --format github|json` and the step summary."""

import json
import subprocess
from pathlib import Path

from conftest import ROOT, run_cli, run_main

from bsec_plan.problems import Problem
from bsec_plan.writers.problems import annotation


def test_annotation_escapes_properties_and_message() -> None:
    p = Problem("a,b:c.yaml", 3, 7, "50% of\nit, here: x")
    assert (
        annotation(p)
        == "::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=bsec-plan check::50%25 of%0Ait, here: x"
    )


def test_github_format_annotates_and_keeps_plain_lines(tmp_path: Path) -> None:
    import os

    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = run_cli(
        "check", "--format", "github", "tests/broken/undeclared-responsible-party.yaml", env=env
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=tests/broken/undeclared-responsible-party.yaml,line=18,col=21,title=bsec-plan check::"
    )
    assert result.stderr.startswith("tests/broken/undeclared-responsible-party.yaml:18:21: error: ")
    text = summary.read_text()
    assert "| tests/broken/undeclared-responsible-party.yaml | 18 | 21 |" in text


def test_json_format() -> None:
    doc = json.loads(run_cli("check", "--format", "json", "tests/broken/date-month-13.yaml").stdout)
    assert doc["valid"] is False
    assert doc["problems"] == [
        {
            "file": "tests/broken/date-month-13.yaml",
            "line": 36,
            "column": 46,
            "severity": "error",
            "message": "progress[0].date: '2011-13-01' is not a date: month 13 is not in 01-12",
        }
    ]
    ok = run_cli("check", "--format", "json")
    assert (ok.returncode, json.loads(ok.stdout)["valid"]) == (0, True)


def test_several_files_as_pre_commit_passes_them() -> None:
    result = run_cli("check", "data/plan.yaml", "tests/plans/minimal.yaml")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 2
    result = run_cli("check", "data/plan.yaml", "tests/broken/empty.yaml")
    assert result.returncode == 1
    assert result.stderr.startswith("tests/broken/empty.yaml:1:1: error: the file is empty")


def _check_stdin(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return run_main("check", *args, stdin=stdin)


def test_dash_reads_the_plan_from_standard_input_and_names_it_stdin() -> None:
    result = _check_stdin("-", stdin=(ROOT / "data" / "plan.yaml").read_bytes())
    assert result.returncode == 0
    assert result.stdout.decode().startswith("<stdin>: valid: 5 directions, 10 actions")
    broken = (ROOT / "tests" / "broken" / "unquoted-number.yaml").read_bytes()
    result = _check_stdin("tests/plans/minimal.yaml", "-", stdin=broken)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0] == (
        '<stdin>:20:20: error: other YAML tools read 2011. as a number, not text; quote it: "2011."'
    )


def test_dash_with_other_paths_and_json() -> None:
    result = _check_stdin("--format", "json", "data/plan.yaml", "-", stdin=b"title: [unclosed\n")
    doc = json.loads(result.stdout)
    assert (result.returncode, doc["files"], doc["valid"]) == (
        1,
        ["data/plan.yaml", "<stdin>"],
        False,
    )
    assert [p["file"] for p in doc["problems"]] == ["<stdin>"]


def test_warnings_of_one_file_are_shown_when_another_is_broken() -> None:
    broken, gapped = "tests/broken/unknown-key-dedline.yaml", "tests/warnings/chairmanship-gap.yaml"
    result = run_cli("check", broken, gapped)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{broken}:19:9: error: ")
    assert lines[1] == "1 problem found"
    assert lines[2].startswith(f"{gapped}:35:24: warning: ") and lines[3] == "1 warning found"


def test_a_folder_is_checked_file_by_file_as_plan_folder_takes_it(tmp_path: Path) -> None:
    for name in ("plan.yaml", "registers.yaml"):
        (tmp_path / name).write_bytes((ROOT / "data" / name).read_bytes())
    (tmp_path / "notes.txt").write_text("not YAML", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text("secret: 42\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(outside)  # a file of the folder's choosing, not its own
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert [line.split(": ")[0:2] for line in result.stdout.splitlines()] == [
        [str(tmp_path / "plan.yaml"), "valid"],
        [str(tmp_path / "registers.yaml"), "valid registers"],
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("check", str(empty))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{empty}:1:1: error: is a directory")
