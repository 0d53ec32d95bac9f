"""A source that is one address naming its page is accepted at once; the answer must be the one
the full reading (pieces, words, every rule) gives, for tricky texts as much as plain ones."""

from __future__ import annotations

import itertools

import pytest

from bsec_plan.domain import addresses, citations

SOURCES = [
    "https://gazette.example/119/8",
    "http://www.mfa.gov.rs/en/press?id=12",
    "HTTPS://Example.ORG/Path",
    "hTtP://a-b_c.example.org./x",
    "https://example.org?q",
    "https://example.org#frag",
    "https://example.org/?",
    "https://example.org//",
    "https://example.org?#x",
    "https://example.org",
    "https://example.org/",
    "https://example.org/путь/ü",
    "https://example.org/" + "a" * 1979,
    "https://example.org/" + "a" * 1980,
    "",
    "https://",
    "https://example/x",
    "https://example.o1/x",
    "https://example.org:8080/x",
    "https://user@example.org/x",
    "https://exa%6Dple.org/x",
    "https://exämple.org/x",
    "https://example.ｏｒｇ/x",
    "httpſ://example.org/x",
    "ftp://example.org/x",
    "https://example.org/<x>",
    "https://[::1]/x",
    "https://example.org\\x",
    "https://example.org/\x85",
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
        addresses.names_a_page = lambda text: False
        return citations.source_problem(text)
    finally:
        addresses.names_a_page = original


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
