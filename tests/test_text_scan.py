"""The scans for invisible characters and for what JSON output escapes find every one of them
in a large text, ASCII or not, and nothing else: the search of the text's UTF-8 bytes answers
as the search of its characters does."""

from __future__ import annotations

import json
import re

import pytest

from bsec_plan import safetext
from bsec_plan.safetext import BIDI, FORMAT, ZERO_WIDTH, invisible, json_text

ESCAPED = f"[\x7f-\x9f{BIDI}{ZERO_WIDTH}{FORMAT}]"
PAGE = "plan text, one line of many; " * 20_000  # ASCII, as most of a plan is
DASHED = PAGE + "State AK – Agency of AK"  # the same, with one character outside ASCII


EVERY = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))  # but lone surrogates


def _members(chars: str) -> list[str]:
    return re.findall(chars, EVERY)


@pytest.mark.parametrize("chars", [safetext._INVISIBLE, ESCAPED], ids=["invisible", "escaped"])
def test_each_character_of_a_class_is_found_and_its_neighbours_are_not(chars: str) -> None:
    members = _members(chars)
    neighbours = {chr(ord(c) + d) for c in members for d in (-1, 1)} - set(members)
    neighbours -= {chr(c) for c in range(0xD800, 0xE000)}  # no text holds a lone surrogate
    for text in ("plain ", "dashed – "):  # an ASCII text and one that is not
        assert all(safetext._holds(text + c, chars) for c in members)
        assert not any(safetext._holds(text + c, chars) for c in neighbours)
    assert safetext._holds(DASHED + members[-1], chars)


def test_an_invisible_character_is_named_in_a_large_text() -> None:
    assert invisible(DASHED) is None
    assert invisible(DASHED + "\u202e") == "a bidirectional control U+202E"
    assert invisible(PAGE + "\u200b") == "a zero-width character U+200B"


def test_json_text_escapes_in_a_large_document_and_leaves_a_clean_one_as_it_is() -> None:
    clean = json.dumps({"text": DASHED}, ensure_ascii=False)
    assert json_text(clean) is clean
    for hidden in ("\x7f", "\x9b", "\u2066", "\U000e0041"):
        document = json.dumps({"text": PAGE + hidden}, ensure_ascii=False)
        shown = json_text(document)
        assert hidden not in shown and json.loads(shown) == json.loads(document)
