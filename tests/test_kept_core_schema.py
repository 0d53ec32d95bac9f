"""The core schemas kept in the package: what pydantic makes now, used where they fit, and a
plan validated with them is refused or accepted exactly as with the schema pydantic makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TESTS, checkout_env
from pydantic import TypeAdapter, ValidationError

from bsec_plan.loading import prebuilt, yamlpos


def _tree(path: Path) -> object:
    """The file's YAML tree as the validators see it, or None where it is not YAML."""
    try:
        return yamlpos.load(path.read_text(encoding="utf-8"), positions=False)
    except (yamlpos.YamlProblem, UnicodeDecodeError):
        return None


# the broken files the validators see: those that are YAML at all
BROKEN = [p for p in sorted((TESTS / "broken").glob("*.yaml")) if _tree(p) is not None]


def test_the_kept_file_is_what_pydantic_makes_now() -> None:
    # after a change to the records or to pydantic: .venv/bin/python scripts/core_schema.py
    assert prebuilt.FILE.read_text(encoding="utf-8") == prebuilt.dump()


def test_the_kept_schemas_are_used_here() -> None:
    assert prebuilt.validator("plan") is not None
    assert prebuilt.validator("registers") is not None


def _errors(validate: object, tree: object) -> list[dict[str, object]] | str:
    try:
        validate(tree)  # type: ignore[operator]
    except ValidationError as err:
        return [
            {k: v for k, v in e.items() if k != "ctx"} | {"ctx": repr(e.get("ctx"))}
            for e in err.errors(include_url=False)
        ]
    return "valid"


@pytest.mark.parametrize("path", [*BROKEN, ROOT / "data" / "plan.yaml"], ids=lambda p: p.name)
def test_a_file_is_judged_alike_by_both(path: Path) -> None:
    tree = _tree(path)
    for kind, cls in prebuilt.KINDS.items():
        kept = prebuilt.validator(kind)
        assert kept is not None
        made: Any = TypeAdapter(cls).validate_python
        assert _errors(kept.validate_python, tree) == _errors(made, tree)


def _with(folder: Path, **changes: object) -> Path:
    """This package's kept file, changed, in a copy of the package."""
    kept = json.loads(prebuilt.FILE.read_text(encoding="utf-8"))
    for key, value in changes.items():
        kept[key] = value
    copy = folder / "bsec_plan"
    subprocess.run(["cp", "-r", str(ROOT / "bsec_plan"), str(copy)], check=True)
    (copy / "loading" / prebuilt.FILE.name).write_text(json.dumps(kept), encoding="utf-8")
    return folder


def _kept_in(folder: Path) -> str:
    code = "from bsec_plan.loading import prebuilt; print(prebuilt.validator('plan') is not None)"
    env = checkout_env(dict(os.environ)) | {"PYTHONPATH": str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=folder, env=env
    )
    return done.stdout.strip() or done.stderr


def test_a_file_made_by_another_pydantic_is_not_used(tmp_path: Path) -> None:
    made_by = json.loads(prebuilt.FILE.read_text(encoding="utf-8"))["made by"]
    (tmp_path / "same").mkdir()
    (tmp_path / "other").mkdir()
    assert _kept_in(_with(tmp_path / "same")) == "True"
    other = {**made_by, "pydantic": "2.0.0"}
    assert _kept_in(_with(tmp_path / "other", **{"made by": other})) == "False"


def test_a_file_naming_what_is_not_a_record_is_not_used(tmp_path: Path) -> None:
    planted = {"type": "dataclass", "cls": {"$record": "Popen"}}
    assert _kept_in(_with(tmp_path, plan=planted)) == "False"


def test_a_cold_run_validates_without_making_a_schema(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from bsec_plan.__main__ import main\n"
        "code = main(['check'])\n"
        "print(sorted(m for m in ('pydantic.type_adapter', 'pydantic._internal._generate_schema',"
        " 'importlib.metadata') if m in sys.modules), file=sys.stderr)\n"
        "raise SystemExit(code)\n"
    )
    env = checkout_env(dict(os.environ) | {"BSEC_PLAN_CACHE": str(tmp_path / "cache")})
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "[]"


def test_a_damaged_file_is_not_used(tmp_path: Path) -> None:
    assert _kept_in(_with(tmp_path, plan={"type": "no such kind"})) == "False"
