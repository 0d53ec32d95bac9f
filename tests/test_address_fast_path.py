"""An address as most are written is read without urlsplit; the answer must be the one
urlsplit and every rule give, for tricky addresses as much as for plain ones."""

from __future__ import annotations

import itertools

import pytest

from bsec_plan.domain import addresses

PLAIN = [
    "https://gazette.example/119/8",
    "http://www.mfa.gov.rs/en/press?id=12",
    "HTTPS://Example.ORG/Path",
    "hTtP://a-b_c.example.org./x",
    "https://example.org../x",
    "https://example.org?q",
    "https://example.org#frag",
    "https://example.org/#frag",
    "https://example.org/?",
    "https://example.org//",
    "https://example.org/a#b?c",
    "https://example.org/a?b#c",
    "https://example.org?#x",
    "https://example.org#?x",
    "https://example.org",
    "https://example.org/",
    "https://-.example.org/x",
    "https://1.2.example.org/x",
    "https://example.org/путь/ü",
    "https://example.org/a://b",
    "https://example.org/" + "a" * 1960,
]

TRICKY = [
    "",
    "https://",
    "https:///path",
    "https://example/x",
    "https://example.o1/x",
    "https://example.123/x",
    "https://example..org/x",
    "https://.example.org/x",
    "https://example.org:8080/x",
    "https://example.org:/x",
    "https://example.org:99999/x",
    "https://example.org:8o/x",
    "https://user@example.org/x",
    "https://user:pw@example.org/x",
    "https://exa%6Dple.org/x",
    "https://EXA%4Dple.ORG/x",
    "https://exämple.org/x",
    "https://example.orgé/x",
    "https://example.ｏｒｇ/x",
    "https://example.org\u2100/x",
    "https://ex_ample.org/x",
    "httpſ://example.org/x",
    "httpS://example.org/x",
    "ftp://example.org/x",
    "https:/example.org/x",
    "https:example.org/x",
    "example.org/x",
    "https://example.org /x",
    "https://example.org/x y",
    "https://example.org/<x>",
    "https://[::1]/x",
    "https://example.org\\x",
    "https://example.org/\x85",
    "https://example.org/\t",
    "https://example.\u212aorg/x",
    "https://example.org/" + "a" * 2000,
    "https://example.org/" + "a" * 1979,
    "https://example.org/" + "a" * 1980,
    "https://a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.1",
    "https://xn--e1afmkfd.xn--p1ai/x",
]


@pytest.mark.parametrize("text", PLAIN + TRICKY)
def test_reading_without_urlsplit_gives_the_answer_urlsplit_gives(text: str) -> None:
    assert addresses.parse(text) == addresses._parsed(text)


@pytest.mark.parametrize("text", PLAIN)
def test_an_address_as_most_are_written_is_read_without_urlsplit(text: str) -> None:
    assert addresses._PLAIN.fullmatch(text) is not None
    assert isinstance(addresses.parse(text), addresses.Address)


def test_every_short_mix_of_the_characters_that_matter_reads_the_same_both_ways() -> None:
    # hosts and tails made of the characters the two readings could part on
    pieces = ["a", "Z", "9", "-", "_", ".", ":", "@", "%", "é", "/", "?", "#", "ſ", "K"]
    for length in range(1, 4):
        for combo in itertools.product(pieces, repeat=length):
            middle = "".join(combo)
            for text in (
                f"https://{middle}.org/x",
                f"https://ex{middle}/x",
                f"http://example.org{middle}",
                f"HTTPS://{middle}",
            ):
                assert addresses.parse(text) == addresses._parsed(text), text
