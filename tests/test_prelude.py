"""The prelude every query shares: --as-of, --plan and --state checked, in that order."""

import datetime as dt
from pathlib import Path

import pytest
from conftest import PLAN

from bsec_plan.cli.prelude import parse_as_of, prelude
from bsec_plan.problems import UsageError


def test_the_question_as_asked() -> None:
    asked = prelude(str(PLAN), "2010-06-01", "ro")
    assert (asked.as_of, asked.state, asked.plan_file) == (dt.date(2010, 6, 1), "RO", str(PLAN))
    assert len(asked.plan.states) == 12


def test_a_bad_date_is_reported_before_the_plan_is_read(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--as-of: 'soon' is not an ISO date"):
        prelude(str(tmp_path / "missing.yaml"), "soon")


def test_an_unknown_state_lists_the_states() -> None:
    with pytest.raises(UsageError, match="no Member State 'XK'; the states are AL"):
        prelude(str(PLAN), "2010-06-01", "XK")


def test_other_options_name_themselves() -> None:
    with pytest.raises(
        UsageError, match=r"^--to: '31/12/2010' is ambiguous; write the ISO form: 2010-12-31$"
    ):
        parse_as_of("31/12/2010", "--to")
