"""Broken plan files, each named after how it is broken: one located line per problem."""

from pathlib import Path

import pytest
from conftest import ROOT, TESTS, run_cli

from bsec_plan.loading import discovery, planfile
from bsec_plan.problems import PlanError

BROKEN = TESTS / "broken"

# file -> the first problem's (line, column) and words of its message
EXPECTED = {
    "yaml-syntax-error.yaml": (19, 17, "YAML syntax: while parsing a flow sequence"),
    "tab-indentation.yaml": (15, 1, "a tab character cannot indent YAML"),
    "duplicate-key-top.yaml": (2, 1, "duplicate key 'title' (first defined at line 1)"),
    "duplicate-key-nested.yaml": (22, 11, "duplicate key 'kind' (first defined at line 21)"),
    "unknown-key-dedline.yaml": (
        19,
        9,
        "directions[A].actions[A.2]: unknown key 'dedline'; did you mean 'deadline'?",
    ),
    "date-month-13.yaml": (
        36,
        46,
        "progress[0].date: '2011-13-01' is not a date: month 13 is not in 01-12",
    ),
    "date-all-zero.yaml": (
        31,
        76,
        "ratifications[0].events[0].date: '0000-00-00' is outside the years",
    ),
    "date-fullwidth-digits.yaml": (
        31,
        76,
        "ratifications[0].events[0].date: '２００３-05-08' is not a date",
    ),
    "date-year-9999.yaml": (2, 31, "period.end: '9999-12' is outside the years 1900-2199"),
    "chairmanship-ending-in-9999.yaml": (33, 38, "chairmanships[0].end: '9999-12' is outside"),
    "control-character-escape-in-text.yaml": (
        15,
        15,
        r"a control character in the text 'Organize \x1b[1A\x1b[2K the meetings.'",
    ),
    "control-character-csi-in-key.yaml": (4, 3, r"a control character in the key 'text\x9b'"),
    "bidi-override.yaml": (15, 15, r"a bidirectional control U+202E in the text 'Organize \u202e"),
    "zero-width-space-in-key.yaml": (14, 9, "directions[A].actions[A.2]: missing key 'text'"),
    "undeclared-party-named-in-markup.yaml": (18, 21, "responsible party '</table><details>"),
    "undeclared-state.yaml": (
        31,
        13,
        "ratifications[0].state: state 'XX' is not declared under `states`",
    ),
    "undeclared-responsible-party.yaml": (18, 21, "responsible party 'chiar' is not declared"),
    "progress-outside-period.yaml": (36, 31, "A.2 has no occurrence '2011-H2' in the plan period"),
    "empty.yaml": (1, 1, "the file is empty"),
    "top-level-list.yaml": (1, 1, "the plan must be a mapping"),
    "not-utf8.yaml": (23, 25, "byte 0xe2 is not UTF-8"),
    "alias-bomb.yaml": (2, 8, "aliases (*a) are not allowed"),
    "deeply-nested.yaml": (1, 71, "nesting deeper than 64 levels"),
    "unquoted-boolean.yaml": (
        21,
        17,
        'other YAML tools read NO as a boolean, not text; quote it: "NO"',
    ),
    "unquoted-number.yaml": (
        20,
        20,
        'other YAML tools read 2011. as a number, not text; quote it: "2011."',
    ),
    "deposit-before-consent.yaml": (35, 32, "deposit dated 2003-01-10, before the consent"),
    "second-deposit.yaml": (36, 17, "a second deposit for RO and 'protocol'"),
    "in-force-before-deposit.yaml": (
        45,
        41,
        "entry into force dated 2003-02-15, before the deposit",
    ),
    "entry-into-force-rule-without-source.yaml": (34, 7, "missing key 'source'"),
    "reservation-without-text.yaml": (36, 9, "missing key 'text'"),
    "ratified-before-instrument.yaml": (
        31,
        76,
        "ratification dated 2001-01-01, before the instrument was done on 2002-03-15",
    ),
    # one file per cross-reference rule
    "duplicate-state-code.yaml": (26, 12, "states[RO].code: duplicate state 'RO'"),
    "action-under-wrong-direction.yaml": (15, 13, "action 'B.2' is listed under direction A"),
    "undeclared-instrument.yaml": (14, 35, "instrument 'protocl' is not declared"),
    "second-ratification-record.yaml": (33, 5, "a second record for RO and 'protocol'"),
    "ratification-without-events.yaml": (32, 5, "a ratification record needs at least one event"),
    "term-reversed.yaml": (34, 24, "the term starts (2010-07) after it ends (2010-06)"),
    "terms-overlap.yaml": (
        35,
        24,
        "the term of RO starts (2010-06-15) before the term of GR ends (2010-06-30): "
        "2010-06-15 – 2010-06-30 (16 days) held by both",
    ),
    "source-names-only-a-site.yaml": (
        32,
        96,
        "events[0].source: the source names the site 'lege5.ro' but not the page",
    ),
    "source-vague.yaml": (37, 95, "progress[0].source: the source 'a report' cannot be followed"),
    "source-empty.yaml": (
        34,
        55,
        "chairmanships[0].source: String should have at least 1 character",
    ),
    "period-reversed.yaml": (
        2,
        17,
        "period.start: the period starts (2011-06) after it ends (2009-05)",
    ),
    "period-three-centuries.yaml": (2, 31, "a plan's period is at most 50 years"),
    "occurrences-over-the-limit.yaml": (
        4020,
        41,
        "actions[A.4001].deadline: with this action the plan's actions fall due more than 400,000 times",
    ),
    "source-address-bracket.yaml": (26, 86, "the address holds '['"),
    "source-address-fullwidth-slash.yaml": (26, 86, "the address cannot be read: netloc"),
    "source-address-without-scheme.yaml": (26, 86, "the address has no scheme"),
    "one-problem-of-each-kind.yaml": (24, 9, "unknown key 'dedline'; did you mean 'deadline'?"),
    "enumerated-values-misspelt.yaml": (21, 17, "(did you mean 'each-semester'?)"),
    "ids-misspelt.yaml": (31, 13, "state 'RU' is not declared"),
    "indentation-key-too-deep.yaml": (21, 13, "indentation: `kind` is at column 13, its siblings"),
    "indentation-item-too-shallow.yaml": (24, 2, "indentation: the list item is at column 2"),
    "indentation-key-slipped-under-prose.yaml": (
        18,
        7,
        "indentation: `responsible` is at column 7, its siblings at column 9",
    ),
    "registers-missing.yaml": (2, 12, "cannot read the registers file"),
    "registers-is-a-folder.yaml": (2, 12, "is a directory, not a registers file"),
    "registers-absolute-path.yaml": (2, 12, "is not relative"),
    "registers-invalid.yaml": (2, 12, "registers-names-unknown-instrument.yaml is invalid"),
    "registers-and-states-inline.yaml": (27, 1, "`states` belongs in"),
    "registers-lack-a-state-the-plan-names.yaml": (19, 41, "responsible party 'TR'"),
    "registers-names-unknown-instrument.yaml": (1, 1, "holds registers"),
    "registers-bad-date-misspelt-key-and-undeclared-instrument.yaml": (1, 1, "holds registers"),
}


# `check` reads a registers file as registers, where a query reading it as a plan refuses it
CHECKED_AT = {
    "registers-names-unknown-instrument.yaml": (10, 29),
    "registers-bad-date-misspelt-key-and-undeclared-instrument.yaml": (6, 83),
}


def test_every_broken_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_refused_at_the_right_place(name: str) -> None:
    line, col, words = EXPECTED[name]
    path = BROKEN / name
    with pytest.raises(PlanError) as err:
        planfile.load(path)
    first = err.value.problems[0]
    assert (first.file, first.line, first.col) == (str(path), line, col)
    assert words in first.message
    # a plan whose registers are broken has a note at its `registers:` line, the errors in them
    assert str(first).startswith(tuple(f"{path}:{line}:{col}: {k}: " for k in ("error", "note")))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_rejects_broken_file_with_exit_1_and_no_traceback(name: str) -> None:
    result = run_cli("check", f"tests/broken/{name}")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    line, col = CHECKED_AT.get(name, EXPECTED[name][:2])
    at = f"tests/broken/{name}:{line}:{col}"
    assert result.stderr.splitlines()[0].startswith((f"{at}: error: ", f"{at}: note: "))


def test_alias_bomb_reports_each_alias_and_expands_nothing() -> None:
    with pytest.raises(PlanError) as err:
        planfile.load(BROKEN / "alias-bomb.yaml")
    assert len(err.value.problems) == 8 * 9


def test_every_problem_is_reported_at_once_sorted(tmp_path: Path) -> None:
    text = (TESTS / "plans" / "minimal.yaml").read_text()
    path = tmp_path / "plan.yaml"
    path.write_text(
        text.replace("kind: each-semester", "kind: weekly").replace(
            "title: Meetings", "titel: Meetings"
        )
    )
    with pytest.raises(PlanError) as err:
        planfile.load(path)
    problems = err.value.problems
    assert [(p.line, p.col) for p in problems] == [(7, 5), (8, 5), (21, 17)]
    assert [p.message.split(": ", 1)[1] for p in problems] == [
        "missing key 'title'",
        "unknown key 'titel'; did you mean 'title'?",
        "Input should be 'fixed', 'each-semester', 'each-february-after-year' or 'permanent'; found 'weekly'",
    ]


def test_missing_file_is_a_finding_for_check(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'nope.yaml'}:1:1: error: no such file")


def test_a_folder_without_yaml_is_a_finding_for_check(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path))  # a folder with files: each YAML file is checked
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path}:1:1: error: is a directory, not a plan file")


def test_query_on_invalid_plan_exits_2_with_located_errors() -> None:
    result = run_cli(
        "overdue", "--plan", "tests/broken/undeclared-state.yaml", "--as-of", "2010-06-01"
    )
    assert result.returncode == 2
    assert result.stderr.startswith("tests/broken/undeclared-state.yaml:31:13: error: ")
    assert result.stdout == ""


def test_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BSEC_PLAN", raising=False)
    assert discovery.resolve(None) == discovery.bundled_plan()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.yaml").write_text("x: 1\n")
    assert discovery.resolve(None) == Path("data/plan.yaml")
    monkeypatch.setenv("BSEC_PLAN", "/elsewhere.yaml")
    assert discovery.resolve(None) == Path("/elsewhere.yaml")
    assert discovery.resolve("given.yaml") == Path("given.yaml")


def test_bundled_plan_is_the_repository_plan() -> None:
    assert discovery.bundled_plan().read_bytes() == (ROOT / "data" / "plan.yaml").read_bytes()
