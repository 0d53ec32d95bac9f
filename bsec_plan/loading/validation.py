"""Pydantic validation of a loaded YAML tree into the domain classes, and the JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

# importing the model modules defines their record classes, which fill fields.RECORDS
from bsec_plan.domain import fields
from bsec_plan.domain import model as domain
from bsec_plan.domain import registers as registers_model

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator


@cache
def _validator(kind: str) -> SchemaValidator:
    """The validator of a plan or of a registers file: from the schema kept in the package
    where it fits this pydantic (loading/prebuilt.py), else made by pydantic as it always is."""
    from bsec_plan.loading import prebuilt

    kept = prebuilt.validator(kind)
    if kept is not None:
        return kept
    from pydantic import TypeAdapter

    made: SchemaValidator = TypeAdapter(prebuilt.KINDS[kind]).validator  # type: ignore[assignment]
    return made


def validate(tree: object) -> domain.Plan:
    """The plan, or pydantic's ValidationError with every structural problem."""
    plan: domain.Plan = _validator("plan").validate_python(tree)
    return plan


def validate_registers(tree: object) -> registers_model.Registers:
    """The registers, or pydantic's ValidationError with every structural problem."""
    registers: registers_model.Registers = _validator("registers").validate_python(tree)
    return registers


def schema(kind: str = "plan") -> dict[str, Any]:
    """The JSON Schema of a plan file (`kind` plan) or of a registers file (`kind` registers)."""
    from pydantic import TypeAdapter

    record: type[Any] = registers_model.Registers if kind == "registers" else domain.Plan
    # Field descriptions come from the attribute docstrings; reading them parses the source, so
    # they are turned on only here and not for every validation.
    saved = {cls: cls.__pydantic_config__ for cls in fields.RECORDS}
    try:
        for cls in fields.RECORDS:
            cls.__pydantic_config__ = {**saved[cls], "use_attribute_docstrings": True}
        result = TypeAdapter(record).json_schema()
    finally:
        for cls, config in saved.items():
            cls.__pydantic_config__ = config
    for definition in [result, *result.get("$defs", {}).values()]:
        for name, spec in definition.get("properties", {}).items():
            # pydantic leaves the title off fields that refer to another record; editors show it
            spec.setdefault("title", name.replace("_", " ").capitalize())
    if kind == "registers":
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **result,
            # the registers' keys are declared once, with defaults for a plan's sake
            "required": ["states"],
            "title": "BSEC registers",
        }
    # states are required unless the plan names its registers, and then the registers' keys
    # (but for the plan's own parties) stand in the registers file, not in the plan
    elsewhere = [k for k in registers_model.REGISTER_FIELDS if k != "parties"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **result,
        "anyOf": [{"required": ["registers"]}, {"required": ["states"]}],
        "dependentSchemas": {
            "registers": {"not": {"anyOf": [{"required": [k]} for k in elsewhere]}}
        },
        "title": "BSEC plan of action",
    }


def schema_json(kind: str = "plan") -> str:
    """The JSON Schema of the plan file (or of the registers file, `kind` registers), as
    `bsec-plan schema` prints it and the repository keeps it."""
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
