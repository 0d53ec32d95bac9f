"""What `scoreboard` shows: the occurrences of a window rated, with the state of play, as a
table, Markdown for a meeting document, CSV, JSON and a spreadsheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bsec_plan.queries.scoreboard import RATINGS, Line, totals
from bsec_plan.safetext import markdown_cell
from bsec_plan.views.common import Asked, Sheet, Table, View, header_of, iso, plan_file_line

COLUMNS = [
    "Direction",
    "Action",
    "Occurrence",
    "Responsible",
    "Deadline",
    "State of play",
    "Rating",
]
RATING_LOOK = {
    "done on time": "green",
    "done late": "magenta",
    "in progress": "cyan",
    "overdue": "bold red",
    "not yet due": None,
    "ongoing": "blue",
    "no deadline": "dim",
}


def responsible(line: Line) -> str:
    """Each party with the states it meant on the due date."""
    parts = []
    for r in line.row.responsible:
        states = ", ".join(r.states)
        named = r.label if not states or states in r.label else f"{r.label}: {states}"
        parts.append(named)
    if line.addressed:
        parts.append(f"addressed to {', '.join(line.addressed)}")
    return "; ".join(parts) or "—"


def state_of_play(line: Line) -> str:
    record = line.latest
    if record is None:
        return "nothing recorded"
    judged = f" Assessment: {record.assessment}" if record.assessment else ""
    return f"{record.summary}{judged} ({record.date.isoformat()}; {record.source})"


def window_words(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return "the whole plan"
    return f"due {start or 'from the start'} – {end or 'the end'}, and what is open at its start"


def _cells(line: Line) -> list[str]:
    r = line.row
    return [
        r.direction,
        f"{r.action} {line.title}",
        r.occurrence or "—",
        responsible(line),
        iso(r.due) or "—",
        state_of_play(line),
        line.rating,
    ]


def totals_text(lines: list[Line]) -> str:
    return "; ".join(f"{rating} {count}" for rating, count in totals(lines).items())


def scoreboard_table(asked: Asked, lines: list[Line]) -> Table:
    table = Table(
        f"Scoreboard as of {asked.as_of}",
        list(COLUMNS),
        wrap=("Action", "Responsible", "State of play"),
        empty="no occurrence in the window",
    )
    for line in lines:
        table.rows.append(_cells(line))
        table.styles.append(RATING_LOOK[line.rating])
    return table


def scoreboard_markdown(asked: Asked, lines: list[Line], window: str) -> str:
    """Sections by direction, one table each, and the totals: pasted into a meeting document."""
    out = [f"## Scoreboard of the plan, as of {asked.as_of}", ""]
    out += [f"Plan file: {markdown_cell(asked.plan_file)}. Occurrences: {window}.", ""]
    titles = {d.id: d.title for d in asked.plan.directions}
    for direction in dict.fromkeys(line.row.direction for line in lines):
        out += [f"### {direction}. {markdown_cell(titles[direction])}", ""]
        out += ["| " + " | ".join(COLUMNS[1:]) + " |", "|" + "---|" * (len(COLUMNS) - 1)]
        for line in lines:
            if line.row.direction == direction:
                out.append("| " + " | ".join(markdown_cell(c) for c in _cells(line)[1:]) + " |")
        out.append("")
    if not lines:
        out += ["No occurrence in the window.", ""]
    out += [f"**Totals:** {markdown_cell(totals_text(lines))}.", ""]
    return "\n".join(out)


def line_json(line: Line) -> dict[str, Any]:
    record = line.latest
    return {
        "direction": line.row.direction,
        "action": line.row.action,
        "title": line.title,
        "occurrence": line.row.occurrence,
        "responsible": [
            {"party": r.ref, "label": r.label, "states": list(r.states)}
            for r in line.row.responsible
        ],
        "addressed": list(line.addressed),
        "deadline": iso(line.row.due),
        "status": line.row.status,
        "rating": line.rating,
        "state_of_play": None
        if record is None
        else {
            "status": record.status,
            "date": record.date.isoformat(),
            "summary": record.summary,
            "assessment": record.assessment,
            "source": record.source,
        },
    }


def scoreboard_sheet(asked: Asked, lines: list[Line], window: str) -> Sheet:
    rows: list[list[str | dt.date | None]] = []
    for line in lines:
        cells: list[str | dt.date | None] = list(_cells(line))
        cells[4] = line.row.due  # a date the spreadsheet can sort
        rows.append(cells)
    return Sheet(
        "Scoreboard",
        f"As of {asked.as_of}; {asked.plan_file}; occurrences: {window}",
        list(COLUMNS),
        rows,
        list(totals(lines).items()),
    )


def _page_row(line: Line) -> dict[str, str]:
    cells = _cells(line)
    keys = ("action", "occurrence", "responsible", "deadline", "state_of_play")
    return {**dict(zip(keys, cells[1:6], strict=True)), "rating": line.rating}


def scoreboard_page(asked: Asked, lines: list[Line], window: str) -> dict[str, Any]:
    """The printable page's data: a section per direction, each row's cells as text."""
    from bsec_plan import __version__

    titles = {d.id: d.title for d in asked.plan.directions}
    by_direction: dict[str, list[Line]] = {}
    for line in lines:
        by_direction.setdefault(line.row.direction, []).append(line)
    # each row's cells are made as the page is written: a large plan's scoreboard is never whole
    directions = [
        {"id": direction, "title": titles[direction], "rows": map(_page_row, mine)}
        for direction, mine in by_direction.items()
    ]
    state = asked.plan.state_by_code.get(asked.state or "")
    return {
        "version": __version__,
        "title": asked.plan.title,
        "as_of": asked.as_of.isoformat(),
        "state": asked.state,
        "state_name": state.name if state else None,
        "window": window,
        "plan_file": asked.plan_file,
        "directions": directions,
        "totals": list(totals(lines).items()),
    }


def scoreboard_view(
    asked: Asked, lines: list[Line], start: dt.date | None, end: dt.date | None
) -> View:
    window = window_words(start, end)
    return View(
        blocks=lambda: [
            plan_file_line(asked),
            f"Occurrences: {window}",
            scoreboard_table(asked, lines),
            f"Totals: {totals_text(lines)}",
        ],
        document=lambda: {
            **header_of(asked, "scoreboard", start=iso(start), end=iso(end)),
            "ratings": list(RATINGS),
            "totals": totals(lines),
            "scoreboard": [line_json(line) for line in lines],
        },
        csv=lambda: scoreboard_table(asked, lines),
        markdown=lambda: scoreboard_markdown(asked, lines, window),
        sheet=lambda: scoreboard_sheet(asked, lines, window),
        printable=lambda: scoreboard_page(asked, lines, window),
    )
