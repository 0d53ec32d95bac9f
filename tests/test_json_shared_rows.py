"""A long list of rows that share lists (the responsible parties of `overdue`) is written row by
row, each shared list encoded once: the answer is byte for byte what `json.dumps` of the same
document gives, escaped as JSON output is (`safetext.json_text`)."""

from __future__ import annotations

import datetime as dt
import enum
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import TESTS, run_cli

from bsec_plan.safetext import json_text
from bsec_plan.views.common import Shared
from bsec_plan.writers import jsonpieces

AWKWARD = TESTS / "plans" / "awkward-text.yaml"

# what a JSON string may hold that the writers escape or must keep: controls, DEL, C1, the
# invisible characters, quotes and backslashes, text outside ASCII and outside the BMP
TEXTS = [
    "",
    "plain",
    'quote " and back\\slash',
    "controls \x00 \x01 \x08 \t \n \r \x1b[31m \x1f",
    "DEL \x7f, C1 \x85 \x9b \x9f",
    "bidi \u202e \u2066 \u200f, zero width \u200b \ufeff, soft hyphen \u00ad, tag \U000e0041",
    "line \u2028 and paragraph \u2029 separators",
    "State AA \u2013 Agency of AA, Ελληνικά, România",
    "outside the BMP \U0001f600",
]


class Level(enum.IntEnum):
    HIGH = 2


def _document(rows: int) -> dict[str, Any]:
    """Rows as `row_json` makes them, sharing lists of parties, with every kind of value a
    row could hold beside them."""
    parties = [
        Shared(
            [
                {"party": f"p{i}", "label": text, "states": [text, "AA"]}
                for i, text in enumerate(TEXTS)
            ]
        ),
        Shared(),
        Shared([{"party": "all", "label": "All", "states": [f"S{i}" for i in range(120)]}]),
    ]
    values: list[Any] = [
        None,
        0,
        -7,
        2**80,
        True,
        False,
        1.5,
        float("nan"),
        float("inf"),
        dt.date(2010, 6, 1),
        Level.HIGH,
        ["a", None],
        {"nested": {"deeper": [1, "\x85"]}},
        (),
    ]
    out: list[Any] = []
    for n in range(rows):
        text = TEXTS[n % len(TEXTS)]
        out.append(
            {
                "action": f"A.{n}",
                "occurrence": None if n % 3 else text,
                "days_overdue": n,
                "odd": values[n % len(values)],
                "responsible": parties[n % len(parties)],
                "text": text,
                "again": parties[(n + 1) % len(parties)],
            }
        )
    return {"command": "overdue", "as_of": "2010-06-01", "state": None, "overdue": out}


def _bytes(document: dict[str, Any], errors: str = "strict") -> bytes:
    """What is written of `document` to a UTF-8 stream (the bytes beneath it)."""
    binary = io.BytesIO()
    stream = io.TextIOWrapper(binary, encoding="utf-8", errors=errors, newline="")
    jsonpieces.write_document(document, stream)
    stream.flush()
    return binary.getvalue()


def _expected(document: dict[str, Any]) -> str:
    return json_text(json.dumps(document, ensure_ascii=False, default=str))


@pytest.mark.parametrize("rows", [1, 4, 5, 13])
def test_rows_with_shared_lists_are_what_json_dumps_gives(
    rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonpieces, "ITEMS_AT_ONCE", 4)  # so that few rows make a long list
    document = _document(rows)
    assert _bytes(document) == _expected(document).encode("utf-8")
    through = io.StringIO()
    jsonpieces.write_document(document, through)
    assert through.getvalue() == _expected(document)


def test_rows_of_odd_shapes_beside_them_are_what_json_dumps_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jsonpieces, "ITEMS_AT_ONCE", 2)
    shared = Shared([{"party": "x", "states": []}])
    rows: list[Any] = [
        {"responsible": shared},
        {},  # no keys
        {1: "an int key", None: shared, 2.5: 1.0, False: 0},  # keys JSON makes strings
        {"responsible": shared, "other key order": "\x7f"},
        "not a row",
        {"responsible": shared, "a": shared, "b": [shared, shared]},
        {"responsible": None},
    ]
    document = {"rows": rows, "after": "the list"}
    assert _bytes(document) == _expected(document).encode("utf-8")


@pytest.mark.parametrize("errors", ["surrogateescape", "replace"])
def test_a_lone_surrogate_in_a_shared_list_goes_through_the_streams_error_rule(
    errors: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonpieces, "ITEMS_AT_ONCE", 2)
    shared = Shared([{"party": "x", "label": "\udcff", "states": []}])
    document = {"rows": [{"a": "before"}, {"a": "\u2013", "r": shared}, {"a": "z", "r": shared}]}
    document["rows"].reverse()  # the first row holds the shared list
    assert _bytes(document, errors) == _expected(document).encode("utf-8", errors)


def _overdue(monkeypatch: pytest.MonkeyPatch, at_once: int, *plans: Path) -> str:
    monkeypatch.setattr(jsonpieces, "ITEMS_AT_ONCE", at_once)
    args = [arg for plan in plans for arg in ("--plan", str(plan))]
    result = run_cli("overdue", *args, "--as-of", "2011-06-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.usefixtures("cache_dir")
def test_overdue_written_row_by_row_is_what_json_dumps_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plan whose names and texts hold quotes, backslashes, a tab, text outside ASCII and
    outside the BMP; actions with no one responsible, a role with no holder (no states)."""
    whole = _overdue(monkeypatch, 1000, AWKWARD)  # under a thousand rows: the C encoder alone
    rows = _overdue(monkeypatch, 2, AWKWARD)
    document = json.loads(rows)
    assert len(document["overdue"]) > 2
    assert {len(r["responsible"]) for r in document["overdue"]} == {0, 1, 5}
    assert rows == whole == json_text(json.dumps(document, ensure_ascii=False)) + "\n"


@pytest.mark.usefixtures("cache_dir")
def test_overdue_of_several_plans_is_what_json_dumps_gives(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(AWKWARD.read_text(encoding="utf-8").replace("Ünïcödé", "Ü2"), "utf-8")
    whole = _overdue(monkeypatch, 1000, AWKWARD, other)
    rows = _overdue(monkeypatch, 2, AWKWARD, other)
    document = json.loads(rows)
    assert {r["plan"] for r in document["overdue"]} == {str(AWKWARD), str(other)}
    assert rows == whole == json_text(json.dumps(document, ensure_ascii=False)) + "\n"
