"""data/plan.yaml holds the whole seed in its own wording, and only sourced facts."""

import re
from collections.abc import Iterator

import pytest
from conftest import PLAN, ROOT

from bsec_plan.domain.model import (
    Chairmanship,
    EuMembership,
    Event,
    Instrument,
    LiaisonOfficer,
    Plan,
)
from bsec_plan.loading.yamlpos import load

SEED = ROOT / "data" / "sources" / "plan-of-action-2009-2011.txt"
HEADINGS = {"MAIN DIRECTIONS FOR ACTION:"}


def _plain(text: str) -> str:
    text = re.sub(r"</?sup>", "", text).replace("*", "")
    return " ".join(text.split())


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def _seed_sentences() -> list[str]:
    return list(_sentences())


def _sentences() -> Iterator[str]:
    lines = [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines()]
    body = [ln for ln in lines if ln and ln not in HEADINGS and ln.strip("-").strip()]
    title_end = next(i for i, ln in enumerate(body) if ln.endswith(")"))
    yield _plain(" ".join(body[: title_end + 1]))  # the title spans several lines
    for line in body[title_end + 1 :]:
        line = _plain(line)
        line = re.sub(r"^(- )?([A-Z]\. |\d+\. )?", "", line)
        line = re.sub(r"^(Responsible|Deadline|Date|Note): ", "", line)
        yield line.rstrip(";")


@pytest.mark.parametrize("sentence", _seed_sentences())
def test_every_seed_sentence_stands_in_the_plan(sentence: str) -> None:
    texts = [" ".join(s.split()) for s in _strings(load(PLAN.read_text(encoding="utf-8")))]
    assert any(sentence in t for t in texts), sentence


def test_every_action_of_the_seed_is_there(plan: Plan) -> None:
    assert list(plan.actions) == ["A.1", "A.2", "A.3", "B.1", "B.2", "C.1", "C.2", "C.3", "D", "E"]
    assert [d.implements for d in plan.directions] == [
        "protocol-2002",
        "protocol-terrorism-2004",
        None,
        None,
        None,
    ]


def test_first_line_is_the_schema_modeline() -> None:
    first = PLAN.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../bsec_plan/plan.schema.json"
    assert (PLAN.parent / "../bsec_plan/plan.schema.json").resolve().is_file()


def test_known_facts_carry_a_source_and_unknowns_no_date(plan: Plan) -> None:
    records: list[Instrument | Event | LiaisonOfficer | EuMembership | Chairmanship] = [
        *plan.instruments,
        *(e for r in plan.ratifications for e in r.events),
        *plan.liaison_officers,
        *plan.eu_membership,
        *plan.chairmanships,
    ]
    for record in records:
        assert record.source
    undated = {(r.state, r.instrument) for r in plan.ratifications for e in r.events if not e.date}
    assert undated == {
        ("AL", "agreement-1998"),
        ("AL", "protocol-terrorism-2004"),
        ("RS", "agreement-1998"),
        ("RS", "protocol-2002"),
        ("RS", "protocol-terrorism-2004"),
    }
    coordinator = plan.party_by_id["country-coordinator"]
    assert coordinator.kind == "role" and coordinator.holder is None
    assert {r.state for r in plan.liaison_officers if r.status == "not-appointed"} == {
        "AL",
        "AZ",
        "RS",
    }
    assert plan.progress == []


def test_twelve_member_states(plan: Plan) -> None:
    assert sorted(plan.state_by_code) == sorted(
        ["AL", "AM", "AZ", "BG", "GE", "GR", "MD", "RO", "RU", "RS", "TR", "UA"]
    )
