"""Plan text made safe to show: control characters escaped so that a plan cannot drive a terminal.

A plan file arrives in pull requests, so its text is untrusted. Every writer (tables, plain
text, check messages, annotations, diff, the calendar) passes plan text through `visible`;
JSON writers use `json_text` so the escapes stay valid JSON.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 range (U+0080-U+009F, which some
# terminals honour as 8-bit escape sequences, CSI at U+009B among them).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def visible(text: str) -> str:
    """`text` with each control character shown as `\\xNN`; newline and tab kept."""
    return _CONTROL.sub(_escape, text)


def has_control(text: str) -> bool:
    """Whether `text` holds a character that `visible` would escape."""
    return _CONTROL.search(text) is not None


def json_text(document: str) -> str:
    """A JSON document with C1 controls and DEL escaped as `\\u00NN` (json.dumps leaves them raw)."""
    return re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", document)


def markdown_cell(text: str) -> str:
    """Text for one cell of a Markdown table: control characters escaped, `|` escaped, and line
    breaks (which would end the row) shown as spaces."""
    return (
        visible(text).replace("|", "\\|").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    )
