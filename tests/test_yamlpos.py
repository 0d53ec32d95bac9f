import pytest

from bsec_plan.yamlpos import YamlProblem, load


def test_scalars_stay_text_as_written():
    root = load("a: NO\nb: 1:20\nc: 2010-06-01\nd: yes\ne: 010\n")
    assert root == {"a": "NO", "b": "1:20", "c": "2010-06-01", "d": "yes", "e": "010"}


def test_only_plain_empty_tilde_and_null_are_none():
    root = load('a:\nb: ~\nc: null\nd: "null"\ne: ""\n')
    assert root == {"a": None, "b": None, "c": None, "d": "null", "e": ""}


def test_positions_are_one_based_lines_and_columns():
    root = load("top:\n  - id: A\n    text: x\n")
    item = root["top"][0]
    assert root.keys_at["top"] == (1, 1)
    assert root["top"].items_at[0] == (2, 5)
    assert item.values_at["text"] == (3, 11)


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", (4, 3), "duplicate key 'c' (first defined at line 3)"),
        ("a: &x [1]\nb: *x\n", (2, 4), "aliases (*x) are not allowed"),
        ("a: !!int 3\n", (1, 4), "YAML tags such as 'tag:yaml.org,2002:int' are not allowed"),
        ("a: 1\n---\nb: 2\n", (2, 1), "only one YAML document is allowed"),
        ("a:\n\t- b\n", (2, 1), "a tab character cannot indent YAML"),
        ("a: [1, 2\n", (2, 1), "YAML syntax:"),
        ("", (1, 1), "the file is empty"),
        ("{[1]: 2}\n", (1, 2), "a mapping key must be a plain string"),
    ],
)
def test_refusals_are_located(text, where, words):
    with pytest.raises(YamlProblem) as err:
        load(text)
    (at, message), *_ = err.value.problems
    assert at == where
    assert words in message


def test_every_duplicate_and_alias_is_reported_at_once():
    with pytest.raises(YamlProblem) as err:
        load("a: 1\na: 2\nb: &x 1\nc: *x\nd: *x\n")
    assert [at for at, _ in err.value.problems] == [(2, 1), (4, 4), (5, 4)]


def test_forbidden_character_after_non_ascii_text_is_located_in_characters():
    with pytest.raises(YamlProblem) as err:
        load("a: – é\nb: x\x00\n")
    assert err.value.problems == [((2, 5), "character U+0000 is not allowed in YAML")]
