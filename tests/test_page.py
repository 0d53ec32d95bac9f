"""The HTML report: escaping, links, determinism, size, validity and the command's errors."""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import html5lib
import pytest
from conftest import PLAN, ROOT, TESTS, day, run_cli

from bsec_plan.domain.model import Plan
from bsec_plan.loading import planfile
from bsec_plan.problems import UsageError
from bsec_plan.views import page as page_data
from bsec_plan.writers import html as page

HOSTILE = TESTS / "plans" / "markup-in-text.yaml"


class Tags(HTMLParser):
    """Every start tag and its attributes, in order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def html_of(path: Path, as_of: str = "2010-06-01", state: str | None = None) -> str:
    return page.render(page_data.page_data(planfile.load(path), str(path), day(as_of), state))


@pytest.fixture(scope="module")
def hostile() -> str:
    return html_of(HOSTILE)


@pytest.fixture(scope="module")
def bundled() -> str:
    return html_of(PLAN)


def test_markup_in_plan_text_shows_as_text_in_html_and_svg(hostile: str) -> None:
    tags = Tags(hostile).tags
    assert {t for t, _ in tags}.isdisjoint({"script", "img", "iframe", "object", "i", "u", "b"})
    assert [t for t, _ in tags].count("svg") == 1 + 5  # the timeline and the legend's glyphs
    assert not any(a.startswith("on") for _, attrs in tags for a in attrs)
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; plan</h1>" in hostile
    assert "&#34;&gt;&lt;svg onload=alert(4)&gt;" in hostile
    # inside the SVG, a mark's <title> cannot be closed by the text it holds
    assert (
        "<title>A.1 &lt;/title&gt;&lt;svg onload=alert(5)&gt; — 2009-H1, due 2009-06-30" in hostile
    )


def test_only_http_sources_become_links(hostile: str) -> None:
    hrefs = [a["href"] or "" for t, a in Tags(hostile).tags if t == "a"]
    outside = sorted(h for h in hrefs if not h.startswith("#"))
    # an address holding quotes or angle brackets, or with a space before it, stays text too
    assert outside == [
        "http://example.org/x",
        "https://example.org/agreement",
        "https://example.org/gazette",
        "scoreboard.html",  # the page's own link to the scoreboard beside it
    ]
    assert "Source: javascript:alert(8)" in hostile
    assert "JavaScript:alert(10)" in hostile and "data:text/<wbr>html" in hostile  # may wrap at /


@pytest.mark.parametrize(
    "source, hrefs",
    [
        ("https://example.org/a", ["https://example.org/a"]),
        ("HTTP://EXAMPLE.ORG", ["HTTP://EXAMPLE.ORG"]),
        ("javascript:alert(1)", [None]),
        ("jaVascript://example.org/%0aalert(1)", [None]),
        ("data:text/html,x", [None]),
        ("//example.org/x", [None]),
        ("https://", [None]),
        ("https://example.org/a b", [None]),
        ("lege5.ro legal database", [None]),
        ("https://a.org/x; b.org; http://c.org", ["https://a.org/x", None, "http://c.org"]),
    ],
)
def test_links(source: str, hrefs: list[str | None]) -> None:
    assert [p["href"] for p in page.links(source)] == hrefs


def test_the_page_is_valid_html5_with_headed_tables(bundled: str, hostile: str) -> None:
    for text in (bundled, hostile):
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(text)  # raises on any parse error
        tags = Tags(text).tags
        assert text.startswith("<!DOCTYPE html>")
        assert tags[0] == ("html", {"lang": "en"})
        assert all("scope" in attrs for t, attrs in tags if t == "th")
        ids = [a["id"] for _, a in tags if "id" in a]
        assert len(ids) == len(set(ids))
        targets = {h[1:] for t, a in tags if t == "a" and (h := a["href"] or "").startswith("#")}
        assert targets <= set(ids)


def test_the_page_loads_nothing(bundled: str) -> None:
    for tag, attrs in Tags(bundled).tags:
        assert tag not in ("script", "link", "img", "iframe")
        assert "src" not in attrs
    assert "@import" not in bundled and "url(" not in bundled


def test_the_page_names_every_fact_of_the_bundled_plan(bundled: str, plan: Plan) -> None:
    assert (  # dates whole on a phone
        'Period <span class="date">2009-05-01</span> – <span class="date">2011-06-30</span> · '
        'as of <strong class="date">2010-06-01</strong> · 50%'
    ) in bundled
    for action in plan.actions.values():
        assert f'id="action-{action.id}"' in bundled
    for state in plan.states:
        assert f'id="state-{state.code}"' in bundled
    assert (
        bundled.count('<path class="mark ') == 9 + 5
    )  # nine dated occurrences, five in the legend
    assert (
        '<td class="ratified" data-label="Additional Protocol (2002)">consented by '
        '<span class="date">2003-05-08</span> (published)' in bundled
    )
    assert (
        '<td class="date-unknown" data-label="BSEC Agreement (1998)">consented, date unknown (law)'
        in bundled
    )
    assert "Overdue on 2010-06-01: 3</h2>" in bundled
    assert '<a href="https://zakon.rada.gov.ua/laws/show/969_006">zakon.rada.gov.ua</a>' in bundled


def test_a_state_page_keeps_what_concerns_that_state() -> None:
    text = html_of(PLAN, state="RO")
    assert 'id="state-RO"' in text and 'id="state-GR"' not in text
    assert 'id="action-B.2"' in text and 'id="action-C.1"' in text
    assert 'id="action-D"' not in text  # nobody is named for D
    assert "Only what Romania (RO) is responsible for or addressed by." in text


def test_the_bundled_report_is_small(bundled: str) -> None:
    assert len(bundled.encode()) < 200_000


def test_two_runs_write_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for folder in (first, second):
        result = run_cli("report", "--as-of", "2010-06-01", "--plan", str(PLAN), "-o", str(folder))
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert result.stderr == (
            f"{folder / 'index.html'}: the plan as of 2010-06-01; 2 pages written in {folder}\n"
        )
    for name in ("index.html", "scoreboard.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert sorted(os.listdir(first)) == ["index.html", "scoreboard.html"]  # no temporary file


def test_the_folder_is_created_and_the_page_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    assert run_cli("report", "--as-of", "2010-06-01", "-o", str(folder)).returncode == 0
    (folder / "index.html").write_text("old")
    (folder / "other.txt").write_text("kept")
    assert run_cli("report", "--as-of", "2010-06-01", "-o", str(folder)).returncode == 0
    assert (folder / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(os.listdir(folder)) == ["index.html", "other.txt", "scoreboard.html"]


@pytest.mark.parametrize(
    "output, message",
    [
        ("", "bsec-plan: error: --output: give the name of a folder for the report\n"),
        (" ", "bsec-plan: error: --output: give the name of a folder for the report\n"),
        ("{file}", "bsec-plan: error: --output: {file} is a file, not a folder\n"),
    ],
)
def test_a_bad_output_is_refused(tmp_path: Path, output: str, message: str) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine")
    result = run_cli("report", "--as-of", "2010-06-01", "-o", output.format(file=file))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == message.format(file=file)
    assert file.read_text() == "mine"


def test_a_page_that_cannot_be_written_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").mkdir()
    result = run_cli("report", "--as-of", "2010-06-01", "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"bsec-plan: error: --output: cannot write {tmp_path / 'index.html'}: "
    )
    assert sorted(os.listdir(tmp_path)) == ["index.html"]


def test_a_symlinked_page_is_replaced_its_target_untouched(tmp_path: Path) -> None:
    site, published = tmp_path / "site", tmp_path / "published"
    site.mkdir()
    published.mkdir()
    (published / "page.html").write_text("old")
    (site / "index.html").symlink_to(published / "page.html")
    assert run_cli("report", "--as-of", "2010-06-01", "-o", str(site)).returncode == 0
    assert not (site / "index.html").is_symlink()  # the report writes only inside its folder
    assert (site / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (published / "page.html").read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(published)) == ["page.html"]
    assert sorted(os.listdir(site)) == ["index.html", "scoreboard.html"]


def test_a_symlinked_folder_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "site").symlink_to(real, target_is_directory=True)
    result = run_cli("report", "--as-of", "2010-06-01", "-o", str(tmp_path / "site"))
    assert result.returncode == 2
    assert "is a symbolic link; the report is written only into a real folder" in result.stderr
    assert os.listdir(real) == []


def test_a_read_only_page_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("old")
    (tmp_path / "index.html").chmod(0o444)
    assert run_cli("report", "--as-of", "2010-06-01", "-o", str(tmp_path)).returncode == 0
    assert (tmp_path / "index.html").stat().st_mode & 0o777 == 0o444
    assert (tmp_path / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_folder_is_an_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    site.chmod(0o555)
    try:
        result = run_cli("report", "--as-of", "2010-06-01", "-o", str(site))
    finally:
        site.chmod(0o755)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"bsec-plan: error: --output: cannot write {site / 'index.html'}: Permission denied\n"
    )
    assert os.listdir(site) == []


@pytest.mark.parametrize("ending", [KeyboardInterrupt(), OSError(28, "No space left on device")])
def test_an_interrupted_or_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: BaseException
) -> None:
    (tmp_path / "index.html").write_text("old")

    def fail(fd: int) -> None:
        raise ending

    monkeypatch.setattr(os, "fsync", fail)  # the last step before the page replaces the old one
    with pytest.raises((KeyboardInterrupt, UsageError)) as raised:
        page.write_report(planfile.load(PLAN), str(PLAN), day("2010-06-01"), str(tmp_path))
    if isinstance(ending, OSError):
        assert str(raised.value) == (
            f"--output: cannot write {tmp_path / 'index.html'}: No space left on device"
        )
    assert os.listdir(tmp_path) == ["index.html"]
    assert (tmp_path / "index.html").read_text() == "old"


def test_an_invalid_plan_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    broken = TESTS / "broken" / "undeclared-state.yaml"
    result = run_cli("report", "--plan", str(broken), "-o", str(folder))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{broken}:")
    assert not folder.exists()


def test_an_unknown_state_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("report", "--state", "XX", "-o", str(tmp_path / "site"))
    assert result.returncode == 2
    assert result.stderr.startswith("bsec-plan: error: no Member State 'XX'")
    assert not (tmp_path / "site").exists()


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_every_coloured_label_has_enough_contrast() -> None:
    css = (ROOT / "bsec_plan" / "templates" / "page.css").read_text(encoding="utf-8")
    pairs = re.findall(r"\{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6});", css)
    assert len(pairs) >= 5  # overdue, due soon, upcoming, done, unknown...
    for background, text in pairs:
        light, dark = sorted((_luminance(background), _luminance(text)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (background, text)
