"""Every module stays one a reader can take in: at most 400 lines, no function over 80; a
module that grows past them is cut along its own jobs (as views/page.py was, into
page_states.py and page_split.py)."""

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "bsec_plan"
MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_folder_of_the_package_is_measured() -> None:
    folders = {p.parent.name for p in MODULES}
    assert {"bsec_plan", "domain", "loading", "queries", "views", "writers", "cli"} <= folders


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_fits_its_budget(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400, module.name
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > 80
    ]
    assert long == [], module.name
