"""A plan read only to be validated is read as plain dicts and lists: the same values as the
reader with positions, and the same located problems when the file is broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from bsec_plan.loading.yamlpos import Mapping, YamlProblem, load, load_plain

BROKEN = Path(__file__).parent / "broken"


def test_a_valid_file_reads_as_plain_dicts_and_lists_with_the_same_values() -> None:
    text = (
        "title: T\nlist: [a, 'b', \"\", ~, {k: v}]\nnested:\n  - x: [1a, y]\n"
        '    z: |\n      block\n  - "quoted: yes"\nempty:\nnull_text: "null"\n'
    )
    plain = load_plain(text)
    assert plain == load(text) == load(text, positions=False)
    assert type(plain) is dict and type(plain["list"]) is list and type(plain["list"][4]) is dict
    assert plain["empty"] is None and plain["null_text"] == "null"


@pytest.mark.parametrize(
    "text",
    [
        "a: x\na: y\n",  # a duplicate key
        "a: &x z\nb: *x\n",  # an alias
        "a: !!int 3\n",  # a tag
        "a: yes\n",  # a typed plain value
        "a: 1.5\n",
        "? [k]\n: v\n",  # a key that is not text
        "a: x\n---\nb: y\n",  # two documents
        "a: [x\n",  # a syntax error
        "",  # no document
        "a:" + " [" * 70 + "]" * 70 + "\n",  # nesting too deep
    ],
)
def test_whatever_the_reader_refuses_is_refused_with_the_same_located_problems(
    text: str,
) -> None:
    with pytest.raises(YamlProblem) as placed:
        load(text)
    with pytest.raises(YamlProblem) as plain:
        load_plain(text)
    assert plain.value.problems == placed.value.problems


def test_a_broken_plan_is_refused_alike() -> None:
    for path in sorted(BROKEN.glob("*.yaml")):
        text = path.read_bytes().decode("utf-8", "replace")
        try:
            expected = load(text)
        except YamlProblem as err:
            with pytest.raises(YamlProblem) as got:
                load_plain(text)
            assert got.value.problems == err.problems, path.name
        else:
            got_tree = load_plain(text)
            assert got_tree == expected and not isinstance(got_tree, Mapping), path.name
