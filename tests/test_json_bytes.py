"""A piped JSON answer is encoded to UTF-8 once and written beneath the text stream: the same
bytes as the text written through the stream, escapes included."""

from __future__ import annotations

import io

import pytest

from bsec_plan.safetext import json_bytes, json_text
from bsec_plan.writers.tables import write_json

TEXTS = [
    '{"a": "plain"}',
    '{"a": "State BB \u2013 Agency of BB"}',
    '{"a": "del \x7f and C1 \x85 \x9f"}',
    '{"a": "bidi \u202e and zero width \u200b, \ufeff, \u2066"}',
    '{"a": "soft hyphen \u00ad, \u2013, \u00e9\u00e8"}',
    '{"a": "\U0001f600 outside the BMP"}',
]


@pytest.mark.parametrize("text", TEXTS)
def test_json_bytes_are_the_utf8_of_json_text(text: str) -> None:
    assert json_bytes(text) == json_text(text).encode("utf-8")


def test_a_lone_surrogate_is_refused_as_the_stream_refuses_it() -> None:
    with pytest.raises(UnicodeEncodeError):
        json_bytes('{"a": "\ud800"}')


def _document(n: int) -> dict[str, object]:
    rows = [{"label": f"State {i} \u2013 \x85 \u202e", "n": i, "none": None} for i in range(n)]
    return {"command": "overdue", "as_of": "2010-06-01", "overdue": rows}


@pytest.mark.parametrize("n", [0, 1, 999, 1000, 2501])
def test_written_beneath_a_utf8_stream_as_through_a_text_stream(n: int) -> None:
    through = io.StringIO()
    write_json(_document(n), through)
    binary = io.BytesIO()
    beneath = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    beneath.write("before ")  # pending text goes first
    write_json(_document(n), beneath)
    beneath.flush()
    assert binary.getvalue() == ("before " + through.getvalue()).encode("utf-8")


def test_a_stream_of_another_encoding_is_written_through_the_stream() -> None:
    binary = io.BytesIO()
    latin = io.TextIOWrapper(binary, encoding="latin-1", errors="replace", newline="")
    write_json(_document(3), latin)
    latin.flush()
    through = io.StringIO()
    write_json(_document(3), through)
    assert binary.getvalue() == through.getvalue().encode("latin-1", "replace")


@pytest.mark.parametrize("errors", ["strict", "surrogateescape", "replace"])
def test_whatever_the_streams_error_rule_the_bytes_are_the_same(errors: str) -> None:
    through = io.StringIO()
    write_json(_document(1500), through)
    binary = io.BytesIO()
    beneath = io.TextIOWrapper(binary, encoding="utf-8", errors=errors, newline="")
    write_json(_document(1500), beneath)
    beneath.flush()
    assert binary.getvalue() == through.getvalue().encode("utf-8")


def test_a_lone_surrogate_goes_through_the_stream_and_its_error_rule() -> None:
    document = {"overdue": [{"a": "x"}, {"a": "\udcff"}]}
    binary = io.BytesIO()
    beneath = io.TextIOWrapper(binary, encoding="utf-8", errors="surrogateescape", newline="")
    write_json(document, beneath)
    beneath.flush()
    assert binary.getvalue() == b'{"overdue": [{"a": "x"}, {"a": "\xff"}]}\n'
