"""A piped JSON answer written in pieces, byte for byte what one `json.dumps(document,
ensure_ascii=False, default=str)` gives once escaped by `safetext.json_text`.

A long list at the top level is encoded a thousand items at a time, so that a large answer is
never one string in memory. Each piece is encoded to UTF-8 once, checked as bytes for what JSON
output escapes (`safetext.json_bytes`) and written beneath the text stream, instead of checked as
text, then encoded again by the stream.

The rows of a large `overdue` answer share a few dozen lists of responsible parties, some of 120
Member States, which make most of its bytes. A list of rows that holds such a list
(`views.common.Shared`, the same object in each row) is written row by row: each shared list is
encoded, made into bytes and checked once for the answer, and the rest of each row is written as
the C encoder writes it (its keys' text made once; strings by the same function; ints by the same
repr; anything else by the C encoder itself)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, TextIO

from bsec_plan.safetext import json_bytes, json_text
from bsec_plan.views.common import Shared

ITEMS_AT_ONCE = 1000


class _Once(str):
    """The encoded text of a shared value: the same object wherever the value is met, so that
    its bytes are made and checked once."""


def write_document(document: dict[str, Any], stream: TextIO) -> None:
    """`document` as one compact line (no newline after it), as `write` writes its text."""
    write(_pieces(document), stream)


def _pieces(document: dict[str, Any]) -> Iterator[str]:
    """`json.dumps(document, ensure_ascii=False, default=str)` in pieces: a long list at the top
    level a thousand items at a time."""
    import json

    # a view's document is a tree of plain values: no container to note against a cycle
    whole = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False).encode
    rows = _row_writer(whole)
    yield "{"
    for n, (key, value) in enumerate(document.items()):
        yield f"{', ' if n else ''}{whole(key)}: "
        if not isinstance(value, list) or len(value) <= ITEMS_AT_ONCE:
            yield whole(value)
            continue
        yield "["
        shares = _shares(value[0])
        for start in range(0, len(value), ITEMS_AT_ONCE):
            items = value[start : start + ITEMS_AT_ONCE]
            if start:
                yield ", "
            if shares and all(type(item) is dict for item in items):
                yield from rows(items)
            else:
                yield whole(items)[1:-1]
        yield "]"
    yield "}"


def _shares(item: Any) -> bool:
    """Whether a list's first item is a row holding a shared value: rows that hold none are
    written faster by the C encoder alone."""
    return type(item) is dict and any(type(v) is Shared for v in item.values())


def _row_writer(whole: Callable[[Any], str]) -> Callable[[list[dict[Any, Any]]], Iterator[str]]:
    """What writes rows, each as `whole` encodes it, with one answer's shared values."""
    from json.encoder import encode_basestring as text  # what the C encoder itself calls

    shared: dict[int, tuple[Shared, _Once]] = {}  # by id, the list kept so that its id is too
    heads: dict[tuple[Any, ...], list[str]] = {}  # by a row's keys: '{"key": ', ', "key": '...

    def rows(items: list[dict[Any, Any]]) -> Iterator[str]:
        out: list[str] = []  # the text since the last shared value, joined when one is met
        for n, item in enumerate(items):
            if n:
                out.append(", ")
            keys = tuple(item)
            head = heads.get(keys)
            if head is None:
                if not keys or any(type(key) is not str for key in keys):
                    out.append(whole(item))  # {} or keys JSON makes strings: as the encoder does
                    continue
                head = heads[keys] = [
                    (", " if i else "{") + text(k) + ": " for i, k in enumerate(keys)
                ]
            # head was made from these very keys; strict=True would cost a keyword call per row
            for start, value in zip(head, item.values()):  # noqa: B905
                out.append(start)
                kind = type(value)
                if kind is str:
                    out.append(text(value))
                elif value is None:
                    out.append("null")
                elif kind is int:  # not bool, a subclass of int that JSON writes as a word
                    out.append(int.__repr__(value))
                elif kind is Shared:
                    known = shared.get(id(value))
                    if known is None:
                        known = shared[id(value)] = (value, _Once(whole(value)))
                    yield "".join(out)
                    yield known[1]
                    out = []
                else:
                    out.append(whole(value))
            out.append("}")
        yield "".join(out)

    return rows


def write(pieces: Iterable[str], stream: TextIO) -> None:
    """Write each piece as `stream.write(json_text(piece))` would, byte for byte."""
    raw = _utf8_buffer(stream)
    once: dict[int, tuple[_Once, bytes]] = {}  # the bytes of each shared value's text
    for piece in pieces:
        if raw is not None:
            try:
                if type(piece) is _Once:
                    known = once.get(id(piece))
                    if known is None:
                        known = once[id(piece)] = (piece, json_bytes(piece))
                    data = known[1]
                else:
                    data = json_bytes(piece)
            except UnicodeEncodeError:  # a lone surrogate: the stream's own error rule, as before
                raw = None
            else:
                raw.write(data)
                continue
        stream.write(json_text(piece))


def _utf8_buffer(stream: TextIO) -> BinaryIO | None:
    """The bytes under a UTF-8 text stream, its pending text flushed; None for any other
    stream. Text without surrogates has one UTF-8 form whatever the stream's error rule."""
    import codecs

    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is None or not encoding or codecs.lookup(encoding).name != "utf-8":
        return None
    stream.flush()
    return buffer  # type: ignore[no-any-return]
