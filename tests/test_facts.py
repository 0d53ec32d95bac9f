"""Facts as a sourced register: each date names its event, each source can be followed,
inferred and editorial records are marked, the chairmanship terms fit together."""

import csv
import io
import itertools
import json
from pathlib import Path

import pytest
from conftest import TESTS, day, run_cli

from bsec_plan.domain.citations import source_problem
from bsec_plan.domain.model import Plan
from bsec_plan.domain.parties import chair_on
from bsec_plan.loading import planfile
from bsec_plan.queries import questions as q

EVENTS = "tests/plans/ratification-events.yaml"


@pytest.fixture(scope="module")
def events() -> Plan:
    return planfile.load(TESTS / "plans" / "ratification-events.yaml")


def _standing(plan: Plan, state: str, as_of: str) -> q.Standing:
    return q.ratification(plan, state, "protocol", day(as_of))


# -- consent on an as-of date ------------------------------------------------------------------


def test_consent_rests_on_the_consent_event_when_there_is_one(events: Plan) -> None:
    s = _standing(events, "BG", "2010-06-01")
    assert (s.answer, s.stage, s.date) == ("ratified", "in force", "2003-04-16")
    assert (s.stages["consent"].kind, s.stages["consent"].date) == ("approval", "2002-07-01")
    assert [e.event for e in s.events] == ["approval", "entry-into-force", "publication"]


def test_entry_into_force_only_record_counts_from_its_day(events: Plan) -> None:
    assert _standing(events, "RO", "2003-05-07").answer == "unknown"
    s = _standing(events, "RO", "2003-05-08")
    assert (s.answer, s.event, s.date) == ("ratified", "entry-into-force", "2003-05-08")


def test_undated_record_is_date_unknown_at_any_date(events: Plan) -> None:
    for as_of in ("2000-01-01", "2010-06-01", "2030-01-01"):
        s = _standing(events, "AL", as_of)
        assert (s.answer, s.event, s.date) == ("date unknown", "ratification", None)


def test_a_partial_date_containing_the_as_of_date_is_date_unknown(events: Plan) -> None:
    before = _standing(events, "RS", "2010-06-01")  # only the undated law is known
    during = _standing(events, "RS", "2011-06-01")
    after = _standing(events, "RS", "2012-01-01")
    assert (before.answer, before.event) == ("date unknown", "ratification")
    assert (during.answer, during.event, during.date) == ("date unknown", "ratification", None)
    assert (after.answer, after.event, after.date) == ("ratified", "publication", "2011")


def test_a_signature_is_not_consent(events: Plan) -> None:
    assert _standing(events, "GR", "2010-06-01").answer == "unknown"


def test_missing_lists_date_unknown_and_never_drops_a_state(events: Plan) -> None:
    lacks = q.missing(events, day("2010-06-01"), "ratification")
    assert [(ln.code, ln.answer) for ln in lacks] == [
        ("RS", "date unknown"),
        ("AL", "date unknown"),
        ("GR", "unknown"),
    ]
    assert q.addressed(events, "A.1", day("2012-01-01")) == ["AL", "GR"]


def test_states_table_says_which_event_each_date_is() -> None:
    out = run_cli("states", "--plan", EVENTS, "--as-of", "2011-06-01").stdout
    rows = {ln.split()[0]: ln for ln in out.splitlines()[4:] if ln}
    assert "in force 2003-04-16" in rows["BG"]
    assert "in force 2003-05-08" in rows["RO"]
    assert "consented, date unknown (ratification)" in rows["RS"]
    assert "consented, date unknown (ratification)" in rows["AL"]


# -- Serbia on the bundled plan -----------------------------------------------------------------


def _missing_codes(as_of: str) -> list[str]:
    doc = json.loads(
        run_cli("states", "--missing", "ratification", "--as-of", as_of, "--format", "json").stdout
    )
    return [m["code"] for m in doc["missing"]]


def test_serbia_replayed_before_and_after_its_2011_law() -> None:
    assert "RS" in _missing_codes("2010-06-01")
    assert "RS" not in _missing_codes("2012-01-01")


def test_states_json_carries_events_and_sources() -> None:
    doc = json.loads(run_cli("states", "--as-of", "2012-01-01", "--format", "json").stdout)
    rs = next(s for s in doc["states"] if s["code"] == "RS")["ratifications"]["protocol-2002"]
    assert (rs["status"], rs["event"], rs["date"], rs["text"]) == (
        "ratified",
        "publication",
        "2011",
        "consented by 2011 (published)",
    )
    assert rs["source"] == "http://demo.paragraf.rs/demo/combined/Old/t/t2011_10/t10_0317.htm"
    assert [e["event"] for e in rs["events"]] == ["ratification", "publication"]
    am = next(s for s in doc["states"] if s["code"] == "AM")["liaison_officer"]
    assert am["inferred_from"] == "the plan's note under A.2"


def test_bulgarian_2002_protocol_keeps_all_three_events(plan: Plan) -> None:
    record = plan.ratification_of[("BG", "protocol-2002")]
    assert [(e.event, str(e.date)) for e in record.events] == [
        ("approval", "2002-07-01"),
        ("entry-into-force", "2003-04-16"),
        ("publication", "2003-07-11"),
    ]


# -- inferred and editorial ---------------------------------------------------------------------


def test_inferred_appointments_are_said_to_be_inferred() -> None:
    out = run_cli("states", "--as-of", "2010-06-01").stdout
    am = next(ln for ln in out.splitlines() if ln.startswith("AM "))
    assert "appointed (inferred from the plan's note under A.2)" in am
    assert "date not found" not in out


def test_editorial_note_is_kept_apart_from_the_plans_notes() -> None:
    out = run_cli("show", "E", "--as-of", "2010-06-01").stdout
    assert "Editorial note (not the plan's words): The 7th Meeting" in out
    assert "\nNote: " not in out
    doc = json.loads(run_cli("show", "E", "--format", "json").stdout)["action"]
    assert doc["notes"] == [] and doc["editorial_notes"][0].startswith("The 7th Meeting")


# -- chairmanship terms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "on, holder",
    [
        ("2007-11-01", "UA"),
        ("2008-10-31", "AL"),
        ("2009-04-20", "AM"),  # the Council met on 04-16, the term ran to the end of April
        ("2010-05-31", "BG"),
        ("2010-06-01", "GR"),
        ("2011-12-31", "RU"),
        ("2012-06-30", "RS"),
        ("2012-07-01", "TR"),  # Serbia's "to July 1" ends the day before Turkey takes over
        ("2012-12-31", "TR"),
        ("2013-01-01", None),
    ],
)
def test_chairmanship_terms_cover_2007_to_2012(plan: Plan, on: str, holder: str | None) -> None:
    assert chair_on(plan, day(on)) == holder


def test_no_day_is_held_by_two_dated_terms(plan: Plan) -> None:
    terms = sorted(plan.chairmanships, key=lambda c: c.start.first_day)
    shared = [
        (a.state, b.state)
        for a, b in itertools.pairwise(terms)
        if a.end.last_day >= b.start.first_day
    ]
    assert shared == []


def test_romania_2002_protocol_records_the_publication_only(plan: Plan) -> None:
    record = plan.ratification_of[("RO", "protocol-2002")]
    assert [(e.event, str(e.date)) for e in record.events] == [("publication", "2003-05-08")]


def test_gap_between_terms_is_a_warning_that_names_the_days() -> None:
    result = run_cli("check", "tests/warnings/chairmanship-gap.yaml")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "tests/warnings/chairmanship-gap.yaml:35:24: warning: chairmanships[1].start: "
        "no Chairmanship-in-Office between the term of GR (ends 2010-06) and the term of RO "
        "(starts 2010-09): 2010-07-01 – 2010-08-31 (62 days)",
        "1 warning found",
    ]
    assert result.stdout.endswith("1 progress record\n")


def test_warning_in_github_and_json_formats() -> None:
    github = run_cli("check", "--format", "github", "tests/warnings/chairmanship-gap.yaml")
    assert github.returncode == 0
    assert github.stdout.splitlines()[1].startswith(
        "::warning file=tests/warnings/chairmanship-gap.yaml,line=35,col=24,"
    )
    doc = json.loads(
        run_cli("check", "--format", "json", "tests/warnings/chairmanship-gap.yaml").stdout
    )
    assert doc["valid"] is True
    assert [p["severity"] for p in doc["problems"]] == ["warning"]


# -- followable sources -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "https://zakon.rada.gov.ua/laws/show/969_006",
        "http://unian.net/world/110828-albaniya-smenila-ukrainu-vo-glave-oches.html",
        "State Gazette no. 62, 2003-07-11",
        '"Sl. glasnik RS – Međunarodni ugovori", br. 8/2011',
        "Plan of Action 2009–2011, note under A.2",
    ],
)
def test_followable_sources(text: str) -> None:
    assert source_problem(text) is None


@pytest.mark.parametrize(
    "text, why",
    [
        ("lege5.ro legal database", "names the site 'lege5.ro'"),
        ("ciela.net, State Gazette no. 58, 2001-06-29", "names the site 'ciela.net'"),
        ("rhodesmrc.org", "names the site 'rhodesmrc.org'"),
        ("mfa.am press release, 2011-06-08", "names the site 'mfa.am'"),
        ("a press release", "cannot be followed"),
        ("unian.net/world/110828-albaniya.html", "the address has no scheme"),
        ("https://x.example/a; http://[oops/", "'['"),
        ("https://ex\uff0fample.com/p", "cannot be read"),
        ("ftp://x.example/a", "only http and https"),
        ("see https://x.example/a", "must stand alone"),
        ("https://x.example/", "names the site 'x.example'"),
        ("https://user@x.example/a", "user name"),
        ("https://x.example/" + "a" * 2000, "longer than 2000 characters"),
        (" ", "the source is empty"),
    ],
)
def test_vague_sources(text: str, why: str) -> None:
    assert why in (source_problem(text) or "")


# -- the sources command ------------------------------------------------------------------------


def test_sources_lists_every_fact_with_event_date_and_source() -> None:
    out = run_cli("sources").stdout
    serbia = [ln for ln in out.splitlines() if ln.startswith("ratification") and " RS " in ln]
    assert len(serbia) == 6  # two events for each of three instruments
    assert any("publication" in ln and " 2011 " in ln and "paragraf.rs" in ln for ln in serbia)
    assert any("date unknown" in ln for ln in serbia)


def test_sources_json_and_csv() -> None:
    doc = json.loads(run_cli("sources", "--format", "json").stdout)
    assert doc["command"] == "sources"
    facts = doc["facts"]
    assert all(f["source"] for f in facts)
    inferred = [f["subject"] for f in facts if f["inferred_from"]]
    assert inferred == ["AM", "BG", "GE", "GR", "MD", "RO", "RU", "TR", "UA"]
    terms = [(f["subject"], f["date"]) for f in facts if f["fact"] == "chairmanship"]
    assert terms[0] == ("UA", "2007-11 – 2008-04") and terms[-1] == ("TR", "2012-07 – 2012-12")
    rows = list(csv.reader(io.StringIO(run_cli("sources", "--format", "csv").stdout)))
    assert rows[0] == ["Fact", "Subject", "Event", "Date", "Source"]
    assert len(rows) == len(facts) + 1


def test_diff_shows_a_changed_event_as_text(tmp_path: Path) -> None:
    from conftest import ONE_FILE_PLAN, PLAN

    edited = tmp_path / "plan.yaml"
    text = ONE_FILE_PLAN
    edited.write_text(text.replace("date: 2003-04-16", "date: 2003-04-17", 1), encoding="utf-8")
    doc = json.loads(run_cli("diff", str(PLAN), str(edited), "--format", "json").stdout)
    (change,) = doc["changes"]
    assert change["subject"] == "BG protocol-2002"
    assert "entry-into-force 2003-04-17, source: https://ciela.net/" in change["new"]
    assert "{" not in change["new"]


RULE_FILES = {
    "period_in_order": "broken/period-reversed.yaml",
    "period_bounded": "broken/period-three-centuries.yaml",
    "occurrences_bounded": "broken/occurrences-over-the-limit.yaml",
    "ids_unique": "broken/duplicate-state-code.yaml",
    "actions_under_their_direction": "broken/action-under-wrong-direction.yaml",
    "instruments_declared": "broken/undeclared-instrument.yaml",
    "responsible_parties_declared": "broken/undeclared-responsible-party.yaml",
    "states_declared": "broken/undeclared-state.yaml",
    "one_ratification_record_per_pair": "broken/second-ratification-record.yaml",
    "events_not_before_the_instrument": "broken/ratified-before-instrument.yaml",
    "terms_in_order": "broken/term-reversed.yaml",
    "terms_do_not_overlap": "broken/terms-overlap.yaml",
    "progress_names_an_occurrence": "broken/progress-outside-period.yaml",
    "sources_followable": "broken/source-names-only-a-site.yaml",
    "terms_leave_no_gap": "warnings/chairmanship-gap.yaml",
    "stages_in_order": "broken/deposit-before-consent.yaml",
    "one_of_each_stage": "broken/second-deposit.yaml",
    "recorded_entry_agrees": "warnings/entry-into-force-disagrees.yaml",
}


def test_every_cross_reference_rule_has_its_own_file() -> None:
    from bsec_plan.loading import crossref

    rules = crossref.RULES + crossref.WARNING_RULES
    assert sorted(r.__name__ for r in rules) == sorted(RULE_FILES)


@pytest.mark.parametrize("rule, name", sorted(RULE_FILES.items()))
def test_each_rule_fires_on_its_file(rule: str, name: str) -> None:
    from bsec_plan.loading import crossref, validation, yamlpos

    plan = validation.validate(yamlpos.load((TESTS / name).read_text(encoding="utf-8")))
    assert list(getattr(crossref, rule)(plan)), f"{rule} finds nothing in {name}"
