"""Web addresses in sources: one parser, used by `check` to accept an address and by the page
to link it, so that the page can link every address `check` accepts and never fails on one.

Every step is linear in the length of the text (no backtracking patterns): plan text is
untrusted, and a source may be long.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

MAX_ADDRESS = 2000  # characters; longer addresses are refused (browsers and servers cut them)
SCHEMES = ("http", "https")
# characters an address may not hold as written: they end it in HTML or in other tools, or
# browsers and Python read them differently (a backslash is a slash to a browser)
_UNSAFE_CHARS = r"\s<>\"'`\\\[\]{}|^\x00-\x1f\x7f-\x9f"  # the inside of a class
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
_LABEL = re.compile(r"[\w-]+")


class Address(NamedTuple):
    href: str  # the address as written: what the page links to
    host: str  # the host name, lower case: what the page shows
    page: bool  # it names a page, not only a site: a path or a query


# An address as most are written: http or https, then a host of ASCII labels (letters, digits,
# `_`, `-`) whose last is letters, nothing else before its path, query or fragment (no user,
# port, `%` or brackets). For such a text urlsplit's parts are known without it, and each rule
# below holds; anything else goes through urlsplit and every rule (a test compares the two).
_PLAIN = re.compile(
    r"[hH][tT][tT][pP][sS]?://([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[A-Za-z]+)\.*([/?#].*)?",
    re.DOTALL,
)

# `_PLAIN` with no character `_UNSAFE` finds, whose path (up to `?` or `#`) holds more than
# slashes or whose query (after `?`, up to `#`) is not empty: `names_a_page` in one match.
_PAGE = re.compile(
    r"[hH][tT][tT][pP][sS]?://[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[A-Za-z]+\.*"
    rf"(?:/+(?:[^{_UNSAFE_CHARS}/?#]|\?[^{_UNSAFE_CHARS}#])|\?[^{_UNSAFE_CHARS}#])"
    rf"[^{_UNSAFE_CHARS}]*"
)


def parse(text: str) -> Address | str:
    """The address in `text` (all of it), or why it is not one the page can link."""
    if len(text) <= MAX_ADDRESS and _UNSAFE.search(text) is None:
        plain = _PLAIN.fullmatch(text)
        if plain is not None:  # a fifth of the cost of reading it with urlsplit
            host, rest = plain.group(1, 2)
            path, _, query = (rest or "").partition("#")[0].partition("?")
            return Address(text, host.lower(), bool(path.strip("/") or query))
    return _parsed(text)


def names_a_page(text: str) -> bool:
    """Whether `text`, all of it, is an address as most are written (see `_PLAIN`) that names a
    page: `parse` gives an Address with `page` set. Such a text holds no space, so a source
    that is one is followable without splitting it into pieces and words."""
    return len(text) <= MAX_ADDRESS and _PAGE.fullmatch(text) is not None


def _parsed(text: str) -> Address | str:
    """`parse` for any text, through urlsplit: every rule, every message."""
    import unicodedata  # here: most addresses never come this way

    if len(text) > MAX_ADDRESS:
        return f"the address is longer than {MAX_ADDRESS} characters"
    bad = _UNSAFE.search(text)
    if bad:
        return f"the address holds {_describe(bad.group())}, which an address cannot hold"
    scheme, sep, _ = text.partition("://")
    if not sep:
        return "the address has no scheme; write it in full, starting with https:// or http://"
    if scheme.lower() not in SCHEMES:
        return f"the address starts with '{scheme}://'; only http and https addresses can be linked"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - reading it checks the port
    except ValueError as err:
        return f"the address cannot be read: {err}"
    netloc = parts.netloc
    if not netloc:
        return "the address names no host"
    if unicodedata.normalize("NFKC", netloc) != netloc:
        return "the address's host holds characters that change meaning when normalised"
    if "@" in netloc:
        return "the address holds a user name before its host; leave it out"
    host = (parts.hostname or "").rstrip(".")
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"the address's host '{host}' is not a host name such as example.org"
    if not labels[-1].isalpha():
        return f"the address's host '{host}' does not end in a top-level domain such as .org"
    return Address(text, host.lower(), bool(parts.path.strip("/") or parts.query))


def looks_like_address(token: str) -> bool:
    """Whether a word of a source is meant as an address: it has a scheme (`x://`), or it is a
    host name followed by a path (`unian.net/world/...`)."""
    if "://" in token:
        return True
    head, slash, rest = token.partition("/")
    return bool(slash) and bool(rest) and is_host_name(head)


def is_host_name(text: str) -> bool:
    """`ciela.net`, `www.mfa.gov.rs`: labels of letters, digits and hyphens, the last letters."""
    labels = text.rstrip(".").split(".")
    return (
        len(labels) >= 2
        and all(_LABEL.fullmatch(label) for label in labels)
        and labels[-1].isalpha()
        and len(labels[-1]) >= 2
    )


def _describe(char: str) -> str:
    if char.isspace() or not char.isprintable():
        return f"the character U+{ord(char):04X}"
    return f"'{char}'"
