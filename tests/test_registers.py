"""Registers apart from plans: data/registers.yaml holds the organisation's facts, a plan names
it under `registers`, and both are validated, located, checked, cached and diffed together."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ONE_FILE_PLAN, PLAN, REGISTERS, ROOT, TESTS, run_cli

from bsec_plan.domain.jsonform import as_json
from bsec_plan.loading import planfile
from bsec_plan.loading.validation import schema_json

BROKEN = "tests/broken"


def _check(*paths: str) -> tuple[int, list[str], list[str]]:
    result = run_cli("check", *paths)
    return result.returncode, result.stdout.splitlines(), result.stderr.splitlines()


def test_check_with_no_file_checks_the_plan_and_the_registers_it_names() -> None:
    assert _check() == (
        0,
        [
            "data/plan.yaml: valid: 5 directions, 10 actions, 12 states, "
            "14 ratification records, 0 progress records"
        ],
        [],
    )


def test_check_of_the_registers_alone() -> None:
    assert _check("data/registers.yaml") == (
        0,
        [
            "data/registers.yaml: valid registers: 12 states, 5 instruments, 3 parties, "
            "14 ratification records, 12 liaison officer records, 3 EU memberships, "
            "10 chairmanship terms"
        ],
        [],
    )


def test_the_two_files_mean_what_the_one_file_meant() -> None:
    """No fact changed in the split: the plan and its registers merge into the plan the one
    file holds (the parties in another order: the organisation's first)."""
    split = planfile.load(PLAN, cached=False)
    whole = planfile.parse(ONE_FILE_PLAN, "one-file")
    assert (split.registers, whole.registers) == ("registers.yaml", None)
    for name in split.__dataclass_fields__:
        if name in ("registers", "parties"):
            continue
        assert as_json(split)[name] == as_json(whole)[name], name
    assert sorted(p.id for p in split.parties) == sorted(p.id for p in whole.parties)
    assert [p.id for p in split.parties] == [
        "chairmanship-in-office",
        "member-states",
        "eu-member-states",
        "country-coordinator",
        "ro-sri",
    ]


def test_every_line_of_the_shipped_files_is_in_one_of_them() -> None:
    """The plan's own keys and the registers' keys are each in one file only."""
    plan_keys = {line.split(":")[0] for line in PLAN.read_text().splitlines() if line[:1].isalpha()}
    register_keys = {
        line.split(":")[0] for line in REGISTERS.read_text().splitlines() if line[:1].isalpha()
    }
    assert plan_keys == {
        "registers",
        "title",
        "period",
        "purpose",
        "directions",
        "parties",
        "progress",
    }
    assert register_keys == {
        "states",
        "instruments",
        "parties",
        "ratifications",
        "liaison_officers",
        "eu_membership",
        "chairmanships",
    }
    assert REGISTERS.read_text().startswith(
        "# yaml-language-server: $schema=../bsec_plan/registers.schema.json\n"
    )


def test_a_split_plan_is_valid_and_answers_queries() -> None:
    assert _check("tests/plans/split/plan.yaml")[0] == 0
    result = run_cli("states", "--plan", "tests/plans/split/plan.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Romania" in result.stdout and "Greece" in result.stdout


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "registers-missing",
            "tests/broken/registers-missing.yaml:2:12: error: registers: cannot read the "
            "registers file: tests/broken/no-such-registers.yaml: no such file",
        ),
        (
            "registers-is-a-folder",
            "tests/broken/registers-is-a-folder.yaml:2:12: error: registers: cannot read the "
            "registers file: tests/broken/../plans: is a directory, not a registers file",
        ),
        (
            "registers-absolute-path",
            "tests/broken/registers-absolute-path.yaml:2:12: error: registers: "
            "'/etc/bsec/registers.yaml' is not relative; name the registers file relative to "
            "the plan file",
        ),
        (
            "registers-lack-a-state-the-plan-names",
            "tests/broken/registers-lack-a-state-the-plan-names.yaml:19:41: error: "
            "directions[A].actions[A.2].responsible.parties[2]: responsible party 'TR' is not "
            "declared under `parties` or `states` (parties: chair, coordinator)",
        ),
        (
            "registers-and-states-inline",
            "tests/broken/registers-and-states-inline.yaml:27:1: error: states: the plan names "
            "its registers under `registers`, so `states` belongs in "
            "tests/broken/../plans/split/registers.yaml; move it there",
        ),
        (
            "registers-names-unknown-instrument",
            "tests/broken/registers-names-unknown-instrument.yaml:10:29: error: "
            "ratifications[0].instrument: instrument 'protocol-2003' is not declared under "
            "`instruments` (declared: agreement, protocol)",
        ),
    ],
)
def test_a_broken_registers_file_or_reference_is_located(name: str, expected: str) -> None:
    code, out, err = _check(f"{BROKEN}/{name}.yaml")
    assert (code, out, err) == (1, [], [expected, "1 problem found"])
    # a query reading the plan fails the same way, with exit 2
    if name != "registers-names-unknown-instrument":
        query = run_cli("status", "--plan", f"{BROKEN}/{name}.yaml")
        assert (query.returncode, query.stderr.splitlines()) == (2, [expected])


def test_invalid_registers_are_located_in_them_and_at_the_plans_registers_line() -> None:
    assert _check(f"{BROKEN}/registers-invalid.yaml") == (
        1,
        [],
        [
            "tests/broken/registers-invalid.yaml:2:12: note: registers: the registers file "
            "tests/broken/registers-names-unknown-instrument.yaml is invalid: 1 problem, "
            "located in it",
            "tests/broken/registers-names-unknown-instrument.yaml:10:29: error: "
            "ratifications[0].instrument: instrument 'protocol-2003' is not declared under "
            "`instruments` (declared: agreement, protocol)",
            "1 problem found",  # counted once, where it is; the plan's line is a note
        ],
    )


def test_a_plan_and_its_registers_named_together_report_each_problem_once() -> None:
    code, _, err = _check(
        f"{BROKEN}/registers-invalid.yaml", f"{BROKEN}/registers-names-unknown-instrument.yaml"
    )
    assert code == 1
    assert err[-1] == "1 problem found"


def test_warnings_in_the_registers_are_located_in_them() -> None:
    warning = (
        "tests/warnings/registers-chairmanship-gap.yaml:13:24: warning: chairmanships[1].start: "
        "no Chairmanship-in-Office between the term of GR (ends 2010-06) and the term of RO "
        "(starts 2010-09): 2010-07-01 – 2010-08-31 (62 days)"
    )
    for path in ("registers-chairmanship-gap.yaml", "registers-with-a-gap.yaml"):
        code, _, err = _check(f"tests/warnings/{path}")
        assert (code, err) == (0, [warning, "1 warning found"])


def test_registers_escaping_upward_are_read(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / ".git").mkdir()  # inside one repository (outside any, only the plan's folder)
    plan = (TESTS / "plans" / "split" / "plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "plans" / "plan.yaml").write_text(
        plan.replace("registers: registers.yaml", "registers: ../registers.yaml"), encoding="utf-8"
    )
    shutil.copy(TESTS / "plans" / "split" / "registers.yaml", tmp_path / "registers.yaml")
    result = run_cli("check", "plans/plan.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_cache_covers_the_registers_bytes(tmp_path: Path) -> None:
    for name in ("plan.yaml", "registers.yaml"):
        shutil.copy(TESTS / "plans" / "split" / name, tmp_path / name)
    env = {**os.environ, "BSEC_PLAN_CACHE": str(tmp_path / "cache")}

    def states() -> list[str]:
        result = run_cli(
            "states", "--plan", str(tmp_path / "plan.yaml"), "--format", "json", env=env
        )
        assert result.returncode == 0, result.stderr
        return [s["name"] for s in json.loads(result.stdout)["states"]]

    assert states() == ["Romania", "Greece"]
    assert list((tmp_path / "cache").glob("*.json"))  # the merged plan was cached
    registers = tmp_path / "registers.yaml"
    registers.write_text(registers.read_text().replace("name: Greece", "name: Hellas"))
    assert states() == ["Romania", "Hellas"]


def _git(*args: str, cwd: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_diff_shows_a_change_in_the_registers(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    for path in (PLAN, REGISTERS):
        shutil.copy(path, tmp_path / "data" / path.name)
    _git("init", "-q", "-b", "main", cwd=tmp_path)
    _git("add", "data", cwd=tmp_path)
    _git("commit", "-qm", "plan and registers", cwd=tmp_path)
    assert run_cli("diff", "--exit-code", cwd=tmp_path).returncode == 0
    registers = tmp_path / "data" / "registers.yaml"
    registers.write_text(
        registers.read_text(encoding="utf-8").replace(
            "  - {state: RO, since: 2007-01-01,", "  - {state: RO, since: 2007-02-01,"
        ),
        encoding="utf-8",
    )
    result = run_cli("diff", "main", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["old"], doc["new"]) == ("main:data/plan.yaml", "data/plan.yaml")
    assert doc["changes"] == [
        {
            "kind": "EU membership changed",
            "subject": "RO",
            "old": f"since 2007-01-01, source: {EU_SOURCE}",
            "new": f"since 2007-02-01, source: {EU_SOURCE}",
        }
    ]
    # both sides at revisions: the registers read at each
    _git("commit", "-qam", "RO joined the EU later", cwd=tmp_path)
    result = run_cli("diff", "main~1", "main", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2007-02-01" in result.stdout


EU_SOURCE = "https://europa.eu/european-union/about-eu/countries_en"


def test_a_revision_without_the_registers_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(PLAN, tmp_path / "data" / "plan.yaml")
    _git("init", "-q", "-b", "main", cwd=tmp_path)
    _git("add", "data", cwd=tmp_path)
    _git("commit", "-qm", "plan without its registers", cwd=tmp_path)
    shutil.copy(REGISTERS, tmp_path / "data" / "registers.yaml")
    result = run_cli("diff", "main", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "main:data/plan.yaml:11:12: error: registers: cannot read the registers file: "
        "data/registers.yaml does not exist at revision 'main'"
    )


def test_the_registers_schema_is_the_generated_one() -> None:
    shipped = ROOT / "bsec_plan" / "registers.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_json("registers")
    result = run_cli("schema", "registers")
    assert (result.returncode, result.stdout) == (0, schema_json("registers"))
    assert json.loads(schema_json("registers"))["title"] == "BSEC registers"
