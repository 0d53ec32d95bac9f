import re

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bsec_plan.loading.yamlpos import YamlProblem, load


def test_scalars_stay_text_as_written() -> None:
    root = load('a: "NO"\nb: "1:20"\nc: 2010-06-01\nd: \'yes\'\ne: "010"\nf: 2011-06\n')
    assert root == {
        "a": "NO",
        "b": "1:20",
        "c": "2010-06-01",
        "d": "yes",
        "e": "010",
        "f": "2011-06",
    }


@pytest.mark.parametrize("positions", [True, False])
def test_every_plain_value_other_tools_read_as_a_number_or_boolean_is_located(
    positions: bool,
) -> None:
    text = "a: 2011.\nb: [NO, x, 1:20]\nc: on\nd: 0x1F\ne: .5\nf: 1e3\ng: 2010-06-01\nh: N\n"
    with pytest.raises(YamlProblem) as err:
        load(text, positions=positions)
    assert err.value.problems == [
        ((1, 4), 'other YAML tools read 2011. as a number, not text; quote it: "2011."'),
        ((2, 5), 'other YAML tools read NO as a boolean, not text; quote it: "NO"'),
        ((2, 12), 'other YAML tools read 1:20 as a number, not text; quote it: "1:20"'),
        ((3, 4), 'other YAML tools read on as a boolean, not text; quote it: "on"'),
        ((4, 4), 'other YAML tools read 0x1F as a number, not text; quote it: "0x1F"'),
        ((5, 4), 'other YAML tools read .5 as a number, not text; quote it: ".5"'),
        ((6, 4), 'other YAML tools read 1e3 as a number, not text; quote it: "1e3"'),
    ]


def test_only_plain_empty_tilde_and_null_are_none() -> None:
    root = load('a:\nb: ~\nc: null\nd: "null"\ne: ""\n')
    assert root == {"a": None, "b": None, "c": None, "d": "null", "e": ""}


def test_positions_are_one_based_lines_and_columns() -> None:
    root = load("top:\n  - id: A\n    text: x\n")
    item = root["top"][0]
    assert root.keys_at["top"] == (1, 1)
    assert root["top"].items_at[0] == (2, 5)
    assert item.values_at["text"] == (3, 11)


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("a: x\nb:\n  c: x\n  c: y\n", (4, 3), "duplicate key 'c' (first defined at line 3)"),
        ("a: &x [y]\nb: *x\n", (2, 4), "aliases (*x) are not allowed"),
        ("a: !!int 3\n", (1, 4), "YAML tags such as 'tag:yaml.org,2002:int' are not allowed"),
        ("a: x\n---\nb: y\n", (2, 1), "only one YAML document is allowed"),
        ("a:\n\t- b\n", (2, 1), "a tab character cannot indent YAML"),
        ("a: [x, y\n", (2, 1), "YAML syntax:"),
        ("", (1, 1), "the file is empty"),
        ("{[x]: y}\n", (1, 2), "a mapping key must be a plain string"),
        ("? [x]\n: y\n", (1, 3), "a mapping key must be a plain string"),
        ("a: !x [y]\n", (1, 4), "YAML tags such as '!x' are not allowed"),
        ("a: " + "[" * 70 + "]" * 70 + "\n", (1, 67), "nesting deeper than 64 levels"),
    ],
)
@pytest.mark.parametrize("positions", [True, False])
def test_refusals_are_located(
    text: str, where: tuple[int, int], words: str, positions: bool
) -> None:
    """Read without positions (the quick way for a valid plan), a refused file is read again
    with them, so that the problem is located all the same."""
    with pytest.raises(YamlProblem) as err:
        load(text, positions=positions)
    (at, message), *_ = err.value.problems
    assert at == where
    assert words in message


def test_a_valid_file_reads_the_same_with_and_without_positions() -> None:
    text = (
        "title: T\nlist: [a, 'b', \"\", ~, {k: v}]\nnested:\n  - x: [1a, y]\n"
        '    z: |\n      block\n  - "quoted: yes"\nempty:\nnull_text: "null"\n'
    )
    plain, placed = load(text, positions=False), load(text)
    assert plain == placed
    assert plain["list"][4] == {"k": "v"} and plain["empty"] is None
    assert type(plain["nested"]) is type(placed["nested"])
    assert not hasattr(plain, "keys_at") and placed.keys_at["nested"] == (3, 1)


def test_every_duplicate_and_alias_is_reported_at_once() -> None:
    with pytest.raises(YamlProblem) as err:
        load("a: x\na: y\nb: &x z\nc: *x\nd: *x\n")
    assert [at for at, _ in err.value.problems] == [(2, 1), (4, 4), (5, 4)]


def test_forbidden_character_after_non_ascii_text_is_located_in_characters() -> None:
    with pytest.raises(YamlProblem) as err:
        load("a: – é\nb: x\x00\n")
    assert err.value.problems == [((2, 5), "character U+0000 is not allowed in YAML")]


def _read_by_other_tools_as_number_or_boolean(value: str) -> bool | None:
    """What PyYAML's SafeLoader (YAML 1.1) and ruamel.yaml (YAML 1.2, as check-jsonschema reads
    files) make of `a: VALUE`; None where either cannot read it as one plain scalar."""
    import datetime as dt

    import ruamel.yaml

    text = f"a: {value}\n"
    try:
        results = [yaml.safe_load(text), ruamel.yaml.YAML(typ="safe", pure=True).load(text)]
    except Exception:  # the value breaks a reader (an error of its own, as "._" in PyYAML)
        return None
    if not all(isinstance(r, dict) and list(r) == ["a"] for r in results):
        return None
    kinds = [type(r["a"]) for r in results]
    if not all(k in (str, int, float, bool, type(None), dt.date, dt.datetime) for k in kinds):
        return None
    return any(k in (int, float, bool) for k in kinds) or bool(YAML_12_CORE.fullmatch(value))


# The YAML 1.2 core schema's own patterns for numbers and booleans (spec 10.3.2), as the YAML
# language server reads them; ruamel.yaml is stricter on a few (`.0E0`).
YAML_12_CORE = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|true|True|TRUE|false|False|FALSE"
)


def _reported(value: str) -> bool | None:
    try:
        load(f"a: {value}\n")
    except YamlProblem as err:
        messages = [m for _, m in err.problems]
        if all(m.startswith("other YAML tools read") for m in messages):
            return True
        return None
    return False


@given(st.text(alphabet="0123456789_.:+-eExobOnNyYtTrufalsI ", min_size=1, max_size=8))
@settings(max_examples=400, deadline=None)
def test_reported_exactly_when_pyyaml_or_ruamel_reads_a_number_or_boolean(value: str) -> None:
    expected = _read_by_other_tools_as_number_or_boolean(value)
    assume(expected is not None)
    assert _reported(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2011.",
        "2011",
        "-1",
        "+.5",
        "1_000",
        "0o17",
        "017",
        "0b101",
        "0x1f",
        "1:20",
        "1:20.5",
        "1e3",
        "1.5E-3",
        ".inf",
        "-.Inf",
        ".NaN",
        "NO",
        "yes",
        "On",
        "OFF",
        "true",
        "False",
        "09",
        "-_0",
        "_1",
        "0:30",
        "2010-06-01",
        "2011-06",
        "N",
        "y",
        "1.2.3",
        "A.2",
        "1-2",
        "2011-H2",
    ],
)
def test_known_values_agree_with_pyyaml_and_ruamel(value: str) -> None:
    expected = _read_by_other_tools_as_number_or_boolean(value)
    assert expected is not None
    assert _reported(value) == expected
