"""A large plan's report is written page by page, each page's data made as that page is written:
its pages show what the one-page report of the same plan shows, and the index's lists and
counts agree with the pages written. The threshold is lowered with a parameter, so a small
generated plan stands for a large one."""

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import html5lib
import pytest
from conftest import ROOT, day, run_cli

from bsec_plan.loading import planfile
from bsec_plan.writers import html as page

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_plan import plan_text

AS_OF = "2010-06-01"


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def parse(path: Path) -> Any:
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def rows(element: Any, kind: str) -> list[list[str]]:
    """The cells' text of every body row of the tables of class `kind` below `element`."""
    return [
        [_text(cell) for cell in tr if cell.tag in ("th", "td")]
        for table in element.iter("table")
        if kind in (table.get("class") or "").split()
        for tr in table.iter("tr")
        if tr.find("td") is not None
    ]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    """The same plan of 60 actions in 20 directions, as one page and split into pages."""
    folder = tmp_path_factory.mktemp("streamed")
    source = folder / "plan.yaml"
    source.write_text(plan_text(60, states=14, instruments=4), encoding="utf-8")
    plan = planfile.load(source)
    one, split = folder / "one", folder / "split"
    page.write_report(plan, str(source), day(AS_OF), str(one))
    page.write_report(plan, str(source), day(AS_OF), str(split), split=10, per_page=2)
    return one / "index.html", split, plan


def test_each_action_shows_the_occurrences_of_the_one_page_report(
    reports: tuple[Path, Path, Any],
) -> None:
    one, split, plan = reports
    whole = parse(one)
    pages = [parse(p) for p in sorted(split.glob("direction-*.html"))]
    assert len(pages) == 40  # 3 actions in each of 20 directions, 2 on a page
    seen = 0
    for action in plan.actions:
        [mine] = [a for a in whole.iter("article") if a.get("id") == f"action-{action}"]
        [theirs] = [
            a for p in pages for a in p.iter("article") if a.get("id") == f"action-{action}"
        ]
        # occurrence, due, status: who answers is counted more briefly on the split pages
        expected = [r[:3] for r in rows(mine, "occ")]
        assert [r[:3] for r in rows(theirs, "occ")] == expected, action
        seen += len(expected)
    assert seen > 100


def test_each_state_page_lists_the_duties_of_the_one_page_report(
    reports: tuple[Path, Path, Any],
) -> None:
    one, split, plan = reports
    whole = parse(one)
    for state in plan.states:
        [mine] = [s for s in whole.iter("section") if s.get("id") == f"state-{state.code}"]
        [theirs] = [
            s
            for s in parse(split / f"state-{state.code}.html").iter("section")
            if s.get("id") == f"state-{state.code}"
        ]
        # occurrence, due, status and role, most urgent first
        assert [r[:4] for r in rows(theirs, "duties")] == [r[:4] for r in rows(mine, "duties")]


def test_the_index_counts_what_its_pages_hold(reports: tuple[Path, Path, Any]) -> None:
    _, split, plan = reports
    index = parse(split / "index.html")
    [pages] = [s for s in index.iter("section") if s.get("id") == "pages"]
    listed = {}
    for tr in pages.iter("tr"):
        link = tr.find("th/a")
        if link is not None:
            listed[link.get("href")] = [_text(td) for td in tr.findall("td")]
    written = {p.name for p in split.glob("direction-*.html")}
    assert set(listed) == written
    for name, (actions, overdue) in listed.items():
        shown = parse(split / name)
        assert int(actions.split(":")[0]) == len(list(shown.iter("article"))), name
        statuses = [r[2] for r in rows(shown, "occ")]
        assert int(overdue) == sum(s.startswith("overdue") for s in statuses), name
    [states] = [s for s in index.iter("section") if s.get("id") == "state-pages"]
    for li in states.iter("li"):
        link = li.find("a")
        count = int(_text(li).rsplit(":", 1)[1])
        assert count == len(rows(parse(split / link.get("href")), "duties")), link.get("href")
    assert len(list(states.iter("li"))) == len(plan.states)


def test_the_groups_page_lists_as_many_duties_as_the_index_says(
    reports: tuple[Path, Path, Any],
) -> None:
    _, split, _ = reports
    index = (split / "index.html").read_text(encoding="utf-8")
    groups = rows(parse(split / "groups.html"), "group")
    assert groups
    assert f"({len(groups)} occurrences, listed once)" in index


def test_the_index_of_several_plans_counts_a_split_plan_as_its_pages_show_it(
    tmp_path: Path,
) -> None:
    source = tmp_path / "large.yaml"
    source.write_text(plan_text(30, states=14, instruments=4), encoding="utf-8")
    large = planfile.load(source)
    plans = [(large, str(source)), (planfile.load(ROOT / "data/plan.yaml"), "p")]
    site = tmp_path / "site"
    page.write_reports(plans, day(AS_OF), str(site), split=10)
    written = sorted((site / "large").glob("direction-*.html"))
    statuses = Counter(
        re.sub(r" (\d+ days|on \S+)$", "", r[2]) for p in written for r in rows(parse(p), "occ")
    )
    [line] = [tr for tr in parse(site / "index.html").iter("tr") if tr.get("id") == "Plan-1"]
    cells = {td.get("data-label"): _text(td) for td in line.findall("td")}
    assert cells["Actions"] == f"{len(large.actions)} in {len(large.directions)} directions"
    for status in ("overdue", "due soon", "upcoming", "done late", "done"):
        assert int(cells[status.capitalize()]) == statuses[status], status
    assert statuses["overdue"] and statuses["done"]


def test_the_report_of_a_large_plan_writes_every_page_and_says_where(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(plan_text(600, states=14, instruments=4), encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("report", "-o", str(site), "--plan", str(source), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    pages = len(list(site.rglob("*.html")))
    assert pages > 10  # a page for each direction, state and group besides the index
    assert result.stderr == (
        f"{site / 'index.html'}: the plan as of {AS_OF}; {pages} pages written in {site}\n"
    )
    index = (site / "index.html").read_text(encoding="utf-8")
    written = {p.name for p in site.glob("*.html")} - {"index.html"}
    assert written == {"groups.html", "scoreboard.html"} | {
        n for n in written if n.startswith(("direction-", "state-"))
    }
    for name in written:
        assert f'href="{name}"' in index or f'href="{name}#' in index, name
        assert (site / name).read_text(encoding="utf-8").rstrip().endswith("</html>"), name
