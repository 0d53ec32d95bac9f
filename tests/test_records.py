"""Domain records as JSON-ready fields."""

import json

from bsec_plan.records import as_json


def test_dates_and_partial_dates_as_written(plan):
    ratification = next(r for r in plan.ratifications if r.state == "RO" and r.date)
    fields = as_json(ratification)
    assert fields["state"] == "RO" and fields["date"] == ratification.date.isoformat()
    term = as_json(plan.chairmanships[0])
    assert isinstance(term["end"], str) and len(term["end"]) in (4, 7, 10)
    json.dumps(as_json(plan.actions["A.2"]))  # nested records, all plain
