"""A piped JSON answer written in pieces: each encoded to UTF-8 once, checked as bytes for what
JSON output escapes (`safetext.json_bytes`) and written beneath the text stream, instead of
checked as text, then encoded again by the stream. A list of rows is encoded row by row, each
value that rows share (`views.common.Shared`, the same object in each) encoded once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import add
from typing import Any, BinaryIO, TextIO

from bsec_plan.safetext import json_bytes, json_text
from bsec_plan.views.common import Shared


def encoder() -> Callable[[Any], str]:
    """`json.JSONEncoder(ensure_ascii=False, default=str).encode`, byte for byte, for one answer.

    A list of dicts is encoded one dict at a time, its keys' text made once for each set of keys,
    its strings, ints and nulls written as the C encoder writes them (the same function, the same
    repr) and a `Shared` list encoded once and reused wherever it is met; everything else is
    encoded by the C encoder itself. The rows of a large answer share a few dozen lists of
    responsible parties, some of them of 120 Member States, so that most of the answer is theirs."""
    import json
    from json.encoder import encode_basestring as text

    # a view's document is a tree of plain values: no container to note against a cycle
    whole = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False).encode
    shared: dict[int, tuple[Shared, str]] = {}  # by id, the object kept so that its id is too
    heads: dict[tuple[Any, ...], list[str]] = {}  # by a dict's keys: '{"key": ', ', "key": '...

    def value(item: Any) -> str:
        kind = type(item)
        if kind is str:
            return text(item)
        if item is None:
            return "null"
        if kind is int:  # not bool, a subclass of int that JSON writes as a word
            return int.__repr__(item)
        if kind is Shared:
            known = shared.get(id(item))
            if known is None:
                known = shared[id(item)] = (item, whole(item))
            return known[1]
        return whole(item)

    def row(item: dict[Any, Any]) -> str:
        keys = tuple(item)
        head = heads.get(keys)
        if head is None:
            if not keys or any(type(key) is not str for key in keys):
                return whole(item)  # {} or keys that JSON turns into strings: as the C encoder does
            head = heads[keys] = [("{" if n == 0 else ", ") + text(k) + ": " for n, k in enumerate(keys)]
        return "".join(map(add, head, map(value, item.values()))) + "}"

    def encode(document: Any) -> str:
        if type(document) is list and document and all(type(i) is dict for i in document):
            return "[" + ", ".join(map(row, document)) + "]"
        return whole(document)

    return encode


def write(pieces: Iterable[str], stream: TextIO) -> None:
    """Write each piece as `stream.write(json_text(piece))` would, byte for byte."""
    raw = _utf8_buffer(stream)
    for piece in pieces:
        if raw is not None:
            try:
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
