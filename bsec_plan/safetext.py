"""Plan text made safe to show: control characters escaped so that a plan cannot drive a
terminal, and invisible characters escaped so that it cannot hide or reorder what is shown.

A plan file arrives in pull requests, so its text is untrusted. Every writer (tables, plain
text, check messages, annotations, diff, the calendar, the page) passes plan text through
`visible`; JSON writers use `json_text` so the escapes stay valid JSON; Markdown writers use
`markdown_cell`, which also neutralises Markdown and HTML; CSV writers use `csv_cell`.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 range (U+0080-U+009F, which some
# terminals honour as 8-bit escape sequences, CSI at U+009B among them).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional controls reorder what follows them ("Trojan Source", CVE-2021-42574): the
# embeddings and overrides U+202A-202E, the isolates U+2066-2069, the marks U+200E/200F and
# U+061C. Zero-width characters (U+200B-200D, U+2060, U+FEFF) hide inside words, so that two
# texts that look the same differ.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{BIDI}{ZERO_WIDTH}]")
_BIDI = re.compile(f"[{BIDI}]")
_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{ZERO_WIDTH}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with each control character shown as `\\xNN` and each bidirectional control or
    zero-width character as `\\uNNNN`; newline and tab kept."""
    return _SHOWN.sub(_escape, text)


def has_control(text: str) -> bool:
    """Whether `text` holds a control character (not tab or newline)."""
    return _CONTROL.search(text) is not None


def invisible(text: str) -> str | None:
    """What kind of invisible character `text` holds and which (`a bidirectional control
    U+202E`), or None."""
    found = _INVISIBLE.search(text)
    if found is None:
        return None
    kind = "a bidirectional control" if _BIDI.match(found.group()) else "a zero-width character"
    return f"{kind} U+{ord(found.group()):04X}"


def json_text(document: str) -> str:
    """A JSON document with C1 controls, DEL, bidirectional controls and zero-width characters
    escaped as `\\uNNNN` (json.dumps with ensure_ascii off leaves them raw); the decoded values
    are unchanged."""
    return re.sub(f"[\x7f-\x9f{BIDI}{ZERO_WIDTH}]", lambda m: f"\\u{ord(m.group()):04x}", document)


# What Markdown (CommonMark and GitHub's) would read as markup inside a line: emphasis, code,
# links and images, strikethrough, table cells, and backslash escapes themselves.
_MARKDOWN_PUNCT = re.compile(r"[\\`*_\[\]!|~]")
# a line that starts with one of these could open a heading, list, quote or thematic break
_LINE_START = re.compile(r"^(?:\d+(?=[.)])|(?=[#+\-=]))")
# @name or @org/team where GitHub would see a mention: an @ not preceded by a word character
_MENTION = re.compile(r"(?<![A-Za-z0-9_])@")


def markdown_cell(text: str) -> str:
    """Plan text for one cell of a Markdown table (or one list item): shown as it is written,
    never as markup. Control and invisible characters escaped as `visible` does; `&`, `<`, `>`
    as HTML entities (no tag, comment or autolink can open); Markdown punctuation backslashed
    (no emphasis, code, link or image; `|` cannot end the cell); an @ that could start a
    mention put in a code span, where GitHub does not look for mentions; line breaks, which
    would end the row, shown as spaces."""
    text = visible(text).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_PUNCT.sub(lambda m: "\\" + m.group(), text)
    text = _LINE_START.sub(lambda m: m.group() + "\\", text, count=1)
    return _MENTION.sub("`@`", text)


def markdown_code(text: str) -> str:
    """A name (a file, a revision) as inline code; as `markdown_cell` when it holds a backtick
    or a line break, which would end the code span."""
    shown = visible(text)
    if "`" in shown or "\n" in shown or "\r" in shown:
        return markdown_cell(text)
    return f"`{shown}`"


# Cells that a spreadsheet would read as a formula (OWASP "CSV injection"): starting with one
# of these, they get a leading apostrophe, which spreadsheets show as text and do not display.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """Plan text or an argument for a CSV cell: escaped as `visible` does, and prefixed with
    `'` when it starts with a character that makes a spreadsheet formula."""
    shown = visible(text)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown
