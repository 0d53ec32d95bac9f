"""Problems placed at their line and column: pydantic's errors and control or invisible
characters, found in the tree that yamlpos loaded with its positions."""

from __future__ import annotations

import re
import typing
from typing import TYPE_CHECKING, Any

from bsec_plan.problems import Problem, TreePath
from bsec_plan.safetext import has_control, invisible, visible

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from bsec_plan.loading.yamlpos import Mark, Node


def control_problems(name: str, node: Node) -> list[Problem]:
    """A control character in any key or text (it could drive a terminal), or an invisible one
    (a bidirectional control could reorder what is shown, a zero-width character hide in a
    word), at its line."""
    from bsec_plan.loading.yamlpos import (  # loaded already: the tree is made of them
        Mapping,
        Sequence,
    )

    found: list[Problem] = []
    if isinstance(node, Mapping):
        for key, value in node.items():
            if isinstance(key, str) and (message := _control_message("key", key)):
                line, col = node.keys_at[key]
                found.append(Problem(name, line, col, message))
            if isinstance(value, str) and (message := _control_message("text", value)):
                line, col = node.values_at[key]
                found.append(Problem(name, line, col, message))
            found += control_problems(name, value)
    elif isinstance(node, Sequence):
        for item, (line, col) in zip(node, node.items_at, strict=True):
            if isinstance(item, str) and (message := _control_message("text", item)):
                found.append(Problem(name, line, col, message))
            found += control_problems(name, item)
    return found


def _control_message(what: str, text: str) -> str | None:
    """What is wrong with a key or text that holds a control or invisible character, or None."""
    if has_control(text):
        return f"a control character in the {what} '{visible(text)}'; write it without one"
    kind = invisible(text)
    if kind is not None:
        return f"{kind} in the {what} '{visible(text)}'; write it without one"
    return None


def pydantic_problem(
    name: str, root: Node, error: ErrorDetails, record: type[Any] | None = None
) -> Problem:
    loc, kind, msg = tuple(error["loc"]), error["type"], error["msg"]
    value = error.get("input")
    if kind.startswith("value_error"):  # a check of one record, in __post_init__
        msg = msg.removeprefix("Value error, ")
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        import difflib

        msg = f"unknown key '{loc[-1]}'"
        allowed = fields_at(loc[:-1], record)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        msg += f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
        return Problem(
            name,
            *locate(root, loc, key=True),
            f"{dotted(root, loc[:-1]) or '(top level)'}: {msg}",
        )
    if kind in ("missing", "missing_argument"):
        msg = f"missing key '{loc[-1]}'"
        return Problem(
            name, *locate(root, loc[:-1]), f"{dotted(root, loc[:-1]) or '(top level)'}: {msg}"
        )
    if kind == "dataclass_type":
        msg = "expected a mapping of keys and values"
    if kind in ("literal_error", "string_pattern_mismatch", "dataclass_type") and isinstance(
        value, str
    ):
        msg = f"{msg}; found '{value}'{_closest(kind, value, error.get('ctx') or {})}"
    elif kind.endswith("_type") and not isinstance(value, str):
        found: dict[type[object], str] = {
            dict: "a mapping",
            list: "a list",
            type(None): "an empty value",
        }
        msg = f"{msg}; found {next((v for k, v in found.items() if isinstance(value, k)), type(value).__name__)}"
    return Problem(name, *locate(root, loc), f"{dotted(root, loc) or '(top level)'}: {msg}")


def _closest(kind: str, value: str, ctx: dict[str, Any]) -> str:
    """The value a typo meant: the nearest allowed word (`each-semster`), or a code in the case
    its pattern asks for (`tr`: `TR`)."""
    from bsec_plan.problems import did_you_mean

    if kind == "literal_error":
        return did_you_mean(value, re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    pattern = ctx.get("pattern")
    if kind == "string_pattern_mismatch" and isinstance(pattern, str):
        for fixed in (value.strip().upper(), value.strip().lower(), value.strip()):
            if fixed != value and re.fullmatch(pattern, fixed):
                return f" (did you mean '{fixed}'?)"
    return ""


def locate(root: Node, loc: TreePath, key: bool = False) -> Mark:
    """Where the node at `loc` starts; for `key`, where its key starts; else the nearest parent."""
    from bsec_plan.loading.yamlpos import (  # loaded already: the tree is made of them
        Mapping,
        Sequence,
    )

    node: Node = root
    at: Mark = root.at
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, Mapping) and isinstance(part, str) and part in node:
            at = node.keys_at[part] if (key and last) else node.values_at[part]
            node = node[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and part < len(node):
            at = node.items_at[part]
            node = node[part]
        else:
            break
        if node is not None and hasattr(node, "at"):
            at = node.at if not (key and last) else at
    return at


def dotted(root: Node, loc: TreePath) -> str:
    """`directions[A].actions[A.2].deadline`: list items named by their id where they have one."""
    text, node = "", root
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") or item.get("code") if isinstance(item, dict) else None
            readable = isinstance(ident, str) and re.fullmatch(r"[\w.-]{1,40}", ident)
            text += f"[{ident}]" if readable else f"[{part}]"
            node = item
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def fields_at(loc: TreePath, root: type[Any] | None = None) -> list[str]:
    """The keys allowed at `loc` (in a plan, or in a `root` record), for suggesting the one a
    typo meant."""
    from bsec_plan.domain.model import Plan

    record: type[Any] = root or Plan
    for part in loc:
        if isinstance(part, int):
            continue
        hints = typing.get_type_hints(record, include_extras=False)
        inner = _record_in(hints.get(part))
        if inner is None:
            return []
        record = inner
    return list(record.__dataclass_fields__)


def _record_in(annotation: object) -> type[Any] | None:
    if isinstance(annotation, type) and hasattr(annotation, "__dataclass_fields__"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _record_in(arg)
        if found is not None:
            return found
    return None


def described(
    name: str, root: Node, errors: list[ErrorDetails], record: type[Any] | None = None
) -> list[Problem]:
    """pydantic's errors, placed: the first are described in full (a suggestion for a misspelt
    key...); beyond them only a few are shown, so the rest are located and counted at little
    cost each, however many a file holds."""
    from bsec_plan.loading.partial import MAX_ERRORS_TO_SET_ASIDE as first

    full = [pydantic_problem(name, root, e, record) for e in errors[:first]]
    return full + [Problem(name, *locate(root, tuple(e["loc"])), e["msg"]) for e in errors[first:]]
