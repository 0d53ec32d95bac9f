"""The commands as a user runs them: exit codes, stdout rows, JSON fields, error lines."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ONE_FILE_PLAN, ROOT, run_cli, run_line

from bsec_plan.loading.validation import schema_json


def test_check_bundled_plan_valid() -> None:
    result = run_cli("check")
    assert result.returncode == 0
    assert result.stdout == (
        "data/plan.yaml: valid: 5 directions, 10 actions, 12 states, 14 ratification records, 0 progress records\n"
    )
    assert result.stderr == ""


def test_check_works_from_any_folder(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0
    assert "valid: 5 directions, 10 actions" in result.stdout


def test_version() -> None:
    from bsec_plan import __version__

    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"bsec-plan {__version__}\n")


def test_committed_schema_is_the_generated_one() -> None:
    assert (ROOT / "bsec_plan" / "plan.schema.json").read_text(encoding="utf-8") == schema_json()
    result = run_cli("schema")
    assert json.loads(result.stdout)["properties"]["directions"]["type"] == "array"


def test_schema_describes_every_field() -> None:
    schema = json.loads(schema_json())
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), name
        for field, spec in definition.get("properties", {}).items():
            assert spec.get("title") and spec.get("description"), f"{name}.{field}"


def test_overdue_json() -> None:
    result = run_cli("overdue", "--as-of", "2010-06-01", "--format", "json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2010-06-01"
    assert doc["plan"] == "data/plan.yaml"
    assert [
        (r["action"], r["occurrence"], r["due"], r["days_overdue"]) for r in doc["overdue"]
    ] == [
        ("A.2", "2009-H1", "2009-06-30", 336),
        ("A.2", "2009-H2", "2009-12-31", 152),
        ("A.3", "2009", "2010-02-28", 93),
    ]
    assert doc["overdue"][0]["responsible"][1] == {
        "party": "chairmanship-in-office",
        "label": "Chairmanship-in-Office of BSEC (AZ)",
        "states": ["AZ"],
    }


def test_overdue_plain_table_when_piped() -> None:
    result = run_cli("overdue", "--as-of", "2012-01-01")
    lines = result.stdout.splitlines()
    assert lines[0] == "Plan file: data/plan.yaml"
    assert lines[1] == (
        "The plan's period ended on 2011-06-30; to replay it, add --as-of 2011-06-30."
    )
    rows = [
        ln.split()[:2] for ln in lines[lines.index("Overdue on 2012-01-01") + 3 :] if ln.strip()
    ]
    assert rows == [
        ["A.2", "2009-H1"],
        ["A.2", "2009-H2"],
        ["A.3", "2009"],
        ["A.2", "2010-H1"],
        ["A.2", "2010-H2"],
        ["A.3", "2010"],
        ["A.2", "2011-H1"],
        ["B.2", "2011"],
        ["E", "2011"],
    ]
    assert "\x1b[" not in result.stdout


def test_overdue_csv_and_state_filter() -> None:
    result = run_cli("overdue", "--as-of", "2012-01-01", "--state", "ro", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["Action", "Occurrence", "Due", "Days overdue", "Responsible", "Text"]
    assert [r[:2] for r in rows[1:]] == [
        ["A.3", "2009"],
        ["A.3", "2010"],
        ["A.2", "2011-H1"],
        ["B.2", "2011"],
    ]


def test_overdue_exit_code() -> None:
    assert run_cli("overdue", "--as-of", "2010-06-01", "--exit-code").returncode == 1
    assert run_cli("overdue", "--as-of", "2009-06-01", "--exit-code").returncode == 0


@pytest.mark.parametrize(
    "value, words",
    [
        ("01/06/2010", "'01/06/2010' is ambiguous; write the ISO form: 2010-06-01 or 2010-01-06"),
        ("2010-02-30", "'2010-02-30' is not a date: day 30 is not in 01-28"),
        (
            "soon",
            "'soon' is not an ISO date; write it as YYYY-MM-DD, e.g. 2010-06-01; or today, "
            "yesterday, tomorrow, or an offset from today: +0d, -2w, +3m, +1y (days, weeks, "
            "months, years)",
        ),
    ],
)
def test_bad_as_of_exits_2(value: str, words: str) -> None:
    result = run_cli("overdue", "--as-of", value)
    assert result.returncode == 2
    assert result.stderr == f"bsec-plan: error: --as-of: {words}\n"
    assert result.stdout == ""


def test_as_of_today_is_accepted() -> None:
    assert run_cli("overdue", "--as-of", "today", "--format", "json").returncode == 0


def test_unknown_action_and_state_exit_2_listing_valid_ones() -> None:
    result = run_cli("show", "F9")
    assert result.returncode == 2
    assert "the actions are A.1, A.2, A.3, B.1, B.2, C.1, C.2, C.3, D, E" in result.stderr
    result = run_cli("overdue", "--state", "XK")
    assert result.returncode == 2
    assert "no Member State 'XK'; the states are AL (Albania)" in result.stderr


def test_bad_option_exits_2_without_traceback() -> None:
    result = run_cli("overdue", "--bogus")
    assert result.returncode == 2
    assert "No such option: --bogus" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli("status", "--format", "csv")
    assert result.returncode == 2
    assert "Invalid value for '--format': 'csv' is not one of 'table', 'json'" in result.stderr


def test_states_matrix_json() -> None:
    doc = json.loads(run_cli("states", "--as-of", "2010-06-01", "--format", "json").stdout)
    by_code = {s["code"]: s for s in doc["states"]}
    assert len(by_code) == 12
    assert by_code["UA"]["ratifications"]["protocol-terrorism-2004"]["date"] == "2008-12-17"
    assert by_code["AL"]["ratifications"]["protocol-2002"]["status"] == "unknown"
    assert by_code["AL"]["liaison_officer"]["status"] == "not-appointed"
    assert by_code["BG"]["eu_since"] == "2007-01-01"


def test_states_table_rows() -> None:
    lines = run_cli("states", "--as-of", "2010-06-01").stdout.splitlines()
    ro = next(ln for ln in lines if ln.startswith("RO "))
    # each date says which event it is
    assert ro.split()[:5] == ["RO", "Romania", "in", "force", "2000-03-08"]
    assert "consented by 2003-05-08 (published)" in ro
    assert "appointed (inferred from the plan's note under A.2)" in ro
    rs = next(ln for ln in lines if ln.startswith("RS "))
    assert rs.split()[2:5] == ["consented,", "date", "unknown"] and "not appointed" in rs


def test_states_missing_liaison_officer_csv() -> None:
    result = run_cli("states", "--missing", "liaison-officer", "--format", "csv", "--exit-code")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[:4] for r in rows[1:]] == [
        ["AL", "Albania", "liaison officer", "known: recorded as not appointed"],
        ["AZ", "Azerbaijan", "liaison officer", "known: recorded as not appointed"],
        ["RS", "Serbia", "liaison officer", "known: recorded as not appointed"],
    ]
    assert result.returncode == 1


def test_states_missing_ratification_of_one_instrument() -> None:
    doc = json.loads(
        run_cli(
            "states",
            "--missing",
            "ratification",
            "--instrument",
            "protocol-terrorism-2004",
            "--as-of",
            "2010-06-01",
            "--format",
            "json",
        ).stdout
    )
    assert [m["code"] for m in doc["missing"]] == ["AL", "AM", "AZ", "GE", "MD", "RU", "RS", "TR"]
    assert {m["known"] for m in doc["missing"]} == {False}
    assert [m["code"] for m in doc["missing"] if m["status"] == "date unknown"] == ["AL", "RS"]
    result = run_cli("states", "--missing", "ratification", "--instrument", "mou-iom-2006")
    assert result.returncode == 2 and "no instrument 'mou-iom-2006' to ratify" in result.stderr


def test_show_json_addresses_and_occurrences() -> None:
    doc = json.loads(run_cli("show", "a1", "--as-of", "2010-06-01", "--format", "json").stdout)
    assert doc["action"]["id"] == "A.1"
    addressed = ["AL", "AM", "AZ", "GE", "GR", "MD", "RU", "RS", "TR", "UA"]
    assert doc["action"]["addressed_to"] == addressed
    doc = json.loads(run_cli("show", "A.2", "--as-of", "2010-06-01", "--format", "json").stdout)
    assert [(o["occurrence"], o["status"]) for o in doc["occurrences"]] == [
        ("2009-H1", "overdue"),
        ("2009-H2", "overdue"),
        ("2010-H1", "due soon"),
        ("2010-H2", "upcoming"),
        ("2011-H1", "upcoming"),
    ]
    assert doc["action"]["deadline"]["wording"].startswith("Each semester")


def test_show_with_state_keeps_the_occurrences_it_answers_for() -> None:
    doc = json.loads(run_cli("show", "A.2", "--state", "GR", "--format", "json").stdout)
    assert [o["occurrence"] for o in doc["occurrences"]] == ["2010-H1", "2010-H2"]


def test_show_text_names_direction_and_note() -> None:
    out = run_cli("show", "a2", "--as-of", "2010-06-01").stdout
    assert "Direction A: Continuation of implementation" in out
    assert (
        "Note: Albania, Azerbaijan and Serbia did not appoint the Liaison Officers in the Network."
        in out
    )
    assert "2009-H2     2009-12-31  152 days ago  overdue" in out


def test_status_screen_and_json() -> None:
    out = run_cli("status", "--as-of", "2010-06-01").stdout
    assert "as of 2010-06-01, 50% of it has passed" in out
    assert "Liaison officer               recorded as not appointed         AL AZ RS" in out
    doc = json.loads(run_cli("status", "--as-of", "2010-06-01", "--format", "json").stdout)
    assert doc["counts"]["A"]["overdue"] == 3
    assert [r["action"] for r in doc["overdue"]] == ["A.2", "A.2", "A.3"]
    assert [m["code"] for m in doc["missing_liaison_officer"]] == ["AL", "AZ", "RS"]


def test_period_end_is_said_only_after_it() -> None:
    ended = "The plan's period ended on 2011-06-30"
    assert ended in run_cli("status", "--as-of", "2011-07-01").stdout
    assert ended not in run_cli("status", "--as-of", "2011-06-30").stdout
    assert ended not in run_cli("overdue", "--as-of", "2011-06-30").stdout


def test_status_for_a_state() -> None:
    doc = json.loads(
        run_cli("status", "--as-of", "2010-06-01", "--state", "RS", "--format", "json").stdout
    )
    assert doc["state"] == "RS"
    assert doc["missing_liaison_officer"] == [
        {
            "code": "RS",
            "name": "Serbia",
            "missing": "liaison-officer",
            "known": True,
            "status": "not-appointed",
            "event": None,
            "date": None,
            "source": "Plan of Action 2009–2011, note under A.2",
        }
    ]


def test_closed_pipe_ends_quietly() -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        f"{sys.executable} -m bsec_plan states --as-of 2010-06-01 | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout == "Plan file: data/plan.yaml\n"
    assert "Traceback" not in proc.stderr


def test_within_sets_what_is_due_soon() -> None:
    doc = json.loads(
        run_cli("show", "A.2", "--as-of", "2010-06-01", "--within", "0", "--format", "json").stdout
    )
    assert [o["status"] for o in doc["occurrences"]][2] == "upcoming"
    doc = json.loads(
        run_cli("status", "--as-of", "2010-06-01", "--within", "400", "--format", "json").stdout
    )
    assert doc["counts"]["A"]["due soon"] == 4
    result = run_cli("calendar", "--within", "-1")
    assert result.returncode == 2 and "Invalid value for '--within'" in result.stderr


def _registered() -> list[str]:
    """The commands as the typer app registers them: a new command is tested without being
    listed here."""
    from bsec_plan.cli.app import app

    names = []
    for info in app.registered_commands:
        assert info.callback is not None
        # typer's rule for a command named after its function: lower case, '-' for '_'
        names.append(info.name or info.callback.__name__.lower().replace("_", "-"))
    for group in app.registered_groups:  # `record` and its subcommands, `record progress`...
        assert group.name is not None and group.typer_instance is not None
        names.append(group.name)
        names += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    return sorted(names)


COMMANDS = _registered()


def test_the_program_help_lists_exactly_the_tested_commands() -> None:
    lines = run_cli("--help").stdout.split("Commands")[1].splitlines()[1:]
    listed = {m.group(1) for line in lines if (m := re.match(r"[│| ]{1,4}([a-z-]+) ", line))}
    assert listed == {c.split()[0] for c in COMMANDS}
    assert {"sources", "report"} <= listed


@pytest.mark.parametrize("command", COMMANDS)
def test_help_by_h_ends_with_examples(command: str) -> None:
    short, long = run_cli(*command.split(), "-h"), run_cli(*command.split(), "--help")
    assert (short.returncode, short.stdout) == (0, long.stdout)
    examples = short.stdout.rstrip().split("Examples:\n")[1].splitlines()
    assert 2 <= len(examples) <= 3
    assert all(line.startswith(f"    bsec-plan {command}") for line in examples)
    assert [line.strip() for line in examples] == DECLARED_EXAMPLES[command]


def test_usage_names_the_argument_plainly() -> None:
    assert run_cli("show", "-h").stdout.startswith("Usage: bsec-plan show [OPTIONS] ID\n")


def _declared_examples() -> dict[str, list[str]]:
    """Each command's examples as its help declares them (the end of its epilog), read from
    the typer app rather than from a run: nothing is started while the tests are collected."""
    from typer.models import CommandInfo, TyperInfo

    from bsec_plan.cli.app import app

    declared = {}
    commands: list[tuple[str, CommandInfo | TyperInfo]] = [
        ("", info) for info in app.registered_commands
    ]
    for group in app.registered_groups:  # `record`, then `record progress`...
        assert group.name is not None and group.typer_instance is not None
        commands.append(("", group))
        commands += [(f"{group.name} ", c) for c in group.typer_instance.registered_commands]
    for prefix, info in commands:
        callback = getattr(info, "callback", None)
        name = info.name or (callback.__name__.lower().replace("_", "-") if callback else "")
        lines = (info.epilog or "").split("Examples:\n")[-1].splitlines()
        declared[prefix + name] = [line.strip() for line in lines if line.strip()]
    return declared


DECLARED_EXAMPLES = _declared_examples()
HELP_EXAMPLES = [line for command in COMMANDS for line in DECLARED_EXAMPLES[command]]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """What the help examples assume: a git repository with the plan at data/plan.yaml,
    committed on `main`, two plan files, old.yaml and new.yaml, and a home folder (`home/`)
    with the folders the completion examples write into."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    (tmp_path / "data").mkdir()
    for name in ("data/plan.yaml", "data/registers.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("old.yaml", "new.yaml"):
        (tmp_path / name).write_text(ONE_FILE_PLAN, encoding="utf-8")
    for args in (["init", "-q", "-b", "main"], ["add", "data"], ["commit", "-qm", "plan"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env)
    for folder in (
        ".local/share/bash-completion/completions",
        ".zfunc",
        ".config/fish/completions",
    ):
        (tmp_path / "home" / folder).mkdir(parents=True)
    return tmp_path


@pytest.mark.parametrize("example", HELP_EXAMPLES)
def test_help_examples_run(example: str, workspace: Path) -> None:
    result = run_line(example, cwd=workspace, env={**os.environ, "HOME": str(workspace / "home")})
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "error" not in result.stderr


def test_every_command_has_help_examples() -> None:
    assert {example.split()[1] for example in HELP_EXAMPLES} == {c.split()[0] for c in COMMANDS}


def test_tests_run_this_checkout_from_any_folder(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import checkout_env

    code = "import bsec_plan; print(bsec_plan.__file__)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=checkout_env(),
    ).stdout
    assert out.startswith(str(ROOT / "bsec_plan"))
