"""Several plans at once: each plan's view of a command joined into one view, every row naming
its plan. With one plan the view is that plan's own, unchanged.

A plan is named by its file as the outputs already name it (`Plan file: …`, the `plan` of a JSON
header): the path as given, or found. In JSON and CSV a row gains a first field `plan` only when
more than one plan is asked, so the one-plan output stays as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bsec_plan.views.calendar import urgency
from bsec_plan.views.common import AS_OF, Lines, MonthGrid, Table, View

if TYPE_CHECKING:
    from bsec_plan.views.common import Asked

PLAN = "plan"  # the field (JSON) and the column (CSV) naming a row's plan


def heading(asked: Asked, index: int, count: int) -> str:
    """The line above each plan's part of a table or a screen."""
    return f"== Plan {index} of {count}: {asked.plan_file} =="


def combined(parts: list[tuple[Asked, View]]) -> View:
    """One view of several plans' views of the same command; one plan's view as it is."""
    if len(parts) == 1:
        return parts[0][1]
    views = [view for _, view in parts]
    names = [asked.plan_file for asked, _ in parts]
    count = len(parts)

    def blocks() -> list[Table | str]:
        out: list[Table | str] = []
        for i, (asked, view) in enumerate(parts, 1):
            assert view.blocks is not None
            out += [heading(asked, i, count), *view.blocks()]
        return out

    def screen() -> list[Table | Lines | str]:
        out: list[Table | Lines | str] = []
        for i, (asked, view) in enumerate(parts, 1):
            own = view.screen or view.blocks
            assert own is not None
            out += [heading(asked, i, count), *own()]
        return out

    first = views[0]
    return View(
        blocks=blocks if first.blocks else None,
        screen=screen if first.screen else None,
        document=(lambda: document([v.document() for v in views if v.document], names))
        if first.document
        else None,
        csv=(lambda: table([v.csv() for v in views if v.csv], names)) if first.csv else None,
        months=(
            lambda: months([(n, v.months()) for n, v in zip(names, views, strict=True) if v.months])
        )
        if first.months
        else None,
        heading="Plan files: " + ", ".join(names),
        calendar=(lambda: calendar([v.calendar() for v in views if v.calendar]))
        if first.calendar
        else None,
    )


def document(docs: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    """The header the documents share (`command`, `as_of`, the filters) with `plans` for `plan`;
    then each list of rows, all plans' rows in turn, each row with its `plan` first. A document
    that is not rows (status, show) is listed whole under `answers`, each with its `plan`."""
    first = docs[0]
    head: dict[str, Any] = {"command": first.get("command"), "plans": names}
    for key, value in first.items():
        if key in ("command", PLAN) or isinstance(value, list | dict):
            continue
        if all(key in d and d[key] == value for d in docs):
            head[key] = value
    body = [{k: v for k, v in d.items() if k not in head and k != PLAN} for d in docs]
    rows = all(
        isinstance(v, list) and all(isinstance(r, dict) for r in v)
        for b in body
        for v in b.values()
    ) and all(b.keys() == body[0].keys() for b in body)
    if not rows:
        return {**head, "answers": [{PLAN: n, **b} for n, b in zip(names, body, strict=True)]}
    for key in body[0]:
        head[key] = [{PLAN: n, **r} for n, b in zip(names, body, strict=True) for r in b[key]]
    return head


def table(tables: list[Table], names: list[str]) -> Table:
    """One CSV table: a first column `plan`, then every column any plan's table has."""
    columns: list[str] = []
    for t in tables:
        columns += [c for c in t.columns if c not in columns]
    rows = [
        [name, *(dict(zip(t.columns, row, strict=True)).get(c, "") for c in columns)]
        for name, t in zip(names, tables, strict=True)
        for row in t.rows
    ]
    return Table(
        title=tables[0].title,
        columns=[PLAN, *columns],
        rows=rows,
        styles=[s for t in tables for s in (t.styles or [None] * len(t.rows))],
        empty=tables[0].empty,
        numbers=tuple(dict.fromkeys(n for t in tables for n in t.numbers)),
    )


def months(grids: list[tuple[str, list[MonthGrid]]]) -> list[MonthGrid]:
    """The months of every plan as one set of month grids: a day shows its most urgent status,
    and each line under a month names its plan."""
    from bsec_plan.views.calendar import with_empty_runs

    merged: dict[tuple[int, int], MonthGrid] = {}
    spans = [(g.year, g.month, *(g.through or (g.year, g.month))) for _, own in grids for g in own]
    for name, own in grids:
        for grid in own:
            if grid.through is not None:  # named again below, over the months of every plan
                continue
            into = merged.setdefault(
                (grid.year, grid.month), MonthGrid(grid.year, grid.month, grid.as_of)
            )
            for day, mark in grid.marks.items():
                had = into.marks.get(day, AS_OF)
                if had == AS_OF or (mark != AS_OF and urgency(mark) < urgency(had)):
                    into.marks[day] = mark
            into.listing += [
                (f"{line}  [{name}]", status, hang) for line, status, hang in grid.listing
            ]
    for grid in merged.values():
        grid.listing.sort(key=lambda item: item[0][:10])  # by date; each plan's order kept
    if not merged:
        return []
    first = min((y, m) for y, m, _, _ in spans)
    last = max((y, m) for _, _, y, m in spans)
    as_of = next(iter(merged.values())).as_of
    return with_empty_runs(
        [merged[k] for k in sorted(merged)], dt.date(*first, 1), dt.date(*last, 1), as_of
    )


def calendar(
    own: list[tuple[list[Any], dt.date]],
) -> tuple[list[Any], dt.date]:
    """Every plan's events in one calendar."""
    return [part for parts, _ in own for part in parts], own[0][1]
