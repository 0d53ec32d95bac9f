"""A record added to a plan or registers file by editing its text at the place our loader
records: the new lines go in, and every other byte (comments, quoting, key order, line endings,
a byte-order mark) stays as it was. The new text is read back before it is handed on, so a
value that would not read back as written is a bug, never a silent change."""

from __future__ import annotations

import codecs
import json
import re
import textwrap
from functools import cache
from typing import Any

from bsec_plan.loading import yamlpos
from bsec_plan.loading.planfile import decode
from bsec_plan.problems import UsageError

Item = dict[str, Any]
"""A record to write: keys in the schema's order, values text, None (left out) or lists of
records."""

FLOW_TABLES = frozenset({"states", "liaison_officers", "eu_membership"})
"""Lists written one record a line (`- {code: AL, name: Albania, ...}`): short facts read as a
table. Every other list of records is written in blocks (see layout.py)."""

WIDTH = 100
"""Prose longer than this is folded (`>-`) at this width, as the bundled files are."""

# YAML's line breaks: compiled only for a text that str.splitlines would break elsewhere too
_LINE = r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)"
_NOT_BREAKS = frozenset("\v\f\x1c\x1d\x1e")  # line breaks to str.splitlines, not to YAML
# plain text that every YAML reader takes as the same text, in a block and in a flow mapping
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # what plain text may not start with
# plain text in a flow item: a letter or digit, then those, spaces and `.()_/–-`; told by sets,
# not by a pattern, whose compiling costs more than writing the record
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_FLOW_PLAIN = _ALNUM | frozenset(" .()_/–-")
# written as escapes: C0 and C1 controls, the Unicode line breaks, the byte-order mark. A set
# and patterns compiled when needed: each compiled pattern costs up to a millisecond a start.
_ESCAPED = frozenset(map(chr, [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF]))


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _has_escape(value: str) -> bool:
    return not _ESCAPED.isdisjoint(value)


def _escaped(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if c in _ESCAPED else c for c in text)


class Text:
    """A YAML file as read for an edit: its lines with their own endings, and the tree with
    positions. A plain class: a dataclass takes milliseconds to define, at every `record`."""

    __slots__ = ("bom", "lines", "name", "newline", "root")

    def __init__(
        self, name: str, bom: bool, newline: str, lines: list[str], root: yamlpos.Mapping
    ) -> None:
        self.name, self.bom, self.newline, self.lines, self.root = name, bom, newline, lines, root

    def joined(self) -> bytes:
        data = "".join(self.lines).encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


def read(data: bytes, name: str) -> Text:
    text = decode(data, name)
    try:
        root = yamlpos.load(text)
    except yamlpos.YamlProblem as err:  # the file was valid when loaded: only a race gets here
        (line, col), message = err.problems[0]
        raise UsageError(f"{name}:{line}:{col}: {message}") from None
    if not isinstance(root, yamlpos.Mapping):
        raise UsageError(f"{name}: not a YAML mapping")
    if _NOT_BREAKS.isdisjoint(text):  # then Python breaks lines where YAML does
        lines = text.splitlines(keepends=True)
    else:
        lines = [m.group(0) for m in _pattern(_LINE).finditer(text)]
        if lines and lines[-1] == "":
            lines.pop()
    crlf = sum(line.endswith("\r\n") for line in lines)
    newline = "\r\n" if crlf * 2 > len(lines) else "\n"
    return Text(name, data.startswith(codecs.BOM_UTF8), newline, lines, root)


def scalar(value: str, indent: int, flow: bool = False, key_width: int = 0) -> str:
    """`value` as YAML text that reads back as exactly `value`: plain where every reader agrees,
    folded when long prose, else quoted."""
    plain = _plain_ok(value, flow)
    if plain and (flow or indent + key_width + len(value) <= WIDTH):
        return value
    folded = None if flow else _folded(value, indent + 2)
    if folded is not None:
        return folded
    if plain:
        return value
    if '"' in value and "'" not in value and not _has_escape(value) and "\n" not in value:
        return f"'{value}'"  # text quoting text, as the files write it
    quoted = json.dumps(value, ensure_ascii=False)
    return _escaped(quoted)


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or _has_escape(value) or "  " in value:
        return False
    if value in ("~", "null", "Null", "NULL") or (
        value[0] in yamlpos._TYPED_START and yamlpos._TYPED.fullmatch(value)
    ):
        return False
    if flow:
        return value[0] in _ALNUM and _FLOW_PLAIN.issuperset(value)
    return block_plain(value)


def block_plain(value: str) -> bool:
    """Whether `value` reads as plain text in a block: no indicator or space first, no line
    break, a colon only before a non-space, a hash only after one. Told without a pattern (as
    tests/test_record_plain_text.py states it), whose compiling costs 0.7 M instructions."""
    if not value or value[0].isspace() or value[0] in _INDICATORS or "\n" in value:
        return False
    at = value.find(":")
    while at >= 0:
        if at + 1 == len(value) or value[at + 1].isspace():
            return False
        at = value.find(":", at + 1)
    at = value.find("#")
    while at >= 0:
        if value[at - 1].isspace():
            return False
        at = value.find("#", at + 1)
    return True


def _folded(value: str, indent: int) -> str | None:
    if _has_escape(value) or "\t" in value or indent + len(value) <= WIDTH:
        return None  # control characters need escapes; a short value needs no folding
    width = max(WIDTH - indent, 40)
    pieces = textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False)
    if len(pieces) < 2 or " ".join(pieces) != value:  # one long word, or spaces it would change
        return None
    return ">-\n" + "\n".join(" " * indent + piece for piece in pieces)


def render(item: Item, indent: int, flow: bool) -> list[str]:
    """`item` as a sequence entry whose dash stands at column `indent`, one line per element."""
    pad = " " * indent
    present = {k: v for k, v in item.items() if v is not None}
    if flow and not any(isinstance(v, list) for v in present.values()):
        inner = ", ".join(f"{k}: {_flow_value(v)}" for k, v in present.items())
        return [f"{pad}- {{{inner}}}"]
    out: list[str] = []
    for key, value in present.items():
        lead = f"{pad}- " if not out else f"{pad}  "
        if isinstance(value, list):
            out.append(f"{lead}{key}:")
            for sub in value:
                out.extend(render(sub, indent + 4, False))
        else:
            text = scalar(value, indent + 2, key_width=len(key) + 2)
            out.extend(f"{lead}{key}: {text}".split("\n"))
    return out


def _flow_value(value: str) -> str:
    if _plain_ok(value, flow=True):
        return value
    return _escaped(json.dumps(value, ensure_ascii=False))


def node_at(root: yamlpos.Mapping, path: tuple[str | int, ...]) -> Any:
    node: Any = root
    for step in path:
        node = node[step]
    return node


def append(
    src: Text, path: tuple[str | int, ...], item: Item, root_class: type | None = None
) -> bytes:
    """The file with `item` added at the end of the sequence at `path`; a missing last key is
    added where `fmt` puts it in a file of `root_class` (Plan or Registers), else at the end of
    its mapping."""
    parent = node_at(src.root, path[:-1])
    key = path[-1]
    assert isinstance(key, str)
    sequence = parent.get(key)
    lines = list(src.lines)
    if sequence is None:  # `key:` absent (or empty): write it, and the item under it
        return _new_key(src, path, item, root_class)
    if not isinstance(sequence, yamlpos.Sequence):
        raise UsageError(f"{src.name}: `{key}` is not a list")
    line, col = sequence.at
    if _char(lines, line, col) == "[":
        if sequence:
            raise UsageError(
                f"{src.name}:{line}:{col}: `{key}` is written as a flow list ([...]); "
                f"write it as a block list, one `- ` item a line, or run `bsec-plan fmt`"
            )
        return _fill_empty_flow(src, line, col, parent.keys_at[key], item, key in FLOW_TABLES)
    dash = _dash_column(lines, sequence.items_at[-1])
    flow = _char(lines, *sequence.items_at[-1]) == "{"
    after = _item_end(lines, sequence.items_at[-1][0], dash)
    new = [f"{text}{src.newline}" for text in render(item, dash, flow)]
    _ensure_newline(lines, after - 1, src.newline)
    lines[after:after] = new
    return _done(src, lines)


def replace(src: Text, path: tuple[str | int, ...], index: int, item: Item) -> bytes:
    """The file with item `index` of the sequence at `path` replaced by `item`, in its style."""
    sequence = node_at(src.root, path)
    lines = list(src.lines)
    start = sequence.items_at[index]
    dash = _dash_column(lines, start)
    flow = _char(lines, *start) == "{"
    if _char(lines, start[0], dash + 1) != "-":
        raise UsageError(f"{src.name}:{start[0]}:{start[1]}: this record shares its line")
    end = _item_end(lines, start[0], dash)
    ending = lines[end - 1][len(lines[end - 1].rstrip("\r\n\x85\u2028\u2029")) :]
    new = [f"{text}{src.newline}" for text in render(item, dash, flow)]
    new[-1] = new[-1][: -len(src.newline)] + (ending or "")
    lines[start[0] - 1 : end] = new
    return _done(src, lines)


def _new_key(src: Text, path: tuple[str | int, ...], item: Item, root_class: type | None) -> bytes:
    parent = node_at(src.root, path[:-1])
    key = path[-1]
    assert isinstance(key, str)
    lines = list(src.lines)
    if key in parent:  # `key:` with nothing after it
        line = parent.keys_at[key][0]
        column = parent.keys_at[key][1] - 1
        after = line
    else:
        column = min(col for _, col in parent.keys_at.values()) - 1 if parent.keys_at else 0
        after, blank = _new_key_place(lines, path, parent, column, root_class)
        _ensure_newline(lines, after - 1, src.newline)
        head = [src.newline] if blank else []
        lines[after:after] = [*head, f"{' ' * column}{key}:{src.newline}"]
        after += len(head) + 1
    _ensure_newline(lines, after - 1, src.newline)
    flow = key in FLOW_TABLES
    new = [f"{text}{src.newline}" for text in render(item, column + 2, flow)]
    lines[after:after] = new
    return _done(src, lines)


def _new_key_place(
    lines: list[str],
    path: tuple[str | int, ...],
    parent: yamlpos.Mapping,
    column: int,
    root_class: type | None,
) -> tuple[int, bool]:
    """Where a key the mapping lacks goes, so that `fmt` would leave it there: after the key
    before it in the schema's order, ahead of the comments of the key after it; and whether a
    blank line goes before it (a top-level key, in a file that sets its keys apart so)."""
    from bsec_plan.loading import layout  # it builds on this module

    key = str(path[-1])
    placed = sorted(parent.keys_at.items(), key=lambda kv: kv[1])  # in the file's order
    if not placed:
        return len(lines), False
    later: set[str] = set()
    if root_class is not None:
        order = layout.key_order(root_class, path[:-1], [*parent, key])
        later = set(order[order.index(key) + 1 :])
    following = next((n for n, (k, _) in enumerate(placed) if k in later), len(placed))
    if following == 0:  # everything comes after it: only a header could go first; keep it last
        following = len(placed)
    before_line = placed[following - 1][1][0]
    after = _value_end(lines, before_line, column)
    neighbour = placed[following][1][0] if following < len(placed) else before_line
    return after, len(path) == 1 and _set_apart(lines, neighbour)


def _value_end(lines: list[str], first: int, column: int) -> int:
    """The last line (1-based) of the value of the key on line `first` at `column`: as
    `_item_end`, and a list written at the key's own indentation (`key:` then `- item`) too."""
    end = first
    for number in range(first + 1, len(lines) + 1):
        text = lines[number - 1]
        stripped = text.strip()
        if not stripped:
            continue
        indent = len(text) - len(text.lstrip(" "))
        listed = stripped == "-" or stripped.startswith("- ")
        if indent < column or (indent == column and not listed):
            break
        end = number
    return end


def _set_apart(lines: list[str], line: int) -> bool:
    """Whether a blank line stands above line `line` (1-based), over any comments there."""
    number = line - 1
    while number >= 1 and lines[number - 1].lstrip().startswith("#"):
        number -= 1
    return number >= 1 and not lines[number - 1].strip()


def _fill_empty_flow(
    src: Text, line: int, col: int, key_at: yamlpos.Mark, item: Item, flow: bool
) -> bytes:
    lines = list(src.lines)
    text = lines[line - 1]
    close = text.index("]", col - 1)
    ending = text[len(text.rstrip("\r\n\x85\u2028\u2029")) :] or src.newline
    lines[line - 1] = text[: col - 1].rstrip() + text[close + 1 :].rstrip("\r\n\x85\u2028\u2029")
    lines[line - 1] += ending
    new = [f"{part}{src.newline}" for part in render(item, key_at[1] + 1, flow)]
    lines[line:line] = new
    return _done(src, lines)


def _done(src: Text, lines: list[str]) -> bytes:
    return Text(src.name, src.bom, src.newline, lines, src.root).joined()


def _char(lines: list[str], line: int, col: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return text[col - 1] if 0 < col <= len(text) else ""


def _dash_column(lines: list[str], at: yamlpos.Mark) -> int:
    """The 0-based column of the `-` that opens the item starting at `at`."""
    text = lines[at[0] - 1]
    dash = text.rfind("-", 0, at[1] - 1)
    return dash if dash >= 0 else at[1] - 3


def _item_end(lines: list[str], first: int, column: int) -> int:
    """The number of the item's last line (1-based): the item goes on while lines are blank or
    indented past `column`; trailing blank lines are not its own."""
    end = first
    for number in range(first + 1, len(lines) + 1):
        text = lines[number - 1]
        stripped = text.strip()
        if not stripped:
            continue
        if len(text) - len(text.lstrip(" ")) <= column:
            break
        end = number
    return end


def _ensure_newline(lines: list[str], index: int, newline: str) -> None:
    if 0 <= index < len(lines) and not lines[index].endswith(
        ("\n", "\r", "\x85", "\u2028", "\u2029")
    ):
        lines[index] += newline
