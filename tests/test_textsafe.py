"""Plan text and arguments are data for every consumer: Markdown renders them as text, a
spreadsheet does not run them, and invisible characters never reach any output raw."""

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest
from conftest import TESTS, run_cli
from markdown_it import MarkdownIt

from bsec_plan.safetext import csv_cell, json_text, markdown_cell, visible

MINIMAL = str(TESTS / "plans" / "minimal.yaml")
INJECTION = str(TESTS / "plans" / "markdown-injection.yaml")
FORMULAS = str(TESTS / "plans" / "formula-in-text.yaml")
BIDI = "tests/broken/bidi-override.yaml"
INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
INVISIBLE += "\u200b\u200c\u200d\u2060\ufeff"


def rendered(markdown: str) -> str:
    """HTML as a CommonMark renderer with GitHub's tables and raw HTML allowed makes it."""
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html: str = renderer.render(markdown)
    return html


def test_markdown_diff_of_hostile_text_stays_one_table_of_text() -> None:
    result = run_cli("diff", MINIMAL, INJECTION, "--format", "markdown", "--as-of", "2009-06-01")
    assert result.returncode == 0, result.stderr
    html = rendered(result.stdout)
    # one table, one row per change: nothing closed it or folded rows away
    assert html.count("<table>") == 1 and html.count("</table>") == 1
    assert html.count("<tr>") == 1 + 3
    for tag in ("<details", "<summary", "<img", "<a ", "<b>", "<em>", "<strong>", "<h1"):
        assert tag not in html
    # the texts are shown as written
    assert "Invite. &lt;/table&gt;&lt;details&gt;&lt;summary&gt;No other changes" in html
    assert "See ![x](https://img.example/x.png) and [the plan](https://evil.example)" in html
    assert "| *now* `x`" in html
    assert "# The Chairmanship &amp; &lt;b&gt;all&lt;/b&gt; [chair]" in html
    # the @ of a mention sits in code, where GitHub looks for no mention
    assert re.findall(r".@", html) == [">@"] and "<code>@</code>bsec/reviewers" in html


def test_check_step_summary_of_hostile_text_stays_one_table_of_text(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run_cli(
        "check",
        "--format",
        "github",
        "tests/broken/undeclared-party-named-in-markup.yaml",
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    html = rendered(summary.read_text())
    assert html.count("<table>") == 1 and html.count("<tr>") == 1 + 1
    for tag in ("<details", "<summary", "<img", "<a "):
        assert tag not in html
    assert "responsible party '&lt;/table&gt;&lt;details&gt;&lt;summary&gt;ok" in html
    assert "<code>@</code>bsec/reviewers ![x](https://img.example/x.png)" in html


def test_markdown_names_of_the_compared_files_cannot_break_out_of_their_code() -> None:
    from bsec_plan.queries.changes import Change, Diff
    from bsec_plan.views.diff import diff_markdown

    d = Diff(dt.date(2009, 6, 1), [Change("action reworded", "A.1", "x", "y")])
    html = rendered(diff_markdown(d, "a`<b>.yaml", "new.yaml"))
    assert "<b>" not in html and "a`&lt;b&gt;.yaml" in html and "<code>new.yaml</code>" in html


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a|b", "a\\|b"),
        ("line\nbreak", "line break"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("x_y_ *z* ~~s~~", "x\\_y\\_ \\*z\\* \\~\\~s\\~\\~"),
        ("<!-- c -->", "&lt;\\!-- c --&gt;"),
        ("&amp;", "&amp;amp;"),
        ("a@b.example @team", "a@b.example `@`team"),
        ("back\\slash", "back\\\\slash"),
        ("rl\u202eo", "rl\\\\u202eo"),
    ],
)
def test_markdown_cell_shows_text_as_written(text: str, shown: str) -> None:
    assert markdown_cell(text) == shown


def test_csv_cells_from_plan_text_cannot_start_a_formula() -> None:
    result = run_cli("overdue", "--plan", FORMULAS, "--as-of", "2010-06-01", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["Text"] == '\'=HYPERLINK("https://evil.example","click")'
    assert rows[0]["Days overdue"] == "336"  # a number we computed: written as it is
    result = run_cli("states", "--plan", FORMULAS, "--format", "csv")
    names = [row["Name"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert names == ["'@SUM(1+1)", "'-2+3"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_csv_cell_prefixes_every_formula_start(start: str) -> None:
    assert csv_cell(f"{start}1") == f"'{start}1"
    assert csv_cell(f"a{start}1") == f"a{start}1"


def test_csv_cell_starting_with_a_carriage_return_is_escaped() -> None:
    assert csv_cell("\r=1") == "\\x0d=1"


def test_invisible_characters_are_escaped_and_json_keeps_their_value() -> None:
    for char in INVISIBLE:
        assert visible(f"a{char}b") == f"a\\u{ord(char):04x}b"
        document = json_text(json.dumps({"t": f"a{char}b"}, ensure_ascii=False))
        assert char not in document and json.loads(document) == {"t": f"a{char}b"}
        assert char not in markdown_cell(f"a{char}b")


def test_a_bidi_override_in_plan_text_is_a_located_error_in_every_report(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    results = [
        run_cli(
            "check",
            "--format",
            fmt,
            BIDI,
            env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
        )
        for fmt in ("text", "json", "github")
    ]
    assert [r.returncode for r in results] == [1, 1, 1]
    outputs = [r.stdout + r.stderr for r in results] + [summary.read_text()]
    for out in outputs:
        assert not any(char in out for char in INVISIBLE)
    assert (
        f"{BIDI}:15:15: error: a bidirectional control U+202E in the text "
        "'Organize \\u202egnitsoh eht dna\\u202c the meetings.'; write it without one"
    ) in results[0].stderr
    problem = json.loads(results[1].stdout)["problems"][0]
    assert (problem["line"], problem["column"]) == (15, 15)
    assert problem["message"].startswith("a bidirectional control U+202E in the text")


def test_queries_refuse_a_plan_with_a_bidi_override() -> None:
    result = run_cli("status", "--plan", BIDI)
    assert result.returncode == 2
    assert "\u202e" not in result.stderr and "\\u202e" in result.stderr


def test_arguments_echoed_in_errors_are_escaped() -> None:
    result = run_cli("status", "--state", "R\x1bO\u202e")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert result.stderr.startswith("bsec-plan: error: no Member State 'R\\x1bO\\u202e'; ")
    result = run_cli("show", "A\x1b[2J")
    assert result.returncode == 2
    assert result.stderr.startswith("bsec-plan: error: no action 'A\\x1b[2J'; ")
