"""Tables on a terminal (a pseudo-terminal of 80x24 and 60x24) and the plain, CSV and JSON
writers: every column there, no word broken, no line wider than the terminal, plan text shown
literally."""

import io
import json
import re
from functools import partial
from pathlib import Path

import pytest
from conftest import TESTS, run_cli, run_on_terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CODES = ["AL", "AM", "AZ", "BG", "GE", "GR", "MD", "RO", "RU", "RS", "TR", "UA"]
AS_OF = "2010-06-01"
REFERENCE = re.compile(r"\[\d+\] [a-z]+://\S+")


def _screen(*args: str, columns: int) -> list[str]:
    code, out = run_on_terminal(*args, columns=columns)
    assert code == 0, out
    lines = ANSI.sub("", out).splitlines()
    # the one exception to the width: an address alone on its line, `[1] https://…`, whole
    fitting = [line for line in lines if not REFERENCE.fullmatch(line)]
    assert max(len(line) for line in fitting) <= columns, max(fitting, key=len)
    return lines


@pytest.mark.parametrize("columns", [80, 60])
def test_states_shows_every_code_and_column(columns: int) -> None:
    lines = _screen("states", "--as-of", AS_OF, columns=columns)
    text = "\n".join(lines)
    for code in CODES:
        assert re.search(rf"^\s*(State\s+)?{code}\b", text, re.M), code
    if columns == 80:  # a row per state, the stage reached in words, the instruments named
        at = next(i for i, line in enumerate(lines) if line.startswith("RO "))
        ro = " ".join(lines[at].split())
        assert ro == "RO in force 2000-03-08 consented by 2003-05-08 consented by 2005-07-20"
        assert "BSEC Agreement (1998)" in text and "Liaison officers:" in text
    else:  # the same table, its cells wrapped at spaces
        assert "Liaison officers:" in text and "EU members:" in text
        assert "Terrorism (2004)" in text


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize(
    "command",
    [
        ["overdue", "--as-of", AS_OF],
        ["calendar", "--as-of", AS_OF],
        ["show", "A.3", "--as-of", AS_OF],
        ["states", "--missing", "liaison-officer", "--as-of", AS_OF],
    ],
)
def test_words_stay_whole(command: list[str], columns: int) -> None:
    """Every word on the narrow terminal is one shown where nothing wraps (a terminal of 400
    columns, or piped): a word broken inside would leave pieces that are not words."""
    words = {w for line in _screen(*command, columns=columns) for w in line.split()}
    wide = [*_screen(*command, columns=400), *run_cli(*command).stdout.splitlines()]
    whole = {w for line in wide for w in line.split()}
    assert {w for w in words - whole if set(w) != {"─"}} == set()


def test_status_fits_one_screen_at_80_columns() -> None:
    lines = _screen("status", "--as-of", AS_OF, columns=80)
    assert len(lines) <= 23
    text = "\n".join(lines)
    assert "CC?; Chair AZ" in text  # parties in short ...
    assert text.count("holder unknown") == 1  # ... and what is unknown said once
    assert "in 29 days" in text and "336 days ago" in text


def test_status_after_the_period_says_so_on_the_terminal() -> None:
    text = "\n".join(_screen("status", "--as-of", "2026-01-01", columns=80))
    assert "The plan's period ended on 2011-06-30" in text
    assert "--as-of 2011-06-30" in text


def test_piped_output_stays_plain_and_aligned() -> None:
    out = run_cli("states", "--as-of", AS_OF).stdout
    assert "\x1b[" not in out
    lines = out.splitlines()
    header = lines[2]
    assert header.startswith("State  Name  ") and "Liaison officer" in header
    assert lines[3].startswith("-----  ----")


def _plan_with(tmp_path: Path, text: str) -> str:
    plan = (TESTS / "plans" / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(plan.replace("text: Organize the meetings.", f"text: {text}"), "utf-8")
    return str(path)


def test_rich_markup_in_plan_text_is_shown_literally(tmp_path: Path) -> None:
    plan = _plan_with(tmp_path, '"Organize [bold red]the[/bold red] [/] [link=x]meetings[/link]."')
    args = ["overdue", "--plan", plan, "--as-of", "2012-01-01"]
    code, out = run_on_terminal(*args, columns=200)
    assert code == 0
    assert "[bold red]the[/bold red] [/] [link=x]meetings[/link]." in ANSI.sub("", out)
    assert "\x1b]8;" not in out  # no hyperlink escape
    doc = json.loads(run_cli(*args, "--format", "json").stdout)
    assert (
        doc["overdue"][0]["text"]
        == "Organize [bold red]the[/bold red] [/] [link=x]meetings[/link]."
    )


def test_a_control_character_never_reaches_a_query(tmp_path: Path) -> None:
    plan = _plan_with(tmp_path, '"Organize the meetings \\e[2J now."')
    for fmt in ("table", "csv", "json"):
        result = run_cli("overdue", "--plan", plan, "--as-of", "2012-01-01", "--format", fmt)
        assert result.returncode == 2 and result.stdout == ""
        assert "\x1b" not in result.stderr and "a control character in the text" in result.stderr


def test_every_writer_escapes_control_characters() -> None:
    from bsec_plan.views.common import Table
    from bsec_plan.writers import tables as output

    table = Table("T", ["Text"])
    table.rows.append(["a \x1b[2J b \x9b c"])
    for write in (partial(output.write_tables, [table]), partial(output.write_csv, table)):
        stream = io.StringIO()
        write(stream)
        assert "\x1b" not in stream.getvalue() and "\\x1b[2J" in stream.getvalue()
        assert "\x9b" not in stream.getvalue()
    stream = io.StringIO()
    output.write_json({"text": "a \x1b[2J \x9b"}, stream)
    assert "\x1b" not in stream.getvalue() and "\x9b" not in stream.getvalue()
    assert json.loads(stream.getvalue())["text"] == "a \x1b[2J \x9b"


@pytest.mark.parametrize(
    "command, sections",
    [
        (["status"], ["Direction A", "Overdue   A.2", "Next      A.2", "Missing\nconsent"]),
        (["calendar", "--format", "grid"], ["June 2009", "December 2011", "Marks: "]),
        (["diff", "tests/plans/minimal.yaml", "data/plan.yaml"], ["Changes from", "Before"]),
    ],
)
def test_sixty_columns_keep_every_section(command: list[str], sections: list[str]) -> None:
    text = "\n".join(_screen(*command, "--as-of", AS_OF, columns=60))
    for section in sections:
        assert section in text
