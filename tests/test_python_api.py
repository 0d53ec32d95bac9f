"""The Python API: its examples are run and compared as the README's are, every public function
is documented, its answers are the records the commands show, and importing the package or
starting the command line does not load it."""

import datetime as dt
import inspect
import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT, checkout_env, run_cli

from bsec_plan import api

PAGE = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```\n\n```text\n(.*?)```", PAGE, flags=re.S)
FUNCTIONS = sorted(n for n in api.__all__ if inspect.isfunction(getattr(api, n)))
DAY = dt.date(2010, 6, 1)


def test_the_page_has_examples_of_most_functions() -> None:
    assert len(EXAMPLES) >= 5
    shown = {name for code, _ in EXAMPLES for name in re.findall(r"api\.(\w+)\(", code)}
    assert len(shown & set(FUNCTIONS)) >= 5


@pytest.mark.parametrize(
    "code, expected", EXAMPLES, ids=[f"example {i}" for i in range(len(EXAMPLES))]
)
def test_example(code: str, expected: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=checkout_env(),
        timeout=120,
    )
    assert result.stdout == expected, result.stderr


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_public_function_is_documented(name: str) -> None:
    function = getattr(api, name)
    assert inspect.getdoc(function), name
    parameters = inspect.signature(function).parameters
    documented = re.search(rf"^### `api\.{name}\((.*)\)`$", PAGE, flags=re.M)
    assert documented, f"docs/python-api.md has no heading for api.{name}"
    named = [p.split("=")[0].strip(" *") for p in documented.group(1).split(",")]
    assert [n for n in named if n] == list(parameters), name


def test_every_public_name_resolves_and_is_typed() -> None:
    for name in api.__all__:
        assert getattr(api, name) is not None, name
    for name in FUNCTIONS:
        hints = inspect.get_annotations(getattr(api, name))
        assert "return" in hints, name
    assert (ROOT / "bsec_plan" / "py.typed").is_file()


def test_the_answers_are_those_the_commands_show() -> None:
    plan = api.load(ROOT / "data" / "plan.yaml")
    shown = json.loads(
        run_cli("overdue", "--as-of", "2010-06-01", "--state", "gr", "--format", "json").stdout
    )
    rows = api.overdue(plan, DAY, state="gr")
    assert [(r.action, r.occurrence) for r in rows] == [
        (o["action"], o["occurrence"]) for o in shown["overdue"]
    ]
    listed = json.loads(run_cli("sources", "--format", "json").stdout)
    assert len(api.sources(plan)) == len(listed["facts"])


def test_a_request_that_cannot_be_answered_raises_usage_error() -> None:
    plan = api.load(ROOT / "data" / "plan.yaml")
    with pytest.raises(api.UsageError, match=r"no action 'Z\.9'"):
        api.show(plan, "Z.9", DAY)
    with pytest.raises(api.UsageError, match="reversed"):
        api.calendar(plan, DAY, start=DAY, end=dt.date(2010, 1, 1))
    with pytest.raises(api.UsageError, match="liaison-officer"):
        api.missing(plan, DAY, lacking="officer")


def test_a_broken_plan_raises_plan_error_with_located_problems() -> None:
    broken = sorted((ROOT / "tests" / "broken").glob("*.yaml"))[0]
    with pytest.raises(api.PlanError) as caught:
        api.load(broken, cache=False)
    assert caught.value.problems
    assert re.match(r".+:\d+:\d+: error: ", str(caught.value.problems[0]))


def test_importing_the_package_or_asking_for_help_loads_no_api() -> None:
    code = "import sys, bsec_plan; print('bsec_plan.api' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=checkout_env()
    )
    assert out.stdout == "False\n"
    for args in (["--version"], ["--help"]):
        trace = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "bsec_plan", *args],
            capture_output=True,
            text=True,
            env=checkout_env(),
        )
        assert trace.returncode == 0
        assert not re.search(r"\| +bsec_plan\.api$", trace.stderr, flags=re.M)
