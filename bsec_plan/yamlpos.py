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
    """A YAML mapping; `keys_at[k]` and `values_at[k]` are where key and value start."""

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


def load(text: str):
    """Return the document's root node. Raise YamlProblem with every problem found."""
    problems: list[tuple[Mark, str]] = []
    root = None
    documents = 0
    stack: list = []  # open containers
    pending: list = []  # for each open mapping: the key waiting for its value, or None
    key_marks: list = []

    def attach(node, at: Mark) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.append(node)
            parent.items_at.append(at)
            return
        key = pending[-1]
        if key is _NO_KEY:  # this node is a key
            if not isinstance(node, str):
                problems.append((at, "a mapping key must be a plain string"))
                pending[-1] = _BAD_KEY
            else:
                pending[-1] = node
                key_marks[-1] = at
            return
        if key is not _BAD_KEY:
            if key in parent:
                first = parent.keys_at[key]
                problems.append((key_marks[-1], f"duplicate key '{key}' (first defined at line {first[0]})"))
            else:
                parent[key] = node
                parent.keys_at[key] = key_marks[-1]
                parent.values_at[key] = at
        pending[-1] = _NO_KEY

    def check_tag(event, at: Mark) -> bool:
        tag = event.tag
        if tag is None or tag in _STR_TAGS:
            return True
        problems.append((at, f"YAML tags such as '{tag}' are not allowed; write the value as plain text"))
        return False

    try:
        for event in yaml.parse(text, Loader=_Loader):
            cls = type(event)
            if cls is yaml.ScalarEvent:
                at = _mark(event.start_mark)
                check_tag(event, at)
                value = event.value
                if event.implicit[0] and value in _NULLS:  # plain, untagged
                    value = None
                attach(value, at)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                at = _mark(event.start_mark)
                check_tag(event, at)
                if len(stack) >= MAX_DEPTH:
                    problems.append((at, f"nesting deeper than {MAX_DEPTH} levels is not allowed"))
                    raise _Stop
                if cls is yaml.MappingStartEvent:
                    node = Mapping()
                    node.keys_at, node.values_at = {}, {}
                else:
                    node = Sequence()
                    node.items_at = []
                node.at = at
                attach(node, at)
                stack.append(node)
                pending.append(_NO_KEY)
                key_marks.append(None)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                stack.pop()
                pending.pop()
                key_marks.pop()
            elif cls is yaml.AliasEvent:
                at = _mark(event.start_mark)
                problems.append((at, f"aliases (*{event.anchor}) are not allowed; write the value out"))
                attach(None, at)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append((_mark(event.start_mark), "only one YAML document is allowed"))
                    raise _Stop
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problems.append((_mark(mark) if mark else (1, 1), _syntax_message(err, text)))
    except yaml.reader.ReaderError as err:
        line, col = _position_of(text, err.position)
        problems.append(((line, col), f"character U+{_codepoint(err.character):04X} is not allowed in YAML"))
    except yaml.YAMLError as err:  # pragma: no cover - any other parser failure, unlocated
        problems.append(((1, 1), f"YAML: {err}"))
    except _Stop:
        pass
    if documents == 0 and not problems:
        problems.append(((1, 1), "the file is empty; expected the plan as a YAML mapping"))
    if problems:
        raise YamlProblem(problems)
    return root


def _position_of(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    return (line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _codepoint(character) -> int:
    return character if isinstance(character, int) else ord(character)


class _Stop(Exception):
    pass


_NO_KEY = object()
_BAD_KEY = object()
