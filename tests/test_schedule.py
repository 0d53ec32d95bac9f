import datetime as dt

from conftest import day

from bsec_plan.domain.model import Plan
from bsec_plan.domain.schedule import plan_occurrences


def test_occurrences_of_the_bundled_plan(plan: Plan) -> None:
    dated = [(o.action, o.label, o.due) for o in plan_occurrences(plan) if o.due]
    assert dated == [
        ("A.2", "2009-H1", day("2009-06-30")),
        ("A.2", "2009-H2", day("2009-12-31")),
        ("A.2", "2010-H1", day("2010-06-30")),
        ("A.2", "2010-H2", day("2010-12-31")),
        ("A.2", "2011-H1", day("2011-06-30")),
        ("A.3", "2009", day("2010-02-28")),
        ("A.3", "2010", day("2011-02-28")),
        ("B.2", "2011", day("2011-12-31")),
        ("E", "2011", day("2011-12-31")),
    ]


def test_undated_actions_have_one_undated_occurrence(plan: Plan) -> None:
    undated = [o.action for o in plan_occurrences(plan) if o.due is None]
    assert undated == ["A.1", "B.1", "C.1", "C.2", "C.3", "D"]


def test_february_of_a_leap_year(plan: Plan) -> None:
    from bsec_plan.domain.schedule import occurrences

    a3 = plan.actions["A.3"]
    dues = [o.due for o in occurrences(a3, dt.date(2011, 1, 1), dt.date(2013, 12, 31))]
    assert dues == [dt.date(2011, 2, 28), dt.date(2012, 2, 29), dt.date(2013, 2, 28)]


def test_last_deadline_is_the_latest_occurrence(plan: Plan, minimal: Plan) -> None:
    from bsec_plan.queries.questions import last_deadline

    assert (
        last_deadline(plan)
        == max(o.due for o in plan_occurrences(plan) if o.due)
        == day("2011-12-31")
    )
    assert last_deadline(minimal) == day("2011-06-30")
