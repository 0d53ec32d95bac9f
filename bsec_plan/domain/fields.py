"""The building blocks of the plan's records: constrained text and strictly parsed dates as
pydantic metadata, the kinds the schema names, and the `record` decorator that registers a
record class; pydantic itself is imported only when a validator is built."""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from bsec_plan.domain.dates import PartialDate, parse_day
from bsec_plan.plaindata import dataclass

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema
    from typing_extensions import dataclass_transform
else:
    # typing_extensions takes milliseconds to import; the decorator only informs type checkers
    def dataclass_transform(**_options: object) -> Callable[[T], T]:
        return lambda decorator: decorator


class Constrained:
    """Pydantic metadata for text: non-empty, optionally matching a pattern; pydantic_core is
    imported only when a validator is built."""

    def __init__(self, pattern: str | None = None, example: str | None = None) -> None:
        self.pattern, self.example = pattern, example

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.str_schema(min_length=1, pattern=self.pattern)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        result = handler(schema)
        if self.example:
            result["examples"] = [self.example]
        return result


class Parsed:
    """Pydantic metadata for dates written as text, parsed by our own strict parsers."""

    def __init__(
        self, parse: Callable[[str], dt.date | PartialDate], pattern: str, examples: list[str]
    ) -> None:
        self.parse, self.pattern, self.examples = parse, pattern, examples

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        # the method itself, not a closure: a kept core schema can name it (loading/prebuilt.py)
        return core_schema.no_info_plain_validator_function(
            self.validate, serialization=core_schema.to_string_ser_schema()
        )

    def validate(self, value: object) -> dt.date | PartialDate:
        """A date written as text, parsed strictly; a date already made is kept."""
        if isinstance(value, str):
            try:
                return self.parse(value)
            except ValueError as err:
                from pydantic_core import PydanticCustomError

                raise PydanticCustomError("date_value", str(err)) from None
        if isinstance(value, (dt.date, PartialDate)):
            return value
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("date_type", "expected a date written as text, e.g. 2010-06-01")

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": self.pattern, "examples": self.examples}


Text = Annotated[str, Constrained()]
Ref = Annotated[str, Constrained()]
StateCode = Annotated[str, Constrained(r"^[A-Z]{2}$", "RO")]
Slug = Annotated[str, Constrained(r"^[a-z0-9]+(-[a-z0-9]+)*$", "protocol-2002")]
ActionId = Annotated[str, Constrained(r"^[A-Z](\.[1-9][0-9]*)?$", "A.2")]
DirectionId = Annotated[str, Constrained(r"^[A-Z]$", "A")]
Day = Annotated[dt.date, Parsed(parse_day, r"^\d{4}-\d{2}-\d{2}$", ["2010-06-01"])]
Partial = Annotated[
    PartialDate,
    Parsed(PartialDate.parse, r"^\d{4}(-\d{2}(-\d{2})?)?$", ["2011", "2010-06", "2010-06-01"]),
]

DeadlineKind = Literal["fixed", "each-semester", "each-february-after-year", "permanent"]
PartyKind = Literal["role", "chairmanship", "all-member-states", "eu-member-states", "agency"]
InstrumentKind = Literal["agreement", "protocol", "memorandum", "action-plan"]
EventKind = Literal[
    "signature",
    "ratification",
    "approval",
    "acceptance",
    "accession",
    "deposit",
    "publication",
    "entry-into-force",
]
"""The events of a ratification record, one list for the file, the schema and the commands that
name an event kind."""
RATIFIABLE = ("agreement", "protocol")
ReservationKind = Literal["reservation", "declaration"]

RECORDS: list[type[Any]] = []


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """A dataclass that pydantic validates strictly: unknown keys are errors. Each field's
    docstring is its description in the JSON Schema. Records are read-only by convention; they
    are not frozen because frozen dataclasses take twice as long to define, at every start.
    A record has slots, not a `__dict__` (half the memory of a large plan), unless it keeps
    indexes in cached properties, which live in the `__dict__` (the plan)."""
    # pydantic reads this attribute on any dataclass; the classes do not declare it
    cls.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]
    slots = not any(isinstance(v, cached_property) for v in vars(cls).values())
    made = dataclass(cls, kw_only=True, slots=slots)  # keyword-only: the file's natural order
    RECORDS.append(made)
    return made


def needs_source(status: str, source: str | None) -> None:
    if status != "unknown" and source is None:
        raise ValueError(f"a {status} record needs a `source`")
