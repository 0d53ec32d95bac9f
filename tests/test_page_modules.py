"""The report's data stays in modules a reader can take in: each under 400 lines, no function
over 80 (views/page.py was cut along its sections into page_states.py and page_split.py)."""

import ast
from pathlib import Path

import pytest
from conftest import ROOT

MODULES = sorted((ROOT / "bsec_plan" / "views").glob("page*.py"))


def test_the_page_modules_are_found() -> None:
    names = {p.name for p in MODULES}
    assert {"page.py", "page_states.py", "page_split.py", "page_plans.py"} <= names


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_a_page_module_fits_its_budget(module: Path) -> None:
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
