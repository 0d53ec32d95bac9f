"""The format of a cache entry: a validated plan as JSON, and the plan rebuilt from it.

JSON of plain values, where a record is an object naming its class ("@") with its fields'
values in the order the class declares them ("v"), and a date is tagged; only the plan's record
classes are rebuilt, through their constructors. Field names are not repeated in every record:
they were 40% of an entry, which is now smaller than the plan file itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bsec_plan.domain.model import Plan

ACTIONS_AT_ONCE = 1000  # actions encoded in one piece: a large plan is never one string


def encode(plan: Plan) -> list[bytes]:
    """The plan's entry, in pieces to be written one after the other: the plan and each of its
    directions opened, the actions a thousand at a time, so that a large plan's entry is never
    one string in memory (nor that string and its bytes)."""
    import datetime as dt
    import json
    from operator import attrgetter

    from bsec_plan.domain.dates import PartialDate

    # each record's values in field order, fetched at once (a tuple, which json writes as a list)
    values: dict[type, Callable[[Any], Any]] = {
        kind: attrgetter(*names) if len(names) > 1 else _one(names[0])
        for kind, names in _fields().items()
    }

    def record(value: Any) -> Any:  # json calls this only for what it cannot write itself
        kind = type(value)
        if kind is PartialDate:
            return {"@": "partial", "v": str(value)}
        if kind is dt.date:
            return {"@": "day", "v": value.isoformat()}
        if kind not in values:
            raise TypeError(f"cannot cache a {kind.__name__}")
        return {"@": kind.__name__, "v": values[kind](value)}

    dumps = json.JSONEncoder(default=record, ensure_ascii=False, separators=(",", ":")).encode
    return [piece.encode() for piece in _pieces(plan, values, dumps)]


def _pieces(
    plan: Plan, values: dict[type, Callable[[Any], Any]], dumps: Callable[[Any], str]
) -> Iterator[str]:
    """What `dumps(plan)` gives, in pieces: the plan and each direction opened, their actions
    encoded a thousand at a time."""

    def opened(item: Any, big: str, parts: Callable[[Any], Iterator[str]]) -> Iterator[str]:
        kind = type(item)
        yield f'{{"@":"{kind.__name__}","v":['
        for n, (name, value) in enumerate(zip(_fields()[kind], values[kind](item), strict=True)):
            if n:
                yield ","
            if name == big:
                yield from parts(value)
            else:
                yield dumps(value)
        yield "]}"

    def directions(items: list[Any]) -> Iterator[str]:
        yield "["
        for n, direction in enumerate(items):
            if n:
                yield ","
            yield from opened(direction, "actions", actions)
        yield "]"

    def actions(items: list[Any]) -> Iterator[str]:
        yield "["
        for start in range(0, len(items), ACTIONS_AT_ONCE):
            if start:
                yield ","
            yield dumps(items[start : start + ACTIONS_AT_ONCE])[1:-1]
        yield "]"

    yield from opened(plan, "directions", directions)


def _one(name: str) -> Callable[[Any], tuple[Any]]:
    """The value of one field, as a tuple of one, as attrgetter gives two or more."""
    return lambda record: (getattr(record, name),)


@cache
def _fields() -> dict[type, tuple[str, ...]]:
    import dataclasses

    return {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _classes().values()}


@cache
def _classes() -> dict[str, type]:
    # importing the model modules defines their record classes, which fill fields.RECORDS
    from bsec_plan.domain import fields, model, registers  # noqa: F401

    return {cls.__name__: cls for cls in fields.RECORDS}


def decode(payload: bytes) -> Plan:
    """The plan an entry holds; an exception where it is not one (the caller's miss)."""
    import datetime as dt
    import json

    from bsec_plan.domain.dates import PartialDate
    from bsec_plan.domain.model import Plan

    classes = _classes()
    fields = _fields()

    def build(obj: dict[str, Any]) -> Any:
        tag, values = obj["@"], obj["v"]
        if tag == "day":
            return dt.date.fromisoformat(values)
        if tag == "partial":
            return PartialDate.parse(values)
        cls = classes[tag]
        names = fields[cls]
        if len(obj) != 2 or type(values) is not list or len(values) != len(names):
            raise ValueError(f"{tag} does not hold one value for each of its fields")
        for name, value, fits in zip(names, values, _checks(cls), strict=True):
            if not fits(value):
                raise ValueError(f"{tag}.{name} holds a {type(value).__name__}")
        return cls(**dict(zip(names, values, strict=True)))

    plan = json.loads(payload, object_hook=build)
    if not isinstance(plan, Plan):
        raise ValueError("not a plan")
    from bsec_plan.loading import crossref

    if crossref.check(plan):  # every reference resolves, as in a plan that was validated
        raise ValueError("references that do not resolve")
    return plan


# An entry is only ever written from a validated plan, but it is a file: one planted or damaged
# by hand must not reach the queries, which trust the plan's types (a query then ends in exit 3
# while `check` says the plan is valid). Each field is checked against its annotation as the
# entry is rebuilt (its records are rebuilt first, so a shallow check suffices), and the plan's
# cross-references once rebuilt; a mismatch is a miss, and the plan is validated again.


@cache
def _checks(cls: type) -> tuple[Callable[[Any], bool], ...]:
    """For each field of `cls`, in order, a test of whether a value fits its annotation: made
    once per class from the annotations, so that an entry's every value is not read against
    them anew."""
    import typing

    hints = typing.get_type_hints(cls)
    return tuple(_check(hints[name]) for name in _fields()[cls])


def _check(hint: Any) -> Callable[[Any], bool]:
    """A test of whether a value fits the annotation `hint`."""
    import types
    import typing

    origin = typing.get_origin(hint)
    if origin is None:
        if hint is Any:
            return lambda value: True
        if hint is int:
            return lambda value: type(value) is int
        if hint is type(None):
            return lambda value: value is None
        return lambda value: isinstance(value, hint)
    args = typing.get_args(hint)
    if origin is typing.Literal:
        return lambda value: value in args
    if origin is typing.Union or origin is types.UnionType:
        options = tuple(_check(arg) for arg in args)
        return lambda value: any(fits(value) for fits in options)
    if origin is list:
        item = _check(args[0])
        return lambda value: isinstance(value, list) and all(item(v) for v in value)
    if origin is dict:
        key, item = _check(args[0]), _check(args[1])
        return lambda value: (
            isinstance(value, dict) and all(key(k) and item(v) for k, v in value.items())
        )
    return lambda value: True  # a form the records do not use: not checked
