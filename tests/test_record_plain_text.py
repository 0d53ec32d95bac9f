"""A value `record` writes plain in a block is one that every YAML reader takes as the same
text: the rule, told without a pattern, is the pattern's to the letter."""

from __future__ import annotations

import random
import re

from bsec_plan.loading.editing import block_plain

PATTERN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#\n]|:(?=\S)|(?<=\S)#)*")
ALPHABET = "ab :#-?,[]{}&*!|>'\"%@`\n\t\u00a0\u2028.é"


def test_the_rule_is_the_pattern() -> None:
    draw = random.Random(2026)
    for _ in range(30_000):
        text = "".join(draw.choice(ALPHABET) for _ in range(draw.randint(1, 6)))
        assert block_plain(text) == (PATTERN.fullmatch(text) is not None), repr(text)


def test_the_values_of_the_files_read_as_they_do() -> None:
    for text in ("Meeting of the Network.", "C#", "a: b", "https://e.org/a", "-2w", "note: "):
        assert block_plain(text) == (PATTERN.fullmatch(text) is not None), text
