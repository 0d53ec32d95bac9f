"""Make docs/report.png, the README's picture of the report, with the headless Chromium of the
page test:

    .venv/bin/python scripts/screenshot.py

It writes the bundled plan's report as of 2010-06-01 to a temporary folder and photographs the
top of the page (title, progress, timeline, overdue) at 1100 x 1000 pixels.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from browser import chromium, missing

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    reason = missing()
    if reason:
        print(f"screenshot: {reason}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bsec_plan",
                "report",
                "--as-of",
                "2010-06-01",
                "--plan",
                str(ROOT / "data" / "plan.yaml"),
                "--output",
                folder,
            ],
            check=True,
        )
        with chromium(1100, 1000) as driver:
            driver.get(Path(folder, "index.html").as_uri())
            target = ROOT / "docs" / "report.png"
            driver.save_screenshot(str(target))
    print(f"{target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
