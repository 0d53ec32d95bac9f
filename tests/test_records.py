"""Domain records as JSON-ready fields."""

import json

from bsec_plan.domain.jsonform import as_json
from bsec_plan.domain.model import Plan


def test_dates_and_partial_dates_as_written(plan: Plan) -> None:
    ratification = next(r for r in plan.ratifications if r.state == "RO")
    fields = as_json(ratification)
    dated = next(e for e in ratification.events if e.date)
    assert fields["state"] == "RO" and str(dated.date) in [e["date"] for e in fields["events"]]
    term = as_json(plan.chairmanships[0])
    assert isinstance(term["end"], str) and len(term["end"]) in (4, 7, 10)
    json.dumps(as_json(plan.actions["A.2"]))  # nested records, all plain
