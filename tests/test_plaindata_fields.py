"""A record class of its own (no dataclass base, plain fields) has its fields collected by
plaindata itself: what `dataclasses` and its callers see of it is what the standard decorator
makes, field by field, and the same mistakes are refused with the same errors."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

import pytest

from bsec_plan import plaindata

Decorate = Callable[..., Any]
BOTH: list[Decorate] = [dataclasses.dataclass, plaindata.dataclass]


def _made(decorate: Decorate) -> dict[str, Any]:
    @decorate(kw_only=True, slots=True)
    class Slotted:
        """Keyword-only, slotted, with every kind of field."""

        name: str
        tags: list[str] = dataclasses.field(default_factory=list)
        note: str | None = dataclasses.field(default=None, compare=False, repr=False)
        weight: int = dataclasses.field(default=1, metadata={"unit": "kg"}, hash=False)
        hidden: int = dataclasses.field(default=0, init=False)
        code: str = "x"

    @decorate(frozen=True)
    class Frozen:
        """Frozen, positional."""

        year: int
        month: int | None = None

    @decorate
    class Counted:
        """With a class variable, which is no field."""

        total: ClassVar[int] = 0
        value: int = 0

    return {"Slotted": Slotted, "Frozen": Frozen, "Counted": Counted}


STANDARD, OURS = _made(dataclasses.dataclass), _made(plaindata.dataclass)
NAMES = sorted(STANDARD)


def _described(f: dataclasses.Field[Any]) -> tuple[Any, ...]:
    return (
        f.name,
        f.type,
        f.default,
        f.default_factory,
        f.init,
        f.repr,
        f.hash,
        f.compare,
        dict(f.metadata),
        f.kw_only,
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_same_fields_and_class_attributes(name: str) -> None:
    standard, ours = STANDARD[name], OURS[name]
    assert [_described(f) for f in dataclasses.fields(ours)] == [
        _described(f) for f in dataclasses.fields(standard)
    ]
    assert list(ours.__dataclass_fields__) == list(standard.__dataclass_fields__)
    assert ours.__match_args__ == standard.__match_args__
    assert getattr(ours, "__slots__", None) == getattr(standard, "__slots__", None)
    assert ours.__dataclass_params__.frozen == standard.__dataclass_params__.frozen
    for attribute in ("code", "month", "value", "total", "tags", "note", "weight"):
        assert repr(vars(ours).get(attribute)) == repr(vars(standard).get(attribute)), attribute


def test_a_frozen_slotted_record_refuses_a_new_attribute_as_the_standard_one() -> None:
    outcomes = []
    for decorate in BOTH:

        @decorate(frozen=True, slots=True)
        class Point:
            """Frozen and slotted."""

            x: int

        made: Any = Point
        point = made(1)
        with pytest.raises(Exception) as caught:
            point.other = 2
        outcomes.append(type(caught.value))
    assert outcomes[0] is outcomes[1]


@pytest.mark.parametrize("decorate", BOTH)
def test_a_mutable_default_is_refused(decorate: Decorate) -> None:
    with pytest.raises(ValueError, match="mutable default <class 'list'> for field tags"):

        @decorate
        class Wrong:
            """A list as a default."""

            tags: list[str] = []  # noqa: RUF012


@pytest.mark.parametrize("decorate", BOTH)
def test_a_field_without_an_annotation_is_refused(decorate: Decorate) -> None:
    with pytest.raises(TypeError, match="'loose' is a field but has no type annotation"):

        @decorate
        class Wrong:
            """A field() without an annotation."""

            kept: int = 0
            loose = dataclasses.field(default=1)


@pytest.mark.parametrize("decorate", BOTH)
def test_a_frozen_class_cannot_bring_its_own_setattr(decorate: Decorate) -> None:
    with pytest.raises(TypeError, match="Cannot overwrite attribute __setattr__ in class Wrong"):

        @decorate(frozen=True)
        class Wrong:
            """Frozen, with its own __setattr__."""

            x: int

            def __setattr__(self, name: str, value: Any) -> None:
                object.__setattr__(self, name, value)


def test_a_subclass_by_the_standard_decorator_sees_a_frozen_base() -> None:
    base = OURS["Frozen"]
    body = {"__annotations__": {"day": "int"}, "day": 1, "__doc__": "A day too."}
    with pytest.raises(TypeError, match="cannot inherit non-frozen dataclass from a frozen one"):
        dataclasses.dataclass(type("Open", (base,), dict(body)))
    child: Any = dataclasses.dataclass(frozen=True)(type("Closed", (base,), dict(body)))
    assert [f.name for f in dataclasses.fields(child)] == ["year", "month", "day"]
    assert dataclasses.replace(child(2010, 6), day=2) == child(2010, 6, 2)
