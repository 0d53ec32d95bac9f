"""The pager as git runs it: a shell command, with LESS and LV set, and a pager that cannot
start named in one warning line while the output is still shown. On a pseudo-terminal of 80x24,
where the calendar is longer than the screen."""

from pathlib import Path

from conftest import run_on_terminal

CALENDAR = ("calendar", "--as-of", "2010-06-01")
WARNING = "bsec-plan: warning: cannot run pager '{}'; printing without it"


def pager(command: str) -> dict[str, str | None]:
    return {"BSEC_PLAN_PAGER": None, "PAGER": command}


def test_the_pager_is_a_shell_command_with_pipes_and_quotes(tmp_path: Path) -> None:
    out_file = tmp_path / "paged.txt"
    code, out = run_on_terminal(*CALENDAR, env=pager(f"sed 's/^/> /' | cat > '{out_file}'"))
    assert code == 0 and out == ""  # everything went to the pager
    lines = out_file.read_text().splitlines()
    assert lines[0] == "> Plan file: data/plan.yaml"
    assert all(line.startswith("> ") for line in lines)
    assert "> \x1b[1mDecember 2011\x1b[0m" in lines  # a title, in bold: the colours reach it too


def test_less_and_lv_are_told_to_show_colours_unless_set(tmp_path: Path) -> None:
    seen = tmp_path / "env.txt"
    command = f'cat > /dev/null; echo "LESS=$LESS LV=$LV" > "{seen}"'
    run_on_terminal(*CALENDAR, env={**pager(command), "LESS": None, "LV": None})
    assert seen.read_text() == "LESS=FRX LV=-c\n"
    run_on_terminal(*CALENDAR, env={**pager(command), "LESS": "-R", "LV": "-a"})
    assert seen.read_text() == "LESS=-R LV=-a\n"


def test_a_pager_that_is_not_installed_is_named_and_the_output_kept() -> None:
    code, out = run_on_terminal(*CALENDAR, env=pager("bsec-plan-no-such-pager -s"))
    assert code == 0
    first, rest = out.split("\n", 1)
    assert first == WARNING.format("bsec-plan-no-such-pager")
    assert rest.startswith("Plan file: data/plan.yaml") and "December 2011" in rest


def test_a_pager_the_shell_cannot_find_is_named_and_the_output_kept() -> None:
    # the first word runs; what it runs is not found (exit 127): nothing was shown
    command = "env bsec-plan-no-such-pager"
    code, out = run_on_terminal(*CALENDAR, env=pager(command))
    assert code == 0
    assert WARNING.format(command) in out
    assert out.count("Plan file: data/plan.yaml") == 1 and "December 2011" in out


def test_an_unparsable_pager_is_a_warning_not_a_failure() -> None:
    code, out = run_on_terminal(*CALENDAR, env={"BSEC_PLAN_PAGER": '"less'})
    assert code == 0
    first, rest = out.split("\n", 1)
    assert first == WARNING.format('"less')
    assert "December 2011" in rest


def test_BSEC_PLAN_PAGER_comes_before_PAGER(tmp_path: Path) -> None:
    out_file = tmp_path / "paged.txt"
    env = {"BSEC_PLAN_PAGER": f"cat > '{out_file}'", "PAGER": "bsec-plan-no-such-pager"}
    code, out = run_on_terminal(*CALENDAR, env=env)
    assert code == 0 and out == "" and "December 2011" in out_file.read_text()
