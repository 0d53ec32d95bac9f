"""Every example in the README and in docs/ is the tool's real output, and every link leads
somewhere."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, checkout_env

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md", *DOCS]


def _examples(text: str) -> list[tuple[str, str]]:
    """A fenced block that starts with a command; examples that need a git revision or are cut
    short with "..." are left out."""
    return [
        (command, expected)
        for command, expected in re.findall(
            r"```\n\$ (bsec-plan [^\n]*)\n(.*?)```", text, flags=re.S
        )
        if " main" not in command and "\n    ...\n" not in expected + "\n"
    ]


EXAMPLES = [
    (page.relative_to(ROOT).as_posix(), command, expected)
    for page in [ROOT / "README.md", *DOCS]
    for command, expected in _examples(page.read_text(encoding="utf-8"))
]


def test_the_readme_and_the_docs_have_examples() -> None:
    assert len(_examples(README)) >= 7
    assert len(EXAMPLES) >= 10
    assert {page for page, _, _ in EXAMPLES} >= {"README.md", "docs/usage.md"}


@pytest.mark.parametrize(
    "page, command, expected", EXAMPLES, ids=[f"{p}: {c}" for p, c, _ in EXAMPLES]
)
def test_readme_example(page: str, command: str, expected: str) -> None:
    shell = command.replace("bsec-plan", f"{sys.executable} -m bsec_plan", 1)
    result = subprocess.run(
        shell, shell=True, capture_output=True, text=True, cwd=ROOT, env=checkout_env()
    )
    assert (result.stdout + result.stderr).replace(
        "\r\n", "\n"
    ) == expected  # .ics lines end in CRLF


def test_layout_table_lists_every_module() -> None:
    layout = CONTRIBUTING.split("## Layout")[1].split("\n## ")[0]
    listed = set(re.findall(r"`bsec_plan/([\w/]+\.py)`", layout))
    package = ROOT / "bsec_plan"
    modules = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
    modules = {m for m in modules if not m.endswith("__init__.py")}
    assert modules - listed == set()


def _anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    headings = re.findall(r"^#+ (.*)$", text, flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_the_readme_stays_a_users_guide() -> None:
    assert len(README.splitlines()) < 400
    for page in [*DOCS, ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md"]:
        assert f"]({page.relative_to(ROOT).as_posix()}" in README, f"README links {page.name}"


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_relative_link_leads_to_a_file_and_heading(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        name, _, anchor = target.partition("#")
        linked = (page.parent / name).resolve() if name else page
        assert linked.exists(), f"{page.name}: {target}"
        if anchor:
            assert anchor in _anchors(linked), f"{page.name}: {target}"


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
