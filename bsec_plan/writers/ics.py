"""An RFC 5545 calendar of deadline occurrences.

Values are encoded by the icalendar package (its TEXT escaping, DATE and DATE-TIME forms);
the content lines are assembled and folded here, because icalendar's own Component.to_ical
folds each line character by character and takes seconds on a plan of 10,000 actions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator

from bsec_plan import __version__
from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q
from bsec_plan.safetext import visible

LIMIT = 75  # octets per line, without the CRLF (RFC 5545, 3.1)
ESCAPED_NEWLINE = "\\n"  # a line break inside a TEXT value
ONE_DAY = dt.timedelta(days=1)


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets, as icalendar does: never inside a
    UTF-8 sequence, never right after a backslash or caret that starts an escape."""
    if len(line) < LIMIT // 4 or (len(line) < LIMIT and line.isascii()):
        return line
    if line.isascii():  # one octet a character: the text is cut where its bytes would be
        return "\r\n ".join(_ascii_pieces(line))
    return fold_bytes(line)


def fold_bytes(line: str) -> str:
    """`fold` of any line, on its UTF-8 bytes."""
    raw = line.encode("utf-8")
    parts, start = [], 0
    while len(raw) - start >= LIMIT:
        end = start + LIMIT - 1
        while raw[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        if raw[end - 1] in b"\\^":
            end -= 1
        parts.append(raw[start:end])
        start = end
    parts.append(raw[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _ascii_pieces(line: str) -> list[str]:
    parts, start = [], 0
    while len(line) - start >= LIMIT:
        end = start + LIMIT - 1
        if line[end - 1] in "\\^":
            end -= 1
        parts.append(line[start:end])
        start = end
    parts.append(line[start:])
    return parts


Part = tuple[Plan, str, list[q.Row]]  # a plan, the file it was read from, its events


def plan_keys(parts: list[Part]) -> list[str]:
    """What tells each plan's events apart in their UIDs: a hash of the plan's title and its
    file's name, so a UID stays the same wherever the file is read from. Two plans asked together
    that would share one (the same title in files of the same name) have their whole path
    folded in, so their UIDs never collide."""

    def key(*words: str) -> str:
        return hashlib.sha1("\0".join(words).encode("utf-8")).hexdigest()[:12]

    keys = [key(plan.title, os.path.basename(file)) for plan, file, _ in parts]
    for i, (plan, file, _) in enumerate(parts):
        if keys.count(keys[i]) > 1:
            keys[i] = key(plan.title, os.path.basename(file), os.path.realpath(file))
    return keys


def calendar_bytes(plan: Plan, rows: list[q.Row], as_of: dt.date, file: str = "plan.yaml") -> bytes:
    """One plan's calendar, whole."""
    return b"".join(calendar_pieces([(plan, file, rows)], as_of))


EVENTS_AT_ONCE = 1000


def calendar_pieces(parts: list[Part], as_of: dt.date) -> Iterator[bytes]:
    """The calendar of one or more plans' events, named after its plans, in pieces of a thousand
    events to be written one after the other: a large calendar is never whole in memory."""
    from functools import cache

    from icalendar import vDate, vDatetime, vText

    @cache  # the same texts (actions, parties, states) recur across occurrences
    def text(value: str) -> str:
        encoded: bytes = vText(visible(value)).to_ical()
        return encoded.decode("utf-8")

    @cache
    def date(day: dt.date) -> str:
        encoded: bytes = vDate(day).to_ical()
        return encoded.decode()

    # DTSTAMP is the as-of date, not the clock, so the same question gives the same file
    encoded: bytes = vDatetime(
        dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone.utc)
    ).to_ical()
    stamp = encoded.decode()
    yield _lines(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        fold(f"PRODID:{text(f'-//bsec-plan//bsec-plan {__version__}//EN')}"),
        "CALSCALE:GREGORIAN",
        # named after its plans
        fold(f"X-WR-CALNAME:{text('; '.join(p.title for p, _, _ in parts) + ': deadlines')}"),
    )
    for (plan, _, rows), plan_key in zip(parts, plan_keys(parts), strict=True):
        for start in range(0, len(rows), EVENTS_AT_ONCE):
            some = rows[start : start + EVENTS_AT_ONCE]
            yield _lines(*_events(plan, plan_key, some, as_of, stamp, text, date))
    yield _lines("END:VCALENDAR")


def _lines(*lines: str) -> bytes:
    """Content lines as an iCalendar file holds them: each ended by CRLF, in UTF-8."""
    return ("\r\n".join(lines) + "\r\n").encode("utf-8") if lines else b""


def _events(
    plan: Plan,
    plan_key: str,
    rows: list[q.Row],
    as_of: dt.date,
    stamp: str,
    text: Callable[..., str],  # the cached TEXT encoder
    date: Callable[[dt.date], str],
) -> list[str]:
    lines: list[str] = []
    for row in rows:
        assert row.due is not None  # the calendar lists dated occurrences only
        action = plan.actions[row.action]
        # escaping works character by character, so the description is escaped line by line
        description = [text(action.text), ""]
        if action.responsible:
            description.append(text(f"Responsible: {'; '.join(r.label for r in row.responsible)}"))
        if action.deadline:
            description.append(text(f"Deadline: {action.deadline.wording}"))
        description.append(text(f"Status on {as_of}: {row.status}"))
        action_id, label = text(row.action), text(row.occurrence)
        lines += [
            "BEGIN:VEVENT",
            # stable across runs and edits elsewhere in the file: a re-import updates the event
            fold(f"UID:{action_id}-{label}.{plan_key}@bsec-plan"),
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{date(row.due)}",
            f"DTEND;VALUE=DATE:{date(row.due + ONE_DAY)}",
            fold(f"SUMMARY:{action_id} {label}: {text(q.title(plan, row.action))}"),
            fold("DESCRIPTION:" + ESCAPED_NEWLINE.join(description)),
            fold(f"CATEGORIES:{text('Direction ' + row.direction)}"),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    return lines
