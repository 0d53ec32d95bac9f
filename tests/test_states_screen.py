"""`states` without --instrument or --state on a terminal: one screen at 80x24, a line per state
with the stage reached in words, the liaison officers and EU members in lines beneath; stacked
records at 60 columns, as other tables there."""

import re

import pytest
from conftest import run_cli, run_on_terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CODES = ["AL", "AM", "AZ", "BG", "GE", "GR", "MD", "RO", "RU", "RS", "TR", "UA"]


def _screen(*args: str, columns: int) -> list[str]:
    code, out = run_on_terminal(*args, columns=columns, lines=24)
    assert code == 0, out
    lines = ANSI.sub("", out).splitlines()
    assert max(len(line) for line in lines) <= columns, max(lines, key=len)
    return lines


def _row(lines: list[str], code: str) -> list[str]:
    """A state's cells: the columns are two spaces apart at least."""
    found = [line for line in lines if line.startswith(f"{code} ")]
    assert len(found) == 1, (code, lines)
    return re.split(r"\s{2,}", found[0].strip())


@pytest.mark.parametrize("as_of", ["2010-06-01", "2026-01-01"])
def test_one_screen_at_80x24(as_of: str) -> None:
    lines = _screen("states", "--as-of", as_of, columns=80)
    assert len(lines) <= 23, "\n".join(lines)
    for code in CODES:  # a line per state, every instrument's cell on it
        assert len(_row(lines, code)) == 4, code


def test_cells_say_the_stage_in_words() -> None:
    lines = _screen("states", "--as-of", "2026-01-01", columns=80)
    text = "\n".join(lines)
    assert _row(lines, "RO") == [
        "RO",
        "in force 2000-03-08",
        "consented by 2003-05-08",
        "consented by 2005-07-20",
    ]
    assert _row(lines, "GR") == ["GR", "consented 2001-06-27", "—", "consented 2006-04-03"]
    assert _row(lines, "AL")[1] == "consented, date unknown"
    assert _row(lines, "TR")[1:] == ["—", "—", "—"]
    # the instruments named in full in the header (wrapped at a space), not in a legend
    assert "BSEC Agreement (1998)" in text and "Protocol on Terrorism" in text


def test_officers_and_eu_members_beneath_the_table() -> None:
    text = " ".join(_screen("states", "--as-of", "2026-01-01", columns=80))
    said = " ".join(text.split())
    assert "Liaison officers: AL AZ RS not appointed; AM BG GE GR MD RO RU TR UA appointed" in said
    assert "EU members: BG RO since 2007-01-01; GR since 1981-01-01." in said
    before = " ".join(" ".join(_screen("states", "--as-of", "2006-01-01", columns=80)).split())
    assert "EU members: GR since 1981-01-01." in before
    assert "bsec-plan states --state CODE" in said


def test_a_computed_date_says_so_in_its_cell() -> None:
    args = ("states", "--plan", "tests/plans/stages/plan.yaml", "--as-of", "2001-12-31")
    lines = _screen(*args, columns=80)
    assert _row(lines, "RO")[1] == "in force 2000-06-01, computed"
    assert _row(lines, "UA")[1] == "in force 2000-12-15"
    assert "Liaison officers: RO GR BG TR UA MD GE AM AZ no record." in lines


@pytest.mark.parametrize("columns", [80, 60])
def test_no_word_broken(columns: int) -> None:
    """Every word on the narrow terminal is one shown where nothing wraps."""
    args = ("states", "--as-of", "2010-06-01")
    words = {w for line in _screen(*args, columns=columns) for w in line.split()}
    wide = [*_screen(*args, columns=400), *run_cli(*args).stdout.splitlines()]
    whole = {w for line in wide for w in line.split()}
    assert {w for w in words - whole if set(w) != {"─"}} == set()


def test_at_60_columns_the_cells_wrap_at_spaces() -> None:
    """Narrower, the same table: a state's cells wrap at a space, never inside a word or a date;
    longer than the screen, it goes through the pager as any long output does."""
    lines = _screen("states", "--as-of", "2010-06-01", columns=60)
    at = next(i for i, line in enumerate(lines) if line.startswith("RO "))
    assert lines[at].split() == ["RO", "in", "force", "consented", "by", "consented", "by"]
    assert lines[at + 1].split() == ["2000-03-08", "2003-05-08", "2005-07-20"]
    assert all(any(line.startswith(f"{code} ") for line in lines) for code in CODES)
