"""`report` writes the scoreboard beside its index, as a page to print: the page that
`scoreboard --format html` prints for the whole plan, linked from the report's pages."""

from __future__ import annotations

import os
from pathlib import Path

import html5lib
from conftest import PLAN, run_cli


def _report(folder: Path, *args: str) -> None:
    result = run_cli(
        "report", "--as-of", "2010-06-01", "--plan", str(PLAN), "-o", str(folder), *args
    )
    assert result.returncode == 0, result.stderr


def test_the_report_writes_the_printable_scoreboard_and_links_it(tmp_path: Path) -> None:
    _report(tmp_path)
    page = (tmp_path / "scoreboard.html").read_text(encoding="utf-8")
    printed = run_cli(
        "scoreboard",
        "--as-of",
        "2010-06-01",
        "--plan",
        PLAN.name,
        "--format",
        "html",
        cwd=PLAN.parent,
    )  # the report names the plan by its file name, as the index does
    assert printed.returncode == 0, printed.stderr
    assert page == printed.stdout  # the same page, the same writer
    html5lib.HTMLParser(strict=True).parse(page)
    assert "@page { size: A4" in page
    assert "section.direction + section.direction { break-before: page; }" in page
    for interactive in ("<script", "<button", "<input", "<details", "<form"):
        assert interactive not in page
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert index.count('<a href="scoreboard.html">Scoreboard to print</a>') == 1


def test_with_a_state_the_scoreboard_is_that_state_s(tmp_path: Path) -> None:
    _report(tmp_path, "--state", "ro")
    page = (tmp_path / "scoreboard.html").read_text(encoding="utf-8")
    assert "for Romania (RO)" in page


def test_a_symlinked_scoreboard_is_replaced_its_target_untouched(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside.html"
    site.mkdir()
    outside.write_text("theirs")
    (site / "scoreboard.html").symlink_to(outside)
    _report(site)
    assert not (site / "scoreboard.html").is_symlink()  # written only inside the folder
    assert outside.read_text() == "theirs"
    assert sorted(os.listdir(site)) == ["index.html", "scoreboard.html"]
