"""A large plan's report: an index and one page per direction, Member State and the groups'
duties, each valid and self-contained, linked relatively. The threshold is lowered with a
parameter, so a small generated plan stands for a large one."""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import html5lib
import pytest
from conftest import PLAN, ROOT, day

from bsec_plan.domain.model import Plan
from bsec_plan.loading import planfile
from bsec_plan.views.page import page_data
from bsec_plan.writers import html as page

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_plan import plan_text

AS_OF = "2010-06-01"
ACTIONS, STATES = 60, 14  # make_plan puts 3 actions in each of 20 directions, A–T


class Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def write_site(folder: Path, split: int = 10, per_page: int = 2, state: str | None = None) -> Plan:
    source = folder.parent / f"{folder.name}-plan.yaml"
    source.write_text(plan_text(ACTIONS, states=STATES, instruments=4), encoding="utf-8")
    plan = planfile.load(source)
    page.write_report(plan, str(source), day(AS_OF), str(folder), state, split, per_page)
    return plan


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Plan]:
    folder = tmp_path_factory.mktemp("split") / "site"
    return folder, write_site(folder)


def read(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))}


def test_a_large_plan_is_split_into_linked_pages(site: tuple[Path, Plan]) -> None:
    folder, plan = site
    names = set(read(folder))
    directions = {n for n in names if n.startswith("direction-")}
    assert {"index.html", "groups.html"} <= names
    assert {f"state-{s.code}.html" for s in plan.states} <= names
    # 3 actions a direction, 2 a page: each direction has two parts
    assert len(directions) == 2 * len(plan.directions)
    assert "direction-A.html" in directions and "direction-A-2.html" in directions
    assert names == {"index.html", "groups.html", "scoreboard.html"} | directions | {
        f"state-{s.code}.html" for s in plan.states
    }


def test_every_page_is_valid_self_contained_html(site: tuple[Path, Plan]) -> None:
    for name, text in read(site[0]).items():
        html5lib.HTMLParser(strict=True).parse(text)  # raises on any parse error
        tags = Tags(text).tags
        assert tags[0] == ("html", {"lang": "en"}), name
        assert "Content-Security-Policy" in text and "<style>" in text, name
        assert not [t for t, a in tags if t in ("script", "link", "img") or "src" in a], name
        ids = [a["id"] for _, a in tags if "id" in a]
        assert len(ids) == len(set(ids)), name


def test_every_link_between_the_pages_resolves(site: tuple[Path, Plan]) -> None:
    pages = read(site[0])
    ids = {n: {a["id"] for _, a in Tags(t).tags if "id" in a} for n, t in pages.items()}
    checked = 0
    for name, text in pages.items():
        for tag, attrs in Tags(text).tags:
            href = attrs.get("href") or ""
            if tag != "a" or href.startswith("http"):
                continue
            target, _, fragment = href.partition("#")
            target = target or name
            assert target in pages, (name, href)
            assert not fragment or fragment in ids[target], (name, href)
            checked += 1
    assert checked > 500


def test_each_action_is_on_one_direction_page_and_the_index_lists_them(
    site: tuple[Path, Plan],
) -> None:
    pages = read(site[0])
    for action in site[1].actions:
        holding = [n for n, t in pages.items() if f'<article id="action-{action}"' in t]
        assert len(holding) == 1 and holding[0].startswith("direction-"), action
    index = pages["index.html"]
    assert "<article" not in index and 'id="by-state"' not in index
    assert '<a href="direction-A-2.html">A. Direction A, part 2 of 2</a>' in index
    assert 'href="state-AA.html">AA State AA</a>' in index
    assert "Overdue on 2010-06-01:" in index and 'id="timeline"' in index


def test_a_state_page_says_what_the_state_owes(site: tuple[Path, Plan]) -> None:
    text = read(site[0])["state-AA.html"]
    assert '<h2 id="state-AA-h">What State AA (AA) owes on 2010-06-01</h2>' in text
    # each duty with its due date, status and role, linked to its action's page
    row = re.search(
        r'<tr><th scope=row><a href="(direction-[A-Z](?:-\d)?\.html)#action-([A-Z.0-9]+)">'
        r"[^<]+</a> [^<]*<td>(\d{4}-\d\d-\d\d|—)<td class=\"[a-z-]+\">[^<]+<td>(as |in its own|through)",
        text,
    )
    assert row is not None
    assert 'href="groups.html#group-all"' in text  # its share of the group duties, by reference
    assert 'href="index.html#matrix-AA"' in text


def test_the_bundled_plan_stays_one_page(tmp_path: Path) -> None:
    plan = planfile.load(PLAN)
    page.write_report(plan, str(PLAN), day(AS_OF), str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "scoreboard.html"]
    one = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert one == page.render(page_data(plan, str(PLAN), day(AS_OF)))
    assert '<section id="by-state"' in one and "direction-" + "A.html" not in one


def test_a_state_report_of_a_large_plan_opens_with_that_state(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    write_site(folder, state="AB")
    names = set(read(folder))
    assert not [n for n in names if n.startswith("state-")]
    index = read(folder)["index.html"]
    assert index.index('id="state-AB-h">What State AB (AB) owes') < index.index('id="timeline"')


def test_files_of_an_earlier_run_are_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "direction-Z.html").write_text("an earlier run", encoding="utf-8")
    write_site(folder)
    assert (folder / "direction-Z.html").read_text(encoding="utf-8") == "an earlier run"
    assert "direction-Z.html" not in read(folder)["index.html"]


@pytest.mark.browser
@pytest.mark.parametrize("name", ["index.html", "direction-A.html", "state-AA.html"])
def test_the_pages_open_cleanly_in_chromium(site: tuple[Path, Plan], name: str) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from browser import chromium, missing

    if missing() is not None:
        pytest.skip(f"no headless browser: {missing()}")
    from test_page_browser import axe_script

    script = axe_script()
    if script is None:
        pytest.skip("axe-selenium-python is not installed (pip install -r requirements-dev.txt)")
    with chromium(1280, 900) as driver:
        driver.get((site[0] / name).as_uri())
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        driver.execute_script(script)
        results = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document).then(r => done(r.violations), e => done(String(e)));"
        )
    assert isinstance(results, list), results
    assert [v["id"] for v in results if v["impact"] in ("serious", "critical")] == []
