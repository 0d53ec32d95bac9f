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
