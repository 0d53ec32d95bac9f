"""What to show: the layers point one way, and Markdown cells are escaped one way."""

import ast
import datetime as dt

from conftest import ROOT

from bsec_plan import checkcmd, diff
from bsec_plan import report as r
from bsec_plan.problems import Problem

# lower layers first; a module may import only from its own layer or a lower one
LAYERS = [
    {"problems", "safetext", "outfile", "dates", "yamlpos", "domain", "validation", "cache"},
    {"schedule", "parties"},
    {"crossref", "planfile", "revisions"},
    {"queries", "records", "show", "diff", "sources", "timeline"},
    {"report", "page"},
    {"output", "grid", "ics", "terminal"},
    {"formats"},
    {"prelude", "diffinputs", "completion", "checkcmd", "cli", "__main__", "__init__"},
]


def _imports(module: str) -> set[str]:
    tree = ast.parse((ROOT / "bsec_plan" / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):  # function-level imports count as much as top-level ones
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "bsec_plan":
                found |= {a.name for a in node.names}
            elif node.module.startswith("bsec_plan."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("bsec_plan.")}
    return found - {"__version__"}


def test_every_module_has_a_layer() -> None:
    modules = {p.stem for p in (ROOT / "bsec_plan").glob("*.py")}
    assert modules == set().union(*LAYERS)


def test_layers_point_one_way() -> None:
    rank = {m: i for i, layer in enumerate(LAYERS) for m in layer}
    upward = [
        (module, imported)
        for module in rank
        for imported in _imports(module)
        if rank[imported] > rank[module]
    ]
    assert upward == []


def test_one_markdown_escaper_for_the_diff_and_the_check_summary() -> None:
    text = "a | b\nc"
    row = checkcmd.step_summary([Problem("plan.yaml", 1, 2, text)]).splitlines()[4]
    assert row == "| plan.yaml | 1 | 2 | a \\| b c |"
    d = diff.Diff(dt.date(2010, 6, 1))
    d.changes.append(diff.Change("action reworded", "A.2", text, "x"))
    assert "| action reworded | A.2 | a \\| b c | x |" in r.diff_markdown(d, "old", "new")
