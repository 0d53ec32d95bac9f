"""The format of a cache entry: a validated plan as JSON, and the plan rebuilt from it.

JSON of plain values, where a record is an object of one key, its class's name, whose value
lists its fields' values in the order the class declares them (`{"Action": [...]}`), and a date
is such an object too (`{"day": ...}`, `{"partial": ...}`); only the plan's record classes are
rebuilt, their fields set as they were written (see `decode`). Field names are not repeated in
every record: they were 40% of an entry, which is now smaller than the plan file itself. A record
of a kind in SHARED is written once; where the same values come again, the entry holds
`{"=": n}`, the n-th such record written before it, and the plan rebuilt shares that one record.
One key rather than a tag and the values under two (`{"@": "Action", "v": [...]}`, format 4 and
before): 15% fewer instructions to encode, 10% fewer to read an entry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bsec_plan.domain.model import Plan

ACTIONS_AT_ONCE = 1000  # actions encoded in one piece: a large plan is never one string
# Records a plan repeats by the thousand with a few dozen distinct values (at 10,000 actions:
# 10,000 responsible parties, 63 of them distinct; 8,000 deadlines, 15; 1,429 addressees, 40),
# and that nothing changes once the plan is validated, as nothing changes a PartialDate. None
# holds another: the encoder numbers them as json opens them, the decoder as it closes them.
SHARED = frozenset({"Responsible", "Deadline", "Addresses"})


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

    tagged = {kind: (kind.__name__, get, kind.__name__ in SHARED) for kind, get in values.items()}
    partials: dict[PartialDate, dict[str, str]] = {}  # a plan repeats a few dozen of them
    days: dict[dt.date, dict[str, str]] = {}
    # each SHARED record written so far, by its kind and values: the reference to it
    written: dict[tuple[Any, ...], dict[str, Any]] = {}

    def record(value: Any) -> Any:  # json calls this only for what it cannot write itself
        kind = type(value)
        found = tagged.get(kind)
        if found is not None:  # a record: most of what json hands over
            name, get, shared = found
            got = get(value)
            if shared:
                # its values as a key: a list (a Responsible's parties, its last field) spread
                key = (kind, *got[:-1], *got[-1]) if type(got[-1]) is list else (kind, got)
                ref = written.get(key)
                if ref is not None:
                    return ref
                written[key] = {"=": len(written)}
            return {name: got}
        if kind is PartialDate:
            made = partials.get(value)
            if made is None:
                made = partials[value] = {"partial": str(value)}
            return made
        if kind is dt.date:  # a plan repeats a few dozen days too
            made = days.get(value)
            if made is None:
                made = days[value] = {"day": value.isoformat()}
            return made
        raise TypeError(f"cannot cache a {kind.__name__}")

    # a validated plan is a tree (records name each other by id), so json need not note every
    # container it enters to detect a cycle: 18% of the encoding
    dumps = json.JSONEncoder(
        default=record, ensure_ascii=False, separators=(",", ":"), check_circular=False
    ).encode
    return [piece.encode() for piece in _pieces(plan, values, dumps)]


def _pieces(
    plan: Plan, values: dict[type, Callable[[Any], Any]], dumps: Callable[[Any], str]
) -> Iterator[str]:
    """What `dumps(plan)` gives, in pieces: the plan and each direction opened, their actions
    encoded a thousand at a time."""

    def opened(item: Any, big: str, parts: Callable[[Any], Iterator[str]]) -> Iterator[str]:
        kind = type(item)
        yield f'{{"{kind.__name__}":['
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


def decode(payload: bytes, start: int = 0) -> Plan:
    """The plan an entry holds from its ASCII line-start `start` on; an exception where it is
    not one (the caller's miss)."""
    import datetime as dt
    import json

    from bsec_plan.domain.dates import PartialDate
    from bsec_plan.domain.model import Plan

    builders = _builders()
    day, partial = dt.date.fromisoformat, PartialDate.parse
    # a plan repeats a few dozen partial dates thousands of times; they are immutable, so each
    # is parsed once and shared (a third of the decoding of a 1,000-action entry)
    partials: dict[str, PartialDate] = {}
    shared: list[Any] = []  # each SHARED record in the order written: what "=" refers to

    def build(pairs: list[tuple[str, Any]]) -> Any:
        ((tag, values),) = pairs  # an object of one key, else ValueError
        if tag == "day":
            return day(values)
        if tag == "partial":
            made = partials.get(values)
            if made is None:
                made = partials[values] = partial(values)
            return made
        if tag == "=":
            if type(values) is not int or not 0 <= values < len(shared):
                raise ValueError("a reference to no record written before it")
            return shared[values]
        if type(values) is not list:
            raise ValueError(f"{tag} is not a record as this code writes it")
        made = builders[tag](values)
        if tag in SHARED:
            shared.append(made)
        return made

    text = payload.decode("utf-8")
    plan, end = json.JSONDecoder(object_pairs_hook=build).raw_decode(text, start)
    if end != len(text) and not text[end:].isspace():
        raise ValueError("more than a plan")
    if type(plan) is not Plan:
        raise ValueError("not a plan")
    return plan


# An entry is only ever written by this code from a validated plan, and it is read only once
# its digest line matches its bytes, in a folder only the user can write (cache.py): so its
# records are rebuilt as they were written, each field set in the order the class declares it,
# without running the constructors' checks or the cross-references again (they passed when the
# plan was validated). What is still refused: a class that is not a record, and a record with
# more or fewer values than fields.


@cache
def _builders() -> dict[str, Callable[[list[Any]], Any]]:
    return _Builders()


class _Builders(dict[str, Callable[[list[Any]], Any]]):
    """Each record class's builder, made when an entry first holds one of its records (a plan
    uses few of the classes); a tag that names no record class is a KeyError, as before."""

    def __missing__(self, tag: str) -> Callable[[list[Any]], Any]:
        made = self[tag] = _builder(_classes()[tag])
        return made


def _builder(cls: type) -> Callable[[list[Any]], Any]:
    """Makes a `cls` from its fields' values in order, without its constructor: for a record
    with slots, one statement that unpacks the values into its fields (`made.id, made.text, ...
    = values`), made once per class from the class's own field names as dataclasses makes
    `__init__`, and fifteen times as fast as setting the fields one call at a time. Nothing of
    an entry is ever part of that code: the entry gives only the values. Too many or too few
    values raise ValueError."""
    names = _fields()[cls]
    if "__slots__" not in vars(cls):  # the plan, which keeps its indexes in __dict__

        def with_dict(values: list[Any]) -> Any:
            made: Any = object.__new__(cls)
            # a field inherited from a record with slots lives in that slot, not in __dict__
            for name, value in zip(names, values, strict=True):
                object.__setattr__(made, name, value)
            return made

        return with_dict
    if not all(name.isidentifier() for name in names):  # dataclass fields always are
        raise TypeError(f"{cls.__name__} has a field that is not a name")
    fields = "".join(f"made.{name}, " for name in names)
    code = f"def build(values):\n    made = new(cls)\n    {fields}= values\n    return made\n"
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    exec(code, scope)  # the class's own field names, as dataclasses does for __init__
    built: Callable[[list[Any]], Any] = scope["build"]
    return built
