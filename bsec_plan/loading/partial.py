"""Every problem in one pass: when validation fails, the records that hold an error are set
aside and the rest validated again, so that the reference rules still run on what validated."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bsec_plan.problems import TreePath

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from bsec_plan.loading.crossref import Finding
    from bsec_plan.loading.yamlpos import Node


# Beyond this many structural errors the reference rules are not run on the rest: the file is
# far from a plan, and its problems are shown as they are.
MAX_ERRORS_TO_SET_ASIDE = 1000
_ROUNDS = 4  # setting a part aside can show errors the part hid (a list that was not a list)


class _Kept(list[Any]):
    """A list with some items set aside; `orig[i]` is item i's index in the file."""

    orig: list[int]


def check_what_validated(
    root: Node, errors: list[ErrorDetails], registers: bool = False
) -> list[Finding]:
    """The reference rules run on the parts of the plan that validated, so that one run shows
    every problem: each record with an error (the innermost list item holding it) is set aside,
    an unknown top-level key is left out, and the rest validated again. Findings that name a
    record set aside (it may have been the one referred to) are left out. Nothing when an error is outside
    any record (a missing title, a bad period), as the rest cannot be read without it. With
    `registers`, the tree is a registers file, checked by the registers' own rules."""
    from pydantic import ValidationError

    from bsec_plan.loading import crossref, validation

    if len(errors) > MAX_ERRORS_TO_SET_ASIDE:
        return []
    tree = _copy(root)
    aside: set[str] = set()
    for _ in range(_ROUNDS):
        if not _set_aside(tree, errors, aside):
            return []
        try:
            if registers:
                findings = crossref.check_registers(validation.validate_registers(tree))
            else:
                findings = crossref.check(validation.validate(tree))
        except ValidationError as err:
            errors = err.errors(include_url=False, include_input=False)
            continue
        return [
            (_in_file(tree, path), message)
            for path, message in findings
            if not any(f"'{ident}'" in message for ident in aside)
        ]
    return []


def _copy(node: Node) -> Node:
    if isinstance(node, dict):
        return {key: _copy(value) for key, value in node.items()}
    if isinstance(node, list):
        copied = _Kept(_copy(item) for item in node)
        copied.orig = list(range(len(node)))
        return copied
    return node


def _set_aside(tree: Node, errors: list[ErrorDetails], aside: set[str]) -> bool:
    """Leave out what each error is in; False when an error is in no part that can be left out."""
    items: dict[int, tuple[_Kept, set[int]]] = {}
    keys: list[tuple[dict[str, Any], str]] = []
    for error in errors:
        loc = tuple(error["loc"])
        cut = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
        # an unknown key outside any record is left out; inside one, the record is set aside,
        # as the key may have been meant for a field the rules read (`dedline`)
        if cut is None and error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            parent = node_at(tree, loc[:-1])
            if isinstance(parent, dict) and loc[-1] in parent:
                keys.append((parent, str(loc[-1])))
                continue
        if cut is None:
            return False
        holder = node_at(tree, loc[:cut])
        index = loc[cut]
        if not isinstance(holder, _Kept) or not isinstance(index, int) or index >= len(holder):
            return False
        items.setdefault(id(holder), (holder, set()))[1].add(index)
    for parent, key in keys:
        parent.pop(key, None)
    for holder, indices in items.values():
        for index in sorted(indices, reverse=True):
            _names_in(holder[index], aside)
            del holder[index]
            del holder.orig[index]
    return True


def node_at(tree: Node, loc: TreePath) -> Node:
    node = tree
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            continue
        if not (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            return None
        node = node[part]
    return node


def _names_in(node: Node, names: set[str]) -> None:
    """The ids and codes a record set aside declares (and those of the records inside it)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("id", "code") and isinstance(value, str):
                names.add(value)
            _names_in(value, names)
    elif isinstance(node, list):
        for item in node:
            _names_in(item, names)


def _in_file(tree: Node, path: tuple[Any, ...]) -> tuple[Any, ...]:
    """A finding's path with each list index as it is in the file, not in the pruned tree."""
    out: list[Any] = []
    node = tree
    for part in path:
        if isinstance(node, _Kept) and isinstance(part, int) and part < len(node):
            out.append(node.orig[part])
            node = node[part]
        else:
            out.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return tuple(out)
