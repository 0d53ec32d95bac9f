"""The page on a phone (360 and 390 CSS pixels wide) in a real browser: the timeline says it
scrolls, its marks are reached by keyboard and read in words, dates stay whole, empty fields
stay out, and overdue is on the first screen."""

import sys

import pytest
from conftest import PLAN, ROOT, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
from browser import chromium, missing

REASON = missing()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"no headless browser: {REASON}")

AS_OF = "2010-06-01"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("site")
    result = run_cli("report", "--as-of", AS_OF, "--plan", str(PLAN), "--output", str(folder))
    assert result.returncode == 0, result.stderr
    return (folder / "index.html").as_uri()


@pytest.mark.parametrize("width", [360, 390])
def test_the_timeline_says_it_scrolls(page: str, width: int) -> None:
    from selenium.webdriver.common.by import By

    with chromium(width, 800) as driver:
        driver.get(page)
        cue = driver.find_element(By.CSS_SELECTOR, ".scroll-cue")
        assert cue.is_displayed() and "scrolls sideways" in cue.text
    with chromium(1200, 800) as driver:  # wide enough: no cue
        driver.get(page)
        assert not driver.find_element(By.CSS_SELECTOR, ".scroll-cue").is_displayed()


def test_marks_are_reached_by_keyboard_and_read_in_words(page: str) -> None:
    from selenium.webdriver.common.by import By

    with chromium(390, 844) as driver:
        driver.get(page)
        marks = driver.find_elements(By.CSS_SELECTOR, "svg.timeline .mark")
        assert marks and all(m.get_attribute("tabindex") == "0" for m in marks)
        listing = driver.find_element(By.CSS_SELECTOR, "details.marks")
        listing.find_element(By.TAG_NAME, "summary").click()  # a tap opens it
        items = [li.text for li in listing.find_elements(By.TAG_NAME, "li")]
        assert items == [m.get_attribute("aria-label") for m in marks]
        assert all(item for item in items)  # shown, not only in a tooltip


def test_dates_never_break_across_lines(page: str) -> None:
    with chromium(360, 800) as driver:
        driver.get(page)
        broken = driver.execute_script(
            "return [...document.querySelectorAll('.date, time')]"
            ".filter(e => e.getClientRects().length > 1).map(e => e.textContent)"
        )
        assert broken == []


def test_empty_fields_are_not_shown_on_a_phone(page: str) -> None:
    with chromium(390, 844) as driver:
        driver.get(page)
        shown = driver.execute_script(
            "return [...document.querySelectorAll('table.cards td')]"
            ".filter(td => td.textContent.trim() === '' && td.offsetHeight > 0).length"
        )
        assert shown == 0


def test_overdue_is_on_the_first_screen_of_a_phone(page: str) -> None:
    from selenium.webdriver.common.by import By

    with chromium(390, 844) as driver:
        driver.get(page)
        heading = driver.find_element(By.ID, "overdue-h")
        assert heading.rect["y"] + heading.rect["height"] <= 844
        title = driver.find_element(By.TAG_NAME, "h1")
        assert title.text == "Plan of Action, 2009-05 – 2011-06"


def test_the_as_of_label_is_never_clipped(page: str) -> None:
    with chromium(390, 844) as driver:
        driver.get(page)
        inside = driver.execute_script(
            "const svg = document.querySelector('svg.timeline').getBoundingClientRect();"
            "const label = document.querySelector('svg.timeline .as-of-label')"
            ".getBoundingClientRect();"
            "return label.left >= svg.left && label.right <= svg.right;"
        )
        assert inside
