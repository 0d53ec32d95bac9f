"""Every example in the README is the tool's real output."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# a fenced block that starts with a command; examples that need a git revision or are cut short
# with "..." are left out
EXAMPLES = [
    (command, expected)
    for command, expected in re.findall(r"```\n\$ (bsec-plan [^\n]*)\n(.*?)```", README, flags=re.S)
    if " main" not in command and "\n    ...\n" not in expected + "\n"
]


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("command, expected", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example(command: str, expected: str) -> None:
    shell = command.replace("bsec-plan", f"{sys.executable} -m bsec_plan", 1)
    result = subprocess.run(shell, shell=True, capture_output=True, text=True, cwd=ROOT)
    assert (result.stdout + result.stderr).replace(
        "\r\n", "\n"
    ) == expected  # .ics lines end in CRLF


def test_layout_table_lists_every_module() -> None:
    layout = README.split("## Layout")[1].split("\n## ")[0]
    listed = set(re.findall(r"`bsec_plan/([\w/]+\.py)`", layout))
    package = ROOT / "bsec_plan"
    modules = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
    modules = {m for m in modules if not m.endswith("__init__.py")}
    assert modules - listed == set()


def test_ci_runs_the_set_up_commands_in_order() -> None:
    """The README's two set-up commands, the tool alone, then the test extra and the tests, are
    what .ci/run runs: the first as written, the second's steps in order (linters between)."""
    setup = README.split("## Set up")[1].split("\n## ")[0]
    install, tests = re.findall(r"```sh\n(.*?)\n```", setup, flags=re.S)
    assert "[test]" not in install and install.endswith("bsec-plan status")
    assert tests == ".venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"
    lines = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    steps = [install, *tests.split(" && ")]
    assert all(step in lines for step in steps), steps
    at = [lines.index(step) for step in steps]
    assert at == sorted(at) and lines[-1] == steps[-1]
    # the linters come with the test extra, so they run after it is installed
    assert all(lines.index(line) > at[1] for line in lines if "ruff" in line or "mypy" in line)
