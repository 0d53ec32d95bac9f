"""The scans for invisible characters and for what JSON output escapes search only the bytes of
characters outside ASCII (and DEL): what is left of a text must not join two characters into a
third, nor lose one."""

from __future__ import annotations

import re

import pytest

from bsec_plan import safetext
from bsec_plan.safetext import BIDI, FORMAT, ZERO_WIDTH

ESCAPED = f"[\x7f-\x9f{BIDI}{ZERO_WIDTH}{FORMAT}]"
EVERY = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))  # but lone surrogates
AROUND = ["é", "–", "\U0001f600", "\x80", "a", "\x7f"]


@pytest.mark.parametrize("chars", [safetext._INVISIBLE, ESCAPED], ids=["invisible", "escaped"])
def test_a_character_among_others_outside_ascii_is_found_as_alone(chars: str) -> None:
    members = re.findall(chars, EVERY)
    for before in AROUND:
        for after in AROUND:
            assert all(safetext._holds(f"x{before}{c}{after}", chars) for c in members)
            alone = re.search(chars, f"{before}{after}") is not None
            assert safetext._holds(f"x{before}y{after}z", chars) is alone
