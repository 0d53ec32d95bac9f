"""The report of several plans: where each plan's pages go, and the index page's data.

Each plan gets its own folder of pages, built as the report of one plan (`views/page.py`); the
index lists the plans (title, period, counts, link) above one timeline of the
Chairmanship-in-Office terms spanning every plan's period, one lane per plan.

A plan's folder is named after its file: the file's stem (`plan`), or, where two plans asked
together share a stem, the stem after its folder's name (`successor-fixture-plan`); a name
still shared gets `-2`, `-3` … in the order the plans were asked. Only letters, digits and `-`
are kept, lower case, so the folder's name is a plain path segment on every system.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from bsec_plan import __version__
from bsec_plan.domain import parties
from bsec_plan.domain.model import Plan
from bsec_plan.views import timeline

COUNTED = ("overdue", "due soon", "upcoming", "done late", "done")  # the index's columns


def _clean(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def folders(files: Sequence[str]) -> list[str]:
    """A distinct folder name for each plan file, in order (see the module's docstring)."""
    from collections import Counter

    stems = [_clean(Path(f).stem) or "plan" for f in files]
    shared = Counter(stems)
    names = []
    for f, stem in zip(files, stems, strict=True):
        parent = _clean(Path(f).resolve().parent.name)
        names.append(f"{parent}-{stem}" if shared[stem] > 1 and parent else stem)
    # linear however many names clean to the same: each name's count goes on from where it
    # stopped, as every smaller one is taken already
    used, last, out = {"index"}, dict[str, int](), []
    for name in names:
        unique, n = name, last.get(name, 1)
        while unique in used:
            n += 1
            unique = f"{name}-{n}"
        last[name] = n
        used.add(unique)
        out.append(unique)
    return out


def summary(
    directions: int, actions: int, occurrences: Iterable[tuple[str, dt.date | None, str]]
) -> dict[str, Any]:
    """What the index shows of a plan: its counts of directions, actions and occurrences by
    status, and its dated occurrences summarised by status and month (`timeline.summary`), from
    each occurrence's (action, due date, status) in plan order, read once and not kept."""
    by_status = dict.fromkeys(COUNTED, 0)
    total = 0

    def dated() -> Iterator[timeline.Point]:
        nonlocal total
        for action, due, status in occurrences:
            total += 1
            if status in by_status:
                by_status[status] += 1
            if due and status in timeline.SHAPES:
                yield timeline.Point(action, due, status, "")

    marks = timeline.summary(dated())
    return {
        "directions": directions,
        "actions": actions,
        "occurrences": total,
        "by_status": by_status,
        "marks": marks,
    }


def counts(data: dict[str, Any]) -> dict[str, Any]:
    """A plan's `summary` as its own page shows it: directions, actions, occurrences by status."""
    actions = [a for d in data["directions"] for a in d["actions"]]
    return summary(
        len(data["directions"]),
        len(actions),
        (
            (o["action"], dt.date.fromisoformat(o["due"]) if o["due"] else None, o["status"])
            for a in actions
            for o in a["occurrences"]
        ),
    )


def _holder(plans: Sequence[Plan]) -> Any:
    """Who held the Chairmanship-in-Office on a day, by the first plan that knows."""

    def on(day: dt.date) -> str | None:
        return next((h for h in (parties.chair_on(p, day) for p in plans) if h), None)

    return on


def shared_timeline(
    parts: Sequence[tuple[str, Plan, dict[str, Any]]], as_of: dt.date
) -> timeline.Timeline:
    """The chair's terms over every plan's period; one lane per plan ("Plan 1" …), its dated
    occurrences summarised as one mark per status and month (its `summary`), each mark naming
    its plan."""
    plans = [plan for _, plan, _ in parts]
    points = [
        timeline.Point(label, p.due, p.status, f"{label}: {p.title}")
        for label, _, shown in parts
        for p in shown["marks"]
    ]
    dues = [p.due for p in points]
    return timeline.layout(
        min([p.start for p in plans] + dues),
        max([p.end for p in plans] + dues),
        as_of,
        _holder(plans),
        [c.start.first_day for p in plans for c in p.chairmanships if c.start]
        + [c.end.last_day + dt.timedelta(days=1) for p in plans for c in p.chairmanships],
        points,
    )


def index(
    parts: Sequence[tuple[Plan, str, str, dict[str, Any]]],
    as_of: dt.date,
    state: str | None,
) -> dict[str, Any]:
    """The index's data from each plan's (plan, file, folder, `summary`)."""
    labelled = [(f"Plan {n}", plan, shown) for n, (plan, _, _, shown) in enumerate(parts, 1)]
    first = parts[0][0]
    return {
        "version": __version__,
        "as_of": as_of.isoformat(),
        "state": state,
        "state_name": first.state_by_code[state].name if state else None,
        "plans": [
            {
                "label": label,
                "title": plan.title,
                "file": file,
                "href": f"{folder}/index.html",
                "start": plan.start.isoformat(),
                "end": plan.end.isoformat(),
                **{k: v for k, v in shown.items() if k != "marks"},
            }
            for (label, _, shown), (plan, file, folder, _) in zip(labelled, parts, strict=True)
        ],
        "counted": COUNTED,
        "statuses": [s for s in COUNTED if s in timeline.SHAPES],
        "shapes": {s: timeline.shape_path(s, 8, 8, 6) for s in timeline.SHAPES},
        "timeline": shared_timeline(labelled, as_of),
    }
