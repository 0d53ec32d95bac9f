"""Text with nothing to escape is shown as it is without searching it; the shortcut never lets
through a character that `visible` escapes."""

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
