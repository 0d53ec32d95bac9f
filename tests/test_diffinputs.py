"""The two plans `diff` compares: a file when the name is one, else a git revision."""

import pytest
from conftest import PLAN, TESTS

from bsec_plan.cli.diffinputs import inputs, side
from bsec_plan.problems import UsageError


def test_files_are_files_and_none_is_the_working_plan() -> None:
    minimal = str(TESTS / "plans" / "minimal.yaml")
    old, old_name, new, new_name = inputs(minimal, None, str(PLAN))
    assert (old_name, new_name) == (minimal, str(PLAN))
    assert (len(old.states), len(new.states)) == (2, 12)


def test_an_unknown_revision_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        side("no-such-revision-xyz", PLAN)
