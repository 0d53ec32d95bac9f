"""An indentation slip is said as one: the line that slipped, its column and its siblings',
never the parser's own wording."""

import pytest
from conftest import TESTS, run_cli

from bsec_plan.loading import yamlpos

BROKEN = TESTS / "broken"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        (
            "indentation-key-too-deep.yaml",
            "tests/broken/indentation-key-too-deep.yaml:21:13: error: "
            "indentation: `kind` is at column 13, its siblings at column 11",
        ),
        (
            "indentation-item-too-shallow.yaml",
            "tests/broken/indentation-item-too-shallow.yaml:24:2: error: "
            "indentation: the list item is at column 2, its siblings at column 3",
        ),
    ],
)
def test_check_says_indentation_at_the_line_that_slipped(name: str, line: str) -> None:
    result = run_cli("check", f"tests/broken/{name}")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [line, "1 problem found"]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "a:\n  - b: x\n    c: y\n      d: z\n",
            (4, 7),
            "`d` is at column 7, its siblings at column 5",
        ),
        (
            "a:\n  - b: x\n    c: y\n   d: z\n",
            (4, 4),
            "`d` is at column 4, its siblings at column 5",
        ),
        ("a:\n  - b: x\n    c:\n      - x\n   d: z\n", (5, 4), "its siblings at column 5"),
        ("a: x\n b: y\n", (2, 2), "`b` is at column 2, its siblings at column 1"),
        (
            "a:\n  - b: x\n - b: y\n",
            (3, 2),
            "the item `- b` is at column 2, its siblings at column 3",
        ),
    ],
)
def test_each_kind_of_slip_is_named(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(yamlpos.YamlProblem) as err:
        yamlpos.load(text)
    [(at, said)] = err.value.problems
    assert at == where and said.startswith("indentation: ") and message in said
    assert "mapping values" not in said and "expected" not in said


def test_a_syntax_error_that_is_no_slip_keeps_the_parser_words() -> None:
    with pytest.raises(yamlpos.YamlProblem) as err:
        yamlpos.load("a: b: c\n")
    [(_, said)] = err.value.problems
    assert said.startswith("YAML syntax: ")
