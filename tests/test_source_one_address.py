"""A source that is one address naming its page is accepted at once; the answer must be the one
the full reading (pieces, words, every rule) gives, for tricky texts as much as plain ones."""

from __future__ import annotations

import itertools

import pytest

from bsec_plan.domain import addresses, citations
from tests.test_address_fast_path import PLAIN, TRICKY

SOURCES = [
    *PLAIN,
    *TRICKY,
    "https://example.org/x; https://example.org/y",
    "https://example.org/x;https://example.org/y",
    "Law 2925/2001, no. 62 https://example.org/x",
    "https://example.org/x\u2028",
    "https://example.org/x\u00a0",
    "https://example.org/x\x1c",
    " https://example.org/x",
    "https://example.org/x ",
    "ciela.net",
    "unian.net/world/x",
]


def _full(text: str) -> str | None:
    """source_problem without the fast path: the pieces and words read one by one."""
    original = addresses.names_a_page
    try:
        addresses.names_a_page = lambda text: False  # type: ignore[assignment]
        return citations.source_problem(text)
    finally:
        addresses.names_a_page = original  # type: ignore[assignment]


@pytest.mark.parametrize("text", SOURCES)
def test_a_source_read_at_once_gets_the_answer_of_the_full_reading(text: str) -> None:
    if addresses.names_a_page(text):
        assert _full(text) is None
    assert citations.source_problem(text) == _full(text)


def test_every_short_mix_of_the_characters_that_matter_reads_the_same_both_ways() -> None:
    pieces = ["a", "/", "?", "#", " ", ";", "\t", ".", ":", "%", "é", "\u3000"]
    for length in range(1, 4):
        for combo in itertools.product(pieces, repeat=length):
            middle = "".join(combo)
            for text in (f"https://example.org{middle}", f"https://ex{middle}ample.org/x"):
                assert citations.source_problem(text) == _full(text), repr(text)
