"""`show`: one action gathered from the query layer, progress records known on the as-of date."""

from conftest import day

from bsec_plan.domain.model import Plan
from bsec_plan.queries.action import gather


def test_progress_records_are_those_known_on_the_as_of_date(minimal: Plan) -> None:
    assert gather(minimal, "a2", day("2009-11-19"), 30, None).progress == []
    shown = gather(minimal, "A.2", day("2010-01-01"), 30, None)
    assert [(p.occurrence, p.date.isoformat()) for p in shown.progress] == [
        ("2009-H2", "2009-11-20")
    ]
    assert [(r.occurrence, r.status) for r in shown.rows][:2] == [
        ("2009-H1", "overdue"),
        ("2009-H2", "done"),
    ]


def test_state_filter_and_addressed_states(plan: Plan) -> None:
    shown = gather(plan, "A.2", day("2010-06-01"), 30, "GR")
    assert [r.occurrence for r in shown.rows] == ["2010-H1", "2010-H2"]
    assert shown.addressed is None
    assert gather(plan, "b1", day("2010-06-01"), 30, None).addressed == [
        "AL",
        "AM",
        "AZ",
        "GE",
        "MD",
        "RU",
        "RS",
        "TR",
    ]
