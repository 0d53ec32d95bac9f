"""What a YAML syntax error means, in words: a tab that indents, or a line whose indentation
slipped (said as columns, at that line), rather than the parser's own wording."""

from __future__ import annotations

import re

import yaml

Mark = tuple[int, int]  # 1-based line and column


def syntax_message(err: yaml.MarkedYAMLError, text: str) -> str:
    problem = err.problem or str(err)
    mark = err.problem_mark
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return "a tab character cannot indent YAML; indent with spaces"
    context = f"{err.context}: " if err.context else ""
    return f"YAML syntax: {context}{problem}"


# what PyYAML says when a line's indentation puts it in the wrong mapping or list
_INDENT_PROBLEMS = (
    "mapping values are not allowed",
    "did not find expected",
    "expected <block end>",
)
_ITEM = re.compile(r"-(?:\s+|$)")
_KEY = re.compile(r"[\w.\-\"']+:(?:\s|$)")


def indentation(err: yaml.MarkedYAMLError, text: str) -> tuple[Mark, str] | None:
    """`indentation: `summary` is at column 7, its siblings at column 5`, at the line that
    slipped, when an indentation slip is what the parser tripped on; else None."""
    mark = err.problem_mark
    if mark is None or not str(err.problem or "").startswith(_INDENT_PROBLEMS):
        return None
    lines = text.splitlines()
    here = _indented(lines[mark.line]) if mark.line < len(lines) else None
    if here is None:
        return None
    dash, column, name = here
    if dash is not None:  # an item's siblings are the items before it
        column = dash
        name = "the list item" if name.startswith(("{", "[")) else f"the item `- {name}`"
    else:
        name = f"`{name}`"
    # the siblings: the column nearest to the slipped one among the lines above it, up to the
    # top level (the nearest line wins a tie)
    best: int | None = None
    for before in reversed(lines[: mark.line]):
        found = _indented(before)
        if found is None or (dash is not None and found[0] is None):
            continue  # blank, a comment, or (for an item) not an item
        sibling = found[1] if dash is None or found[0] is None else found[0]
        if sibling == column:
            return None  # in line with its siblings: not an indentation slip
        if best is None or abs(sibling - column) < abs(best - column):
            best = sibling
        if (found[0] or found[1]) == 1:
            break
    if best is None:
        return None
    return (mark.line + 1, column), (
        f"indentation: {name} is at column {column}, its siblings at column {best}"
    )


def _indented(line: str) -> tuple[int | None, int, str] | None:
    """A content line: the column of its `- ` when it starts a list item, the column of its
    key (or first word), and that key; None for a blank line or a comment."""
    body = line.lstrip(" ")
    if not body or body.startswith("#"):
        return None
    dash = _ITEM.match(body)
    at = len(line) - len(body) + 1
    key = body[dash.end() :] if dash else body
    if not dash and not _KEY.match(key):
        return None  # a line of folded prose, not a key: nobody's sibling
    name = re.split(r":(?:\s|$)|\s", key, maxsplit=1)[0] or "-"
    return (at if dash else None), at + (dash.end() if dash else 0), name
