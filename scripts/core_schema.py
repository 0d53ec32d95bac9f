"""Write bsec_plan/loading/core-schema.json, the core schemas a run compiles instead of making
them (see bsec_plan/loading/prebuilt.py), after a change to the records or to pydantic:

    .venv/bin/python scripts/core_schema.py

tests/test_prebuilt_schema.py fails while the file is not what this writes.
"""

from __future__ import annotations

from bsec_plan.loading import prebuilt


def main() -> int:
    prebuilt.FILE.write_text(prebuilt.dump(), encoding="utf-8")
    print(f"wrote {prebuilt.FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
