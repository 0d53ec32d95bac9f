"""An ASCII content line is folded where its bytes would be: the text is cut directly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bsec_plan.writers.ics import LIMIT, fold


def _by_bytes(line: str) -> str:
    """Folding as the bytes of any line are folded (never inside a character, never after the
    backslash or caret of an escape)."""
    raw = line.encode("utf-8")
    if len(raw) < LIMIT:
        return line
    parts, start = [], 0
    while len(raw) - start >= LIMIT:
        end = start + LIMIT - 1
        while raw[end] & 0xC0 == 0x80:
            end -= 1
        if raw[end - 1] in b"\\^":
            end -= 1
        parts.append(raw[start:end])
        start = end
    parts.append(raw[start:])
    return b"\r\n ".join(parts).decode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\\^,; ")), max_size=400))
def test_an_ascii_line_folds_as_its_bytes_would(body: str) -> None:
    line = "DESCRIPTION:" + body
    assert fold(line) == _by_bytes(line)
