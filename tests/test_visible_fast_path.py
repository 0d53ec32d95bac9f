"""Text with nothing to escape is shown (or written as JSON) as it is without searching it; the
shortcut never lets through a character that `visible` or `json_text` escapes."""

from __future__ import annotations

import re
import sys

from bsec_plan import safetext
from bsec_plan.safetext import visible


def test_every_escaped_character_fails_the_shortcut() -> None:
    shown = re.compile(safetext._SHOWN)
    escaped = [chr(c) for c in range(sys.maxunicode + 1) if shown.match(chr(c))]
    assert len(escaped) > 200
    let_through = [
        f"U+{ord(c):04X}" for c in escaped if c.isprintable() and c not in safetext._BLANK_LETTERS
    ]
    assert let_through == []
    for c in escaped:
        assert visible(f"a{c}b") != f"a{c}b"


def test_the_same_text_with_or_without_the_shortcut() -> None:
    shown = re.compile(safetext._SHOWN)
    samples = [
        "plain text",
        "Türkiye — 2009–2011 · ok",
        "two\nlines\tand a tab",
        "a\u202eb",
        "a\u3164b",
        "\x1b[31mred",
        "a\u00a0b",  # a no-break space: not printable for Python, and not escaped
        "",
    ]
    for text in samples:
        assert visible(text) == shown.sub(safetext._escape, text)


def test_json_text_the_same_with_or_without_the_shortcut() -> None:
    escaped = re.compile(f"[\x7f-\x9f{safetext.BIDI}{safetext.ZERO_WIDTH}{safetext.FORMAT}]")
    samples = [
        '{"a": "plain"}',
        '{"a": "Türkiye — 2009–2011"}\n',
        '{"a": "a\u202eb", "b": "\x85"}',
        '{"a": "a\u3164b"}',
        '{\n  "a": "\\n"\n}',
    ]
    for document in samples:
        assert safetext.json_text(document) == escaped.sub(safetext._json_escape, document)
