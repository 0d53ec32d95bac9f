"""`record` keeps a file in the one layout: a list the file lacks is written where `fmt` puts it,
so that `fmt --check` still passes after a record, and nothing else in the file moves.

The fixtures in tests/plans/record-layout/ are laid out by `fmt` and lack every list a record
goes into: `inline.yaml` carries its registers, `plan.yaml` names `registers.yaml`. Every fact
recorded here is fictional and lives only in a temporary copy."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, TESTS, run_cli

FIXTURES = TESTS / "plans" / "record-layout"
SOURCE = ["--source", "https://example.org/minutes.pdf"]
RECORDS = {
    "progress": [
        "progress", "A.2", "2010-H1", "--date", "2010-06-15", "--status", "done",
        "--summary", "Meeting of the Network.", *SOURCE,
    ],
    "officer": ["officer", "RO", "appointed", "--date", "2010-09-01", *SOURCE],
    "event": ["event", "GR", "protocol", "ratification", "--date", "2004-05", *SOURCE],
}  # fmt: skip
NEW_KEY = {"progress": "progress:", "officer": "liaison_officers:", "event": "ratifications:"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("inline.yaml", "plan.yaml", "registers.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def _inserted(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if it changes or removes any."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added: list[str] = []
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: {old!r} -> {new[j1:j2]!r}"
        if tag == "insert":
            added += new[j1:j2]
    return added


def test_the_fixtures_are_in_the_layout_and_valid(folder: Path) -> None:
    names = [str(folder / n) for n in ("inline.yaml", "plan.yaml", "registers.yaml")]
    assert run_cli("fmt", "--check", *names).returncode == 0
    assert run_cli("check", names[0], names[1]).returncode == 0


@pytest.mark.parametrize("kind", RECORDS)
@pytest.mark.parametrize("plan_name", ["inline.yaml", "plan.yaml"])
def test_a_new_list_goes_where_fmt_puts_it(folder: Path, kind: str, plan_name: str) -> None:
    plan = folder / plan_name
    in_plan = plan_name == "inline.yaml" or kind == "progress"
    edited = plan if in_plan else folder / "registers.yaml"
    before = edited.read_text(encoding="utf-8")
    result = run_cli("record", *RECORDS[kind], "--plan", str(plan))
    assert result.returncode == 0, result.stderr
    after = edited.read_text(encoding="utf-8")
    added = _inserted(before, after)  # comments, quoting and every other line as they were
    assert NEW_KEY[kind] + "\n" in added and added.count("\n") == 1  # set apart by a blank
    fmt = run_cli("fmt", "--check", str(edited))
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    assert run_cli("check", str(plan)).returncode == 0


def test_every_list_added_in_turn_stays_in_the_layout(folder: Path) -> None:
    for plan_name in ("inline.yaml", "plan.yaml"):
        for kind in ("event", "progress", "officer"):
            plan = str(folder / plan_name)
            assert run_cli("record", *RECORDS[kind], "--plan", plan).returncode == 0
        assert run_cli("check", plan).returncode == 0
    names = [str(folder / n) for n in ("inline.yaml", "plan.yaml", "registers.yaml")]
    fmt = run_cli("fmt", "--check", *names)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    text = (folder / "registers.yaml").read_text(encoding="utf-8")
    keys = [line for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == [
        "states:", "instruments:", "ratifications:", "liaison_officers:", "eu_membership:",
        "chairmanships:",
    ]  # fmt: skip
    assert '  - {state: GR, since: 1981-01-01, source: "https://europa.example/members"}' in text


@pytest.mark.parametrize(
    "args",
    [
        RECORDS["progress"],
        ["officer", "AL", "appointed", "--date", "2010-09-01", *SOURCE],  # replaces its record
        ["event", "AL", "protocol-2002", "ratification", "--date", "2010-05", *SOURCE],
        ["event", "RS", "protocol-2002", "publication", "--date", "2010-05", *SOURCE],
    ],
    ids=["progress", "officer", "new-ratification", "event"],
)
def test_a_record_in_a_list_the_file_has_stays_in_the_layout(
    tmp_path: Path, args: list[str]
) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    shutil.copy(REGISTERS, tmp_path / "registers.yaml")
    files = [str(tmp_path / "plan.yaml"), str(tmp_path / "registers.yaml")]
    assert run_cli("fmt", "--check", *files).returncode == 0
    result = run_cli("record", *args, "--plan", files[0])
    assert result.returncode == 0, result.stderr
    fmt = run_cli("fmt", "--check", *files)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    assert run_cli("check", files[0]).returncode == 0
