"""The reference rules over actions and ratification records look at each name one by one only
where one could be undeclared; whatever is wrong is still found, each at its place, in order."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

PLAN = """\
title: A small plan
period: {start: 2009-05, end: 2011-06}
purpose: {text: Cooperation., instrument: agreement}
directions:
  - id: A
    title: Meetings
    actions:
      - id: A.1
        text: Invite the states that have not signed the memorandum.
        addresses: {not_ratified: memo}
      - id: A.2
        text: Organize the meetings.
        instruments: [protocol, nowhere]
        responsible: {wording: The Chairmanship, parties: [chair, RO, XX]}
      - id: A.1
        text: Again.
        addresses: {not_ratified: missing}
states:
  - {code: RO, name: Romania, source: "https://register.example/ro"}
instruments:
  - {id: agreement, kind: agreement, title: The Agreement, short: Agreement, source: "https://treaties.example/agreement"}
  - {id: protocol, kind: protocol, title: The Protocol, short: Protocol, source: "https://treaties.example/protocol"}
  - {id: memo, kind: memorandum, title: A Memorandum, short: Memo, source: "https://treaties.example/memo"}
parties:
  - {id: chair, kind: chairmanship, name: Chairmanship-in-Office}
ratifications:
  - {state: RO, instrument: nothing, events: [{event: ratification, date: 2003-05-08, source: "https://gazette.example/1"}]}
  - {state: RO, instrument: memo, events: [{event: ratification, date: 2003-05-08, source: "https://gazette.example/2"}]}
  - {state: RO, instrument: agreement, events: [{event: ratification, date: 2003-05-08, source: "https://gazette.example/3"}]}
"""


def test_each_undeclared_or_unratifiable_name_and_duplicate_id_is_found_at_its_place(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    done = run_cli("check", "--plan", str(plan))
    assert done.returncode == 1
    declared = "(declared: agreement, protocol, memo)"
    assert done.stderr.splitlines() == [
        f"{plan}:10:35: error: directions[A].actions[A.1].addresses.not_ratified: "
        "instrument 'memo' is a memorandum, which states do not ratify",
        f"{plan}:13:33: error: directions[A].actions[A.2].instruments[1]: "
        f"instrument 'nowhere' is not declared under `instruments` {declared}",
        f"{plan}:14:71: error: directions[A].actions[A.2].responsible.parties[2]: "
        "responsible party 'XX' is not declared under `parties` or `states` (parties: chair)",
        f"{plan}:15:13: error: directions[A].actions[A.1].id: duplicate action id 'A.1'",
        f"{plan}:17:35: error: directions[A].actions[A.1].addresses.not_ratified: "
        f"instrument 'missing' is not declared under `instruments` {declared}",
        f"{plan}:27:29: error: ratifications[0].instrument: "
        f"instrument 'nothing' is not declared under `instruments` {declared}",
        f"{plan}:28:29: error: ratifications[1].instrument: "
        "instrument 'memo' is a memorandum, which states do not ratify",
        "7 problems found",
    ]
