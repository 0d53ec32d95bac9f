"""An address naming its page is told in one match: the answer must be the one of reading it in
steps (no unsafe character, the usual form, then its path and query looked at), for every
short mix of the characters that matter in each part of an address."""

from __future__ import annotations

import itertools

from bsec_plan.domain import addresses

MIXED = ["a", "/", "?", "#", ".", "-", "_", ":", "@", "%", " ", "\t", "<", "\\", "é", "\x85"]


def _in_steps(text: str) -> bool:
    """names_a_page as three steps: length and unsafe characters, the usual form, the page."""
    if len(text) > addresses.MAX_ADDRESS or addresses._UNSAFE.search(text):
        return False
    plain = addresses._PLAIN.fullmatch(text)
    if plain is None:
        return False
    path, _, query = (plain.group(2) or "").partition("#")[0].partition("?")
    return bool(path.strip("/") or query)


def test_every_short_mix_after_the_host_and_in_it_is_told_alike() -> None:
    for length in range(4):
        for combo in itertools.product(MIXED, repeat=length):
            middle = "".join(combo)
            for text in (
                f"https://example.org{middle}",
                f"https://example.org/{middle}",
                f"https://example.org?{middle}",
                f"https://ex{middle}ample.org/x",
                f"http{middle}://example.org/x",
            ):
                assert addresses.names_a_page(text) == _in_steps(text), repr(text)


def test_long_and_odd_addresses_are_told_alike() -> None:
    for text in [
        "https://example.org/" + "a" * 1979,
        "https://example.org/" + "a" * 1980,
        "HTTPS://Example.ORG./Path?x#y",
        "https://example.org/x\n",
        "https://example.org/x\u2028",
        "https://example.org/x\u00a0",
        "https://example.org//?#",
        "https://example.org/?#x",
        "https://example.org?/",
        "",
    ]:
        assert addresses.names_a_page(text) == _in_steps(text), repr(text)
