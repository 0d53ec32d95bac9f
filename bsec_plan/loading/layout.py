"""One layout for plan and registers files (`bsec-plan fmt`): keys in the schema's order,
two-space indentation, lists under their key, values quoted by one rule (the one `record`
writes with), prose folded at a fixed width, a final newline. Comments stay before the key or
item they precede; the file's header stays on top; single blank lines are kept, and every
top-level key has one before it. The file's line ends and byte-order mark are kept.

The layout is checked before it is handed on: the new text must read as the same data, with
the same comments, or nothing is written."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

from bsec_plan.loading import editing, yamlpos
from bsec_plan.problems import UsageError

FLOW_TABLES = editing.FLOW_TABLES


@cache
def _fields(cls: type) -> dict[str, Any]:
    """A record's fields in the schema's order, with their types."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _record_type(hint: Any) -> type | None:
    """The record class a field holds, itself or in a list or an optional; None for text."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return _record_type(typing.get_args(hint)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            found = _record_type(arg)
            if found is not None:
                return found
        return None
    return hint if dataclasses.is_dataclass(hint) and isinstance(hint, type) else None


def _ordered(node: Collection[str], cls: type | None, top: bool = False) -> list[str]:
    order = list(_fields(cls)) if cls is not None else []
    if top and cls is not None:  # a plan's own keys before the register keys it inherits
        own = getattr(cls, "__annotations__", {})
        order = [k for k in order if k in own] + [k for k in order if k not in own]
    if top and "registers" in order:  # it says where the rest is: first, as plans write it
        order.remove("registers")
        order.insert(0, "registers")
    known = [k for k in order if k in node]
    return known + [k for k in node if k not in known]


def _child(cls: type | None, key: str) -> type | None:
    if cls is None:
        return None
    hint = _fields(cls).get(key)
    return _record_type(hint) if hint is not None else None


def key_order(root_class: type, path: tuple[str | int, ...], keys: Collection[str]) -> list[str]:
    """`keys` of the mapping at `path` in a file of `root_class` (Plan or Registers), in the
    order the layout writes them: where `record` puts a key the file lacks."""
    cls: type | None = root_class
    for step in path:
        if isinstance(step, str):
            cls = _child(cls, step)
    return _ordered(keys, cls, top=not path)


class _Layout:
    def __init__(self, lines: list[str]) -> None:
        self.source = [line.rstrip("\r\n\x85\u2028\u2029") for line in lines]
        self.claimed: set[int] = set()

    def before(self, line: int, indent: int, blank: bool = False) -> list[str]:
        """The comments and blank lines just above source line `line` (1-based), once."""
        run: list[str] = []
        number = line - 1
        while number >= 1 and number not in self.claimed:
            text = self.source[number - 1].strip()
            if text and not text.startswith("#"):
                break
            self.claimed.add(number)
            if text:
                run.append(" " * indent + text)
            elif not run or run[-1] != "":
                run.append("")
            number -= 1
        run.reverse()
        while run and run[0] == "" and not blank:  # a blank at a list's or a mapping's top
            if number >= 1 and self.source[number - 1].rstrip().endswith(":"):
                run.pop(0)
            else:
                break
        if blank and (not run or run[0] != ""):
            run.insert(0, "")
        return run

    def mapping(
        self, node: yamlpos.Mapping, cls: type | None, indent: int, item: bool, top: bool = False
    ) -> list[str]:
        out: list[str] = []
        for n, key in enumerate(_ordered(node, cls, top)):
            lead = " " * indent
            if item and n == 0:
                lead = " " * (indent - 2) + "- "  # the item took the comments above it
            else:
                out += self.before(node.keys_at[key][0], indent, blank=top and n > 0)
            out += self.entry(lead, key, node[key], _child(cls, key), indent)
        return out

    def entry(self, lead: str, key: str, value: Any, cls: type | None, indent: int) -> list[str]:
        if value is None:
            return [f"{lead}{key}:"]
        if isinstance(value, str):
            return f"{lead}{key}: {editing.scalar(value, indent, key_width=len(key) + 2)}".split(
                "\n"
            )
        if isinstance(value, yamlpos.Mapping):
            if not value:
                return [f"{lead}{key}: {{}}"]
            return [f"{lead}{key}:", *self.mapping(value, cls, indent + 2, False)]
        if not value:
            return [f"{lead}{key}: []"]
        if all(isinstance(v, str) and " " not in v and editing._plain_ok(v, True) for v in value):
            inline = f"{lead}{key}: [{', '.join(value)}]"
            if len(inline) <= editing.WIDTH:
                return [inline]
        return [f"{lead}{key}:", *self.sequence(value, cls, indent + 2, key)]

    def sequence(
        self, node: yamlpos.Sequence, cls: type | None, indent: int, key: str
    ) -> list[str]:
        out: list[str] = []
        pad = " " * indent
        for i, item in enumerate(node):
            out += self.before(node.items_at[i][0], indent)
            if isinstance(item, yamlpos.Mapping) and item:
                flat = all(isinstance(v, str) or v is None for v in item.values())
                if key in FLOW_TABLES and flat:
                    inner = ", ".join(
                        f"{k}: {editing._flow_value(item[k]) if item[k] is not None else 'null'}"
                        for k in _ordered(item, cls)
                    )
                    out.append(f"{pad}- {{{inner}}}")
                else:
                    out += self.mapping(item, cls, indent + 2, True)
            elif isinstance(item, str):
                out += f"{pad}- {editing.scalar(item, indent, key_width=2)}".split("\n")
            else:
                raise UsageError("a list inside a list, or an empty record, has no layout here")
        return out


def formatted(data: bytes, name: str, root_class: type) -> bytes:
    """`data` (a valid plan or registers file) in the one layout."""
    src = editing.read(data, name)
    layout = _Layout(src.lines)
    header: list[str] = []  # the lines above the first key stay on top
    if src.root:
        first = min(line for line, _ in src.root.keys_at.values())
        header = [line.rstrip() for line in layout.source[: first - 1]]  # as written
        layout.claimed.update(range(1, first))
    body = _dedupe_blanks([*header, *layout.mapping(src.root, root_class, 0, False, top=True)])
    rest = [
        layout.source[n - 1].strip()
        for n in range(1, len(layout.source) + 1)
        if n not in layout.claimed and layout.source[n - 1].strip().startswith("#")
    ]
    if rest:  # comments below the last record
        body += ["", *rest]
    text = "\n".join(body).strip("\n") + "\n"
    _same(src, text, name)
    lines = [line + src.newline for line in text.split("\n")[:-1]]
    return editing.Text(name, src.bom, src.newline, lines, src.root).joined()


def _dedupe_blanks(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return out


def _comments(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip().startswith("#")]


def _beside(lines: list[str]) -> int:
    """How often ` #` stands in a line that is no comment: inside text, or a comment after a
    value (which the layout would lose)."""
    return sum(line.count(" #") for line in lines if not line.strip().startswith("#"))


def _same(src: editing.Text, text: str, name: str) -> None:
    """The new text must read as the same data with the same comments."""
    try:
        again = yamlpos.load(text)
    except yamlpos.YamlProblem as err:  # pragma: no cover - a bug in the layout
        raise RuntimeError(f"{name}: the layout does not read back: {err.problems[0]}") from None
    if again != src.root:  # pragma: no cover - a bug in the layout
        raise RuntimeError(f"{name}: the layout changes the data")
    new = text.split("\n")
    if sorted(_comments(new)) != sorted(_comments(src.lines)) or _beside(new) < _beside(src.lines):
        raise UsageError(
            f"{name}: a comment stands beside a value or inside a text; fmt keeps comments on "
            "their own lines only: move it onto a line of its own"
        )


def layout_of(path: Path, name: str) -> tuple[bytes, bytes]:
    """A plan or registers file's bytes as they are, and in the one layout. The file must be
    valid (the rules of `check`): PlanError with every problem otherwise."""
    from bsec_plan.domain.model import Plan
    from bsec_plan.domain.registers import Registers
    from bsec_plan.loading import planfile

    data = planfile.read_bytes(path)
    checked = planfile.check_bytes(data, name, planfile.file_reader(path, name))
    return data, formatted(data, name, Registers if isinstance(checked, Registers) else Plan)
