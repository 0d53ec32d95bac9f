"""`bsec-plan diff`: what a change means, between files or git revisions."""

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ONE_FILE_PLAN, day, run_cli

from bsec_plan.loading.planfile import parse
from bsec_plan.queries import changes as diff

ORIGINAL = ONE_FILE_PLAN


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


REWORD = (
    "Organizing the Meetings of the BSEC Network",
    "Organising the Meetings of the BSEC Network",
)
MOVE = (
    'kind: fixed\n          due: "2011"\n\n  - id: C',
    'kind: fixed\n          due: "2011-06"\n\n  - id: C',
)
PROGRESS = (
    "progress: []",
    'progress:\n  - {action: A.3, occurrence: "2009", date: 2010-02-15, status: done, summary: Assessment adopted., source: "https://reports.example/2010/a3"}',
)
RATIFY = (
    "ratifications:\n",
    "ratifications:\n  - {state: TR, instrument: protocol-2002, events: [{event: ratification, date: 2004-05-05, source: 'https://gazette.example/2004/5'}]}\n",
)
RESPONSIBLE = (
    "parties: [country-coordinator, member-states]\n        deadline:\n          wording: Each February",
    "parties: [member-states]\n        deadline:\n          wording: Each February",
)
LIAISON = (
    '{state: AZ, status: not-appointed, source: "Plan of Action 2009–2011, note under A.2"}',
    '{state: AZ, status: appointed, date: 2010-03-01, source: "https://letters.example/2010/3"}',
)


def _compare(*pairs: tuple[str, str], as_of: str = "2010-06-01") -> diff.Diff:
    return diff.compare(parse(ORIGINAL, "old"), parse(_edit(ORIGINAL, *pairs), "new"), day(as_of))


def test_nothing_changed() -> None:
    assert not _compare()


def test_reworded_action() -> None:
    d = _compare(REWORD)
    assert [(c.kind, c.subject) for c in d.changes] == [("action reworded", "A.2")]
    assert (d.changes[0].new or "").startswith("Organising")
    assert d.transitions == []


def test_moved_deadline_reports_old_and_new_due_dates_and_states() -> None:
    d = _compare(MOVE)
    assert [(c.kind, c.subject, c.old, c.new) for c in d.changes] == [
        ("deadline moved", "B.2", "fixed, due 2011-12-31 (2011)", "fixed, due 2011-06-30 (2011-06)")
    ]
    assert [(t.action, t.occurrence, t.old, t.new) for t in d.transitions] == [
        ("B.2", "2011-06", None, "upcoming"),
        ("B.2", "2011", "upcoming", None),
    ]


def test_new_progress_record_closes_an_occurrence() -> None:
    d = _compare(PROGRESS)
    assert [(c.kind, c.subject) for c in d.changes] == [
        ("progress record added", "A.3 2009 2010-02-15")
    ]
    assert [(t.action, t.occurrence, t.old, t.new) for t in d.transitions] == [
        ("A.3", "2009", "overdue", "done")
    ]


def test_records_and_parties() -> None:
    d = _compare(RATIFY, RESPONSIBLE, LIAISON)
    kinds = {(c.kind, c.subject) for c in d.changes}
    assert kinds == {
        ("ratification added", "TR protocol-2002"),
        ("responsible changed", "A.3"),
        ("liaison officer changed", "AZ"),
    }
    liaison = next(c for c in d.changes if c.kind == "liaison officer changed")
    assert (liaison.old, liaison.new) == (
        "not appointed, source: Plan of Action 2009–2011, note under A.2",
        "appointed on 2010-03-01, source: https://letters.example/2010/3",
    )


def test_formats(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(_edit(ORIGINAL, REWORD, MOVE, PROGRESS), encoding="utf-8")
    table = run_cli("diff", "data/plan.yaml", str(new), "--as-of", "2010-06-01")
    assert table.returncode == 0
    assert "action reworded        A.2" in table.stdout
    assert "A.3 2009     overdue   done" in table.stdout
    markdown = run_cli(
        "diff", "data/plan.yaml", str(new), "--as-of", "2010-06-01", "--format", "markdown"
    ).stdout
    assert (
        "| deadline moved | B.2 | fixed, due 2011-12-31 (2011) | fixed, due 2011-06-30 (2011-06) |"
        in markdown
    )
    assert "- A.3 2009: overdue → done" in markdown
    doc = json.loads(
        run_cli(
            "diff", "data/plan.yaml", str(new), "--as-of", "2010-06-01", "--format", "json"
        ).stdout
    )
    assert [c["kind"] for c in doc["changes"]] == [
        "action reworded",
        "deadline moved",
        "progress record added",
    ]
    assert {"action": "A.3", "occurrence": "2009", "old": "overdue", "new": "done"} in doc[
        "transitions"
    ]
    assert (doc["old"], doc["new"]) == ("data/plan.yaml", str(new))
    assert run_cli("diff", "data/plan.yaml", str(new), "--exit-code").returncode == 1
    assert run_cli("diff", "data/plan.yaml", "data/plan.yaml", "--exit-code").returncode == 0


Repo = tuple[Path, Callable[..., subprocess.CompletedProcess[bytes]]]  # its folder, and git in it


@pytest.fixture()
def repo(tmp_path: Path) -> Repo:
    """A git repository holding the plan at data/plan.yaml, committed on `main`."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def git(*a: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True, env=env)

    git("init", "-q", "-b", "main")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text(ORIGINAL, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "plan")
    return tmp_path, git


def test_clean_tree_has_nothing_to_review(repo: Repo) -> None:
    path, _ = repo
    result = run_cli("diff", cwd=path)
    assert result.returncode == 0
    assert (
        result.stdout
        == "Nothing to review: HEAD:data/plan.yaml and data/plan.yaml mean the same plan.\n"
    )


def test_branch_against_working_file_and_two_revisions(repo: Repo) -> None:
    path, git = repo
    (path / "data" / "plan.yaml").write_text(_edit(ORIGINAL, PROGRESS), encoding="utf-8")
    doc = json.loads(
        run_cli("diff", "main", "--as-of", "2010-06-01", "--format", "json", cwd=path).stdout
    )
    assert [c["kind"] for c in doc["changes"]] == ["progress record added"]
    assert doc["old"] == "main:data/plan.yaml" and doc["new"] == "data/plan.yaml"
    git("commit", "-qam", "progress")
    doc = json.loads(
        run_cli(
            "diff", "main~1", "HEAD", "--as-of", "2010-06-01", "--format", "json", cwd=path
        ).stdout
    )
    assert [c["kind"] for c in doc["changes"]] == ["progress record added"]
    assert (doc["old"], doc["new"]) == ("main~1:data/plan.yaml", "HEAD:data/plan.yaml")


def test_invalid_old_or_new_gives_located_errors_and_exit_2(repo: Repo, tmp_path: Path) -> None:
    path, _ = repo
    (path / "data" / "plan.yaml").write_text(
        ORIGINAL.replace("kind: each-semester", "kind: weekly"), encoding="utf-8"
    )
    result = run_cli("diff", "main", cwd=path)
    assert result.returncode == 2
    assert result.stderr.startswith("data/plan.yaml:")
    assert "deadline.kind: Input should be" in result.stderr
    result = run_cli("diff", "no-such-branch", cwd=path)
    assert (result.returncode, result.stderr) == (
        2,
        "bsec-plan: error: 'no-such-branch' is not a git revision"
        " (a plan file's name ends in .yaml or .yml)\n",
    )


def test_revision_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text(ORIGINAL, encoding="utf-8")
    result = run_cli("diff", "main", cwd=tmp_path)
    assert result.returncode == 2
    assert "is not in a git repository" in result.stderr


def test_actions_added_and_removed_and_a_chairmanship_changed() -> None:
    d = _compare(
        ("      - id: C.2\n", "      - id: C.4\n"),
        ("  - state: RU\n    start: 2011-07-01", "  - state: RU\n    start: 2011-08-01"),
    )
    assert {(c.kind, c.subject) for c in d.changes} == {
        ("action added", "C.4"),
        ("action removed", "C.2"),
        ("chairmanship changed", "RU"),
    }
    chair = next(c for c in d.changes if c.kind == "chairmanship changed")
    assert (chair.old or "").startswith("2011-07-01 – 2011-12-31, source: https://")
    assert (chair.new or "").startswith("2011-08-01 – 2011-12-31, source: https://")
    assert [(t.action, t.new) for t in d.transitions] == [("C.4", "no deadline"), ("C.2", None)]


# -- what a change means for a state: standings, liaison officers, whom an action addresses,
# who is responsible

CHAIR = (  # Greece's term ends a month early and Romania's starts then: A.2 2010-H2 moves
    "    start: 2010-06-01\n    end: 2010-12-31\n",
    "    start: 2010-06-01\n    end: 2010-11-30\n",
)
CHAIR_RO = ("  - state: RO\n    start: 2011-01-01\n", "  - state: RO\n    start: 2010-12-01\n")


def _diff(tmp_path: Path, fmt: str, *pairs: tuple[str, str]) -> str:
    new = tmp_path / "new.yaml"
    new.write_text(_edit(ORIGINAL, *pairs), encoding="utf-8")
    result = run_cli("diff", "data/plan.yaml", str(new), "--as-of", "2010-06-01", "--format", fmt)
    assert result.returncode == 0 and result.stderr == ""
    return result.stdout


def test_a_ratification_changes_a_standing_and_whom_A1_addresses(tmp_path: Path) -> None:
    table = _diff(tmp_path, "table", RATIFY).splitlines()
    assert table[3] == (
        "ratification added  TR protocol-2002  —       "
        "ratification 2004-05-05, source: https://gazette.example/2004/5"
    )
    assert table[5:10] == [
        "What it means for the states, as of 2010-06-01",
        "Meaning    Subject           Before            After",
        "-------    -------           ------            -----",
        "standing   TR protocol-2002  nothing recorded  consented 2004-05-05 (ratification)",
        "addressed  A.1 TR            addressed         not addressed",
    ]
    markdown = _diff(tmp_path, "markdown", RATIFY).splitlines()
    assert markdown[-5:] == [
        "**What it means for the states, as of 2010-06-01:**",
        "- TR protocol-2002: nothing recorded → consented 2004-05-05 (ratification)",
        "- A.1 no longer addresses TR",
        "",
        "No occurrence changes status as of 2010-06-01.",
    ]
    doc = json.loads(_diff(tmp_path, "json", RATIFY))
    assert doc["standings"] == [
        {
            "state": "TR",
            "instrument": "protocol-2002",
            "old": {
                "status": "unknown",
                "text": "nothing recorded",
                "event": None,
                "date": None,
                "stage": "nothing recorded",
            },
            "new": {
                "status": "ratified",
                "text": "consented 2004-05-05 (ratification)",
                "event": "ratification",
                "date": "2004-05-05",
                "stage": "consented",
            },
        }
    ]
    assert doc["addressed"] == [{"action": "A.1", "state": "TR", "old": True, "new": False}]
    assert doc["liaison_officers"] == [] and doc["responsible"] == []


def test_a_liaison_officer_appointment_is_read_as_one(tmp_path: Path) -> None:
    markdown = _diff(tmp_path, "markdown", LIAISON)
    assert (
        "| liaison officer changed | AZ | not appointed, source: Plan of Action 2009–2011, note "
        "under A.2 | appointed on 2010-03-01, source: https://letters.example/2010/3 |"
    ) in markdown
    assert "- AZ liaison officer: not appointed → appointed 2010-03-01\n" in markdown
    assert "status:" not in markdown
    doc = json.loads(_diff(tmp_path, "json", LIAISON))
    assert [
        (o["state"], o["old"]["status"], o["new"]["text"]) for o in doc["liaison_officers"]
    ] == [("AZ", "not-appointed", "appointed 2010-03-01")]
    assert doc["standings"] == [] and doc["addressed"] == []


def test_a_chairmanship_change_says_which_occurrences_change_hands(tmp_path: Path) -> None:
    table = _diff(tmp_path, "table", CHAIR, CHAIR_RO).splitlines()
    assert "responsible  A.2 2010-H2 Chairmanship-in-Office of BSEC  GR      RO" in table
    markdown = _diff(tmp_path, "markdown", CHAIR, CHAIR_RO).splitlines()
    assert "- A.2 2010-H2 Chairmanship-in-Office of BSEC: GR → RO" in markdown
    assert (  # & is an HTML entity in Markdown, shown as & where GitHub renders it
        "| chairmanship changed | GR | 2010-06-01 – 2010-12-31, source: "
        "http://www.mfa.gov.az/en/content/?options=content&amp;id=652 | 2010-06-01 – 2010-11-30, "
        "source: http://www.mfa.gov.az/en/content/?options=content&amp;id=652 |"
    ) in markdown
    doc = json.loads(_diff(tmp_path, "json", CHAIR, CHAIR_RO))
    assert doc["responsible"] == [
        {
            "action": "A.2",
            "occurrence": "2010-H2",
            "party": "Chairmanship-in-Office of BSEC",
            "old": "GR",
            "new": "RO",
        }
    ]
