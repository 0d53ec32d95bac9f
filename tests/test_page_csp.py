"""The page's Content-Security-Policy: it loads nothing and runs nothing, and its own styles
and images are not refused (no console error). In headless Chromium, as test_page_browser."""

import sys
from pathlib import Path

import pytest
from conftest import PLAN, ROOT, TESTS, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
from browser import chromium, missing

REASON = missing()
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def test_the_page_declares_its_policy(tmp_path: Path) -> None:
    result = run_cli("report", "--as-of", "2010-06-01", "--plan", str(PLAN), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    head = (tmp_path / "index.html").read_text().split("</head>")[0]
    assert f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">' in head


@pytest.mark.browser
@pytest.mark.skipif(REASON is not None, reason=f"no headless browser: {REASON}")
@pytest.mark.parametrize("plan", [PLAN, TESTS / "plans" / "markup-in-text.yaml"])
def test_the_policy_holds_in_chromium_without_a_console_error(tmp_path: Path, plan: Path) -> None:
    result = run_cli("report", "--as-of", "2010-06-01", "--plan", str(plan), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    with chromium(1200, 900) as driver:
        driver.get((tmp_path / "index.html").as_uri())
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        meta = "meta[http-equiv='Content-Security-Policy']"
        content = driver.execute_script(f'return document.querySelector("{meta}").content')
        assert content == POLICY
        # the page's styles apply: 'unsafe-inline' lets its one <style> through
        font = driver.execute_script("return getComputedStyle(document.body).fontFamily")
        assert "system-ui" in font
        # and anything else is refused: an image from elsewhere raises a policy violation
        violated = driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            document.addEventListener("securitypolicyviolation",
                e => done(e.violatedDirective + " " + e.blockedURI), {once: true});
            const img = document.createElement("img");
            img.src = "https://images.example/x.png";
            document.body.append(img);
            """
        )
        assert violated == "img-src https://images.example/x.png"
