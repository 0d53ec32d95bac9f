"""The records' dataclasses answer as the standard library's do: the same repr, equality, order,
hash, constructor and errors, whichever of their methods are shared or made when first called."""

from __future__ import annotations

import copy
import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

import pytest

from bsec_plan import plaindata


def _shapes(decorate: Callable[..., Any]) -> dict[str, type]:
    """The same classes, made by `decorate` (the standard decorator or ours)."""

    @decorate(frozen=True, order=True)
    class Day:
        """A frozen, ordered value."""

        year: int
        month: int | None = None

    @decorate(kw_only=True, slots=True)
    class Record:
        """Keyword-only, with slots, a factory and a check after the fields are set."""

        name: str
        tags: list[str] = dataclasses.field(default_factory=list)
        note: str | None = dataclasses.field(default=None, compare=False, repr=False)

        def __post_init__(self) -> None:
            if not self.name:
                raise ValueError("name it")

    @decorate(kw_only=True)
    class Child(Record):
        """A record that adds a field to its parent's."""

        extra: int = 0
        seen: list[str] = dataclasses.field(default_factory=list, init=False)
        count: int = dataclasses.field(default=0, init=False)

    @decorate
    class Bare:
        first: str
        second: tuple[int, ...] = ()

    @decorate
    class Own:
        """A class that writes its own repr and equality: they are kept."""

        value: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

    return {c.__name__: c for c in (Day, Record, Child, Bare, Own)}


STANDARD = _shapes(dataclasses.dataclass)
OURS = _shapes(plaindata.dataclass)

MADE: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("Day", (2010,), {}),
    ("Day", (2010, 6), {}),
    ("Day", (), {"year": 2009, "month": 12}),
    ("Record", (), {"name": "a"}),
    ("Record", (), {"name": "a", "tags": ["x"], "note": "n"}),
    ("Child", (), {"name": "b", "extra": 2}),
    ("Bare", ("x",), {}),
    ("Bare", ("x", (1, 2)), {}),
    ("Own", (1,), {}),
]


def _both(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    return STANDARD[name](*args, **kwargs), OURS[name](*args, **kwargs)


def _outcome(make: Callable[[], Any]) -> tuple[str, str]:
    try:
        return "made", repr(make())
    except Exception as err:  # the error a user would see, class and message
        return type(err).__name__, str(err).replace("__init__", "").split("(")[-1]


@pytest.mark.parametrize(("name", "args", "kwargs"), MADE)
def test_the_same_text_and_equality(name: str, args: Any, kwargs: Any) -> None:
    standard, ours = _both(name, args, kwargs)
    assert repr(ours) == repr(standard)
    assert str(ours) == str(standard)
    for other_name, other_args, other_kwargs in MADE:
        standard_other, ours_other = _both(other_name, other_args, other_kwargs)
        assert (ours == ours_other) == (standard == standard_other)
        assert (ours != ours_other) == (standard != standard_other)
    assert (ours == object()) == (standard == object())
    assert dataclasses.asdict(ours) == dataclasses.asdict(standard)
    assert copy.deepcopy(ours) == ours


def test_order_and_hash_as_the_standard_ones() -> None:
    days = [(2011, 1), (2010, 6), (2010, 12), (2010, 6)]
    standard = sorted(STANDARD["Day"](*d) for d in days)
    ours = sorted(OURS["Day"](*d) for d in days)
    assert [repr(d) for d in ours] == [repr(d) for d in standard]
    assert [hash(d) for d in ours] == [hash(d) for d in standard]
    with pytest.raises(TypeError):
        _ = OURS["Day"](2010) < (2010,)
    for name in ("Record", "Child", "Bare"):  # compared by value and mutable: no hash
        assert OURS[name].__hash__ is None
        assert STANDARD[name].__hash__ is None


def test_a_frozen_one_refuses_assignment() -> None:
    for made in (OURS["Day"](2010), STANDARD["Day"](2010)):
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'year'"):
            made.year = 2011
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
            made.x = 1
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'month'"):
            del made.month


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("Record", ("positional",), {}),
        ("Record", (), {}),
        ("Record", (), {"name": ""}),
        ("Record", (), {"name": "a", "unknown": 1}),
        ("Child", (), {"extra": 1}),
        ("Bare", (), {}),
        ("Bare", ("a", "b", "c"), {}),
        ("Day", (), {"month": 1}),
    ],
)
def test_the_same_errors_for_a_bad_call(name: str, args: Any, kwargs: Any) -> None:
    # twice: the first call to a class makes its constructor, the second uses it
    for _ in range(2):
        assert _outcome(lambda: OURS[name](*args, **kwargs)) == _outcome(
            lambda: STANDARD[name](*args, **kwargs)
        )


def test_the_same_fields_defaults_and_signature() -> None:
    for name, args, kwargs in MADE:
        OURS[name](*args, **kwargs)  # a constructor made when first called is made by now
    for name, standard in STANDARD.items():
        ours = OURS[name]
        assert [
            (f.name, f.default, f.default_factory, f.kw_only, f.compare, f.repr)
            for f in dataclasses.fields(ours)
        ] == [
            (f.name, f.default, f.default_factory, f.kw_only, f.compare, f.repr)
            for f in dataclasses.fields(standard)
        ]
        assert str(inspect.signature(ours)) == str(inspect.signature(standard))
        assert ours.__doc__ == standard.__doc__
        assert ("__slots__" in vars(ours)) == ("__slots__" in vars(standard))


def test_a_default_factory_gives_each_record_its_own() -> None:
    one, two = OURS["Record"](name="a"), OURS["Record"](name="b")
    one.tags.append("x")
    assert two.tags == []
    assert dataclasses.replace(one, name="c").tags == ["x"]


@pytest.mark.parametrize("decorate", [dataclasses.dataclass, plaindata.dataclass])
def test_a_field_without_a_default_after_one_with_is_refused(decorate: Any) -> None:
    with pytest.raises(TypeError, match="non-default argument 'second' follows default argument"):

        @decorate
        class Wrong:
            """Its second field has no default."""

            first: int = 0
            second: int


@dataclasses.dataclass(frozen=True, slots=True)
class _StandardPoint:
    """A frozen slotted record, at module level so that pickle finds it by name."""

    x: int
    y: int


@plaindata.dataclass(frozen=True, slots=True)
class _PlainPoint:
    """The same, by our decorator."""

    x: int
    y: int


@pytest.mark.parametrize("made", [_StandardPoint, _PlainPoint])
def test_a_frozen_slotted_record_copies_and_pickles_as_the_standard_one(made: type) -> None:
    import pickle

    point = made(1, 2)
    assert copy.deepcopy(point) == point == copy.copy(point)
    assert pickle.loads(pickle.dumps(point)) == point


@pytest.mark.parametrize("decorate", [dataclasses.dataclass, plaindata.dataclass])
def test_frozen_inheritance_is_checked_as_the_standard_one_checks_it(
    decorate: Callable[..., Any],
) -> None:
    @decorate(frozen=True)
    class Base:
        """Frozen."""

        x: int

    @decorate(frozen=True)
    class Child(Base):
        """Frozen too: allowed."""

        y: int

    made: Any = Child  # made by the decorator under test, which mypy does not follow here
    assert repr(made(1, 2)).endswith("Child(x=1, y=2)")

    @decorate
    class Open:
        """Not frozen."""

        x: int

    with pytest.raises(TypeError, match="cannot inherit frozen dataclass from a non-frozen one"):

        @decorate(frozen=True)
        class Closed(Open):
            """Frozen on a non-frozen base: refused."""

            y: int
