"""`record`: a fact added to a copy of the bundled files, as the secretariat would add it.

Every fact recorded here is fictional and lives only in a temporary copy."""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import bundled_copy, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from bsec_plan.loading import editing, yamlpos

SOURCE = "https://example.org/minutes/2010-06-15.pdf"
MEETING = [
    "record",
    "progress",
    "A.2",
    "2010-H1",
    "--date",
    "2010-06-15",
    "--status",
    "done",
    "--summary",
    "Meeting of the Network.",
    "--source",
    SOURCE,
]


def _git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, text=True, env=env
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding copies of the bundled plan and registers, committed."""
    bundled_copy(tmp_path)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "data")
    _git(tmp_path, "commit", "-qm", "plan")
    return tmp_path


def _changed(repo: Path) -> tuple[list[str], list[str]]:
    """The lines `git diff` removes and adds."""
    lines = _git(repo, "diff", "-U0").splitlines()
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def test_progress_is_added_and_told_in_the_words_of_diff(repo: Path) -> None:
    result = run_cli(*MEETING, "--as-of", "2010-07-01", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "progress record added" in result.stdout
    assert "A.2 2010-H1  overdue  done" in result.stdout
    assert "data/plan.yaml: recorded" in result.stderr
    removed, added = _changed(repo)
    assert removed == ["progress: []"]  # an empty list becomes a block list: the one change
    assert added == [
        "progress:",
        "  - action: A.2",
        "    occurrence: 2010-H1",
        "    date: 2010-06-15",
        "    status: done",
        "    summary: Meeting of the Network.",
        f"    source: {SOURCE}",
    ]
    check = run_cli("check", cwd=repo)
    assert check.returncode == 0 and "1 progress record" in check.stdout
    show = run_cli("show", "A.2", "--as-of", "2010-07-01", "--format", "json", cwd=repo)
    assert "Meeting of the Network." in show.stdout


def test_a_second_record_only_adds_lines_and_comments_survive(repo: Path) -> None:
    assert run_cli(*MEETING, cwd=repo).returncode == 0
    _git(repo, "commit", "-qam", "first")
    comments = [line for line in (repo / "data/plan.yaml").read_text().splitlines() if "#" in line]
    long = "A draft of the assessment, " + "with a long account of what it covers, " * 4 + "sent."
    result = run_cli(
        "record", "progress", "a3", "2009", "--date", "2010-02-20", "--status", "in-progress",
        "--summary", long, "--source", "https://example.org/draft.pdf", cwd=repo,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    removed, added = _changed(repo)
    assert removed == []
    assert added[:3] == ["  - action: A.3", '    occurrence: "2009"', "    date: 2010-02-20"]
    assert added[4] == "    summary: >-" and all(len(line) <= 100 for line in added)
    text = (repo / "data/plan.yaml").read_text()
    assert [line for line in text.splitlines() if "#" in line] == comments
    assert run_cli("check", cwd=repo).returncode == 0


def test_officer_replaces_the_states_record_in_its_style(repo: Path) -> None:
    result = run_cli(
        "record", "officer", "al", "appointed", "--date", "2010-09-01",
        "--source", "https://example.org/note.pdf", "--as-of", "2011-01-01", cwd=repo,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "data/registers.yaml: recorded" in result.stderr
    removed, added = _changed(repo)
    assert len(removed) == 1 and removed[0].startswith("  - {state: AL, status: not-appointed")
    assert added == [
        '  - {state: AL, status: appointed, date: 2010-09-01, source: "https://example.org/note.pdf"}'
    ]
    states = run_cli("states", "--missing", "liaison-officer", "--as-of", "2011-01-01", cwd=repo)
    assert "AL" not in states.stdout.split()


def test_event_is_added_to_the_record_or_makes_one(repo: Path) -> None:
    args = ["--source", "https://example.org/law.pdf", "--as-of", "2011-01-01"]
    result = run_cli(
        "record", "event", "AL", "protocol-2002", "ratification", "--date", "2010-05", *args,
        cwd=repo,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "consented 2010-05 (ratification)" in result.stdout
    removed, added = _changed(repo)
    assert removed == []
    assert added == [
        "  - state: AL",
        "    instrument: protocol-2002",
        "    events:",
        "      - event: ratification",
        "        date: 2010-05",
        "        source: https://example.org/law.pdf",
    ]
    again = run_cli(
        "record", "event", "AL", "protocol-2002", "publication", "--date", "2010-06-01",
        "--note", 'Gazette no. 5, "2010"', *args, cwd=repo,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert _changed(repo)[1][-4:] == [
        "      - event: publication",
        "        date: 2010-06-01",
        '        note: Gazette no. 5, "2010"',
        "        source: https://example.org/law.pdf",
    ]
    assert run_cli("check", cwd=repo).returncode == 0


@pytest.mark.parametrize(
    "args, words",
    [
        (["progress", "Z.9", "2010-H1"], "the actions are A.1, A.2"),
        (["progress", "A.2", "2015-H1"], "its occurrences are 2009-H1"),
        (["progress", "A.2"], "name the occurrence"),
        (["officer", "XX", "appointed"], "the states are AL (Albania)"),
        (["event", "AL", "protocol-2002", "signing"], "the kinds are signature, ratification"),
        (["event", "AL", "treaty", "signature"], "the instruments are agreement-1998"),
    ],
)
def test_unknown_names_are_refused_with_the_choices(
    repo: Path, args: list[str], words: str
) -> None:
    before = {p: p.read_bytes() for p in (repo / "data").iterdir()}
    rest = ["--date", "2010-06-15", "--source", SOURCE]
    if args[0] == "progress":
        rest += ["--status", "done", "--summary", "Held."]
    result = run_cli("record", *args, *rest, cwd=repo)
    assert result.returncode == 2 and words in result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (repo / "data").iterdir()} == before


@pytest.mark.parametrize(
    "change, words",
    [
        (("--date", "1850-06-15"), "outside the years 1900-2199"),
        (("--date", "15/06/2010"), "ambiguous; write the ISO form: 2010-06-15"),
        (("--source", "example.org/minutes.pdf"), "--source:"),
    ],
)
def test_bad_values_are_refused_and_the_file_stays(
    repo: Path, change: tuple[str, str], words: str
) -> None:
    before = (repo / "data/plan.yaml").read_bytes()
    args = list(MEETING)
    args[args.index(change[0]) + 1] = change[1]
    result = run_cli(*args, cwd=repo)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert (repo / "data/plan.yaml").read_bytes() == before


def test_a_duplicate_record_is_refused(repo: Path) -> None:
    assert run_cli(*MEETING, cwd=repo).returncode == 0
    before = (repo / "data/plan.yaml").read_bytes()
    result = run_cli(*MEETING, cwd=repo)
    assert result.returncode == 2 and "already has a done record" in result.stderr
    assert (repo / "data/plan.yaml").read_bytes() == before


@pytest.mark.parametrize("kind", ["progress", "event"])
def test_a_date_after_today_is_refused(repo: Path, kind: str) -> None:
    """A record says what has happened: tomorrow has not."""
    before = (repo / "data/plan.yaml").read_bytes(), (repo / "data/registers.yaml").read_bytes()
    args = (
        ["record", "progress", "A.2", "2010-H2", "--status", "done", "--summary", "Met."]
        if kind == "progress"
        else ["record", "event", "AL", "protocol-2002", "ratification"]
    )
    result = run_cli(*args, "--date", "tomorrow", "--source", "https://example.org/m.pdf", cwd=repo)
    assert result.returncode == 2 and "is after today; record what has happened" in result.stderr
    after = (repo / "data/plan.yaml").read_bytes(), (repo / "data/registers.yaml").read_bytes()
    assert after == before


def test_a_record_check_refuses_is_located_and_not_written(repo: Path) -> None:
    """An event before the instrument was done breaks a rule of `check`."""
    before = (repo / "data/registers.yaml").read_bytes()
    result = run_cli(
        "record", "event", "AL", "protocol-2002", "ratification", "--date", "2001-01-01",
        "--source", "https://example.org/law.pdf", cwd=repo,
    )  # fmt: skip
    assert result.returncode == 2
    assert "data/registers.yaml (recorded):" in result.stderr and "error:" in result.stderr
    assert (repo / "data/registers.yaml").read_bytes() == before


def test_dry_run_tells_and_writes_nothing(repo: Path) -> None:
    before = (repo / "data/plan.yaml").read_bytes()
    result = run_cli(*MEETING, "--dry-run", cwd=repo)
    assert result.returncode == 0 and "progress record added" in result.stdout
    assert "not written (--dry-run)" in result.stderr
    assert (repo / "data/plan.yaml").read_bytes() == before


def test_mode_is_kept_and_nothing_is_left_beside_the_file(repo: Path) -> None:
    path = repo / "data/plan.yaml"
    path.chmod(0o640)
    assert run_cli(*MEETING, cwd=repo).returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in (repo / "data").iterdir()) == ["plan.yaml", "registers.yaml"]


def test_crlf_and_bom_files_keep_their_form(repo: Path) -> None:
    for name in ("plan.yaml", "registers.yaml"):
        path = repo / "data" / name
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert run_cli(*MEETING, cwd=repo).returncode == 0
    result = run_cli(
        "record", "event", "AL", "protocol-2002", "ratification", "--date", "2010-05",
        "--source", "https://example.org/law.pdf", cwd=repo,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for name in ("plan.yaml", "registers.yaml"):
        data = (repo / "data" / name).read_bytes()
        assert data.startswith(codecs.BOM_UTF8)
        assert data.count(b"\n") == data.count(b"\r\n")
    assert b"  - action: A.2\r\n" in (repo / "data/plan.yaml").read_bytes()
    assert run_cli("check", cwd=repo).returncode == 0


def test_the_bundled_plan_is_not_edited(tmp_path: Path) -> None:
    result = run_cli(*MEETING, cwd=tmp_path)
    assert result.returncode == 2 and "--plan PATH" in result.stderr


def test_a_plan_without_registers_holds_them_itself(tmp_path: Path) -> None:
    from conftest import ONE_FILE_PLAN

    path = tmp_path / "plan.yaml"
    path.write_text(ONE_FILE_PLAN, encoding="utf-8")
    result = run_cli(
        "record", "officer", "RS", "appointed", "--source", "https://example.org/n.pdf",
        "--plan", str(path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert '{state: RS, status: appointed, source: "https://example.org/n.pdf"}' in (
        path.read_text(encoding="utf-8")
    )


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=160))
def test_any_text_is_written_so_that_it_reads_back_the_same(value: str) -> None:
    """Plain, folded or quoted: whatever form a value takes, our own reader gives it back."""
    for flow in (False, True):
        lines = editing.render({"summary": value, "source": "x"}, 2, flow)
        text = "progress:\n" + "\n".join(lines) + "\n"
        try:
            root = yamlpos.load(text)
        except yamlpos.YamlProblem as err:  # a character YAML refuses anywhere
            assert "is not allowed in YAML" in err.problems[0][1], text
            continue
        assert root["progress"][0]["summary"] == value, text


@pytest.mark.parametrize(
    "words, cword, expected",
    [
        ("bsec-plan record ", 2, ["progress", "officer", "event"]),
        ("bsec-plan record progress a", 3, ["a.1", "a.2", "a.3"]),
        ("bsec-plan record event AL protocol-2002 ra", 5, ["ratification"]),
        ("bsec-plan record officer AL ", 4, ["appointed", "not-appointed"]),
    ],
)
def test_completion_knows_the_subcommands_and_their_arguments(
    words: str, cword: int, expected: list[str]
) -> None:
    env = {"_BSEC_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = run_cli(env={**os.environ, **env})
    assert result.stdout.split() == expected


def test_a_list_the_file_lacks_is_added_in_the_files_style(tmp_path: Path) -> None:
    from conftest import TESTS

    plan = tmp_path / "plan.yaml"
    shutil.copy(TESTS / "plans" / "minimal.yaml", plan)
    result = run_cli(
        "record", "officer", "RO", "appointed", "--source", "https://example.org/n.pdf",
        "--plan", str(plan),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (  # where fmt puts it: after the ratifications, before the chairmanships
        'liaison_officers:\n  - {state: RO, status: appointed, source: "https://example.org/n.pdf"}\n'
        "chairmanships:\n"
    ) in plan.read_text(encoding="utf-8")
    assert run_cli("check", str(plan)).returncode == 0
