"""What `status` shows: on a terminal, one screen a delegate reads first; piped, the full tables;
JSON for scripts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q
from bsec_plan.views.common import (
    Asked,
    Lines,
    Table,
    View,
    colour,
    header_of,
    iso,
    legend_line,
    period_note,
    relative,
    row_json,
    short_responsible,
)
from bsec_plan.views.states import LO_WORDS, lack_groups, missing_json

UNBOUND = "consented, not known to be bound"

SHOWN = 3  # overdue and next lines on the screen, the "… and N more" line included
LABEL = 10  # the width of the screen's left column: Direction, Overdue, Next, Missing


def status_overdue_table(
    plan: Plan, rows: list[q.Row], as_of: dt.date, legend: dict[str, None]
) -> Table:
    """Overdue in short, for the status screen: parties in short, the text left to `show`."""
    table = Table(
        f"Overdue on {as_of}",
        ["Action", "Occurrence", "Due", "Overdue", "Responsible"],
        wrap=("Responsible",),
        empty="nothing is overdue",
    )
    for r in rows:
        table.rows.append(
            [
                r.action,
                r.occurrence or "",
                iso(r.due) or "",
                relative(r.due, as_of),
                short_responsible(plan, r, legend),
            ]
        )
    table.styles = [colour("overdue")] * len(rows)
    return table


def status_blocks(
    plan: Plan, plan_file: str, s: q.Overview, state: str | None
) -> list[Table | str]:
    who = f" — for {plan.state_by_code[state].name} ({state})" if state else ""
    intro = (
        f"{plan.title}{who}\n"
        f"Plan file: {plan_file}\n"
        f"Period: {plan.start} – {plan.end}; as of {s.as_of}, {s.elapsed:.0%} of it has passed.\n"
    )
    counts = Table(
        "Occurrences by direction", ["Direction", *[st.capitalize() for st in q.STATUSES]]
    )
    for direction, by_status in s.counts.items():
        counts.rows.append(
            [direction, *(str(by_status[st]) if by_status[st] else "·" for st in q.STATUSES)]
        )
    legend: dict[str, None] = {}
    late = status_overdue_table(plan, s.overdue, s.as_of, legend)
    next_table = Table(
        "Next deadlines",
        ["Action", "Occurrence", "Due", "When", "Status", "Responsible"],
        wrap=("Responsible",),
        empty="no deadline ahead",
    )
    for r in s.next:
        next_table.rows.append(
            [
                r.action,
                r.occurrence or "",
                iso(r.due) or "",
                relative(r.due, s.as_of),
                r.status,
                short_responsible(plan, r, legend),
            ]
        )
        next_table.styles.append(colour(r.status))
    gaps = missing_block(plan, s)
    return [
        intro,
        *period_note(plan, s.as_of),
        counts,
        late,
        next_table,
        gaps,
        *([legend_line(legend)] if legend else []),
    ]


def missing_block(plan: Plan, s: q.Overview) -> Table:
    """Each instrument's and the liaison officers' lacks by kind, and apart the states that
    consented but are not known to be bound yet."""
    gaps = Table(
        "Missing ratifications and liaison officers",
        ["Missing", "Kind of lack", "States"],
        wrap=("Missing", "Kind of lack", "States"),
        empty="none",
    )
    for ident in dict.fromkeys([*s.unratified, *s.unbound]):
        label = plan.instrument_by_id[ident].short
        for kind, codes in lack_groups(s.unratified.get(ident, [])):
            gaps.rows.append([label, kind, " ".join(codes)])
        if ident in s.unbound:
            gaps.rows.append([label, UNBOUND, " ".join(s.unbound[ident])])
    for kind, codes in lack_groups(s.no_liaison):
        gaps.rows.append(["Liaison officer", kind, " ".join(codes)])
    return gaps


def status_json(plan: Plan, s: q.Overview) -> dict[str, Any]:
    return {
        "title": plan.title,
        "period": {"start": iso(plan.start), "end": iso(plan.end)},
        "elapsed": round(s.elapsed, 4),
        "counts": s.counts,
        "overdue": [row_json(r) for r in s.overdue],
        "next": [row_json(r) for r in s.next],
        "missing_ratification": {i: missing_json(ln) for i, ln in s.unratified.items()},
        "missing_liaison_officer": missing_json(s.no_liaison),
        "consented_not_known_bound": s.unbound,
    }


def status_view(asked: Asked, s: q.Overview) -> View:
    return View(
        blocks=lambda: status_blocks(asked.plan, asked.plan_file, s, asked.state),
        screen=lambda: _with_narrow(asked.plan, asked.plan_file, s, asked.state),
        document=lambda: {**header_of(asked, "status"), **status_json(asked.plan, s)},
    )


# -- the screen ---------------------------------------------------------------------------------


def _counts_text(by_status: dict[str, int], state: str | None = None) -> str:
    """`1 overdue · 2 upcoming`; for a state, a direction none of whose occurrences it answers
    for is `nothing for GR` (not `nothing`, which could read as nothing done)."""
    none = f"nothing for {state}" if state else "nothing"
    return " · ".join(f"{n} {st}" for st, n in by_status.items() if n) or none


def _aligned(rows: list[list[str]], first: int = 0, least: list[int] | None = None) -> list[str]:
    """Rows in columns; the first column at least `first` wide (labels of lines below), and
    the leading ones at least `least` wide (to line up with the rows of another block)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    widths[:1] = [max(widths[0], first)] if widths else []
    for i, w in enumerate((least or [])[: len(widths)]):
        widths[i] = max(widths[i], w)
    return ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def _few(rows: list[q.Row], more: str) -> tuple[list[q.Row], str | None]:
    """At most SHOWN lines: every row when they fit, else one line fewer and a pointer."""
    if len(rows) <= SHOWN:
        return rows, None
    return rows[: SHOWN - 1], f"… and {len(rows) - SHOWN + 1} more: {more}"


def _with_narrow(
    plan: Plan, plan_file: str, s: q.Overview, state: str | None
) -> list[Table | Lines | str]:
    """The screen, with its form for a terminal of 60 to 79 columns."""
    [wide] = status_screen(plan, plan_file, s, state)
    [narrow] = status_screen(plan, plan_file, s, state, narrow=True)
    assert isinstance(wide, Lines) and isinstance(narrow, Lines)
    wide.narrow = narrow
    return [wide]


def _fit(lines: list[tuple[str, str | None]], width: int) -> list[tuple[str, str | None]]:
    """Each line within `width`, broken only between its cells (two spaces, or ` · ` between
    counts), never inside one; what moves down is indented under the text, past the label."""
    out: list[tuple[str, str | None]] = []
    for line, look in lines:
        labelled = (
            len(line) > LABEL and line[:LABEL].strip() and line[LABEL - 1 : LABEL + 1] != "  "
        )
        text = LABEL if labelled and line[LABEL] != " " else len(line) - len(line.lstrip())
        first = line.find("  ", text)  # the continuation starts under the second cell
        second = len(line) - len(line[first:].lstrip(" ")) if first > 0 else -1
        indent = second if 0 < first < width // 2 else text + 2
        while len(line) > width:
            cut = max(line.rfind("  ", indent, width + 1), line.rfind(" · ", indent, width))
            if cut <= text:
                cut = line.rfind(", ", indent, width) + 1  # a list: after its comma
            if cut <= text:
                break  # one cell wider than the screen: left whole
            dot = " ·" if line.startswith(" · ", cut) else ""  # the series goes on below
            head, rest = line[:cut].rstrip() + dot, line[cut:].lstrip(" ·")
            out.append((head, look))
            line = " " * indent + rest
        out.append((line, look))
    return out


def status_screen(
    plan: Plan, plan_file: str, s: q.Overview, state: str | None, narrow: bool = False
) -> list[Table | Lines | str]:
    """One screen (23 lines at 80 x 24 for the bundled plan): the period, counts by direction,
    the oldest overdue and the next deadlines, the states missing something, and where the rest
    is. A state or an action is named by its code; `show`, `overdue`, `states` give the rest."""
    out = Lines()

    def add(label: str, text: str, look: str | None = None) -> None:
        out.lines.append((f"{label:<{LABEL}}{text}".rstrip(), look))

    out.lines += _head(plan, plan_file, s, state, narrow)
    for i, (direction, by_status) in enumerate(s.counts.items()):
        add("Direction" if i == 0 else "", f"{direction}  {_counts_text(by_status, state)}")
    if not narrow:
        add("", "")
    legend: dict[str, None] = {}
    late, more = _few(s.overdue, "bsec-plan overdue")
    cells = [
        [
            f"{r.action} {r.occurrence or ''}".rstrip(),
            *([] if narrow else [iso(r.due) or ""]),  # narrow: the days say when
            relative(r.due, s.as_of),
            short_responsible(plan, r, legend),
        ]
        for r in late
    ]
    upcoming, more_next = _few(s.next, "bsec-plan calendar")
    next_cells = [
        [
            f"{r.action} {r.occurrence or ''}".rstrip(),
            *([] if narrow else [iso(r.due) or ""]),
            relative(r.due, s.as_of),
            r.status,
            short_responsible(plan, r, legend),
        ]
        for r in upcoming
    ]
    # the two blocks' action, due date and days line up: an overdue row's cells but its last
    shared = len(cells[0]) - 1 if cells else 0
    least = [max(len(c[i]) for c in cells + next_cells) for i in range(shared)]
    lines = _aligned(cells, least=least) or ["nothing is overdue"]
    for i, line in enumerate(lines):
        add("Overdue" if i == 0 else "", line, colour("overdue") if late else None)
    if more:
        add("", more)
    lines = _aligned(next_cells, least=least) or ["no deadline ahead"]
    for i, line in enumerate(lines):
        add("Next" if i == 0 else "", line, colour(upcoming[i].status) if upcoming else None)
    if more_next:
        add("", more_next)
    lines = missing_lines(plan, s, state, narrow)  # its head stands where a blank line would
    for i, line in enumerate(lines or ["nothing"]):
        add("Missing" if i == 0 else "", line)
    if lines:
        add("", "bsec-plan states --missing ratification" + ("" if narrow else MORE_MISSING))
    if legend:
        if not narrow:
            add("", "")
        out.lines.append((legend_line(legend, details=False), "dim"))
    if narrow:
        out.lines = _fit(_narrow_missing(out.lines[:-1] if legend else out.lines), NARROW)
        if legend:
            out.lines.append((legend_line(legend, details=False), "dim"))
    return [out]


SHORT_KIND = {
    "nothing recorded": "none on record",
    "signed, no consent on record": "signed only",
    "consented, date unknown": "date unknown",
}
"""The kinds of lack of consent as the screen's column heads."""


MORE_MISSING = ", --missing liaison-officer"
NARROW_MARK = {
    "nothing recorded": "",
    "signed, no consent on record": "'",
    "consented, date unknown": "?",
}
"""At 60 columns the kinds of lack share one column, each code marked with its kind."""


def missing_lines(
    plan: Plan, s: q.Overview, state: str | None = None, narrow: bool = False
) -> list[str]:
    """Consent to be bound: a column per kind of lack found (narrow: one column, each code
    marked with its kind, the marks said in the head line), a line per instrument; then the
    liaison officers, the kind of lack in words; for one state, the instruments it consented to
    but is not known to be bound by (for all twelve they are for `states --missing`)."""
    groups = {i: dict(lack_groups(lacks)) for i, lacks in s.unratified.items()}
    kinds = [k for k in SHORT_KIND if any(k in g for g in groups.values())]
    head = []
    if state:  # one state: its lack in words, instrument by instrument, in the plan's order
        return _state_missing(plan, s, groups, narrow)
    if narrow:
        said = ", ".join(f"XX{NARROW_MARK[k]} {SHORT_KIND[k]}" for k in kinds)
        head = [f"consent to be bound: {said}"] if kinds else []
        cells = []
        for ident, group in groups.items():
            codes = [c + NARROW_MARK[k] for k in kinds for c in group.get(k, [])]
            cells.append([plan.instrument_by_id[ident].short, " ".join(codes)])
    else:
        cells = [["consent to be bound", *(SHORT_KIND[k] for k in kinds)]] if kinds else []
        for ident, group in groups.items():
            short = plan.instrument_by_id[ident].short
            cells.append([short, *(" ".join(group.get(k, [])) or "—" for k in kinds)])
    width = max([len(c[0]) for c in cells] + ([15] if s.no_liaison else []), default=0)
    return head + _aligned(cells, width) + _liaison(s, width)  # one label column for every line


def _state_missing(
    plan: Plan, s: q.Overview, groups: dict[str, dict[str, list[str]]], narrow: bool
) -> list[str]:
    """For one state: each instrument it lacks consent to, or is not known to be bound by, with
    the lack in words, in the order the plan declares its instruments."""
    unbound_words = "not known to be bound" if narrow else UNBOUND  # 60 columns: the short form
    lacking = {i: next(iter(g)) for i, g in groups.items() if g}
    lacking.update((i, unbound_words) for i in s.unbound)
    cells = [
        [instrument.short, lacking[instrument.id]]
        for instrument in plan.instruments
        if instrument.id in lacking
    ]
    width = max([len(c[0]) for c in cells] + ([15] if s.no_liaison else []), default=0)
    return _aligned(cells, width) + _liaison(s, width, alone=True)


def _liaison(s: q.Overview, width: int, alone: bool = False) -> list[str]:
    """The liaison officer line: the kind of lack, and the states (`alone`: for one state)."""
    return [
        f"{'Liaison officer':<{width}}  {'not appointed' if kind == LO_WORDS[True] else 'no record'}"
        + ("" if alone else f": {' '.join(codes)}")
        for kind, codes in lack_groups(s.no_liaison)
    ]


NARROW = 60  # the width the narrow screen is laid out for


def _head(
    plan: Plan, plan_file: str, s: q.Overview, state: str | None, narrow: bool
) -> list[tuple[str, str | None]]:
    """The period and the plan file; after the period, first the date that replays it (in the
    place of the blank line). Narrow: the period on two lines, the second shared with the plan file
    when both fit, and no blank line."""
    who = f"; for {plan.state_by_code[state].name} ({state})" if state else ""
    period, passed = (
        f"Period {plan.start} – {plan.end}",
        f"as of {s.as_of}, {s.elapsed:.0%} has passed.",
    )
    file = f"Plan file: {plan_file}{who}"
    note = "".join(period_note(plan, s.as_of)).rstrip()
    if not narrow:  # a period long over is said first, in the place of the blank line
        lines = [f"{period}; {passed}", file]
        return [(line, None) for line in ([note, *lines] if note else [*lines, ""])]
    if note:  # all of it has passed: the note says so, the period line need not
        note = f"The period ended on {plan.end}; replay: --as-of {plan.end}"
        lines = [note, f"{period}; as of {s.as_of}", file]
    else:
        shared = f"{passed}  {file}"
        lines = [f"{period};", *([shared] if len(shared) <= NARROW else [passed, file])]
    return [(line, None) for line in lines]


def _narrow_missing(lines: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """At 60 columns a missing line does not fit beside its label: `Missing` stands alone
    above its lines, which use the label's room."""
    out: list[tuple[str, str | None]] = []
    inside = False
    for line, look in lines:
        if line.startswith("Missing "):
            out.append(("Missing", None))
            inside = True
        if inside and line.startswith((" " * LABEL, "Missing ")):
            line = line[LABEL:]
        out.append((line, look))
    return out
