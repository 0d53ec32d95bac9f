"""What a delegate sees on a terminal of 80x24 and 60x24: `status` on one screen without the
pager, `states --missing` one line per lack, and addresses never broken."""

import re
from pathlib import Path

import pytest
from conftest import run_cli, run_on_terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
REFERENCE = re.compile(r"\[(\d+)\] ([a-z]+://\S+)")


def _seen(tmp_path: Path, *args: str, columns: int) -> tuple[list[str], bool]:
    """The lines the tool wrote and whether it started the pager (which leaves a marker)."""
    marker = tmp_path / "paged"
    pager = f"sh -c 'touch {marker}; cat'"
    code, out = run_on_terminal(*args, columns=columns, env={"BSEC_PLAN_PAGER": pager})
    assert code == 0, out
    return [line.rstrip() for line in ANSI.sub("", out).splitlines()], marker.exists()


@pytest.mark.parametrize("columns, most", [(80, 23), (60, 23)])
def test_status_fits_without_the_pager(tmp_path: Path, columns: int, most: int) -> None:
    lines, paged = _seen(tmp_path, "status", "--as-of", "2010-06-01", columns=columns)
    assert len(lines) <= most, "\n".join(lines)
    assert not paged  # one screen at 80 columns and at 60, as the other commands fit 60
    text = " ".join(" ".join(lines).split())  # wrapped lines joined again
    assert "as of 2010-06-01, 50% has passed" in text
    assert "Direction A 3 overdue · 1 due soon · 3 upcoming · 1 no deadline" in text
    due = "2009-06-30 " if columns == 80 else ""  # at 60 the days say when
    assert f"Overdue A.2 2009-H1 {due}336 days ago CC?; Chair AZ" in text
    assert "… and 3 more: bsec-plan calendar" in text
    more = ", --missing liaison-officer" if columns == 80 else ""  # 60: the first is enough
    assert f"bsec-plan states --missing ratification{more}" in text


def test_status_at_80_columns_is_this_screen(tmp_path: Path) -> None:
    lines, _ = _seen(tmp_path, "status", "--as-of", "2010-06-01", columns=80)
    assert lines == [
        "Period 2009-05-01 – 2011-06-30; as of 2010-06-01, 50% has passed.",
        "Plan file: data/plan.yaml",
        "",
        "Direction A  3 overdue · 1 due soon · 3 upcoming · 1 no deadline",
        "          B  1 upcoming · 1 no deadline",
        "          C  1 ongoing · 2 no deadline",
        "          D  1 no deadline",
        "          E  1 upcoming",
        "",
        "Overdue   A.2 2009-H1  2009-06-30  336 days ago  CC?; Chair AZ",
        "          A.2 2009-H2  2009-12-31  152 days ago  CC?; Chair BG",
        "          A.3 2009     2010-02-28  93 days ago   CC?; all states",
        "Next      A.2 2010-H1  2010-06-30  in 29 days    due soon  CC?; Chair GR",
        "          A.2 2010-H2  2010-12-31  in 213 days   upcoming  CC?; Chair GR",
        "          … and 3 more: bsec-plan calendar",
        "Missing   consent to be bound           none on record              date unknown",
        "          BSEC Agreement (1998)         AM AZ GE MD RU TR UA        AL RS",
        "          Additional Protocol (2002)    AL AM AZ GE GR MD RU TR UA  RS",
        "          Protocol on Terrorism (2004)  AM AZ GE MD RU TR           AL RS",
        "          Liaison officer               not appointed: AL AZ RS",
        "          bsec-plan states --missing ratification, --missing liaison-officer",
        "",
        "CC? Country-Coordinator of the Working Group, holder unknown.",
    ]


def test_many_overdue_point_to_the_rest(tmp_path: Path) -> None:
    lines, _ = _seen(tmp_path, "status", "--as-of", "2011-09-01", columns=80)
    assert "          … and 5 more: bsec-plan overdue" in lines


def test_piped_status_keeps_the_full_tables() -> None:
    out = run_cli("status", "--as-of", "2010-06-01").stdout
    assert "Occurrences by direction" in out and "Next deadlines" in out


def _addresses_whole(lines: list[str]) -> dict[str, str]:
    """The references under a table: each a whole address on a line of its own, listed once."""
    refs = {m.group(1): m.group(2) for line in lines if (m := REFERENCE.fullmatch(line))}
    assert len(set(refs.values())) == len(refs)
    cut = [line for line in lines if "://" in line and not REFERENCE.fullmatch(line)]
    assert cut == []  # no address in a cell, none cut across lines
    return refs


@pytest.mark.parametrize("columns", [80, 60])
def test_missing_ratification_one_line_per_lack(tmp_path: Path, columns: int) -> None:
    lines, _ = _seen(
        tmp_path, "states", "--missing", "ratification", "--as-of", "2010-06-01", columns=columns
    )
    refs = _addresses_whole(lines)
    assert set(refs.values()) == {
        "https://www.readbag.com/qpz-al-botime-permbledhese-permledhese-e-akteve-nderkombetare-per-drejtesine",
        "http://demo.paragraf.rs/demo/combined/Old/t/t2011_10/t10_0317.htm",
    }
    if columns == 80:
        assert len(lines) <= 40, "\n".join(lines)
        assert "AL     BSEC Agreement (1998)         consented, date unknown (law)  [1]" in lines
        assert "GR     Additional Protocol (2002)    nothing recorded               —" in lines
        assert "[2] http://demo.paragraf.rs/demo/combined/Old/t/t2011_10/t10_0317.htm" in lines


def test_missing_at_80_columns_today_fits(tmp_path: Path) -> None:
    for what in ("ratification", "liaison-officer"):
        lines, _ = _seen(tmp_path, "states", "--missing", what, columns=80)
        assert len(lines) <= 40 and not any(
            line.startswith("State  ") is False and "Name " in line for line in lines
        )
        _addresses_whole(lines)


def test_sources_never_break_an_address(tmp_path: Path) -> None:
    lines, _ = _seen(tmp_path, "--no-pager", "sources", columns=80)
    refs = _addresses_whole(lines)
    piped = run_cli("sources", "--format", "csv").stdout
    assert refs and all(address in piped for address in refs.values())


def test_piped_missing_list_keeps_addresses_in_the_table() -> None:
    out = run_cli("states", "--missing", "ratification", "--as-of", "2010-06-01").stdout
    assert (
        "[1]" not in out
        and "http://demo.paragraf.rs/demo/combined/Old/t/t2011_10/t10_0317.htm" in out
    )
