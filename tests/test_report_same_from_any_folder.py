"""A report is the same bytes whichever folder it is made from: its pages name the plan file
by its name, never by the path it was reached by."""

import shutil
from pathlib import Path

from conftest import ROOT, run_cli


def test_every_page_is_the_same_from_the_repository_and_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    for name in ("plan.yaml", "registers.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    top = run_cli(
        "report",
        "--plan",
        "data/plan.yaml",
        "--as-of",
        "2010-06-01",
        "-o",
        str(tmp_path / "a"),
        cwd=tmp_path,
    )
    below = run_cli(
        "report",
        "--plan",
        "../../data/plan.yaml",
        "--as-of",
        "2010-06-01",
        "-o",
        str(tmp_path / "b"),
        cwd=tmp_path / "docs" / "sub",
    )
    assert top.returncode == below.returncode == 0, top.stderr + below.stderr
    pages = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert "scoreboard.html" in pages and "index.html" in pages
    assert pages == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in pages:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert "Plan file: plan.yaml." in (tmp_path / "a" / "scoreboard.html").read_text(
        encoding="utf-8"
    )
