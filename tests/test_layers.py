"""What to show: the layers point one way, and Markdown cells are escaped one way."""

import ast
import datetime as dt
from pathlib import Path

from conftest import ROOT

from bsec_plan.problems import Problem
from bsec_plan.queries import changes as diff
from bsec_plan.views import diff as diffview
from bsec_plan.writers import problems as problem_writer

# lower layers first; a module may import only from its own layer or a lower one. The shared
# modules at the top of the package (problems, safetext, interrupts, plaindata) are the lowest layer; the
# Python API (api.py) stands on the queries, and the command line on it.
LAYERS = ["", "domain", "loading", "queries", "api", "views", "writers", "cli", "__main__"]
PACKAGE = ROOT / "bsec_plan"


def _layer(module: str) -> str:
    """`loading.cache` -> `loading`; a top-level module is the shared layer (or `__main__`)."""
    head = module.split(".")[0]
    return head if head in LAYERS else ""


def _modules() -> dict[str, Path]:
    return {
        ".".join(p.relative_to(PACKAGE).with_suffix("").parts): p
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py"
    }


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):  # function-level imports count as much as top-level ones
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "bsec_plan":
                found |= {a.name for a in node.names}
            elif node.module.startswith("bsec_plan."):
                found.add(node.module.removeprefix("bsec_plan."))
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("bsec_plan.")
                for a in node.names
                if a.name.startswith("bsec_plan.")
            }
    return found - {"__version__"}


def test_every_module_is_in_a_layer_folder() -> None:
    strays = {m for m in _modules() if "." not in m} - {
        "problems",
        "safetext",
        "interrupts",
        "plaindata",
        "api",
        "__main__",
    }
    assert strays == set()


def test_layers_point_one_way() -> None:
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    upward = [
        (module, imported)
        for module, path in _modules().items()
        for imported in _imports(path)
        if rank[_layer(imported)] > rank[_layer(module)]
    ]
    assert upward == []


def test_package_folders_import_nothing_at_start() -> None:
    inits = [p for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE]
    assert inits and all(p.read_text(encoding="utf-8") == "" for p in inits)


def test_one_markdown_escaper_for_the_diff_and_the_check_summary() -> None:
    text = "a | b\nc"
    row = problem_writer.step_summary([Problem("plan.yaml", 1, 2, text)]).splitlines()[4]
    assert row == "| plan.yaml | 1 | 2 | a \\| b c |"
    d = diff.Diff(dt.date(2010, 6, 1))
    d.changes.append(diff.Change("action reworded", "A.2", text, "x"))
    assert "| action reworded | A.2 | a \\| b c | x |" in diffview.diff_markdown(d, "old", "new")
