"""A piped JSON answer written in pieces: each encoded to UTF-8 once, checked as bytes for what
JSON output escapes (`safetext.json_bytes`) and written beneath the text stream, instead of
checked as text, then encoded again by the stream."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO, TextIO

from bsec_plan.safetext import json_bytes, json_text


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
