"""`show`: one action gathered from the query layer, progress records known on the as-of date."""

from conftest import day

from bsec_plan.domain.model import Plan
from bsec_plan.queries.action import show


def test_progress_records_are_those_known_on_the_as_of_date(minimal: Plan) -> None:
    assert show(minimal, "a2", day("2009-11-19"), 30, None).progress == []
    shown = show(minimal, "A.2", day("2010-01-01"), 30, None)
    assert [(p.occurrence, p.date.isoformat()) for p in shown.progress] == [
        ("2009-H2", "2009-11-20")
    ]
    assert [(r.label, r.state) for r in shown.rows][:2] == [
        ("2009-H1", "overdue"),
        ("2009-H2", "done"),
    ]


def test_state_filter_and_addressed_states(plan: Plan) -> None:
    shown = show(plan, "A.2", day("2010-06-01"), 30, "GR")
    assert [r.label for r in shown.rows] == ["2010-H1", "2010-H2"]
    assert shown.addressed is None
    assert show(plan, "b1", day("2010-06-01"), 30, None).addressed == [
        "AL",
        "AM",
        "AZ",
        "GE",
        "MD",
        "RU",
        "RS",
        "TR",
    ]
