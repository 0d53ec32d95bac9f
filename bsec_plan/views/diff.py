"""What `diff` shows: the changes, what they mean for the states, and the occurrences whose
status or responsible parties change; as tables, Markdown and JSON."""

from __future__ import annotations

from typing import Any

from bsec_plan.queries.changes import Diff, Shift, Transition
from bsec_plan.queries.questions import Standing
from bsec_plan.queries.standing import NOTHING
from bsec_plan.safetext import markdown_cell, markdown_code
from bsec_plan.views import diffrows
from bsec_plan.views.common import Table, View, header


def transition_text(t: Transition) -> str:
    label = f"{t.action} {t.occurrence}" if t.occurrence else t.action
    return f"{label}: {t.old or 'absent'} → {t.new or 'absent'}"


_standing = diffrows.standing_words


def meanings(d: Diff) -> list[tuple[str, str, str, str]]:
    """(what, subject, before, after) for each change in a state's standing, a liaison officer,
    whom an action addresses, and who is responsible for an occurrence."""
    return diffrows.meaning_rows(
        [(s.state, s.instrument, s.old, s.new) for s in d.standings],
        [(s.state, s.instrument, s.old, s.new) for s in d.liaison_officers],
        [(a.action, a.state, a.addressed) for a in d.addressed],
        [(h.action, h.occurrence, h.party, h.old, h.new) for h in d.responsible],
    )


def meaning_lines(d: Diff) -> list[str]:
    """The meanings as sentences: `TR protocol-2002: unknown → ratified 2004-05-05`,
    `AZ liaison officer: not appointed → appointed 2010-03-01`, `A.1 no longer addresses TR`."""
    lines = [
        f"{s.state} {s.instrument}: {_standing(s.old, 'ratified')} → {_standing(s.new, 'ratified')}"
        for s in d.standings
    ]
    lines += [
        f"{s.state} liaison officer: {_standing(s.old, 'appointed')} → "
        f"{_standing(s.new, 'appointed')}"
        for s in d.liaison_officers
    ]
    lines += [
        f"{a.action} {'now addresses' if a.addressed else 'no longer addresses'} {a.state}"
        for a in d.addressed
    ]
    lines += [
        f"{h.action} {h.occurrence or ''}".rstrip() + f" {h.party}: {h.old} → {h.new}"
        for h in d.responsible
    ]
    return lines


WRAPPED = ("Before", "After")


def diff_blocks(d: Diff, old_name: str, new_name: str) -> list[Table | str]:
    if not d:
        return [f"Nothing to review: {old_name} and {new_name} mean the same plan."]
    changes = [(c.kind, c.subject, c.old, c.new) for c in d.changes]
    moved = [(t.action, t.occurrence, t.old, t.new) for t in d.transitions]
    return tables(diffrows.blocks(d.as_of, old_name, new_name, changes, meanings(d), moved))


def tables(found: list[diffrows.Block]) -> list[Table | str]:
    """The blocks as tables; those with a subject hold whole records' texts: they wrap."""
    return [
        Table(title, columns, rows, wrap=WRAPPED if "Subject" in columns else (), empty=empty)
        for title, columns, rows, empty in found
    ]


def diff_markdown(d: Diff, old_name: str, new_name: str) -> str:
    def cell(text: str | None) -> str:
        return markdown_cell(text or "—")

    old, new = markdown_code(old_name), markdown_code(new_name)
    if not d:
        return f"**bsec-plan diff**: nothing to review between {old} and {new}.\n"
    lines = [f"### Plan changes: {old} → {new}", ""]
    if d.changes:
        lines += ["| Change | Subject | Before | After |", "|---|---|---|---|"]
        lines += [
            f"| {c.kind} | {cell(c.subject)} | {cell(c.old)} | {cell(c.new)} |" for c in d.changes
        ]
        lines.append("")
    meant = meaning_lines(d)
    if meant:
        lines.append(f"**What it means for the states, as of {d.as_of}:**")
        lines += [f"- {markdown_cell(line)}" for line in meant]
        lines.append("")
    lines.append(
        f"**Occurrences whose status changes, as of {d.as_of}:**"
        if d.transitions
        else f"No occurrence changes status as of {d.as_of}."
    )
    lines += [f"- {markdown_cell(transition_text(t))}" for t in d.transitions]
    return "\n".join(lines) + "\n"


def _standing_json(s: Standing, good: str) -> dict[str, Any]:
    return {
        "status": s.answer,
        "text": _standing(s, good),
        "event": s.event,
        "date": s.date,
        **({"stage": s.stage if s.shown else NOTHING} if good == "ratified" else {}),
    }


def _shift_json(s: Shift, good: str) -> dict[str, Any]:
    return {
        "state": s.state,
        **({"instrument": s.instrument} if s.instrument else {}),
        "old": _standing_json(s.old, good),
        "new": _standing_json(s.new, good),
    }


def diff_json(d: Diff) -> dict[str, Any]:
    return {
        "changes": [
            {"kind": c.kind, "subject": c.subject, "old": c.old, "new": c.new} for c in d.changes
        ],
        "transitions": [
            {"action": t.action, "occurrence": t.occurrence, "old": t.old, "new": t.new}
            for t in d.transitions
        ],
        "standings": [_shift_json(s, "ratified") for s in d.standings],
        "liaison_officers": [_shift_json(s, "appointed") for s in d.liaison_officers],
        "addressed": [
            {"action": a.action, "state": a.state, "old": not a.addressed, "new": a.addressed}
            for a in d.addressed
        ],
        "responsible": [
            {
                "action": h.action,
                "occurrence": h.occurrence,
                "party": h.party,
                "old": h.old,
                "new": h.new,
            }
            for h in d.responsible
        ],
    }


def diff_view(d: Diff, old_name: str, new_name: str, changed: list[str] | None = None) -> View:
    # the header names every file that changed: the registers too, not only the plan
    files = f"; files changed: {', '.join(changed)}" if changed else ""
    return View(
        blocks=lambda: diff_blocks(d, old_name, new_name + files),
        document=lambda: {
            **header(f"{old_name} → {new_name}", d.as_of, "diff", old=old_name, new=new_name),
            "files_changed": changed or [],
            **diff_json(d),
        },
        markdown=lambda: _files_line(diff_markdown(d, old_name, new_name), changed),
    )


def _files_line(markdown: str, changed: list[str] | None) -> str:
    """The Markdown with the files that changed named under its heading."""
    if not changed:
        return markdown
    first, _, rest = markdown.partition("\n")
    named = ", ".join(markdown_code(c) for c in changed)
    return f"{first}\n\nFiles changed: {named}\n{rest}"
