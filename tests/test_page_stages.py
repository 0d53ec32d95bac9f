"""The page's Member States: a compact stage cell per instrument in the table, computed dates
marked, reservations and declarations said; each state's section with every stage, its date and
source; each instrument's rule with the totals of its chart."""

import html5lib
import pytest
from conftest import PLAN, TESTS, day

from bsec_plan.loading import planfile
from bsec_plan.views import page as page_data
from bsec_plan.writers import html as page

NS = {"h": "http://www.w3.org/1999/xhtml"}
FIXTURE = TESTS / "plans" / "stages" / "plan.yaml"


def _doc(path, as_of: str):  # type: ignore[no-untyped-def]
    text = page.render(page_data.page_data(planfile.load(path), str(path), day(as_of), None))
    return html5lib.parse(text, namespaceHTMLElements=True)


def _text(node) -> str:  # type: ignore[no-untyped-def]
    return " ".join(" ".join(node.itertext()).split())


@pytest.fixture(scope="module")
def pact():  # type: ignore[no-untyped-def]
    return _doc(FIXTURE, "2001-12-31")


def _stages(doc, code: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    section = doc.find(f".//h:section[@id='state-{code}']", NS)
    table = section.find(".//h:table[@class='cards stages']", NS)
    heads = [_text(th) for th in table.findall("./h:thead/h:tr/h:th", NS)]
    assert heads == ["Instrument", "Signature", "Consent", "Deposit", "In force"]
    rows = {}
    for tr in table.findall("./h:tbody/h:tr", NS):
        rows[_text(tr.find("./h:th", NS))] = [_text(td) for td in tr.findall("./h:td", NS)]
    return rows


def test_a_states_section_lists_every_stage_with_date_and_source(pact) -> None:  # type: ignore[no-untyped-def]
    gr = _stages(pact, "GR")["Pact (2000) its rule"]
    assert gr == [
        "2000-01-15 Source: treaties.example",
        "ratification 2000-04-01 (law) Source: gazette.example",
        "2000-05-02 Source: treaties.example",
        "2000-06-01 computed Source: treaties.example",
    ]
    section = pact.find(".//h:section[@id='state-GR']", NS)
    hrefs = {a.get("href") for a in section.iter(f"{{{NS['h']}}}a")}
    assert {"https://gazette.example/gr/1", "https://treaties.example/pact-2000/art-9"} <= hrefs
    assert _stages(pact, "RO")["Pact (2000) its rule"][0] == "—"
    ua = _stages(pact, "UA")["Pact (2000) its rule"]
    assert ua[3].startswith("2000-12-15") and "computed" not in ua[3]
    az = pact.find(".//h:section[@id='state-AZ']", NS)
    assert az.find(".//h:table[@class='cards stages']", NS) is None
    assert "No stage recorded by 2001-12-31: Pact (2000)." in _text(az)


def test_reservations_are_said_in_the_table_and_the_section(pact) -> None:  # type: ignore[no-untyped-def]
    row = pact.find(".//h:tr[@id='matrix-MD']", NS)
    assert "with a reservation and a declaration" in _text(row)
    section = _text(pact.find(".//h:section[@id='state-MD']", NS))
    assert "Pact (2000), reservation: Article 4 does not apply to its territory." in section
    assert (
        "declaration 2001-03-05: The Ministry of the Interior is its central authority." in section
    )


def test_the_rule_is_linked_from_each_section_and_carries_the_totals(pact) -> None:  # type: ignore[no-untyped-def]
    rule = pact.find(".//h:li[@id='rule-pact-2000']", NS)
    assert rule is not None
    words = _text(rule)
    assert "entry into force:" in words
    assert "On 2001-12-31: signed" in words and "of 9." in words
    section = pact.find(".//h:section[@id='state-RO']", NS)
    hrefs = [a.get("href") for a in section.iter(f"{{{NS['h']}}}a")]
    assert "#rule-pact-2000" in hrefs


def test_the_bundled_plan_shows_consent_by_publication_and_no_computed_date() -> None:
    doc = _doc(PLAN, "2010-06-01")
    ro = _stages(doc, "RO")
    assert ro["Additional Protocol (2002) its rule"][1].startswith("by 2003-05-08 (published)")
    assert ro["BSEC Agreement (1998) its rule"][3].startswith("2000-03-08 Source:")
    rule = _text(doc.find(".//h:li[@id='rule-protocol-2002']", NS))
    assert "clause not found, so no state's date is computed" in rule
    assert "On 2010-06-01: signed 0, consented 2, deposited 0, in force 1 of 12." in rule
