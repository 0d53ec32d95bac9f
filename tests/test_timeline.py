import datetime as dt
import itertools

import pytest
from conftest import day

from bsec_plan.domain import parties
from bsec_plan.domain.model import Plan
from bsec_plan.views import timeline
from bsec_plan.views.timeline import LEFT, RIGHT, WIDTH, Point, Scale, bands, layout


def test_dates_map_to_positions_in_proportion() -> None:
    scale = Scale(
        day("2010-01-01"), day("2010-01-10"), left=100, right=200
    )  # 10 days, 10 units each
    assert scale.x(day("2010-01-01")) == 100
    assert scale.x(day("2010-01-06")) == 150
    assert scale.x(day("2010-01-11")) == 200  # the day after the last ends the scale
    assert scale.contains(day("2010-01-10")) and not scale.contains(day("2010-01-11"))


def test_the_plan_period_fills_the_drawing(plan: Plan) -> None:
    scale = Scale(plan.start, plan.end)
    assert scale.x(plan.start) == LEFT
    assert scale.x(plan.end + dt.timedelta(days=1)) == WIDTH - RIGHT
    later = [scale.x(plan.start + dt.timedelta(days=n)) for n in range(scale.days)]
    assert later == sorted(later) and len(set(later)) == len(later)


def changes(plan: Plan) -> list[dt.date]:
    starts = [c.start.first_day for c in plan.chairmanships if c.start]
    return starts + [c.end.last_day + dt.timedelta(days=1) for c in plan.chairmanships]


def test_chairmanship_bands_have_no_gap_and_no_overlap(plan: Plan) -> None:
    scale = Scale(day("2009-05-01"), day("2011-12-31"))
    result = bands(scale, lambda d: parties.chair_on(plan, d), changes(plan))
    assert result[0].x0 == scale.left and result[0].start == scale.start
    assert result[-1].x1 == scale.right and result[-1].end == scale.end
    for before, after in itertools.pairwise(result):
        assert before.x1 == after.x0
        assert before.end + dt.timedelta(days=1) == after.start
        assert before.holder != after.holder
    assert [(b.holder, b.start.isoformat(), b.end.isoformat()) for b in result] == [
        ("AZ", "2009-05-01", "2009-10-31"),
        ("BG", "2009-11-01", "2010-05-31"),
        ("GR", "2010-06-01", "2010-12-31"),
        ("RO", "2011-01-01", "2011-06-30"),
        ("RU", "2011-07-01", "2011-12-31"),
    ]


def test_a_scale_without_any_chairmanship_is_one_band() -> None:
    scale = Scale(day("2009-01-01"), day("2009-12-31"))
    assert [(b.holder, b.x0, b.x1) for b in bands(scale, lambda d: None, [])] == [
        (None, scale.left, scale.right)
    ]


def test_one_mark_per_point_one_lane_per_action() -> None:
    points = [
        Point("A.2", day("2009-06-30"), "overdue", "A.2 2009-H1"),
        Point("A.3", day("2010-02-28"), "done", "A.3 2009"),
        Point("A.2", day("2009-12-31"), "due soon", "A.2 2009-H2"),
    ]
    drawing = layout(
        day("2009-05-01"), day("2011-06-30"), day("2010-06-01"), lambda d: None, [], points
    )
    assert [label for label, _ in drawing.lanes] == ["A.2", "A.3"]
    assert [m.title for m in drawing.marks] == ["A.2 2009-H1", "A.3 2009", "A.2 2009-H2"]
    assert drawing.marks[0].y == drawing.marks[2].y != drawing.marks[1].y
    assert drawing.marks[0].x < drawing.marks[2].x
    assert drawing.as_of_x == drawing.scale.x(day("2010-06-01"))
    assert drawing.height > max(m.y for m in drawing.marks)


def test_an_as_of_date_outside_the_drawing_draws_no_line() -> None:
    drawing = layout(
        day("2009-05-01"), day("2011-06-30"), day("2026-01-01"), lambda d: None, [], []
    )
    assert drawing.as_of_x is None


@pytest.mark.parametrize("status", sorted(timeline.SHAPES))
def test_every_status_has_its_own_shape(status: str) -> None:
    assert timeline.shape_path(status, 10, 10).startswith("M")
    assert len(set(timeline.SHAPES.values())) == len(timeline.SHAPES)


def test_bands_follow_the_holder_day_by_day(plan: Plan) -> None:
    """Cutting only at term boundaries gives what asking for every single day gives."""
    scale = Scale(day("2008-10-01"), day("2012-03-31"))
    result = bands(scale, lambda d: parties.chair_on(plan, d), changes(plan))
    for n in range(scale.days):
        d = scale.start + dt.timedelta(days=n)
        (band,) = [b for b in result if b.start <= d <= b.end]
        assert band.holder == parties.chair_on(plan, d)


def test_consecutive_terms_of_one_state_are_one_band() -> None:
    scale = Scale(day("2009-01-01"), day("2009-12-31"))

    def holder(d: dt.date) -> str:
        return "GR" if d < day("2009-09-01") else "RO"

    result = bands(scale, holder, [day("2009-07-01"), day("2009-09-01")])
    assert [(b.holder, str(b.start), str(b.end)) for b in result] == [
        ("GR", "2009-01-01", "2009-08-31"),
        ("RO", "2009-09-01", "2009-12-31"),
    ]


def test_every_year_of_the_scale_is_labelled() -> None:
    scale = Scale(day("2009-05-01"), day("2011-12-31"))
    labelled = [(t.x, t.label) for t in timeline.ticks(scale) if t.label]
    assert labelled[0] == (scale.left, "2009")  # the scale starts within 2009
    assert [label for _, label in labelled] == ["2009", "2010", "2011"]


def test_many_actions_are_summarised_one_lane_per_status() -> None:
    points = [
        Point(f"A.{n}", day("2010-03-31") if n % 2 else day("2010-03-01"), "overdue", f"A.{n}")
        for n in range(timeline.MAX_LANES + 1)
    ] + [Point("B.1", day("2011-01-31"), "upcoming", "B.1")]
    drawing = layout(
        day("2009-05-01"), day("2011-06-30"), day("2010-06-01"), lambda d: None, [], points
    )
    assert drawing.summarised
    assert [label for label, _ in drawing.lanes] == ["overdue", "upcoming"]
    assert [m.title for m in drawing.marks] == [
        f"{timeline.MAX_LANES + 1} occurrences overdue, due in 2010-03: A.0, A.1, A.2 and "
        f"{timeline.MAX_LANES - 2} more",
        "1 occurrence upcoming, due in 2011-01: B.1",
    ]
    assert drawing.marks[0].x == drawing.scale.x(day("2010-03-01"))  # the month's first due date
