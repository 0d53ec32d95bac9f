"""An RFC 5545 calendar of deadline occurrences.

Values are encoded by the icalendar package (its TEXT escaping, DATE and DATE-TIME forms);
the content lines are assembled and folded here, because icalendar's own Component.to_ical
folds each line character by character and takes seconds on a plan of 10,000 actions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path

from bsec_plan import __version__
from bsec_plan import queries as q
from bsec_plan.domain import Plan

LIMIT = 75  # octets per line, without the CRLF (RFC 5545, 3.1)


def uid(plan: Plan, row: q.Row) -> str:
    """Stable across runs and edits elsewhere in the file, so a re-import updates the event."""
    plan_key = hashlib.sha1(plan.title.encode("utf-8")).hexdigest()[:12]
    return f"{row.action}-{row.label}.{plan_key}@bsec-plan"


def fold(line: str) -> str:
    """Fold a content line to lines of at most 75 octets, never inside a UTF-8 sequence and,
    as icalendar does, never right after a backslash that starts an escape."""
    if len(line) < LIMIT and line.isascii():
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = 1 if char.isascii() else len(char.encode("utf-8"))
        if current and size + width >= LIMIT:
            carry = [current.pop()] if len(current) > 1 and current[-1] in "\\^" else []
            parts.append("".join(current))
            current, size = carry, sum(len(c.encode("utf-8")) for c in carry)
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def calendar_bytes(plan: Plan, rows: list[q.Row], as_of: dt.date) -> bytes:
    from icalendar import vCategory, vDate, vDatetime, vText

    def text(value: str) -> str:
        return vText(value).to_ical().decode("utf-8")

    # DTSTAMP is the as-of date, not the clock, so the same question gives the same file
    stamp = vDatetime(dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone.utc)).to_ical().decode()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(f'-//bsec-plan//bsec-plan {__version__}//EN')}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{text('BSEC Plan of Action 2009–2011: deadlines')}",
    ]
    for row in rows:
        action = plan.actions[row.action]
        description = [action.text, ""]
        if action.responsible:
            description.append(f"Responsible: {'; '.join(r.label for r in row.responsible)}")
        if action.deadline:
            description.append(f"Deadline: {action.deadline.wording}")
        description.append(f"State on {as_of}: {row.state}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{text(uid(plan, row))}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{vDate(row.due).to_ical().decode()}",
            f"DTEND;VALUE=DATE:{vDate(row.due + dt.timedelta(days=1)).to_ical().decode()}",
            f"SUMMARY:{text(f'{row.action} {row.label}: {q.title(plan, row.action)}')}",
            f"DESCRIPTION:{text(chr(10).join(description))}",
            f"CATEGORIES:{vCategory([f'Direction {row.direction}']).to_ical().decode('utf-8')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def write(data: bytes, target: str, stdout) -> None:
    """`-` writes to stdout; a file is replaced atomically, never left half-written."""
    if target == "-":
        stdout.buffer.write(data)
        stdout.flush()
        return
    path = Path(target)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
