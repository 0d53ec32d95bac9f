"""Bounded work on any input: many problems, long sources, odd addresses, plans that would expand
without end; and every problem of a file in one run."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from bsec_plan import __main__ as entry
from bsec_plan.cli import check as checkcmd
from bsec_plan.writers import html
from bsec_plan.writers import problems as problem_writer

BROKEN = ROOT / "tests" / "broken"
MINIMAL = (ROOT / "tests" / "plans" / "minimal.yaml").read_text()


def _check(*args: str, fmt: str = "text") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = checkcmd.run(list(args), fmt)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def twenty_thousand_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BSEC_PLAN_CACHE", "")
    path = tmp_path / "twenty-thousand-problems.yaml"
    path.write_text("- 1\n" * 20_000)
    return path


def test_twenty_thousand_problems_show_the_first_200_and_count_all(
    twenty_thousand_problems: Path,
) -> None:
    code, _, err = _check(str(twenty_thousand_problems))
    lines = err.splitlines()
    assert code == 1
    assert len(lines) == problem_writer.MAX_SHOWN + 2
    assert lines[0] == (
        f"{twenty_thousand_problems}:1:3: error: other YAML tools read 1 as a number, not text; "
        'quote it: "1"'
    )
    assert lines[199].startswith(f"{twenty_thousand_problems}:200:3: error: ")
    assert lines[-2:] == ["… and 19800 more problems", "20000 problems found"]


def test_twenty_thousand_problems_in_json_count_all(twenty_thousand_problems: Path) -> None:
    code, out, _ = _check(str(twenty_thousand_problems), fmt="json")
    doc = json.loads(out)
    assert code == 1
    assert doc["problem_count"] == 20_000
    assert len(doc["problems"]) == problem_writer.MAX_SHOWN
    assert doc["problems"][-1]["line"] == 200


def test_twenty_thousand_problems_in_github_annotate_200(
    twenty_thousand_problems: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = _check(str(twenty_thousand_problems), fmt="github")
    assert code == 1
    assert out.count("::error ") == problem_writer.MAX_SHOWN
    assert err.splitlines()[-2:] == ["… and 19800 more problems", "20000 problems found"]
    text = summary.read_text()
    assert text.count("| 3 |") == problem_writer.MAX_SHOWN
    assert "… and 19800 more problems" in text


def test_a_source_of_twenty_thousand_dots_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "source-twenty-thousand-dots.yaml"
    path.write_text(
        MINIMAL.replace('"https://treaties.example/agreement"', '"' + "a." * 20_000 + 'a"')
    )
    code, _, err = _check(str(path))
    assert code == 1
    assert f"{path}:26:86: error: instruments[agreement].source: the source 'a.a.a." in err
    assert "...' cannot be followed" in err


def test_an_address_of_twenty_thousand_dots_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "address-twenty-thousand-dots.yaml"
    path.write_text(
        MINIMAL.replace(
            '"https://treaties.example/agreement"', '"https://' + "a." * 20_000 + 'a/x"'
        )
    )
    code, _, err = _check(str(path))
    assert code == 1
    assert "the address is longer than 2000 characters" in err


@pytest.mark.parametrize(
    "name, words",
    [
        ("source-address-bracket", "26:86: error: instruments[agreement].source: the address "
         "holds '[', which an address cannot hold: 'http://[oops/'"),
        ("source-address-fullwidth-slash", "26:86: error: instruments[agreement].source: the "
         "address cannot be read: netloc 'ex／ample.com' contains invalid characters"),
        ("source-address-without-scheme", "26:86: error: instruments[agreement].source: the "
         "address has no scheme; write it in full, starting with https:// or http://"),
    ],
)  # fmt: skip
def test_addresses_the_page_cannot_link_are_refused(name: str, words: str) -> None:
    path = f"tests/broken/{name}.yaml"
    code, _, err = _check(str(ROOT / path))
    assert code == 1
    assert f"{ROOT / path}:{words}" in err


@pytest.mark.parametrize(
    "source",
    [
        "https://x.example/a; http://[oops/",
        "https://ex\uff0fample.com/p",
        "http://[::1/",
        "https://x.example:99999/a",
        "https://x.example:port/a",
        "https://\u2100.example/a",
    ],
)
def test_the_page_never_fails_on_an_odd_address(source: str) -> None:
    last = html.links(source)[-1]  # the odd piece is last: it stays text, as written
    assert last == {"text": source.split("; ")[-1], "href": None}


def test_a_period_of_three_centuries_is_refused() -> None:
    code, _, err = _check(str(BROKEN / "period-three-centuries.yaml"))
    assert code == 1
    assert err.splitlines() == [
        f"{BROKEN / 'period-three-centuries.yaml'}:2:31: error: period.end: the period runs "
        "from 1900-01 to 2199-12; a plan's period is at most 50 years",
        "1 problem found",
    ]


def test_a_plan_of_more_than_400000_occurrences_is_refused(tmp_path: Path) -> None:
    # 4,001 actions due each semester for 50 years: 400,100 occurrences
    extra = "".join(
        f"      - id: A.{i}\n        text: x\n"
        "        deadline: {wording: Each semester., kind: each-semester}\n"
        for i in range(3, 4003)
    )
    text = MINIMAL.replace(
        "period: {start: 2009-05, end: 2011-06}", "period: {start: 1990-01, end: 2039-12}"
    )
    text = text.replace(
        "          kind: each-semester\n", "          kind: each-semester\n" + extra, 1
    )
    path = tmp_path / "four-hundred-thousand-occurrences.yaml"
    path.write_text(text)
    code, _, err = _check(str(path))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path}:12018:19: error: directions[A].actions[A.4001].deadline: with this action the "
        "plan's actions fall due more than 400,000 times in its period; a plan is limited to "
        "that many occurrences"
    )


def test_the_ten_thousand_action_benchmark_plan_is_accepted(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_plan import plan_text

    path = tmp_path / "plan-10k.yaml"
    path.write_text(plan_text(10_000))
    code, out, err = _check(str(path))
    assert (code, err) == (0, "")
    assert "10000 actions" in out


@pytest.mark.parametrize("failure", [MemoryError(), RecursionError("maximum recursion depth")])
def test_running_out_of_memory_or_stack_is_one_line_and_exit_3(
    failure: Exception, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(args: list[str]) -> int:
        raise failure

    monkeypatch.setattr(entry, "_run", fail)
    assert entry.main(["status"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith("bsec-plan: internal error")
    assert type(failure).__name__ in captured.err


def test_a_failure_while_ending_is_still_exit_3(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def fail(args: list[str]) -> int:
        raise MemoryError

    def fail_again(err: BaseException) -> int:
        raise MemoryError

    monkeypatch.setattr(entry, "_run", fail)
    monkeypatch.setattr(entry, "_out_of_memory", fail_again)
    assert entry.main(["status"]) == 3
    assert (
        capfd.readouterr().err == "bsec-plan: internal error (a bug): the run failed while ending\n"
    )


def test_one_problem_of_each_kind_is_reported_in_one_run() -> None:
    path = BROKEN / "one-problem-of-each-kind.yaml"
    code, _, err = _check(str(path))
    assert code == 1
    assert err.splitlines() == [
        f"{path}:24:9: error: directions[A].actions[A.3]: unknown key 'dedline'; did you mean "
        "'deadline'?",
        f"{path}:27:23: error: directions[A].actions[A.4].instruments[0]: instrument "
        "'convention' is not declared under `instruments` (declared: agreement, protocol)",
        f"{path}:40:24: error: chairmanships[1].start: '2010-13' is not a date: month 13 is "
        "not in 01-12",
        "3 problems found",
    ]


def test_a_reference_to_a_record_set_aside_is_not_reported(tmp_path: Path) -> None:
    # the state GR has a bad field; the records naming GR are not "undeclared" for it
    path = tmp_path / "state-with-bad-field.yaml"
    path.write_text(
        MINIMAL.replace("{code: GR, name: Greece}", "{code: GR, name: Greece, member_since: 13}")
    )
    code, _, err = _check(str(path))
    assert code == 1
    assert "not declared" not in err
    assert err.splitlines()[-1] == "1 problem found"


def test_warnings_of_a_plan_on_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bsec_plan", "check", "-"],
        input=(ROOT / "tests" / "warnings" / "chairmanship-gap.yaml").read_bytes(),
        capture_output=True,
        cwd=ROOT,
        env={"BSEC_PLAN_CACHE": "", "PATH": "/usr/bin:/bin"},
    )
    err = result.stderr.decode()
    assert result.returncode == 0
    assert err.splitlines() == [
        "<stdin>:35:24: warning: chairmanships[1].start: no Chairmanship-in-Office between the "
        "term of GR (ends 2010-06) and the term of RO (starts 2010-09): 2010-07-01 – 2010-08-31 "
        "(62 days)",
        "1 warning found",
    ]


def test_a_registers_line_of_two_hundred_thousand_spaces_is_read_in_one_pass(
    tmp_path: Path,
) -> None:
    """The registers line is read once, by the parser; a backtracking pattern that guessed it
    for the cache took minutes on such a line before any answer."""
    plan = tmp_path / "registers-line-of-spaces.yaml"
    plan.write_text("registers: a" + " " * 200_000 + "b\n" + MINIMAL)
    env = {"BSEC_PLAN_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "bsec_plan", "overdue", "--plan", str(plan)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,  # a bound on a hang, not a timing: one pass takes milliseconds
    )
    assert result.returncode == 2
    assert "registers" in result.stderr and "Traceback" not in result.stderr
