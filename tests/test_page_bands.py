"""Every band of the timeline is labelled, a term whose holder is unknown too; the index of
several plans says that its timeline scrolls, as the plan's page does."""

import re
from pathlib import Path

from conftest import PLAN, TESTS, run_cli


def _page(tmp_path: Path, *plans: Path) -> str:
    args = [a for p in plans for a in ("--plan", str(p))]
    result = run_cli("report", "--as-of", "2010-06-01", *args, "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    return (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_band_without_a_known_holder_is_labelled(tmp_path: Path) -> None:
    page = _page(tmp_path, TESTS / "warnings" / "chairmanship-gap.yaml")
    bands = re.findall(
        r'<rect class="band[^"]*"[^>]*width="([\d.]+)"[^>]*/>\n?(<text[^>]*>[^<]*</text>)?', page
    )
    assert bands and any("gap" in b for b in re.findall(r'<rect class="band[^"]*"', page))
    for width, label in bands:
        if float(width) >= 24:
            assert label, bands
    assert re.search(r'<text class="band-label gap"[^>]*>(unknown|\?)</text>', page)


def test_the_index_of_several_plans_says_its_timeline_scrolls(tmp_path: Path) -> None:
    page = _page(tmp_path, PLAN, TESTS / "plans" / "minimal.yaml")
    assert 'class="scroll-cue"' in page and "scrolls sideways" in page
