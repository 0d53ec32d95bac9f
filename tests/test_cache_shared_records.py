"""A cache entry writes a record the plan repeats (who is responsible, a deadline, the states
addressed) once and refers to it after; the plan read back is the one validated from the file,
and an entry that refers to no record written before it is not one this code wrote."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import TESTS

from bsec_plan.loading import cacheformat, planfile

PLAN = TESTS / "plans" / "repeated-records.yaml"
SHARED_FIELDS = ("responsible", "deadline", "addresses")


def _repeated(plan: Any) -> list[tuple[str, Any, Any]]:
    """Each field of a shared kind with the value of an earlier action, and both actions."""
    first: dict[tuple[str, str], Any] = {}
    pairs = []
    for action in (action for direction in plan.directions for action in direction.actions):
        for name in SHARED_FIELDS:
            value = getattr(action, name)
            if value is not None:
                earlier = first.setdefault((name, repr(value)), action)
                if earlier is not action:
                    pairs.append((name, earlier, action))
    return pairs


def test_a_repeated_record_is_written_once_and_read_back_as_validated(cache_dir: Path) -> None:
    validated = planfile.load(PLAN, cached=False)
    repeated = _repeated(validated)
    assert {name for name, _, _ in repeated} == set(SHARED_FIELDS)
    planfile.load(PLAN)  # validated again, its entry written
    (entry,) = cache_dir.iterdir()
    assert entry.read_bytes().count(b'{"=":') == len(repeated)
    rebuilt = planfile.load(PLAN)
    assert rebuilt == validated
    for name, one, other in _repeated(rebuilt):
        assert getattr(one, name) is getattr(other, name)


@pytest.mark.parametrize("reference", [b"99999", b"-1", b'"0"', b"true"])
def test_an_entry_referring_to_no_record_written_before_it_is_refused(reference: bytes) -> None:
    payload = b"".join(cacheformat.encode(planfile.load(PLAN, cached=False)))
    assert payload.count(b'{"=":') > 1
    head, tail = payload.split(b'{"=":', 1)
    broken = head + b'{"=":' + reference + tail[tail.index(b"}") :]
    with pytest.raises(ValueError, match="reference to no record"):
        cacheformat.decode(broken)


def test_a_reference_before_any_shared_record_is_refused() -> None:
    with pytest.raises(ValueError, match="reference to no record"):
        cacheformat.decode(b'{"=":0}')


def test_an_object_of_more_or_fewer_than_one_key_is_refused() -> None:
    for payload in (b'{"partial":"2010","day":"2010-01-01"}', b"{}", b'{"=":0,"=":0}'):
        with pytest.raises(ValueError):
            cacheformat.decode(payload)


def test_each_shared_kind_can_be_keyed_by_its_values() -> None:
    """The encoder keys a shared record by its values, a list spread only where it is the last
    field; and the decoder numbers shared records as they close, which is the order they open
    only while no shared record holds another."""
    classes = {cls.__name__: cls for cls in cacheformat._classes().values()}
    for name in cacheformat.SHARED:
        fields = dataclasses.fields(classes[name])
        for field in fields:
            kind = str(field.type)
            held = [other for other in cacheformat.SHARED if re.search(rf"\b{other}\b", kind)]
            assert not held, (name, field.name)
            if field is not fields[-1]:
                assert "list" not in kind, (name, field.name)
