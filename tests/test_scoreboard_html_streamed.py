"""`scoreboard --format html` writes its page as the template makes it, in pieces, never the
whole page as one string: the same page the report puts beside its index."""

import io
import sys
from pathlib import Path

from conftest import ROOT, day, run_cli

from bsec_plan.loading import planfile
from bsec_plan.writers import html

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_plan import plan_text

AS_OF = "2010-06-01"


class Writes(io.StringIO):
    """A text stream that counts the writes it is given."""

    count = 0

    def write(self, text: str) -> int:
        self.count += 1
        return super().write(text)


def test_the_printed_page_is_the_reports_scoreboard(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text(60, states=14, instruments=4), encoding="utf-8")
    asked = ("--plan", "plan.yaml", "--as-of", AS_OF)
    printed = run_cli("scoreboard", *asked, "--format", "html", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    report = run_cli("report", *asked, "-o", "site", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert printed.stdout == (tmp_path / "site" / "scoreboard.html").read_text(encoding="utf-8")
    assert printed.stdout.rstrip().endswith("</html>")


def test_a_large_page_goes_out_in_pieces(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(plan_text(600, states=14, instruments=4), encoding="utf-8")
    plan = planfile.load(source)

    def page() -> dict[str, object]:  # its rows are made as they are read, so once a page
        return html.scoreboard_page(plan, str(source), day(AS_OF), None)[1]

    stream = Writes()
    html.write_page(page(), stream, html.SCOREBOARD)
    assert stream.count > 1
    assert stream.getvalue() == html.render(page(), template=html.SCOREBOARD)
