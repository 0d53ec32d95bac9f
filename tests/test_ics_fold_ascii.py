"""An ASCII content line is folded where its bytes would be: the text is cut directly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bsec_plan.writers.ics import fold, fold_bytes


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\\^,; ")), max_size=400))
def test_an_ascii_line_folds_as_its_bytes_would(body: str) -> None:
    line = "DESCRIPTION:" + body
    assert fold(line) == fold_bytes(line)  # as any line's bytes are folded
