"""`dataclass` as the standard library's, with the methods that compare, print and hash a record
shared by every class instead of compiled for each one, and `__init__` compiled when first called.

The standard decorator writes each class's `__init__`, `__repr__`, `__eq__`, ordering, `__hash__`
and a frozen class's guards as source text and compiles it, at every start: about 2 million
instructions a class, and a warm run defines some forty classes before it answers, most of which
it never builds through `__init__` (a plan read from the cache is rebuilt without its
constructors). Here the comparing, printing and hashing are the functions below, given the
class's fields; they answer as the generated ones do: the same text for `repr`, equality and
order on the same tuple of fields, the same hash, the same errors. `__init__` is written as
`dataclasses` writes it, the first time the class is called; until then `inspect.signature` of
the class shows `(*args, **kwargs)`. A class of its own (no base but `object`, plain fields) has
its fields, frozen guards and slots made here as `dataclasses` makes them, without its search of
every annotation for ClassVar, InitVar and KW_ONLY; any other class (a dataclass base, such
annotations, or a Python whose `dataclasses` this does not follow) goes through the standard
decorator, with its checks of inheritance. A class without a docstring (which `dataclasses`
describes by its signature) or with its own `__init__` is left to the standard decorator but for
the shared methods. `__dataclass_params__` records what the standard decorator was asked to
write, not how the class behaves. tests/test_plaindata.py and tests/test_plaindata_fields.py
hold them to the standard ones.
"""

from __future__ import annotations

import abc
import dataclasses
import sys
from collections.abc import Callable
from functools import cache
from operator import attrgetter, eq, ge, gt, le, lt
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, TypeVar, overload

T = TypeVar("T")

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    # typing_extensions takes milliseconds to import; the decorator only informs type checkers
    def dataclass_transform(**_options: object) -> Callable[[T], T]:
        return lambda decorator: decorator


Values = Callable[[Any], tuple[Any, ...]]
_ORDER = {"__lt__": lt, "__le__": le, "__gt__": gt, "__ge__": ge}


@overload
def dataclass(
    cls: type[T],
    /,
    *,
    frozen: bool = ...,
    order: bool = ...,
    kw_only: bool = ...,
    slots: bool = ...,
) -> type[T]: ...


@overload
def dataclass(
    cls: None = None,
    /,
    *,
    frozen: bool = ...,
    order: bool = ...,
    kw_only: bool = ...,
    slots: bool = ...,
) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field,))
def dataclass(
    cls: type[T] | None = None,
    /,
    *,
    frozen: bool = False,
    order: bool = False,
    kw_only: bool = False,
    slots: bool = False,
) -> type[T] | Callable[[type[T]], type[T]]:
    """`dataclasses.dataclass(cls, frozen=, order=, kw_only=, slots=)`, with `repr` and `eq` on
    (as there by default), their methods shared."""

    def wrap(cls: type[T]) -> type[T]:
        # a class without a docstring gets one written from its signature, which needs __init__
        defer = "__init__" not in vars(cls) and bool(cls.__doc__)
        collected = _own_fields(cls, kw_only) if defer else None
        made: type[T]
        if collected is not None:
            made = _plain(cls, collected, frozen=frozen, kw_only=kw_only, slots=slots)
        else:
            made = dataclasses.dataclass(
                cls,
                init=not defer,
                repr=False,
                eq=False,
                # a frozen class's guards, checks of inheritance and pickling: the standard ones
                frozen=frozen,
                kw_only=kw_only,
                slots=slots,
            )
        if defer:
            _check_init(made)
            made.__init__ = _deferred_init(made, frozen)  # type: ignore[method-assign]
        _share_methods(made, frozen=frozen, order=order)
        return made

    return wrap if cls is None else wrap(cls)


# The Pythons whose `dataclasses` _own_fields and _plain follow, step by step (3.10 checks
# mutable defaults by another rule; 3.14 reads annotations another way): on any other, every
# class goes through the standard decorator.
_FOLLOWED = (3, 11) <= sys.version_info[:2] <= (3, 13)


def _own_fields(cls: type, kw_only: bool) -> dict[str, dataclasses.Field[Any]] | None:
    """The fields, as `dataclasses` collects them, of a class that only it defines (its one
    base is `object`) and whose annotations are all plain fields; None for any other class,
    which the standard decorator makes (a dataclass base, ClassVar, InitVar, KW_ONLY, its own
    __slots__). The standard decorator costs about 0.15 ms a class, most of it in testing each
    annotation for ClassVar, InitVar and KW_ONLY by name, in every module; a warm run defines
    some forty classes."""
    own = vars(cls)
    if not _FOLLOWED or cls.__bases__ != (object,) or "__slots__" in own:
        return None
    annotations: dict[str, Any] = own.get("__annotations__", {})
    fields: dict[str, dataclasses.Field[Any]] = {}
    for name, kind in annotations.items():
        text = kind if isinstance(kind, str) else repr(kind)
        if "ClassVar" in text or "InitVar" in text or "KW_ONLY" in text:
            return None
        f: Any = getattr(cls, name, dataclasses.MISSING)
        if not isinstance(f, dataclasses.Field):
            f = dataclasses.field(default=f)
        f.name, f.type = name, kind
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]  # what fields() lists
        if f.kw_only is dataclasses.MISSING:
            f.kw_only = kw_only
        if f.default.__class__.__hash__ is None:
            raise ValueError(
                f"mutable default {type(f.default)} for field {name} is not allowed: "
                "use default_factory"
            )
        fields[name] = f
    for name, value in own.items():
        if isinstance(value, dataclasses.Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    return fields


def _plain(
    cls: Any, fields: dict[str, dataclasses.Field[Any]], *, frozen: bool, kw_only: bool, slots: bool
) -> Any:
    """What `dataclasses.dataclass(cls, init=False, repr=False, eq=False, frozen=, kw_only=,
    slots=)` makes of a class whose fields _own_fields collected: the same attributes, frozen
    guards, slots and pickling, with no code compiled."""
    for f in fields.values():  # a field() default: the class attribute is its plain default
        if isinstance(vars(cls).get(f.name), dataclasses.Field):
            if f.default is dataclasses.MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    cls.__dataclass_params__ = _params(frozen, kw_only, slots)
    cls.__dataclass_fields__ = fields
    if frozen:
        for name, guard in _guards(cls, frozenset(fields)).items():
            if name in vars(cls):
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
            _set(cls, name, guard)
    if "__match_args__" not in vars(cls):
        matched = tuple(f.name for f in fields.values() if f.init and not f.kw_only)
        setattr(cls, "__match_args__", matched)  # noqa: B010 - mypy takes it for read-only
    if sys.version_info >= (3, 13) and "__replace__" not in vars(cls):
        cls.__replace__ = _replace
    if slots:
        cls = _with_slots(cls, tuple(fields), frozen)
    abc.update_abstractmethods(cls)
    return cls


@cache  # one for each set of options: made once, shared as the standard decorator's are not
def _params(frozen: bool, kw_only: bool, slots: bool) -> Any:
    """The `__dataclass_params__` the standard decorator records for these options (with init,
    repr and eq off, as it is asked for them here), built from its own slot names, which each
    Python version lists."""
    asked = {
        "init": False,
        "repr": False,
        "eq": False,
        "order": False,
        "unsafe_hash": False,
        "frozen": frozen,
        "match_args": True,
        "kw_only": kw_only,
        "slots": slots,
        "weakref_slot": False,
    }
    made = dataclasses._DataclassParams  # type: ignore[attr-defined]
    return made(**{name: asked[name] for name in made.__slots__})


def _guards(cls: Any, names: frozenset[str]) -> dict[str, Callable[..., None]]:
    """A frozen class's `__setattr__` and `__delattr__`, as dataclasses writes them."""

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}


def _with_slots(cls: Any, names: tuple[str, ...], frozen: bool) -> Any:
    """The class made again with `__slots__`, as dataclasses makes it (its base is `object`,
    so no slot is inherited); a frozen one pickles through its fields' values."""
    body = dict(vars(cls))
    body["__slots__"] = names
    for name in (*names, "__dict__", "__weakref__"):
        body.pop(name, None)
    made = type(cls)(cls.__name__, cls.__bases__, body)
    made.__qualname__ = cls.__qualname__
    if frozen:
        if "__getstate__" not in body:
            made.__getstate__ = _getstate
        if "__setstate__" not in body:
            made.__setstate__ = _setstate
    return made


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)  # the class may be frozen


def _replace(self: Any, /, **changes: Any) -> Any:
    return dataclasses.replace(self, **changes)


def _share_methods(cls: type, *, frozen: bool, order: bool) -> None:
    """What `dataclasses` adds for repr=True, eq=True and `order`, and the `__hash__` it sets
    for eq=True: each only where the class does not define it itself, as there."""
    fields = dataclasses.fields(cls)
    own = vars(cls)
    explicit_hash = not ("__hash__" not in own or (own["__hash__"] is None and "__eq__" in own))
    compared = _values([f.name for f in fields if f.compare])
    if "__repr__" not in own:
        _set(cls, "__repr__", _repr([f.name for f in fields if f.repr]))
    if "__eq__" not in own:
        _set(cls, "__eq__", _compare(compared, eq))
    if order:
        for name, method in _ORDER.items():
            if name in own:
                raise TypeError(
                    f"Cannot overwrite attribute {name} in class {cls.__name__}. "
                    "Consider using functools.total_ordering"
                )
            _set(cls, name, _compare(compared, method))
    if not explicit_hash:
        if frozen:
            hashed = _values([f.name for f in fields if (f.compare if f.hash is None else f.hash)])
            _set(cls, "__hash__", _hash(hashed))
        else:  # mutable and compared by value: not hashable, as with dataclasses
            cls.__hash__ = None  # type: ignore[assignment]


def _check_init(cls: type) -> None:
    """What `dataclasses` checks as it writes `__init__`, checked now that it is written later:
    a positional field without a default after one with a default is refused. So is an
    InitVar, which `fields()` (what `__init__` is made from below) leaves out."""
    declared: dict[str, Any] = getattr(cls, "__dataclass_fields__", {})
    fields = dataclasses.fields(cls)
    names = {f.name for f in fields}
    if any("InitVar" in str(f.type) for name, f in declared.items() if name not in names):
        raise TypeError(f"{cls.__name__}: an InitVar needs dataclasses.dataclass")
    defaulted = False
    for f in fields:
        if not f.init or f.kw_only:
            continue
        has_default = not (f.default is f.default_factory is dataclasses.MISSING)
        if defaulted and not has_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        defaulted = defaulted or has_default


def _deferred_init(cls: type, frozen: bool) -> Callable[..., None]:
    """An `__init__` that, called the first time, puts the standard one in its place and runs
    it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        init = _standard_init(cls, frozen)
        cls.__init__ = init  # type: ignore[misc]
        init(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


class _Factory:
    """The default shown for a field with a default factory, as dataclasses shows it."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _standard_init(cls: type, frozen: bool) -> Callable[..., None]:
    """The `__init__` that `dataclasses` writes for `cls`'s fields, written the same way: the
    same parameters (positional, then keyword-only), defaults and annotations; each field set in
    order (through object.__setattr__ for a frozen class), a default factory called for each
    record, then `__post_init__`. Only the class's own field names and names made here are ever
    part of the code."""
    fields = dataclasses.fields(cls)
    me = "__dataclass_self__" if "self" in {f.name for f in fields} else "self"
    scope: dict[str, Any] = {
        "__dataclass_HAS_DEFAULT_FACTORY__": _FACTORY,
        "__dataclass_builtins_object__": object,
    }
    positional, keyword, body = [me], list[str](), list[str]()
    for f in fields:
        factory, default = f"__dataclass_factory_{f.name}__", f"__dataclass_dflt_{f.name}__"
        if f.default_factory is not dataclasses.MISSING:
            scope[factory] = f.default_factory
            value = f"{factory}() if {f.name} is __dataclass_HAS_DEFAULT_FACTORY__ else {f.name}"
            parameter = f"{f.name}=__dataclass_HAS_DEFAULT_FACTORY__"
            if not f.init:
                value = f"{factory}()"
        elif f.default is not dataclasses.MISSING:
            scope[default] = f.default
            parameter, value = f"{f.name}={default}", f.name if f.init else default
        elif f.init:
            parameter = value = f.name
        else:
            continue
        if frozen:
            body.append(f"  __dataclass_builtins_object__.__setattr__({me}, {f.name!r}, {value})")
        else:
            body.append(f"  {me}.{f.name} = {value}")
        if f.init:
            (keyword if f.kw_only else positional).append(parameter)
    if hasattr(cls, "__post_init__"):
        body.append(f"  {me}.__post_init__()")
    parameters = ", ".join(positional + (["*", *keyword] if keyword else []))
    exec(f"def __init__({parameters}):\n" + ("\n".join(body) or "  pass"), scope)
    init: Callable[..., None] = scope["__init__"]
    init.__annotations__ = {f.name: f.type for f in fields if f.init} | {"return": None}
    init.__qualname__, init.__module__ = f"{cls.__qualname__}.__init__", cls.__module__
    return init


def _set(cls: type, name: str, function: Callable[..., Any]) -> None:
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, function)


def _values(names: list[str]) -> Values:
    """The fields' values as a tuple, as the generated methods compare them."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        (name,) = names
        return lambda record: (getattr(record, name),)
    return lambda record: ()


def _repr(names: list[str]) -> Callable[[Any], str]:
    @recursive_repr()  # a record that holds itself shows `...` there, as with dataclasses
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _compare(values: Values, operator: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return operator(values(self), values(other))
        return NotImplemented

    return compare


def _hash(values: Values) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__
