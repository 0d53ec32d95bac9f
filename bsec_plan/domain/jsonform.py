"""Domain records as plain JSON-ready fields, for the diff and the JSON documents alike."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import DataclassInstance  # any domain record


def as_json(record: DataclassInstance) -> dict[str, Any]:
    """A domain record as JSON-ready fields: dates in ISO form, partial dates as written."""
    return {k: _plain(getattr(record, k)) for k in record.__dataclass_fields__}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        return as_json(value) if not hasattr(value, "first_day") else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
