"""What every query starts from: the options --plan, --as-of and --state turned into a loaded
plan, a day and a Member State code, with a clear error for a bad value."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import TYPE_CHECKING

from bsec_plan.problems import UsageError

if TYPE_CHECKING:
    from bsec_plan.views.common import Asked


WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}  # days from today


def parse_as_of(text: str, option: str = "--as-of", base: dt.date | None = None) -> dt.date:
    """A day on the command line: YYYY-MM-DD, today, yesterday, tomorrow, or an offset such as
    +3m from `base` (for --as-of, and without a base, from today)."""
    from bsec_plan.domain.dates import OFFSET_FORMS, offset, parse_day

    word = text.strip().lower()
    if word in WORDS:
        return dt.date.today() + dt.timedelta(days=WORDS[word])
    try:
        moved = offset(base or dt.date.today(), text.strip())
        if moved is not None:
            return moved
        return parse_day(text.strip())
    except ValueError as err:
        message = str(err)
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text.strip())
    if match:
        a, b, year = match.groups()
        forms = []
        for day, month in ((a, b), (b, a)):
            with contextlib.suppress(ValueError):
                forms.append(dt.date(int(year), int(month), int(day)).isoformat())
        if forms:
            message = (
                f"'{text}' is ambiguous; write the ISO form: {' or '.join(dict.fromkeys(forms))}"
            )
    elif "is not an ISO date" in message:  # not the form of any date: say which forms are
        origin = "the as-of day" if base is not None else "today"
        message += f"; or today, yesterday, tomorrow, or an offset from {origin}: {OFFSET_FORMS}"
    raise UsageError(f"{option}: {message}")


def prelude(plan: str | None, as_of: str, state: str | None = None) -> Asked:
    """The question as asked: the as-of date is checked before the plan is read."""
    from bsec_plan import api
    from bsec_plan.loading import discovery
    from bsec_plan.queries import questions as queries
    from bsec_plan.views.common import Asked

    day = parse_as_of(as_of)
    discovery.environment_checked(plan)
    path, name = discovery.located(plan)
    model = api.load(path)
    code = queries.state_code(model, state) if state is not None else None
    return Asked(model, name, day, code, str(path))
