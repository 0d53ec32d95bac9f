"""Load YAML text into dicts, lists and strings that remember where each node starts.

Built from PyYAML's event stream (the C parser when PyYAML has it) rather than its constructor,
so that YAML 1.1 implicit typing never applies: every scalar arrives as written text and the
models decide what it means. Only a plain empty value, `~` or `null` becomes None. Duplicate
keys, aliases, tags and runaway nesting are refused here, each with its position; so is a
plain value that other YAML readers would take for a number or a boolean (`2011.`, `NO`,
`1:20`), since the file must mean the same to them: quoted, it stays the text it is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import yaml

try:  # the C parser is several times faster; fall back where PyYAML was built without it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
_intern = sys.intern
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_STR_TAGS = frozenset(("tag:yaml.org,2002:str", "!!str", "!"))
# Plain scalars that other YAML readers take for something other than text: the union of
# YAML 1.1 as PyYAML's SafeLoader resolves it and YAML 1.2 core (the YAML language server;
# ruamel.yaml inside check-jsonschema). Dates are left out: check-jsonschema and the language
# server read `2010-06-01` as the text it is.
_BOOLEAN = r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
_NUMBER = (  # patterns, compiled as one; _BOOLEAN alone only to word a problem
    r"""[-+]?0b[01_]+
    |[-+]?0o?[0-7_]+
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[0-9_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    |[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
    |[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)"""
)
_TYPED = re.compile(f"{_BOOLEAN}|{_NUMBER}", re.VERBOSE)
# Readers try a pattern only on a value starting with one of these (so `_1` stays text), and
# most text is ruled out by its first letter.
_TYPED_START = frozenset("-+.0123456789yYnNtTfFoO")
_NULL_OR_TYPED_START = _TYPED_START | {"", "~", "n", "N"}  # what `value[:1]` of those is

Mark = tuple[int, int]  # 1-based line and column
Node = Any  # a Mapping, a Sequence, a str or None


class Mapping(dict[str, Any]):
    """A YAML mapping; `keys_at[k]` and `values_at[k]` are where key and value start (when read
    with positions)."""

    __slots__ = ("at", "keys_at", "values_at")
    at: Mark
    keys_at: dict[str, Mark]
    values_at: dict[str, Mark]


class Sequence(list[Any]):
    """A YAML sequence; `items_at[i]` is where item i starts."""

    __slots__ = ("at", "items_at")
    at: Mark
    items_at: list[Mark]


class YamlProblem(Exception):
    def __init__(self, problems: list[tuple[Mark, str]]) -> None:
        self.problems = problems
        super().__init__(problems)


def _mark(m: Any) -> Mark:
    return (m.line + 1, m.column + 1)


def load(text: str, positions: bool = True) -> Node:
    """Return the document's root node. Raise YamlProblem with every problem found.

    With positions=False the nodes carry no positions: a third faster, for a file that is
    expected to be valid. Any YAML problem then makes it start again with positions, so that
    the problems are located all the same.
    """
    if not positions:
        try:
            return _read_plain(text, Mapping, Sequence)
        except _Retry:
            pass
    return _Reader(text).read()


def load_plain(text: str) -> Any:
    """The document's root as plain dicts, lists, strings and None, for a file that is expected
    to be valid and is only validated: a plain dict or list is made and filled faster than
    a Mapping or a Sequence (a tenth of the reading at 10,000 actions), and pydantic reads it
    faster. Raise YamlProblem as `load` does, every problem placed."""
    try:
        return _read_plain(text, dict, list)
    except _Retry:
        return _Reader(text).read()  # raises, each problem located (or returns, placed)


def _read_plain(
    text: str, mapping_type: type[dict[str, Any]], sequence_type: type[list[Any]]
) -> Node:
    """The document's root without positions, in one loop with no call per event. At anything
    the reader must refuse (a tag, an alias, a typed plain value, a duplicate or non-text key,
    deep nesting, a syntax error, no document or two) it gives up with _Retry, and the full
    reader reads the file again to place every problem."""
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    closing = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    document, alias = yaml.DocumentStartEvent, yaml.AliasEvent
    nulls, str_tags, typed_start, typed = _NULLS, _STR_TAGS, _TYPED_START, _TYPED.fullmatch
    intern, suspect = _intern, _NULL_OR_TYPED_START
    untyped: set[str] = set()
    root: Node = None
    documents = 0
    outer: list[Any] = []  # the open containers around `into`, innermost last
    into: Any = None  # the innermost open container: a mapping, a sequence or None
    in_mapping = False  # whether `into` is a mapping
    key: Any = None  # in a mapping, the key waiting for its value; None while a key is due
    loader = _Loader(text)
    event: Any  # the attributes of its kind: checked by class below
    try:
        for event in iter(loader.get_event, None):
            kind = type(event)
            if kind is scalar:  # most events: placed here, without the containers' steps
                node, implicit = event.value, event.implicit  # (plain, quoted) if untagged
                if implicit[0]:  # plain: most start with none of the characters a null or a
                    # typed value starts with; one found untyped once (a date) is not tried again
                    if not node or node[0] in suspect:
                        if node in nulls:
                            node = None
                        elif node[0] in typed_start and node not in untyped:
                            if typed(node):
                                raise _Retry
                            untyped.add(node)
                elif not implicit[1] and event.tag not in str_tags:
                    raise _Retry  # neither plain nor quoted: tagged, with a tag other than text's
                if in_mapping:
                    if key is None:  # this scalar is a key
                        if node is None:
                            raise _Retry
                        key = intern(node)
                        continue
                    if key in into:
                        raise _Retry
                    into[key] = node
                    key = None
                elif into is None:
                    root = node
                else:
                    into.append(node)
            elif kind is mapping or kind is sequence:
                if (event.tag is not None and event.tag not in str_tags) or len(outer) >= MAX_DEPTH:
                    raise _Retry
                node = mapping_type() if kind is mapping else sequence_type()
                if in_mapping:
                    if key is None or key in into:  # a container as a key, or a duplicate
                        raise _Retry
                    into[key] = node
                elif into is None:
                    root = node
                else:
                    into.append(node)
                outer.append(into)
                into, key, in_mapping = node, None, kind is mapping
            elif kind in closing:  # `key` is None again, as it was when the container opened:
                into = outer.pop()  # only the container needs keeping, not a tuple for each
                in_mapping = type(into) is mapping_type
            elif kind is document:
                documents += 1
            elif kind is alias:
                raise _Retry
    except yaml.YAMLError:
        raise _Retry from None
    finally:
        loader.dispose()
    if documents != 1:  # none, or two or more
        raise _Retry
    return root


class _Reader:
    """One pass over the parser's events, a method per kind of event. Open containers are kept
    on a stack, innermost last; for a mapping, `keys` holds the key waiting for its value (None
    while the next node is a key) and `key_at` where that key is."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[tuple[Mark, str]] = []
        self.root: Node = None
        self.documents = 0
        self.stack: list[Mapping | Sequence] = []
        self.keys: list[Any] = []  # str, None or _BAD_KEY
        self.key_at: list[Any] = []  # Mark, or None before the key
        self.on_event: dict[type, Callable[[Any], None]] = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.mapping,
            yaml.SequenceStartEvent: self.sequence,
            yaml.MappingEndEvent: self.end,
            yaml.SequenceEndEvent: self.end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document,
        }

    def read(self) -> Node:
        loader = _Loader(self.text)
        try:
            on_event = self.on_event
            # the parser's own method until it has no more events: no generator in between
            for event in iter(loader.get_event, None):
                handle = on_event.get(event.__class__)
                if handle is not None:
                    handle(event)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            from bsec_plan.loading.yamlslips import indentation, syntax_message

            slip = indentation(err, self.text)
            self.problems.append(
                slip or ((_mark(mark) if mark else (1, 1)), syntax_message(err, self.text))
            )
        except yaml.reader.ReaderError as err:
            at = _position_of(self.text, err.position)
            self.problems.append(
                (at, f"character U+{_codepoint(err.character):04X} is not allowed in YAML")
            )
        except yaml.YAMLError as err:  # pragma: no cover - any other parser failure, unlocated
            self.problems.append(((1, 1), f"YAML: {err}"))
        except _Stop:
            pass
        finally:
            loader.dispose()
        if self.documents == 0 and not self.problems:
            self.problems.append(((1, 1), "the file is empty; expected the plan as a YAML mapping"))
        if self.problems:
            inside = _Inside(self.text)
            raise YamlProblem([(inside(at), message) for at, message in self.problems])
        return self.root

    def problem(self, event: Any, message: str) -> None:
        self.problems.append((_mark(event.start_mark), message))

    def scalar(self, event: Any) -> None:
        value: str = event.value
        if event.tag is not None and event.tag not in _STR_TAGS:
            self.problem(event, _tag_message(event.tag))
        elif event.implicit[0]:  # plain, untagged: what other YAML tools may not read as text
            if value in _NULLS:
                self.attach(event, None)
                return
            if value[0] in _TYPED_START and _TYPED.fullmatch(value):
                self.problem(event, _typed_message(value))
        self.attach(event, value)

    def mapping(self, event: Any) -> None:
        node = Mapping()
        node.keys_at, node.values_at = {}, {}
        self.open(event, node)

    def sequence(self, event: Any) -> None:
        node = Sequence()
        node.items_at = []
        self.open(event, node)

    def open(self, event: Any, node: Mapping | Sequence) -> None:
        if event.tag is not None and event.tag not in _STR_TAGS:
            self.problem(event, _tag_message(event.tag))
        if len(self.stack) >= MAX_DEPTH:
            self.problem(event, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
            raise _Stop
        node.at = _mark(event.start_mark)
        self.attach(event, node)
        self.stack.append(node)
        self.keys.append(None)
        self.key_at.append(None)

    def end(self, event: Any) -> None:
        self.stack.pop()
        self.keys.pop()
        self.key_at.pop()

    def alias(self, event: Any) -> None:
        self.problem(event, f"aliases (*{event.anchor}) are not allowed; write the value out")
        self.attach(event, None)

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.problem(event, "only one YAML document is allowed")
            raise _Stop

    def attach(self, event: Any, node: Node) -> None:
        """Put the node in its parent: the root, an item, a key or the value of the waiting key."""
        mark = event.start_mark
        at = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.append(node)
            parent.items_at.append(at)
            return
        key = self.keys[-1]
        if key is None:  # this node is a key
            if node.__class__ is not str:
                self.problem(event, "a mapping key must be a plain string")
                self.keys[-1] = _BAD_KEY
            else:  # one copy of each key name, however many records repeat it
                self.keys[-1] = _intern(node)
                self.key_at[-1] = at
            return
        self.keys[-1] = None
        if key is _BAD_KEY:
            return
        if key in parent:
            first = parent.keys_at[key]
            self.problems.append(
                (self.key_at[-1], f"duplicate key '{key}' (first defined at line {first[0]})")
            )
            return
        parent[key] = node
        parent.keys_at[key] = self.key_at[-1]
        parent.values_at[key] = at


class _Inside:
    """Keeps a mark in the file: libyaml may place an end-of-file problem one line past the last.
    The line lengths are measured once, so locating any number of problems is one pass."""

    def __init__(self, text: str) -> None:
        self.lengths = [len(line) for line in text.split("\n")]

    def __call__(self, at: Mark) -> Mark:
        line = min(max(at[0], 1), len(self.lengths))
        return (line, min(max(at[1], 1), self.lengths[line - 1] + 1))


def _typed_message(value: str) -> str:
    kind = "a boolean" if re.fullmatch(_BOOLEAN, value) else "a number"
    return f'other YAML tools read {value} as {kind}, not text; quote it: "{value}"'


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


def _codepoint(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


class _Stop(Exception):
    """Stop reading: what follows cannot be trusted."""


class _Retry(Exception):
    """A problem met while reading without positions: read again with them to locate it."""


_BAD_KEY = object()  # a key that was refused; its value is skipped
