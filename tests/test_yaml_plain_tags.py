"""The plain reader tells a tagged scalar from a plain or quoted one by how the parser marks it:
every scalar, tagged or not, in every style, reads as the reader with positions reads it (the
same value, or the same located problems)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from bsec_plan.loading.yamlpos import YamlProblem, load, load_plain

TAGS = ["", "! ", "!!str ", "!<tag:yaml.org,2002:str> ", "!foo ", "!!int ", "!!null "]
VALUES = ["x", "'x'", '"x"', "yes", "'yes'", "~", "''", "null", "2010-06-01", "1.5", "|\n  x\n"]


def _read(text: str, reader: Callable[[str], object]) -> object:
    """The value read, or the problems placed."""
    try:
        return reader(text)
    except YamlProblem as err:
        return err.problems


@pytest.mark.parametrize(("tag", "value"), list(itertools.product(TAGS, VALUES)))
def test_a_value_of_each_tag_and_style_reads_alike(tag: str, value: str) -> None:
    for text in (f"a: {tag}{value}\n", f"- {tag}{value}\n"):
        assert _read(text, load_plain) == _read(text, load), text


@pytest.mark.parametrize("tag", TAGS)
def test_a_tagged_key_reads_alike(tag: str) -> None:
    for key in ("k", "'k'", "yes", "'yes'", "~"):
        text = f"{tag}{key}: v\n"
        assert _read(text, load_plain) == _read(text, load), text


def test_an_empty_plain_value_is_none_and_an_empty_quoted_one_is_text() -> None:
    assert load_plain("a:\nb: ''\n") == {"a": None, "b": ""}
