"""The validators' core schemas, kept in the package so that a run need not make them again.

pydantic makes a core schema from the record classes' annotations, then pydantic-core compiles
it into a validator. Making it (pydantic's TypeAdapter, the modules it imports and its lookup of
plugins among every installed package) took about 0.1 s of CPU at every cold run; compiling it
takes under a millisecond. So the schemas of a plan and of a registers file are kept in
`core-schema.json` beside this module, made by `scripts/core_schema.py` with what the tool
itself would make (a test checks that the file is what pydantic makes now), with the versions
of pydantic and pydantic-core that made them and a digest of the modules that declare the
records. A run uses them only where all three are its own; otherwise it makes the schema as
before. Validation is the same either way: the same schema, compiled by the same pydantic-core.

The file is data, never code: a record class is named and found among `fields.RECORDS`, a date
parser among the package's own (`Day`, `Partial`), a default factory can only be `list`, and
anything else refuses the file, so nothing but the records' own code is called.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bsec_plan import plaindata
from bsec_plan.domain import fields
from bsec_plan.domain import model as domain
from bsec_plan.domain import registers as registers_model

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

FILE = Path(__file__).with_name("core-schema.json")
KINDS = {"plan": domain.Plan, "registers": registers_model.Registers}
# the dates' parsers (pydantic metadata of the Day and Partial annotations), by name
_PARSERS: dict[str, fields.Parsed] = {
    "Day": fields.Day.__metadata__[0],  # type: ignore[attr-defined]
    "Partial": fields.Partial.__metadata__[0],  # type: ignore[attr-defined]
}


def validator(kind: str) -> SchemaValidator | None:
    """The validator of a `kind` (plan or registers) compiled from the kept schema, or None
    where the kept schema was not made by this pydantic for these records."""
    schema = _kept().get(kind)
    if schema is None:
        return None
    from pydantic_core import SchemaValidator

    try:
        return SchemaValidator(schema)
    except Exception:  # not a schema this pydantic-core compiles: made again, as without it
        return None


@cache
def _kept() -> dict[str, Any]:
    try:
        text = FILE.read_text(encoding="utf-8")
    except OSError:
        return {}
    try:
        kept = json.loads(text, object_hook=_named)
    except (ValueError, KeyError, TypeError):  # a name that is not one of ours: not used
        return {}
    try:
        if not isinstance(kept, dict) or kept.get("made by") != _made_by():
            return {}
    except OSError:  # a record module that cannot be read (a zipped install): not used
        return {}
    return kept


def _made_by() -> dict[str, str]:
    """What a kept schema depends on: the versions of pydantic and pydantic-core, and the text
    of the modules that declare the records and their fields, and of the decorator that makes
    them dataclasses."""
    import pydantic_core
    from pydantic.version import VERSION

    try:  # hashlib's own BLAKE2, without the OpenSSL start-up that hashlib adds (milliseconds)
        from _blake2 import blake2b
    except ImportError:  # an interpreter that does not build it apart
        from hashlib import blake2b
    digest = blake2b(digest_size=32)
    modules = sorted(
        {fields.__name__, plaindata.__name__, *(cls.__module__ for cls in fields.RECORDS)}
    )
    for name in modules:
        digest.update(Path(str(sys.modules[name].__file__)).read_bytes())
    return {
        "pydantic": VERSION,
        "pydantic-core": pydantic_core.__version__,
        "records": digest.hexdigest(),
    }


def _named(obj: dict[str, Any]) -> Any:
    """A name written by `_plain`, back to what it names; KeyError where it names nothing of
    ours."""
    if len(obj) != 1:
        return obj
    ((key, value),) = obj.items()
    if key == "$record":
        return {cls.__name__: cls for cls in fields.RECORDS}[value]
    if key == "$parser":
        return _PARSERS[value].validate
    if key == "$factory":
        return {"list": list}[value]
    return obj


def dump() -> str:
    """The file's text: each kind's core schema as pydantic makes it now, by name."""
    from pydantic import TypeAdapter

    kept = {kind: _plain(TypeAdapter(cls).core_schema) for kind, cls in KINDS.items()}
    text = json.dumps({"made by": _made_by(), **kept}, indent=1) + "\n"
    for schema in kept.values():  # a reference must still name one definition
        names = re.findall(r'"ref": "([^"]*)"', json.dumps(schema))
        if len(set(names)) != len(names):
            raise ValueError("two definitions of a core schema have the same name")
    return text


def _plain(value: Any) -> Any:
    """A core schema as JSON: records, date parsers and `list` by name; pydantic's metadata
    (what the JSON Schema is made from) left out. TypeError for anything else."""
    if isinstance(value, dict):
        return {
            # a definition's name ends in the id of its class in the process that made it
            k: re.sub(r":\d+$", "", v) if k in ("ref", "schema_ref") else _plain(v)
            for k, v in value.items()
            if k != "metadata"
        }
    if type(value) is list:
        return [_plain(v) for v in value]
    if value is None or type(value) in (str, int, float, bool):
        return value
    if value is list:
        return {"$factory": "list"}
    if value in fields.RECORDS:
        return {"$record": value.__name__}
    for name, parser in _PARSERS.items():
        if value == parser.validate:
            return {"$parser": name}
    raise TypeError(f"a core schema holds {value!r}, which cannot be kept")
