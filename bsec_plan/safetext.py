"""Plan text made safe to show: control characters escaped so that a plan cannot drive a
terminal, and invisible characters escaped so that it cannot hide or reorder what is shown.

A plan file arrives in pull requests, so its text is untrusted. Every writer (tables, plain
text, check messages, annotations, diff, the calendar, the page) passes plan text through
`visible`; JSON writers use `json_text` so the escapes stay valid JSON; Markdown writers use
`markdown_cell`, which also neutralises Markdown and HTML; CSV writers use `csv_cell`.
"""

from __future__ import annotations

import re
from functools import cache

# C0 controls except tab and newline, DEL, and the C1 range (U+0080-U+009F, which some
# terminals honour as 8-bit escape sequences, CSI at U+009B among them).
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f]"
# Bidirectional controls reorder what follows them ("Trojan Source", CVE-2021-42574): the
# embeddings and overrides U+202A-202E, the isolates U+2066-2069, the marks U+200E/200F and
# U+061C. Zero-width characters (U+200B-200D, U+2060, U+FEFF) hide inside words, so that two
# texts that look the same differ.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
# Every other character that shows nothing: the rest of Unicode's format characters (category
# Cf, Unicode 15: the soft hyphen, invisible operators, interlinear annotations, tags...), the
# line and paragraph separators, and the Hangul fillers, which render as blank letters.
FORMAT = (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u2061-\u2064\u206a-\u206f"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u2028\u2029\u115f\u1160\u3164\uffa0"
)
# compiled where first used (re keeps them): only a plan being validated is searched for them,
# and compiling these classes takes a few milliseconds that a warm run does not need; text that
# holds none of them is shown without the search (see `visible`)
_INVISIBLE = f"[{BIDI}{ZERO_WIDTH}{FORMAT}]"
_BIDI = f"[{BIDI}]"
_ZERO_WIDTH = f"[{ZERO_WIDTH}]"
_SHOWN = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{ZERO_WIDTH}{FORMAT}]"
# The one kind of character above that str.isprintable takes for printable: the Hangul fillers
# (letters); every other is a control, a format character or a line or paragraph separator.
_BLANK_LETTERS = ("\u115f", "\u1160", "\u3164", "\uffa0")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _nothing_to_escape(text: str) -> bool:
    """`text` holds none of the characters of _SHOWN (most text does not): then the search, and
    its compiling, are skipped. False only means that it may hold one."""
    # replace, not translate: translate looks each character up in a dict (a page: megabytes)
    printable = text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable()
    return printable and (text.isascii() or not any(c in text for c in _BLANK_LETTERS))


def visible(text: str) -> str:
    """`text` with each control character shown as `\\xNN` and each bidirectional control or
    zero-width character as `\\uNNNN`; newline and tab kept."""
    return text if _nothing_to_escape(text) else re.sub(_SHOWN, _escape, text)


def one_line(text: str) -> str:
    """`text` as `visible` shows it, and on one line: a line break shown as `\\n`, a tab as
    `\\t`. For names and messages, where a line break inside could make a line of its own in a
    log (a fake `::error::` annotation)."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def has_control(text: str) -> bool:
    """Whether `text` holds a control character (not tab or newline)."""
    return re.search(_CONTROL, text) is not None


def invisible(text: str) -> str | None:
    """What kind of invisible character `text` holds and which (`a bidirectional control
    U+202E`), or None."""
    if not _holds(text, _INVISIBLE):
        return None
    found = re.search(_INVISIBLE, text)
    if found is None:
        return None
    char = found.group()
    kind = (
        "a bidirectional control"
        if re.match(_BIDI, char)
        else "a zero-width character"
        if re.match(_ZERO_WIDTH, char)
        else "an invisible character"
    )
    return f"{kind} U+{ord(char):04X}"


def json_text(document: str) -> str:
    """A JSON document with C1 controls, DEL, bidirectional controls and zero-width characters
    escaped as `\\uNNNN` (json.dumps with ensure_ascii off leaves them raw); the decoded values
    are unchanged."""
    escaped = f"[\x7f-\x9f{BIDI}{ZERO_WIDTH}{FORMAT}]"
    if not _holds(document, escaped):
        return document
    return re.sub(escaped, _json_escape, document)


def json_bytes(document: str) -> bytes:
    """`json_text(document)` as UTF-8, the check made on the bytes that are written: a large
    answer is encoded once, not once to be checked and once more to be written."""
    raw = document.encode("utf-8")  # a lone surrogate: UnicodeEncodeError, for the caller
    if document.isascii() and "\x7f" not in document:
        return raw
    escaped = f"[\x7f-\x9f{BIDI}{ZERO_WIDTH}{FORMAT}]"
    if _utf8(escaped).search(raw.translate(None, _ASCII_BUT_DEL)) is None:
        return raw
    return json_text(document).encode("utf-8")


def _holds(text: str, chars: str) -> bool:
    """Whether `text` holds a character of the class `chars` (`[...]` as written above). Its
    UTF-8 bytes are searched for theirs: several times faster than searching a large text for
    a class of code points, and the same answer, since UTF-8 never makes a character's bytes
    out of the end of one and the start of another."""
    if text.isascii() and "\x7f" not in text:
        return False  # all of them are outside ASCII but DEL; a str knows it is ASCII at no cost
    # only DEL and the bytes of characters outside ASCII, each character's bytes still whole
    # and in order: what the pattern can match, a fraction of a text that is mostly ASCII
    raw = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BUT_DEL)
    return _utf8(chars).search(raw) is not None


_ASCII_BUT_DEL = bytes(range(0x7F))


@cache
def _utf8(chars: str) -> re.Pattern[bytes]:
    """The bytes pattern of the UTF-8 forms of the class `chars`: one branch for each lead of
    bytes, its last byte a class (`\\xe2\\x80[\\x8b-\\x8f]`)."""
    inside, members, i = chars[1:-1], list[str](), 0
    while i < len(inside):
        if i + 2 < len(inside) and inside[i + 1] == "-":  # a range, as the classes write them
            members += map(chr, range(ord(inside[i]), ord(inside[i + 2]) + 1))
            i += 3
        else:
            members.append(inside[i])
            i += 1
    lasts: dict[bytes, list[int]] = {}
    for char in members:
        form = char.encode("utf-8")
        lasts.setdefault(form[:-1], []).append(form[-1])
    branches = [
        re.escape(lead) + b"[" + b"".join(re.escape(bytes([b])) for b in sorted(ends)) + b"]"
        for lead, ends in lasts.items()
    ]
    return re.compile(b"|".join(branches))


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # JSON writes these as a surrogate pair
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


# What Markdown (CommonMark and GitHub's) would read as markup inside a line: emphasis, code,
# links and images, strikethrough, table cells, and backslash escapes themselves.
_MARKDOWN_PUNCT = r"[\\`*_\[\]!|~]"
# a line that starts with one of these could open a heading, list, quote or thematic break
_LINE_START = r"^(?:\d+(?=[.)])|(?=[#+\-=]))"
# @name or @org/team where GitHub would see a mention: an @ not preceded by a word character
_MENTION = r"(?<![A-Za-z0-9_])@"
# every character any of those, the entities or the line breaks would change
_MARKDOWN_PLAIN = frozenset("\\`*_[]!|~#+-=@&<>\r\n")


def markdown_cell(text: str) -> str:
    """Plan text for one cell of a Markdown table (or one list item): shown as it is written,
    never as markup. Control and invisible characters escaped as `visible` does; `&`, `<`, `>`
    as HTML entities (no tag, comment or autolink can open); Markdown punctuation backslashed
    (no emphasis, code, link or image; `|` cannot end the cell); an @ that could start a
    mention put in a code span, where GitHub does not look for mentions; line breaks, which
    would end the row, shown as spaces."""
    text = visible(text)  # its escapes' backslashes are backslashed below too
    if _MARKDOWN_PLAIN.isdisjoint(text) and not text[:1].isdigit():
        return text  # most cells: nothing `marked` would change
    return marked(text)


def marked(shown: str) -> str:
    """`markdown_cell` of text already shown as `visible` shows it, every step taken."""
    text = shown.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(_MARKDOWN_PUNCT, lambda m: "\\" + m.group(), text)
    text = re.sub(_LINE_START, lambda m: m.group() + "\\", text, count=1)
    return re.sub(_MENTION, "`@`", text)


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
    """Plan text or an argument for a CSV cell: escaped as `visible` does, line breaks as
    `\\n` (a tool reading the file line by line sees one row per line), and prefixed with `'`
    when it starts with a character that makes a spreadsheet formula."""
    shown = visible(text).replace("\n", "\\n")
    return "'" + shown if shown.startswith(_FORMULA_START) else shown
