"""A state's standing as a treaty office charts it: each stage dated, entry into force computed
from the instrument's clause at its edges, the chart, one state across instruments, and the
located errors of stages out of order. The fixture is fictional (tests/plans/stages/)."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import TESTS, day, run_cli, run_on_terminal

from bsec_plan.domain.model import Plan
from bsec_plan.domain.stages import entries
from bsec_plan.loading import crossref, planfile
from bsec_plan.queries import questions as q
from bsec_plan.queries import standing

FIXTURE = "tests/plans/stages/plan.yaml"
END = "2001-12-31"


@pytest.fixture(scope="module")
def pact() -> Plan:
    return planfile.load(TESTS / "plans" / "stages" / "plan.yaml")


def _stage(plan: Plan, state: str, as_of: str = END) -> q.Standing:
    return q.ratification(plan, state, "pact-2000", day(as_of))


# -- the clause's dates at their edges ----------------------------------------------------------


def test_the_general_date_is_the_second_deposit_plus_thirty_days(pact: Plan) -> None:
    found = entries(pact, "pact-2000")
    assert (str(found.general), found.general_computed) == ("2000-06-01", True)


def test_the_first_and_the_nth_depositors_enter_into_force_on_the_general_date(pact: Plan) -> None:
    for state in ("RO", "GR"):
        s = _stage(pact, state).stages["entry-into-force"]
        assert (s.date, s.computed, s.reached) == ("2000-06-01", True, True)


def test_a_later_deposit_counts_thirty_days_from_its_own(pact: Plan) -> None:
    assert _stage(pact, "BG").stages["entry-into-force"].date == "2000-10-15"
    assert _stage(pact, "MD").stages["entry-into-force"].date == "2001-04-04"


def test_a_deposit_known_only_to_the_year_gives_no_date(pact: Plan) -> None:
    s = _stage(pact, "TR")
    assert "entry-into-force" not in s.stages
    assert (s.stage, s.stages["deposit"].date) == ("deposited", "2001")


def test_a_recorded_date_wins_and_a_disagreement_is_a_warning(pact: Plan) -> None:
    s = _stage(pact, "UA").stages["entry-into-force"]
    assert (s.date, s.computed) == ("2000-12-15", False)
    found = [message for _, message in crossref.warnings(pact)]
    assert found == [
        "entry into force for UA recorded as 2000-12-15; the clause of 'pact-2000' gives "
        "2000-12-01 from the deposits on record"
    ]


def test_a_computed_date_is_not_known_before_it_passes(pact: Plan) -> None:
    before = _stage(pact, "RO", "2000-05-31")
    assert (before.stage, before.date) == ("deposited", "2000-03-10")
    assert _stage(pact, "RO", "2000-06-01").stage == "in force"


def test_an_undated_deposit_leaves_the_kth_deposit_unknown(tmp_path: Path) -> None:
    folder = TESTS / "plans" / "stages"
    (tmp_path / "plan.yaml").write_text((folder / "plan.yaml").read_text(encoding="utf-8"))
    registers = (folder / "registers.yaml").read_text(encoding="utf-8")
    undated = registers.replace(
        '{event: deposit, date: "2001", note: the day was not found,', "{event: deposit,"
    )
    assert undated != registers
    (tmp_path / "registers.yaml").write_text(undated, encoding="utf-8")
    plan = planfile.load(tmp_path / "plan.yaml")
    assert entries(plan, "pact-2000").general is None
    assert "entry-into-force" not in _stage(plan, "RO").stages


# -- standing: stage reached, missing, addressed ---------------------------------------------


def test_cells_say_the_stage_reached_in_words() -> None:
    out = run_cli("states", "--plan", FIXTURE, "--as-of", END).stdout
    rows = {ln.split()[0]: ln for ln in out.splitlines()[4:] if ln}
    assert "in force 2000-06-01, computed" in rows["RO"]
    assert "in force 2000-12-15" in rows["UA"] and "computed" not in rows["UA"]
    assert "deposited 2001" in rows["TR"]
    assert "consented 2001-02-01 (ratification)" in rows["GE"]
    assert "signed 2000-01-15" in rows["AM"]
    assert rows["AZ"].split()[2] == "—"


def test_a1_addresses_exactly_the_states_missing_consent(pact: Plan) -> None:
    for as_of in ("2000-03-15", "2000-12-31", END):
        lacks = q.missing(pact, day(as_of), "ratification")
        assert q.addressed(pact, "A.1", day(as_of)) == [ln.code for ln in lacks]
    lacks = q.missing(pact, day(END), "ratification")
    assert [(ln.code, ln.stage) for ln in lacks] == [("AM", "signed"), ("AZ", "nothing recorded")]


def test_consented_but_not_known_bound_are_named_apart(pact: Plan) -> None:
    assert q.unbound(pact, day(END)) == {"pact-2000": ["GE"]}
    doc = json.loads(
        run_cli(
            "states",
            "--plan",
            FIXTURE,
            "--missing",
            "ratification",
            "--as-of",
            END,
            "--format",
            "json",
        ).stdout
    )
    assert doc["consented_not_known_bound"] == {"pact-2000": ["GE"]}
    assert [(m["code"], m["stage_text"]) for m in doc["missing"]] == [
        ("AM", "signed 2000-01-15"),
        ("AZ", "nothing recorded"),
    ]


def test_status_names_the_kind_of_lack_piped_and_in_json() -> None:
    out = run_cli("status", "--plan", FIXTURE, "--as-of", END).stdout
    assert "Pact (2000)      nothing recorded                  AZ" in out
    assert "Pact (2000)      signed, no consent on record      AM" in out
    assert "Pact (2000)      consented, not known to be bound  GE" in out
    doc = json.loads(
        run_cli("status", "--plan", FIXTURE, "--as-of", END, "--format", "json").stdout
    )
    assert doc["consented_not_known_bound"] == {"pact-2000": ["GE"]}


# -- the chart and one state ------------------------------------------------------------------


def test_the_chart_has_a_column_per_stage_totals_and_numbered_sources() -> None:
    out = run_cli("states", "--plan", FIXTURE, "--instrument", "pact-2000", "--as-of", END).stdout
    lines = out.splitlines()
    assert "State  Signature       Consent" in out
    assert "In force generally: 2000-06-01, computed from the deposits" in lines
    md = next(ln for ln in lines if ln.startswith("MD "))
    assert md.split()[-2:] == ["R", "D"] and "2001-04-04 computed [" in md
    assert "Totals: signed 2, consented 7, deposited 6, in force 5 of 9." in out
    assert "[2] https://treaties.example/pact-2000/art-9" in lines
    assert "MD reservation: Article 4 does not apply to its territory. [4]" in lines


def test_the_charts_json_and_csv_say_recorded_or_computed() -> None:
    args = ("states", "--plan", FIXTURE, "--instrument", "pact-2000", "--as-of", END)
    doc = json.loads(run_cli(*args, "--format", "json").stdout)
    ro = next(s for s in doc["states"] if s["code"] == "RO")
    assert ro["stages"]["entry-into-force"] | {"note": None} == {
        "date": "2000-06-01",
        "reached": True,
        "recorded": False,
        "computed": True,
        "kind": None,
        "act": None,
        "note": None,
        "source": "https://treaties.example/pact-2000/art-9",
    }
    assert doc["instrument"]["entry_into_force"]["first"] == "30 days after the 2nd deposit"
    assert doc["instrument"]["general_entry"] == {
        "date": "2000-06-01",
        "computed": True,
        "source": None,
    }
    assert doc["totals"] == {"signed": 2, "consented": 7, "deposited": 6, "in_force": 5, "of": 9}
    rows = list(csv.reader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    assert ["UA", "entry-into-force", "2000-12-15", "yes", "recorded"] in [r[:5] for r in rows]
    assert ["RO", "entry-into-force", "2000-06-01", "yes", "computed"] in [r[:5] for r in rows]


def test_one_state_across_every_instrument() -> None:
    out = run_cli("states", "--state", "ro", "--as-of", "2010-06-01").stdout
    assert "Romania (RO) on 2010-06-01" in out
    assert "BSEC Agreement (1998)" in out and "2000-03-08 [" in out
    assert "by 2003-05-08 (published) [" in out
    assert "European Union: member since 2007-01-01" in out
    doc = json.loads(run_cli("states", "--state", "RO", "--format", "json").stdout)["state"]
    assert doc["eu_since"] == "2007-01-01"
    assert doc["instruments"]["agreement-1998"]["stage"] == "in force"


# -- located errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "deposit-before-consent",
            "35:32: error: ratifications[0].events[1].date: deposit dated 2003-01-10, before "
            "the consent it deposits (ratification 2003-02-01)",
        ),
        (
            "in-force-before-deposit",
            "45:41: error: ratifications[0].events[2].date: entry into force dated 2003-02-15, "
            "before the deposit (2003-03-01) from which the clause of 'protocol' counts it",
        ),
        (
            "entry-into-force-rule-without-source",
            "34:7: error: instruments[protocol].entry_into_force: missing key 'source'",
        ),
        (
            "reservation-without-text",
            "36:9: error: ratifications[0].reservations[0]: missing key 'text'",
        ),
    ],
)
def test_stages_out_of_order_are_located_errors(name: str, message: str) -> None:
    result = run_cli("check", f"tests/broken/{name}.yaml")
    assert result.returncode == 1
    assert f"tests/broken/{name}.yaml:{message}" in result.stderr


def test_a_disagreeing_date_is_a_warning_not_an_error() -> None:
    result = run_cli("check", "tests/warnings/entry-into-force-disagrees.yaml")
    assert result.returncode == 0
    assert "warning: ratifications[1].events[2].date: entry into force for GR recorded" in (
        result.stderr
    )


def test_the_bundled_registers_compute_nothing_without_a_clause(plan: Plan) -> None:
    for ident in ("agreement-1998", "protocol-2002", "protocol-terrorism-2004"):
        assert entries(plan, ident).computed == {}
    general = plan.instrument_by_id["agreement-1998"].general_entry
    assert general is not None and str(general.date) == "1999"


def test_diff_says_a_stage_change_with_its_computed_date(tmp_path: Path) -> None:
    folder = TESTS / "plans" / "stages"
    registers = (folder / "registers.yaml").read_text(encoding="utf-8")
    ge = '      - {event: ratification, date: 2001-02-01, source: "https://gazette.example/ge/1"}\n'
    deposited = ge + (
        '      - {event: deposit, date: 2001-03-01, source: "https://treaties.example/status"}\n'
    )
    for name, text in (("old", registers), ("new", registers.replace(ge, deposited))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "plan.yaml").write_text(
            (folder / "plan.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        (tmp_path / name / "registers.yaml").write_text(text, encoding="utf-8")
    old, new = str(tmp_path / "old" / "plan.yaml"), str(tmp_path / "new" / "plan.yaml")
    out = run_cli("diff", old, new, "--as-of", END, "--format", "markdown").stdout
    assert (
        "- GE pact-2000: consented 2001-02-01 (ratification) → in force 2001-03-31, computed"
        in out.splitlines()
    )


def test_the_chart_on_a_terminal_keeps_every_address_whole() -> None:
    code, out = run_on_terminal(
        "states", "--instrument", "agreement-1998", "--as-of", "2010-06-01", columns=80
    )
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in out.splitlines()]
    numbered = [line for line in lines if re.fullmatch(r"\[\d+\] [a-z]+://\S+", line)]
    assert code == 0 and len(numbered) == 6
    assert all(len(line) <= 80 for line in lines if line not in numbered)
    assert not [line for line in lines if "://" in line and line not in numbered]


def test_status_for_one_state_names_what_it_is_not_known_bound_by() -> None:
    code, out = run_on_terminal("status", "--state", "RO", "--as-of", "2010-06-01", columns=80)
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in out.splitlines()]
    assert code == 0
    assert "Missing   Additional Protocol (2002)    consented, not known to be bound" in lines
    assert "          Protocol on Terrorism (2004)  consented, not known to be bound" in lines


def test_a_publication_after_a_signature_shows_consent(tmp_path: Path) -> None:
    folder = TESTS / "plans" / "stages"
    signed = (
        '      - {event: signature, date: 2000-01-15, source: "https://treaties.example/pact-2000/'
        'status"}\n'
    )
    registers = (folder / "registers.yaml").read_text(encoding="utf-8")
    am = registers.rsplit(signed, 1)
    assert len(am) == 2
    published = signed + (
        '      - {event: publication, date: 2000-08-01, source: "https://gazette.example/am/1"}\n'
    )
    (tmp_path / "registers.yaml").write_text(published.join(am), encoding="utf-8")
    (tmp_path / "plan.yaml").write_text((folder / "plan.yaml").read_text(encoding="utf-8"))
    s = _stage(planfile.load(tmp_path / "plan.yaml"), "AM")
    assert (s.answer, standing.words(s)) == ("ratified", "consented by 2000-08-01 (published)")
