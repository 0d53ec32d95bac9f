"""`bsec-plan calendar`: the list, the grids and the .ics export."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

from conftest import day, run_cli
from icalendar import Calendar, Component, vCategory

from bsec_plan.domain.model import Plan
from bsec_plan.queries import questions as q

ALL_NINE = [
    ("A.2", "2009-H1", "2009-06-30"),
    ("A.2", "2009-H2", "2009-12-31"),
    ("A.3", "2009", "2010-02-28"),
    ("A.2", "2010-H1", "2010-06-30"),
    ("A.2", "2010-H2", "2010-12-31"),
    ("A.3", "2010", "2011-02-28"),
    ("A.2", "2011-H1", "2011-06-30"),
    ("B.2", "2011", "2011-12-31"),
    ("E", "2011", "2011-12-31"),
]


def test_default_window_reaches_the_last_deadline(plan: Plan) -> None:
    assert q.window(plan, None, None) == (day("2009-05-01"), day("2011-12-31"))


def test_default_calendar_has_the_nine_occurrences() -> None:
    doc = json.loads(run_cli("calendar", "--as-of", "2010-06-01", "--format", "json").stdout)
    assert [(o["action"], o["occurrence"], o["due"]) for o in doc["occurrences"]] == ALL_NINE
    assert (doc["from"], doc["to"], doc["as_of"]) == ("2009-05-01", "2011-12-31", "2010-06-01")


def test_window_of_2010() -> None:
    out = run_cli(
        "calendar",
        "--from",
        "2010-01-01",
        "--to",
        "2010-12-31",
        "--as-of",
        "2010-06-01",
        "--format",
        "csv",
    ).stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["Due", "Action", "Occurrence", "Status", "Responsible", "Title"]
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [
        ("2010-02-28", "A.3", "overdue"),
        ("2010-06-30", "A.2", "due soon"),
        ("2010-12-31", "A.2", "upcoming"),
    ]


def test_list_is_grouped_by_month() -> None:
    out = run_cli("calendar", "--as-of", "2010-06-01").stdout
    headings = [
        line
        for line in out.splitlines()
        if line.endswith(("2009", "2010", "2011")) and " " in line and line[0].isalpha()
    ]
    assert headings == [
        "June 2009",
        "December 2009",
        "February 2010",
        "June 2010",
        "December 2010",
        "February 2011",
        "June 2011",
        "December 2011",
    ]


def test_grid_for_february_2010_marks_the_28th() -> None:
    out = run_cli(
        "calendar",
        "--format",
        "grid",
        "--from",
        "2010-02-01",
        "--to",
        "2010-02-28",
        "--as-of",
        "2010-06-01",
    ).stdout
    lines = out.splitlines()
    assert lines[2].strip() == "February 2010"
    assert lines[3] == " Mo Tu We Th Fr Sa Su"
    assert lines[4] == "  1  2  3  4  5  6  7"  # 2010-02-01 was a Monday
    assert lines[7] == " 22 23 24 25 26 27!28"
    assert (
        "2010-02-28  A.3 2009  overdue  Annual Assessment of the trends of transnational crime"
        in lines
    )
    assert lines[-1] == "Marks: ! overdue"


def test_grids_stand_three_to_a_row_with_the_as_of_day_marked() -> None:
    lines = run_cli("calendar", "--format", "grid", "--as-of", "2010-06-01").stdout.splitlines()
    # the months without deadlines between them named, never drawn as if adjacent
    assert lines[2].split() == ["May", "2009", "June", "2009", "July", "–", "November", "2009"]
    assert max(len(line) for line in lines if "Mo Tu" in line) <= 80
    june_2010 = lines.index(next(line for line in lines if "June 2010" in line))
    assert lines[june_2010 + 2][23:].startswith("   @ 1  2")  # 2010-06-01, a Tuesday
    assert " 28 29~30" in lines[june_2010 + 6]  # due soon on the as-of day


def test_state_filter(plan: Plan) -> None:
    rows = q.deadlines(plan, day("2010-06-01"), *q.window(plan, None, None), state="RU")
    assert [(r.action, r.occurrence) for r in rows] == [
        ("A.3", "2009"),
        ("A.3", "2010"),
        ("E", "2011"),
    ]


def _events(data: bytes) -> list[Component]:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_ics_to_stdout_parses_with_nine_all_day_events() -> None:
    result = run_cli("calendar", "--format", "ics", "--as-of", "2010-06-01")
    data = result.stdout.encode()
    assert result.returncode == 0
    events = _events(data)
    assert len(events) == 9
    for event, (action, label, due) in zip(events, ALL_NINE, strict=True):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and start.isoformat() == due
        assert end - start == dt.timedelta(days=1)
        assert str(event["summary"]).startswith(f"{action} {label}: ")
    assert "DTSTART;VALUE=DATE:20100228" in result.stdout
    assert "Romania – Romanian Intelligence Service" in str(events[7]["description"])


def test_ics_file_is_crlf_folded_and_uids_are_stable(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run_cli("calendar", "--format", "ics", "-o", str(first)).returncode == 0
    assert run_cli("calendar", "--format", "ics", "--output", str(second)).returncode == 0
    raw = first.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert b"Each semester\\, organizing back-to-back" in raw.replace(
        b"\r\n ", b""
    )  # escaped, unfolded
    uids = [str(e["uid"]) for e in _events(raw)]
    assert uids == [str(e["uid"]) for e in _events(second.read_bytes())]
    assert len(set(uids)) == 9
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.ics",
        "b.ics",
    ]  # no temporary file left behind


def test_ics_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("calendar", "--format", "ics", "-o", str(tmp_path / "no" / "cal.ics"))
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"bsec-plan: error: --output: cannot write '{tmp_path / 'no' / 'cal.ics'}'"
    )
    assert "Traceback" not in result.stderr


def test_reversed_and_malformed_windows_exit_2() -> None:
    result = run_cli("calendar", "--from", "2011-01-01", "--to", "2010-01-01")
    assert (result.returncode, result.stderr) == (
        2,
        "bsec-plan: error: the window is reversed: it starts on 2011-01-01, after its end on 2010-01-01\n",
    )
    result = run_cli("calendar", "--to", "2010/12/31")
    assert result.returncode == 2
    assert result.stderr.startswith("bsec-plan: error: --to: '2010/12/31' is not an ISO date")


def _assert_folded_as_rfc_5545_says(line: str) -> None:
    """Lines of at most 75 octets, each valid UTF-8 on its own; unfolding (a CRLF followed by a
    space is removed) gives the line back; icalendar reads the same value either way."""
    from icalendar import Event

    from bsec_plan.writers.ics import fold

    folded = fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    for part in parts:
        part.decode("utf-8")  # no character cut in two
    assert folded.replace("\r\n ", "") == line
    name = line.split(":", 1)[0]

    def value(text: str) -> object:
        return Event.from_ical(f"BEGIN:VEVENT\r\n{text}\r\nEND:VEVENT\r\n")[name]

    assert value(folded) == value(line)


def test_folding_follows_the_rfc_and_keeps_utf8_whole() -> None:
    for line in [
        "DESCRIPTION:" + "x" * 200,
        "SUMMARY:" + "Romania – Romanian Intelligence Service, " * 5,
        "DESCRIPTION:" + "a" * 61 + "\\, b" * 30,
        "X:" + "ä" * 100,
        "SHORT:line",
    ]:
        _assert_folded_as_rfc_5545_says(line)


def test_events_match_what_icalendar_itself_would_write(plan: Plan) -> None:
    """Every property of every event decodes to the value icalendar's own API would hold."""
    from icalendar import Event

    from bsec_plan.writers import ics

    as_of = day("2010-06-01")
    rows = q.deadlines(plan, as_of, *q.window(plan, None, None))
    events = _events(ics.calendar_bytes(plan, rows, as_of))
    for event, row in zip(events, rows, strict=True):
        expected = Event()
        expected.add("dtstart", row.due)
        expected.add("summary", f"{row.action} {row.occurrence}: {q.title(plan, row.action)}")
        assert event.decoded("dtstart") == expected.decoded("dtstart")
        assert str(event["summary"]) == str(expected["summary"])
        assert "Responsible: " in str(event["description"])
        categories = event["categories"]
        assert isinstance(categories, vCategory)
        assert categories.cats == [f"Direction {row.direction}"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\\^,;:– ä")), max_size=400))
def test_folding_follows_the_rfc_on_any_line(body: str) -> None:
    _assert_folded_as_rfc_5545_says("DESCRIPTION:" + body)


def test_output_file_takes_any_format(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.csv"
    result = run_cli("calendar", "--format", "csv", "-o", str(target), "--as-of", "2010-06-01")
    assert (result.returncode, result.stdout) == (0, "")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r[1], r[2]) for r in rows[1:]] == [(a, label) for a, label, _ in ALL_NINE]


def test_old_output_flags_are_gone() -> None:
    for args in (["--grid"], ["--ics", "-"]):
        result = run_cli("calendar", *args)
        assert result.returncode == 2
        assert "No such option" in result.stderr


def test_ics_calendar_is_named_after_its_plan() -> None:
    def name(*plan: str) -> str:
        out = run_cli("calendar", "--format", "ics", "--as-of", "2010-06-01", *plan).stdout
        return str(Calendar.from_ical(out)["X-WR-CALNAME"])

    assert name("--plan", "tests/plans/minimal.yaml") == "A small plan: deadlines"
    assert name().startswith("THE PLAN OF ACTION OF THE BSEC WORKING GROUP")


def test_a_calendar_of_thousands_of_events_is_one_calendar(tmp_path: Path) -> None:
    """The .ics file is written a thousand events at a time: it is still one calendar, whose
    every event icalendar reads, in order."""
    from conftest import TESTS

    extra = "".join(
        f"      - {{id: A.{n}, text: Action {n}., deadline: {{wording: w, kind: fixed, "
        f'due: "2010-{n % 12 + 1:02d}"}}}}\n'
        for n in range(3, 2503)
    )
    text = (TESTS / "plans" / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace("kind: each-semester\n", "kind: each-semester\n" + extra, 1))
    done = run_cli("calendar", "--plan", str(path), "--format", "ics", "--as-of", "2010-01-01")
    calendar = Calendar.from_ical(done.stdout)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    actions = [str(e["summary"]).split(" ")[0] for e in events]
    assert sorted(a for a in actions if a != "A.2") == sorted(f"A.{n}" for n in range(3, 2503))
    assert actions.count("A.2") == 5  # each semester, 2009-H1 to 2011-H1
    dues = [e.decoded("dtstart") for e in events]
    assert dues == sorted(dues)
    assert done.stdout.count("BEGIN:VCALENDAR") == done.stdout.count("END:VCALENDAR") == 1


def test_the_lists_under_the_grids_align_their_columns() -> None:
    lines = run_cli("calendar", "--format", "grid", "--as-of", "2010-06-01").stdout.splitlines()
    listed = [line for line in lines if line[:4].isdigit()]
    assert len({line.index("  overdue") for line in listed if "overdue" in line}) == 1
    assert len({line.index("Meetings") for line in listed if "Meetings" in line}) == 1
    assert len({line.index(" Annual") for line in listed if "Annual" in line}) == 1
