"""The report of several plans: an index listing the plans above their shared timeline of chair
terms, and each plan's own pages in a folder named after its file; one plan's report unchanged."""

import posixpath
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import html5lib
import pytest
from conftest import PLAN, ROOT, day, run_cli

from bsec_plan.loading import planfile
from bsec_plan.views.page import page_data
from bsec_plan.views.page_plans import folders
from bsec_plan.writers import html as page

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_plan import plan_text

SHIPPED = "data/plan.yaml"
FIXTURE = "tests/plans/successor-fixture/plan.yaml"
BOTH = ("--plan", SHIPPED, "--plan", FIXTURE)
AS_OF = "2012-01-10"  # after the shipped plan's period, in the fixture's
FOLDERS = ("data-plan", "successor-fixture-plan")


class Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def read(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans") / "site"
    result = run_cli("report", "-o", str(folder), *BOTH, "--as-of", AS_OF, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    pages = len(list(folder.rglob("*.html")))  # an index, and each plan's index and scoreboard
    assert pages == 5
    assert result.stderr == (
        f"{folder / 'index.html'}: 2 plans as of {AS_OF}; {pages} pages written in {folder}\n"
    )
    assert result.stdout == ""
    return folder


def test_an_index_and_a_folder_for_each_plan(site: Path) -> None:
    pages = {f"{f}/{name}" for f in FOLDERS for name in ("index.html", "scoreboard.html")}
    assert set(read(site)) == {"index.html", *pages}


def test_every_page_is_valid_and_every_link_resolves(site: Path) -> None:
    pages = read(site)
    ids = {n: {a["id"] for _, a in Tags(t).tags if "id" in a} for n, t in pages.items()}
    checked = 0
    for name, text in pages.items():
        html5lib.HTMLParser(strict=True).parse(text)  # raises on any parse error
        for tag, attrs in Tags(text).tags:
            href = attrs.get("href") or ""
            if tag != "a" or href.startswith("http"):
                continue
            target, _, fragment = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target or ""))
            resolved = resolved if target else name
            assert resolved in pages, (name, href)
            assert not fragment or fragment in ids[resolved], (name, href)
            checked += 1
    assert checked > 100


def test_the_index_lists_each_plan_with_its_period_counts_and_link(site: Path) -> None:
    index = read(site)["index.html"]
    shipped = planfile.load(PLAN)
    rows = re.findall(r"<tr id=\"Plan-\d\">.*", index)
    assert len(rows) == 2
    assert f'<a href="data-plan/index.html">Plan 1: {shipped.title}</a>' in rows[0]
    period = '<span class="date">2009-05-01</span> – <span class="date">2011-06-30</span>'
    assert "(data/plan.yaml)" in rows[0] and period in rows[0]  # a date never breaks
    assert "Plan 2: A fictional successor plan of action (test fixture)</a>" in rows[1]
    assert f"({FIXTURE})" in rows[1] and '<span class="date">2013-06-30</span>' in rows[1]
    # the fixture: 4 actions, P.1 overdue on the as-of date, A.2 and Q.1 upcoming
    assert '<td data-label="Actions">4 in 3 directions</td>' in rows[1]
    assert '<td data-label="Overdue" class="overdue">1</td>' in rows[1]
    assert '<td data-label="Upcoming" class="upcoming">2</td>' in rows[1]


def test_one_timeline_of_chair_terms_spans_every_plan(site: Path) -> None:
    index = read(site)["index.html"]
    years = re.findall(r'<text x="[\d.]+" y="14">(\d{4})</text>', index)
    assert years == ["2009", "2010", "2011", "2012", "2013"]
    terms = re.findall(r"<title>Chairmanship-in-Office (\S+) – (\S+): ([^<]+)</title>", index)
    assert terms[0] == ("2009-05-01", "2009-10-31", "AZ")  # the shipped plan's first term
    assert ("2012-07-01", "2012-12-31", "TR") in terms  # within the fixture's period only
    assert terms[-1] == ("2013-01-01", "2013-06-30", "holder unknown")  # to the last plan's end
    marks = re.findall(r'<path class="mark [a-z-]+" role="img" aria-label="([^"]+)"', index)
    assert "Plan 2: 1 occurrence overdue, due in 2011-12: P.1" in marks
    assert {m.split(":")[0] for m in marks} == {"Plan 1", "Plan 2"}
    assert '<text class="lane-label" x="68.0" y="' in index


def test_each_plan_page_is_its_own_report_with_a_link_back(site: Path, tmp_path: Path) -> None:
    for folder, plan in zip(FOLDERS, (SHIPPED, FIXTURE), strict=True):
        alone = tmp_path / folder
        result = run_cli("report", "-o", str(alone), "--plan", plan, "--as-of", AS_OF, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        own = (alone / "index.html").read_text(encoding="utf-8")
        shown = (site / folder / "index.html").read_text(encoding="utf-8")
        link = '<li><a href="../index.html">All plans</a></li>'
        assert shown.count(link) == 1 and link not in own
        assert shown.replace(link, "") == own


def test_the_report_of_one_plan_is_unchanged(tmp_path: Path) -> None:
    result = run_cli("report", "-o", str(tmp_path), "--as-of", "2010-06-01", "--plan", SHIPPED)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"{tmp_path / 'index.html'}: the plan as of 2010-06-01; 2 pages written in {tmp_path}\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "scoreboard.html"]
    plan = planfile.load(PLAN)
    expected = page.render(page_data(plan, SHIPPED, day("2010-06-01")))
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == expected
    assert "All plans" not in expected


def test_a_plan_folder_that_is_a_file_is_refused_before_writing(tmp_path: Path) -> None:
    (tmp_path / "data-plan").write_text("not a folder", encoding="utf-8")
    result = run_cli("report", "-o", str(tmp_path), *BOTH, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr == (
        f"bsec-plan: error: --output: {tmp_path / 'data-plan'} is a file, not a folder\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data-plan"]


@pytest.mark.parametrize(
    ("files", "names"),
    [
        (["a/first.yaml", "b/second.yaml"], ["first", "second"]),
        (["data/plan.yaml", "next/plan.yaml"], ["data-plan", "next-plan"]),
        (["x/plan.yaml", "y/x/plan.yaml"], ["x-plan", "x-plan-2"]),
        (["a/Plan 2011.yaml", "a/index.yaml"], ["plan-2011", "index-2"]),
        (["a/ü.yaml", "b/é.yaml"], ["a-plan", "b-plan"]),
    ],
)
def test_plan_folders_never_collide(files: list[str], names: list[str]) -> None:
    assert folders(files) == names


def test_a_large_plan_among_several_is_split_in_its_folder(tmp_path: Path) -> None:
    source = tmp_path / "large.yaml"
    source.write_text(plan_text(30, states=14, instruments=4), encoding="utf-8")
    plans = [(planfile.load(source), str(source)), (planfile.load(PLAN), str(PLAN))]
    page.write_reports(plans, day("2010-06-01"), str(tmp_path / "site"), split=10)
    pages = read(tmp_path / "site")
    assert "large/direction-A.html" in pages and "large/groups.html" in pages
    assert "plan/index.html" in pages and not [n for n in pages if n.startswith("plan/dir")]
    assert '<li><a href="../index.html">All plans</a></li>' in pages["large/direction-A.html"]
    assert '<a href="large/index.html">Plan 1: ' in pages["index.html"]


@pytest.mark.browser
def test_the_index_opens_cleanly_in_chromium(site: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from browser import chromium, missing

    if missing() is not None:
        pytest.skip(f"no headless browser: {missing()}")
    from test_page_browser import axe_script

    script = axe_script()
    if script is None:
        pytest.skip("axe-selenium-python is not installed (pip install -r requirements-dev.txt)")
    for width in (1280, 390):
        with chromium(width, 900) as driver:
            driver.get((site / "index.html").as_uri())
            assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
            driver.execute_script(script)
            results = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document).then(r => done(r.violations), e => done(String(e)));"
            )
        assert isinstance(results, list), results
        assert [v["id"] for v in results if v["impact"] in ("serious", "critical")] == []
