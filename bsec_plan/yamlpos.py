"""Load YAML text into dicts, lists and strings that remember where each node starts.

Built from PyYAML's event stream (the C parser when PyYAML has it) rather than its constructor,
so that YAML 1.1 implicit typing never applies: every scalar arrives as written text (`NO`,
`1:20`, `2010-06-01` stay strings) and the models decide what it means. Only a plain empty
value, `~` or `null` becomes None. Duplicate keys, aliases, tags and runaway nesting are
refused here, each with its position.
"""

from __future__ import annotations

import yaml

try:  # the C parser is several times faster; fall back where PyYAML was built without it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_STR_TAGS = frozenset(("tag:yaml.org,2002:str", "!!str", "!"))

Mark = tuple[int, int]  # 1-based line and column


class Mapping(dict):
    """A YAML mapping; `keys_at[k]` and `values_at[k]` are where key and value start (when read
    with positions)."""

    __slots__ = ("at", "keys_at", "values_at")


class Sequence(list):
    """A YAML sequence; `items_at[i]` is where item i starts."""

    __slots__ = ("at", "items_at")


class YamlProblem(Exception):
    def __init__(self, problems: list[tuple[Mark, str]]):
        self.problems = problems
        super().__init__(problems)


def _mark(m) -> Mark:
    return (m.line + 1, m.column + 1)


def _syntax_message(err: yaml.MarkedYAMLError, text: str) -> str:
    problem = err.problem or str(err)
    mark = err.problem_mark
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return "a tab character cannot indent YAML; indent with spaces"
    context = f"{err.context}: " if err.context else ""
    return f"YAML syntax: {context}{problem}"


def load(text: str, positions: bool = True):
    """Return the document's root node. Raise YamlProblem with every problem found.

    With positions=False the nodes carry no positions: a third faster, for a file that is
    expected to be valid. Any YAML problem then makes it start again with positions, so that
    the problems are located all the same.
    """
    if not positions:
        try:
            return _build(text, track=False)
        except _Retry:
            pass
    return _build(text, track=True)


def _build(text: str, track: bool):
    problems: list[tuple[Mark, str]] = []
    root = None
    documents = 0
    # Open containers, innermost last. For a mapping, `keys` holds the key waiting for its
    # value (None while the next scalar is a key). Kept in plain lists and inlined below: this
    # loop runs once per YAML node, and function calls here dominate the cost of a large plan.
    stack: list = []
    keys: list = []
    key_at: list = []
    at = None
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    MappingStartEvent, SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent

    def problem(event, message: str) -> None:
        if not track:
            raise _Retry
        problems.append((_mark(event.start_mark), message))

    try:
        for event in yaml.parse(text, Loader=_Loader):
            cls = event.__class__
            if cls is ScalarEvent:
                node = event.value
                if event.tag is not None and event.tag not in _STR_TAGS:
                    problem(event, _tag_message(event.tag))
                elif event.implicit[0] and node in _NULLS:  # plain, untagged
                    node = None
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if event.tag is not None and event.tag not in _STR_TAGS:
                    problem(event, _tag_message(event.tag))
                if len(stack) >= MAX_DEPTH:
                    problem(event, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
                    raise _Stop
                if cls is MappingStartEvent:
                    node = Mapping()
                    if track:
                        node.keys_at, node.values_at = {}, {}
                else:
                    node = Sequence()
                    if track:
                        node.items_at = []
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
                keys.pop()
                key_at.pop()
                continue
            elif cls is AliasEvent:
                problem(event, f"aliases (*{event.anchor}) are not allowed; write the value out")
                node = None
            else:
                if cls is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        problem(event, "only one YAML document is allowed")
                        raise _Stop
                continue
            if track:
                mark = event.start_mark
                at = (mark.line + 1, mark.column + 1)
                if cls is MappingStartEvent or cls is SequenceStartEvent:
                    node.at = at

            # attach the node to its parent
            if not stack:
                root = node
            else:
                parent = stack[-1]
                if parent.__class__ is Sequence:
                    parent.append(node)
                    if track:
                        parent.items_at.append(at)
                else:
                    key = keys[-1]
                    if key is None:  # this node is a key
                        if node.__class__ is not str:
                            problem(event, "a mapping key must be a plain string")
                            keys[-1] = _BAD_KEY
                        else:
                            keys[-1] = node
                            key_at[-1] = at
                    else:
                        if key is not _BAD_KEY:
                            if key in parent:
                                if not track:
                                    raise _Retry
                                first = parent.keys_at[key]
                                problems.append(
                                    (
                                        key_at[-1],
                                        f"duplicate key '{key}' (first defined at line {first[0]})",
                                    )
                                )
                            else:
                                parent[key] = node
                                if track:
                                    parent.keys_at[key] = key_at[-1]
                                    parent.values_at[key] = at
                        keys[-1] = None
            if cls is MappingStartEvent or cls is SequenceStartEvent:
                stack.append(node)
                keys.append(None)
                key_at.append(None)
    except yaml.MarkedYAMLError as err:
        if not track:
            raise _Retry from None
        mark = err.problem_mark or err.context_mark
        problems.append((_mark(mark) if mark else (1, 1), _syntax_message(err, text)))
    except yaml.reader.ReaderError as err:
        if not track:
            raise _Retry from None
        line, col = _position_of(text, err.position)
        problems.append(
            ((line, col), f"character U+{_codepoint(err.character):04X} is not allowed in YAML")
        )
    except yaml.YAMLError as err:  # pragma: no cover - any other parser failure, unlocated
        if not track:
            raise _Retry from None
        problems.append(((1, 1), f"YAML: {err}"))
    except _Stop:
        pass
    if documents == 0 and not problems:
        if not track:
            raise _Retry
        problems.append(((1, 1), "the file is empty; expected the plan as a YAML mapping"))
    if problems:
        raise YamlProblem([(_inside(text, at), message) for at, message in problems])
    return root


def _inside(text: str, at: Mark) -> Mark:
    """libyaml may place an end-of-file problem one line past the last: keep it in the file."""
    lines = text.split("\n")
    line = min(max(at[0], 1), len(lines))
    return (line, min(max(at[1], 1), len(lines[line - 1]) + 1))


def _tag_message(tag: str) -> str:
    return f"YAML tags such as '{tag}' are not allowed; write the value as plain text"


def _position_of(text: str, index: int) -> Mark:
    """Line and column of a reader error; libyaml counts UTF-8 bytes, PyYAML's reader characters."""
    if _Loader.__name__.startswith("C"):
        raw = text.encode("utf-8")
        start = raw.rfind(b"\n", 0, index) + 1
        return (
            raw.count(b"\n", 0, index) + 1,
            len(raw[start:index].decode("utf-8", "replace")) + 1,
        )
    line = text.count("\n", 0, index) + 1
    return (line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _codepoint(character) -> int:
    return character if isinstance(character, int) else ord(character)


class _Stop(Exception):
    """Stop reading: what follows cannot be trusted."""


class _Retry(Exception):
    """A problem met while reading without positions: read again with them to locate it."""


_BAD_KEY = object()  # a key that was refused; its value is skipped
