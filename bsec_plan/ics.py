"""An RFC 5545 calendar of deadline occurrences, written with the icalendar package."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path

from bsec_plan import __version__
from bsec_plan import queries as q
from bsec_plan.domain import Plan


def uid(plan: Plan, row: q.Row) -> str:
    """Stable across runs and edits elsewhere in the file, so a re-import updates the event."""
    plan_key = hashlib.sha1(plan.title.encode("utf-8")).hexdigest()[:12]
    return f"{row.action}-{row.label}.{plan_key}@bsec-plan"


def calendar_bytes(plan: Plan, rows: list[q.Row], as_of: dt.date) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//bsec-plan//bsec-plan {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "BSEC Plan of Action 2009–2011: deadlines")
    # DTSTAMP is the as-of date, not the clock, so the same question gives the same file
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone.utc)
    for row in rows:
        action = plan.actions[row.action]
        event = Event()
        event.add("uid", uid(plan, row))
        event.add("dtstamp", stamp)
        event.add("dtstart", row.due)
        event.add("dtend", row.due + dt.timedelta(days=1))
        event.add("summary", f"{row.action} {row.label}: {q.title(plan, row.action)}")
        lines = [action.text, ""]
        if action.responsible:
            lines.append(f"Responsible: {'; '.join(r.label for r in row.responsible)}")
        if action.deadline:
            lines.append(f"Deadline: {action.deadline.wording}")
        lines.append(f"State on {as_of}: {row.state}")
        event.add("description", "\n".join(lines))
        event.add("categories", [f"Direction {row.direction}"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


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
