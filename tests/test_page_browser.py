"""The report in a real browser: Debian's headless Chromium through Selenium.

Skipped, with the reason, where chromium, chromedriver or selenium are missing; `.ci/run`
installs them so that CI always runs these tests.
"""

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import PLAN, ROOT, TESTS, day, run_cli

from bsec_plan.domain.model import Plan
from bsec_plan.domain.schedule import plan_occurrences
from bsec_plan.queries import questions as queries

if TYPE_CHECKING:  # selenium may be missing: then the tests skip
    from selenium.webdriver import Chrome
    from selenium.webdriver.remote.webelement import WebElement

sys.path.insert(0, str(ROOT / "scripts"))
from browser import chromium, missing

REASON = missing()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(REASON is not None, reason=f"no headless browser: {REASON}"),
]

AS_OF = "2010-06-01"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("site")
    result = run_cli("report", "--as-of", AS_OF, "--plan", str(PLAN), "--output", str(folder))
    assert result.returncode == 0, result.stderr
    return (folder / "index.html").as_uri()


def text_content(element: "WebElement") -> str:
    """The element's text as the DOM holds it, hidden parts included."""
    return element.get_attribute("textContent") or ""


def cells(driver: "Chrome", selector: str) -> list[list[str]]:
    from selenium.webdriver.common.by import By

    return [
        [text_content(c).strip() for c in row.find_elements(By.CSS_SELECTOR, "th, td")]
        for row in driver.find_elements(By.CSS_SELECTOR, selector)
    ]


def test_the_page_reads_right_in_chromium(page: str, plan: Plan) -> None:
    from selenium.webdriver.common.by import By

    with chromium(1200, 900) as driver:
        driver.get(page)
        severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert severe == []
        # self-contained: nothing fetched, not even a font or a stylesheet
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0

        states = [row[0].split()[0] for row in cells(driver, "#matrix tbody tr")]
        assert states == [s.code for s in plan.states]

        shown = [(row[0], row[1], row[2]) for row in cells(driver, "#overdue tbody tr")]
        expected = [(r.action, r.occurrence, str(r.due)) for r in queries.overdue(plan, day(AS_OF))]
        assert shown == expected and len(expected) == 3

        marks = driver.find_elements(By.CSS_SELECTOR, "svg.timeline .mark")
        titles = [text_content(m.find_element(By.TAG_NAME, "title")) for m in marks]
        dated = [o for o in plan_occurrences(plan) if o.due]
        assert len(marks) == len(dated) == 9
        for o in dated:
            assert sum(f"{o.action} " in t and f"{o.label}, due {o.due}" in t for t in titles) == 1
        assert all("Responsible: " in t for t in titles)


def test_a_phone_screen_does_not_scroll_sideways(page: str) -> None:
    with chromium(390, 844) as driver:
        driver.get(page)
        assert driver.execute_script("return window.innerWidth") == 390
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390


def test_markup_in_plan_text_stays_text_in_the_browser(tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    hostile = TESTS / "plans" / "markup-in-text.yaml"
    result = run_cli("report", "--as-of", AS_OF, "--plan", str(hostile), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    with chromium(1200, 900) as driver:
        driver.get((tmp_path / "index.html").as_uri())
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 - reading it is what raises
        assert driver.find_element(By.TAG_NAME, "h1").text == "<script>alert(1)</script> plan"
        assert driver.find_elements(By.CSS_SELECTOR, "script, img, i, u, b") == []
        assert len(driver.find_elements(By.TAG_NAME, "svg")) == 1 + 5  # timeline, legend glyphs
        title = driver.find_element(By.CSS_SELECTOR, "svg.timeline .mark title")
        assert text_content(title).startswith("A.1 </title><svg onload=alert(5)>")


def test_the_printed_page_leaves_out_the_navigation(page: str) -> None:
    from selenium.webdriver.common.by import By

    with chromium(1200, 900) as driver:
        driver.get(page)
        assert driver.find_element(By.TAG_NAME, "nav").is_displayed()
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert not driver.find_element(By.TAG_NAME, "nav").is_displayed()


def axe_script() -> str | None:
    """axe-core's script as axe-selenium-python ships it, or None when it is not installed."""
    spec = importlib.util.find_spec("axe_selenium_python")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "node_modules" / "axe-core" / "axe.min.js"
    return path.read_text(encoding="utf-8") if path.exists() else None


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("state", [None, "RO"])
def test_axe_finds_nothing_serious(tmp_path: Path, width: int, state: str | None) -> None:
    script = axe_script()
    if script is None:
        pytest.skip("axe-selenium-python is not installed (pip install -r requirements-dev.txt)")
    options = ["--state", state] if state else []
    result = run_cli("report", "--as-of", AS_OF, "--plan", str(PLAN), "-o", str(tmp_path), *options)
    assert result.returncode == 0, result.stderr
    with chromium(width, 900) as driver:
        driver.get((tmp_path / "index.html").as_uri())
        driver.execute_script(script)
        results = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document).then(r => done(r.violations), e => done(String(e)));"
        )
    assert isinstance(results, list), results
    severe = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results
        if v["impact"] in ("serious", "critical")
    ]
    assert severe == []


def test_the_timeline_reads_on_a_phone(page: str) -> None:
    from selenium.webdriver.common.by import By

    with chromium(390, 844) as driver:
        driver.get(page)
        heights = driver.execute_script(
            "return [...document.querySelectorAll('svg.timeline text')]"
            ".map(t => t.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 9
        labels = [
            text_content(t) for t in driver.find_elements(By.CSS_SELECTOR, "svg.timeline text")
        ]
        assert {"2009", "2010", "2011"} <= set(labels)
        assert f"as of {AS_OF}" in labels
        # the figure scrolls sideways inside itself; the page does not
        figure = driver.find_element(By.CSS_SELECTOR, ".figure")
        assert driver.execute_script("return arguments[0].scrollWidth", figure) > 390
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
        marks = driver.find_elements(By.CSS_SELECTOR, "svg.timeline .mark")
        assert len(marks) == 9
        for m in marks:  # each mark is named as its tooltip is
            title = text_content(m.find_element(By.TAG_NAME, "title"))
            assert m.get_attribute("aria-label") == title and " due 20" in title


def test_a_state_section_says_what_it_owes(page: str) -> None:
    with chromium(1200, 900) as driver:
        driver.get(page)
        rows = cells(driver, "#state-RO table.duties tbody tr")
        assert rows == [
            [
                "A.2 2011-H1",
                "2011-06-30",
                "upcoming",
                "as Chairmanship-in-Office of BSEC",
                "Meetings of the BSEC Network of Liaison Officers",
            ],
            [
                "B.2 2011",
                "2011-12-31",
                "upcoming",
                "through Romanian Intelligence Service",
                "Seminar in Romania on cooperation instruments against terrorism",
            ],
        ]
        from selenium.webdriver.common.by import By

        status = driver.find_element(By.CSS_SELECTOR, "#state-RO table.duties td:nth-of-type(2)")
        colour = status.value_of_css_property("background-color")  # colour and word
        assert status.text == "upcoming" and colour not in ("rgba(0, 0, 0, 0)", "transparent")
