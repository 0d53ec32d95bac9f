"""Inputs that used to be taken silently or end in an internal error: a cache entry that no
longer fits the records, an empty diff side, a relative cache folder."""

import os
from pathlib import Path

import pytest
from conftest import TESTS, run_cli

MINIMAL = TESTS / "plans" / "minimal.yaml"


@pytest.mark.parametrize(
    ("found", "planted"),
    [
        (b'"Organize the meetings."', b"5"),  # a wrong type
        (b'["chair"]', b'"chair"'),  # a text where a list belongs
        (b'"Organize the meetings.",', b""),  # a field missing
        (b'["chair"]', b'["nobody"]'),  # a reference that does not resolve
        (b'"each-semester"', b'"weekly"'),  # a value outside its Literal
    ],
)
def test_a_cache_entry_that_does_not_fit_the_records_is_a_miss(
    tmp_path: Path, cache_dir: Path, found: bytes, planted: bytes
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(MINIMAL.read_bytes())
    env = {**os.environ, "BSEC_PLAN_CACHE": str(cache_dir)}
    assert run_cli("overdue", "--plan", str(plan), env=env).returncode == 0
    (entry,) = cache_dir.iterdir()
    content = entry.read_bytes()
    assert found in content
    entry.write_bytes(content.replace(found, planted, 1))
    for command in ("overdue", "calendar", "status"):
        result = run_cli(command, "--plan", str(plan), "--as-of", "2010-06-01", env=env)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    result = run_cli("show", "A.2", "--plan", str(plan), env=env)
    assert result.returncode == 0 and "Organize the meetings." in result.stdout
    assert "Chairmanship-in-Office" in result.stdout


@pytest.mark.parametrize("sides", [[""], ["", "HEAD"], ["HEAD", ""]])
def test_an_empty_diff_side_is_a_usage_error(sides: list[str]) -> None:
    result = run_cli("diff", *sides)
    assert result.returncode == 2 and result.stdout == ""
    which = "OLD" if sides[0] == "" else "NEW"
    assert result.stderr == (
        f"bsec-plan: error: {which}: an empty revision or file name; "
        "name one, or leave it out for the default\n"
    )


def test_a_relative_cache_folder_is_a_usage_error(tmp_path: Path) -> None:
    env = {**os.environ, "BSEC_PLAN_CACHE": "cache"}
    result = run_cli("status", "--plan", str(MINIMAL), cwd=tmp_path, env=env)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "bsec-plan: error: BSEC_PLAN_CACHE: 'cache' is a relative path; "
        "give an absolute one, or an empty value for no cache\n"
    )
    assert list(tmp_path.iterdir()) == []  # no cache folder made where the tool ran
    helped = run_cli("status", "-h", cwd=tmp_path, env=env)  # help is always given
    assert helped.returncode == 0 and "Usage:" in helped.stdout
    assert list(tmp_path.iterdir()) == []
