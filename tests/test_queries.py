"""The query layer on its own: no CLI, no rich."""

import sys
from pathlib import Path

import pytest
from conftest import day

from bsec_plan.domain.model import Plan
from bsec_plan.problems import UsageError
from bsec_plan.queries import questions as q


def _ids(rows: list[q.Row]) -> list[tuple[str, str | None]]:
    return [(r.action, r.occurrence) for r in rows]


def test_overdue_mid_plan(plan: Plan) -> None:
    rows = q.overdue(plan, day("2010-06-01"))
    assert _ids(rows) == [("A.2", "2009-H1"), ("A.2", "2009-H2"), ("A.3", "2009")]
    assert [r.days_overdue for r in rows] == [336, 152, 93]


def test_overdue_after_the_plan_adds_b2_and_e(plan: Plan) -> None:
    rows = q.overdue(plan, day("2012-01-01"))
    assert _ids(rows)[-2:] == [("B.2", "2011"), ("E", "2011")]
    assert len(rows) == 9


def test_overdue_on_the_due_date_is_not_yet_overdue(plan: Plan) -> None:
    assert _ids(q.overdue(plan, day("2009-06-30"))) == []
    assert _ids(q.overdue(plan, day("2009-07-01"))) == [("A.2", "2009-H1")]


def test_chairmanship_resolved_when_the_occurrence_fell_due(plan: Plan) -> None:
    rows = q.overdue(plan, day("2012-01-01"))
    chair = {
        (r.action, r.occurrence): r.responsible[1].states for r in rows if r.action in ("A.2", "E")
    }
    assert chair == {
        ("A.2", "2009-H1"): ("AZ",),
        ("A.2", "2009-H2"): ("BG",),  # BG's start was not found: it follows AZ's end
        ("A.2", "2010-H1"): ("GR",),
        ("A.2", "2010-H2"): ("GR",),
        ("A.2", "2011-H1"): ("RO",),
        ("E", "2011"): ("RU",),
    }


def test_state_filter_follows_roles_groups_and_agencies(plan: Plan) -> None:
    ro = _ids(q.overdue(plan, day("2012-01-01"), "RO"))
    assert ro == [("A.3", "2009"), ("A.3", "2010"), ("A.2", "2011-H1"), ("B.2", "2011")]
    gr = _ids(q.overdue(plan, day("2012-01-01"), "GR"))
    assert gr == [("A.3", "2009"), ("A.2", "2010-H1"), ("A.2", "2010-H2"), ("A.3", "2010")]


def test_progress_closes_an_occurrence(minimal: Plan) -> None:
    rows = {(r.action, r.occurrence): r for r in q.evaluate(minimal, day("2010-01-15"))}
    assert rows[("A.2", "2009-H2")].status == "done"
    assert rows[("A.2", "2009-H1")].status == "overdue"
    assert rows[("A.2", "2010-H1")].status == "upcoming"
    before = {(r.action, r.occurrence): r.status for r in q.evaluate(minimal, day("2009-11-19"))}
    assert before[("A.2", "2009-H2")] == "upcoming"  # the record is not known yet


def test_done_late_and_due_soon(tmp_path: Path) -> None:
    from conftest import TESTS

    from bsec_plan.loading import planfile

    path = tmp_path / "late.yaml"
    original = TESTS / "plans" / "minimal.yaml"
    path.write_text(
        original.read_text().replace(
            "date: 2009-11-20, status: done", "date: 2010-01-20, status: done"
        )
    )
    late = planfile.load(path)
    states = {(r.action, r.occurrence): r.status for r in q.evaluate(late, day("2010-06-10"))}
    assert states[("A.2", "2009-H2")] == "done late"
    assert states[("A.2", "2010-H1")] == "due soon"
    assert states[("A.1", None)] == "no deadline"


def test_ongoing_is_never_overdue(plan: Plan) -> None:
    rows = {(r.action, r.occurrence): r.status for r in q.evaluate(plan, day("2030-01-01"))}
    assert rows[("C.1", None)] == "ongoing"
    assert rows[("D", None)] == "no deadline"


def test_states_matrix_replays_the_date(plan: Plan) -> None:
    before = {r.code: r for r in q.states(plan, day("2008-01-01"))}
    after = {r.code: r for r in q.states(plan, day("2009-01-01"))}
    assert before["UA"].ratifications["protocol-terrorism-2004"].answer == "unknown"
    assert after["UA"].ratifications["protocol-terrorism-2004"].answer == "ratified"
    assert after["UA"].ratifications["protocol-terrorism-2004"].date == "2008-12-17"
    assert after["UA"].ratifications["protocol-terrorism-2004"].event == "approval"
    # an undated record is never counted as ratified
    assert after["RS"].ratifications["protocol-2002"].answer == "date unknown"
    assert after["GR"].eu_since == day("1981-01-01")
    assert after["AL"].eu_since is None


def test_missing_liaison_officers_are_known(plan: Plan) -> None:
    lacks = q.missing(plan, day("2010-06-01"), "liaison-officer")
    assert [(ln.code, ln.known) for ln in lacks] == [("AL", True), ("AZ", True), ("RS", True)]


def test_missing_ratification_is_unrecorded_not_known(plan: Plan) -> None:
    lacks = q.missing(plan, day("2010-06-01"), "ratification", "protocol-2002")
    assert [ln.code for ln in lacks] == ["AL", "AM", "AZ", "GE", "GR", "MD", "RU", "RS", "TR", "UA"]
    assert not any(ln.known for ln in lacks)


def test_a1_and_b1_address_states_without_recorded_ratification(plan: Plan) -> None:
    assert q.addressed(plan, "A.1", day("2010-06-01")) == [
        "AL",
        "AM",
        "AZ",
        "GE",
        "GR",
        "MD",
        "RU",
        "RS",
        "TR",
        "UA",
    ]
    b1 = ["AL", "AM", "AZ", "GE", "MD", "RU", "RS", "TR"]
    assert q.addressed(plan, "B.1", day("2010-06-01")) == b1
    assert "UA" in q.addressed(plan, "B.1", day("2008-06-01"))


def test_eu_members_resolved_on_the_date(plan: Plan) -> None:
    from bsec_plan.domain.parties import resolve

    assert resolve(plan, "eu-member-states", day("2006-06-01")).states == ("GR",)
    assert resolve(plan, "eu-member-states", day("2010-06-01")).states == ("BG", "GR", "RO")


@pytest.mark.parametrize("text", ["a2", "A2", "a.2", " A.2 "])
def test_action_ids_are_forgiving(plan: Plan, text: str) -> None:
    assert q.action_id(plan, text) == "A.2"


def test_unknown_ids_list_the_valid_ones(plan: Plan) -> None:
    with pytest.raises(UsageError, match=r"the actions are A\.1, A\.2"):
        q.action_id(plan, "F.1")
    with pytest.raises(UsageError, match=r"RO \(Romania\)"):
        q.state_code(plan, "XK")


def test_status_counts_and_elapsed(plan: Plan) -> None:
    s = q.overview(plan, day("2010-06-01"))
    assert s.counts["A"]["overdue"] == 3 and s.counts["A"]["due soon"] == 1
    assert s.counts["C"]["ongoing"] == 1
    assert round(s.elapsed, 2) == 0.5
    assert _ids(s.next)[0] == ("A.2", "2010-H1")
    assert [ln.code for ln in s.no_liaison] == ["AL", "AZ", "RS"]


def test_query_layer_does_not_need_rich_or_typer() -> None:
    import subprocess

    code = (
        "import sys, datetime; from pathlib import Path; from bsec_plan.loading import planfile;"
        "from bsec_plan.queries import questions;"
        "p = planfile.load(Path('data/plan.yaml')); questions.overview(p, datetime.date(2010, 6, 1));"
        "print(sorted(m for m in ('rich', 'typer', 'icalendar') if m in sys.modules))"
    )
    from conftest import ROOT

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stderr
