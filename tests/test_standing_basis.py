"""Which event a stage rests on when a record holds several of it: the earliest settled on the
as-of date, else the first listed; and the answer each gives."""

import dataclasses

import pytest
from conftest import TESTS, day

from bsec_plan.domain.dates import PartialDate
from bsec_plan.domain.model import Event, Plan, Ratification
from bsec_plan.loading import planfile
from bsec_plan.queries import questions as q
from bsec_plan.queries import standing


@pytest.fixture(scope="module")
def pact() -> Plan:
    return planfile.load(TESTS / "plans" / "stages" / "plan.yaml")


def _event(kind: str, date: str | None, source: str) -> Event:
    return Event(event=kind, date=PartialDate.parse(date) if date else None, source=source)  # type: ignore[arg-type]


def _standing(pact: Plan, events: list[Event], as_of: str) -> q.Standing:
    record = Ratification(state="AL", instrument="pact-2000", events=events)
    others = [r for r in pact.ratifications if (r.state, r.instrument) != ("AL", "pact-2000")]
    plan = dataclasses.replace(pact, ratifications=[*others, record])
    return q.ratification(plan, "AL", "pact-2000", day(as_of))


def test_the_earliest_settled_event_of_a_stage_wins_over_the_first_listed(pact: Plan) -> None:
    events = [
        _event("ratification", "2001-05-01", "https://gazette.example/al/2"),
        _event("acceptance", "2000-03", "https://gazette.example/al/1"),
        _event("approval", "2000-03-01", "https://gazette.example/al/3"),
    ]
    s = _standing(pact, events, "2001-12-31")
    consent = s.stages["consent"]
    # 2000-03 is settled at the month's end, after 2000-03-01: the approval is the earlier
    assert (s.answer, consent.date, consent.kind, consent.source) == (
        "ratified",
        "2000-03-01",
        "approval",
        "https://gazette.example/al/3",
    )
    assert standing.words(s) == "consented 2000-03-01 (approval)"


def test_a_stage_with_nothing_settled_rests_on_its_first_event(pact: Plan) -> None:
    events = [
        _event("ratification", None, "https://gazette.example/al/1"),
        _event("ratification", "2001-06", "https://gazette.example/al/2"),
    ]
    s = _standing(pact, events, "2001-06-15")
    assert (s.answer, s.date, s.source, s.stages["consent"].reached) == (
        "date unknown",
        None,
        "https://gazette.example/al/1",
        False,
    )
    assert standing.words(s) == "consented, date unknown (ratification)"


def test_events_after_the_as_of_date_are_not_known_yet(pact: Plan) -> None:
    events = [
        _event("signature", "2000-01-10", "https://treaties.example/al/1"),
        _event("ratification", "2001-05-01", "https://gazette.example/al/2"),
    ]
    s = _standing(pact, events, "2000-12-31")
    assert (s.answer, s.stage, list(s.stages), len(s.events)) == (
        "unknown",
        "signed",
        ["signature"],
        1,
    )
