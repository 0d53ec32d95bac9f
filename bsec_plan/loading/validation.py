"""Pydantic validation of a loaded YAML tree into the domain classes, and the JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from bsec_plan.domain import model as domain


@cache
def _adapter() -> TypeAdapter[domain.Plan]:
    return TypeAdapter(domain.Plan)


def validate(tree: object) -> domain.Plan:
    """The plan, or pydantic's ValidationError with every structural problem."""
    return _adapter().validate_python(tree)


def schema() -> dict[str, Any]:
    # Field descriptions come from the attribute docstrings; reading them parses the source, so
    # they are turned on only here and not for every validation.
    saved = {cls: cls.__pydantic_config__ for cls in domain.RECORDS}
    try:
        for cls in domain.RECORDS:
            cls.__pydantic_config__ = {**saved[cls], "use_attribute_docstrings": True}
        result = TypeAdapter(domain.Plan).json_schema()
    finally:
        for cls, config in saved.items():
            cls.__pydantic_config__ = config
    for definition in [result, *result.get("$defs", {}).values()]:
        for name, spec in definition.get("properties", {}).items():
            # pydantic leaves the title off fields that refer to another record; editors show it
            spec.setdefault("title", name.replace("_", " ").capitalize())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **result,
        "title": "BSEC plan of action",
    }


def schema_json() -> str:
    """The JSON Schema of the plan file, as `bsec-plan schema` prints and the repository keeps it."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
