"""The plan cache: used only for the exact bytes it was made from, never beside the plan."""

from pathlib import Path

import pytest
from conftest import TESTS, checkout_env, run_cli

from bsec_plan.loading import cache, planfile
from bsec_plan.problems import PlanError


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "plan.yaml"
    path.parent.mkdir()
    path.write_bytes((TESTS / "plans" / "minimal.yaml").read_bytes())
    return path


def test_second_load_comes_from_the_cache_and_an_edit_is_seen(
    tmp_path: Path, cache_dir: Path
) -> None:
    path = _copy(tmp_path)
    first = planfile.load(path)
    assert len(list(cache_dir.iterdir())) == 1
    assert planfile.load(path) == first
    path.write_text(path.read_text().replace("Organize the meetings.", "Organise the meetings."))
    assert planfile.load(path).actions["A.2"].text == "Organise the meetings."
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "plan.yaml"
    ]  # nothing written beside the plan


def test_a_direction_of_thousands_of_actions_is_read_back_from_its_entry(
    tmp_path: Path, cache_dir: Path
) -> None:
    """An entry is written in pieces (a thousand actions at a time): read back, it is the plan."""
    path = _copy(tmp_path)
    extra = "".join(
        f"      - {{id: A.{n}, text: Action {n}., notes: [Note {n}.]}}\n" for n in range(3, 2504)
    )
    text = path.read_text().replace("kind: each-semester\n", "kind: each-semester\n" + extra, 1)
    path.write_text(text)
    first = planfile.load(path)
    assert cache.get(path.read_bytes()) == first  # the entry itself, not the file read again
    assert len(first.actions) == 2503 and first.actions["A.2503"].notes == ["Note 2503."]
    assert planfile.load(path) == first


def test_an_invalid_edit_is_never_hidden_by_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    path = _copy(tmp_path)
    planfile.load(path)
    path.write_text(path.read_text().replace("kind: each-semester", "kind: weekly"))
    with pytest.raises(PlanError):
        planfile.load(path)


def test_a_corrupt_or_foreign_entry_is_ignored(tmp_path: Path, cache_dir: Path) -> None:
    path = _copy(tmp_path)
    planfile.load(path)
    (entry,) = cache_dir.iterdir()
    entry.write_bytes(b"not a pickle")
    assert planfile.load(path).actions["A.2"].text == "Organize the meetings."


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BSEC_PLAN_CACHE", "")
    assert cache.directory() is None
    assert planfile.load(_copy(tmp_path)).title == "A small plan"


def test_default_folder_is_the_users_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BSEC_PLAN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == tmp_path / "bsec-plan"


def test_help_is_the_same_every_time() -> None:
    first, second = run_cli("--help"), run_cli("--help")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert "overdue" in first.stdout and "calendar" in first.stdout


def _help_entries(folder: Path) -> int:
    """Entries holding a help text (the others hold plans)."""
    entries = folder.glob("*.json") if folder.exists() else []
    return sum(b"\nUsage: bsec-plan" in e.read_bytes() for e in entries)


def test_help_alone_is_kept_and_answered_again(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    env = {**checkout_env(), "BSEC_PLAN_CACHE": str(folder)}
    for args in (["--help"], ["-h"], ["overdue", "--help"], ["show", "-h"]):
        first, second = run_cli(*args, env=env), run_cli(*args, env=env)
        assert (first.returncode, second.returncode) == (0, 0)
        assert first.stdout == second.stdout and "Usage: bsec-plan" in first.stdout
    assert _help_entries(folder) == 4


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--plan", "--help"],  # --help is the value of --plan here
        ["calendar", "-o", "--help"],
        ["nosuch", "--help"],
        ["overdue", "--as-of", "2010-06-01", "--help"],
        ["--help", "overdue"],
    ],
    ids=" ".join,
)
def test_nothing_but_a_help_request_reaches_the_help_cache(tmp_path: Path, args: list[str]) -> None:
    folder = tmp_path / "cache"
    env = {**checkout_env(), "BSEC_PLAN_CACHE": str(folder)}
    run_cli(*args, env=env, cwd=tmp_path)
    assert _help_entries(folder) == 0
