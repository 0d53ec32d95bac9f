"""Broken input thrown at the loader: it ends in exit 0 or 1 with located problems, never a crash."""

import contextlib
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLAN, ROOT, as_from_a_shell
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bsec_plan.cli import check as checkcmd

ORIGINAL = PLAN.read_bytes()
LINES = ORIGINAL.split(b"\n")


def _check(tmp_path: Path, data: bytes) -> tuple[int, str]:
    path = tmp_path / "plan.yaml"
    path.write_bytes(data)
    # the registers the plan names, beside it, so that the mutations reach the plan's own rules
    (tmp_path / "registers.yaml").write_bytes((PLAN.parent / "registers.yaml").read_bytes())
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = checkcmd.run([str(path)])
    return code, err.getvalue()


def _assert_located_inside(data: bytes, report: str, path_prefix: str) -> None:
    lines = data.decode("utf-8", "replace").split("\n")
    for entry in report.splitlines():
        if not entry.startswith(path_prefix):
            assert entry.endswith(
                ("problem found", "problems found", "more problem", "more problems")
            ), entry
            continue
        line_text, col_text, rest = entry[len(path_prefix) :].split(":", 2)
        assert rest.startswith(" error: ")
        line, col = int(line_text), int(col_text)
        assert 1 <= line <= len(lines), entry
        assert 1 <= col <= len(lines[line - 1]) + 1, entry


def _mutations() -> st.SearchStrategy[bytes]:
    index = st.integers(min_value=0, max_value=len(LINES) - 1)
    delete = st.builds(lambda i: LINES[:i] + LINES[i + 1 :], index)
    duplicate = st.builds(lambda i: LINES[: i + 1] + LINES[i:], index)
    swap = st.builds(lambda i, j: _swap(LINES, i, j), index, index)
    indent = st.builds(
        lambda i, n: [*LINES[:i], b" " * n + LINES[i].lstrip(), *LINES[i + 1 :]],
        index,
        st.integers(0, 12),
    )
    scalar = st.builds(
        lambda i, value: [*LINES[:i], LINES[i].split(b":")[0] + b": " + value, *LINES[i + 1 :]],
        index,
        st.sampled_from(
            [
                b"NO",
                b"1:20",
                b"2011-13-01",
                b"0000-00-00",
                b"~",
                b"[]",
                b"{}",
                b"&a x",
                b"*a",
                b"!!int 3",
                b"'",
                b'"',
                b"- x",
                b"XX",
                # long dotted sources, odd addresses, huge periods
                b'"' + b"a." * 5000 + b'a"',
                b'"https://' + b"a." * 3000 + b'a/x"',
                b'"https://x.example/a; http://[oops/"',
                b'"https://ex\\uff0fample.com/p"',
                b'"http://[::1/"',
                b'"https://x.example:99999/a"',
                b"unian.net/world/1.html",
                b"{start: 1900-01, end: 2199-12}",
                b"{start: 0001-01, end: 9998-12}",
            ]
        ),
    )
    many = st.builds(  # a line repeated into thousands of problems
        lambda i, n: [*LINES[: i + 1], *[LINES[i]] * n, *LINES[i + 1 :]],
        index,
        st.integers(100, 3000),
    )
    noise = st.builds(
        lambda i, junk: [*LINES[:i], LINES[i] + junk, *LINES[i + 1 :]],
        index,
        st.binary(min_size=1, max_size=8),
    )
    return st.lists(
        st.one_of(delete, duplicate, swap, indent, scalar, noise, many), min_size=1, max_size=1
    ).map(lambda m: b"\n".join(m[0]))


def _swap(lines: list[bytes], i: int, j: int) -> list[bytes]:
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


# BSEC_PLAN_FUZZ=N runs N examples of each fuzzer instead of the few that keep CI quick
FUZZ = int(os.environ.get("BSEC_PLAN_FUZZ") or 0)


@settings(
    max_examples=FUZZ or 200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=_mutations())
def test_mutated_plan_never_crashes_and_points_inside_the_file(
    tmp_path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BSEC_PLAN_CACHE", "")
    code, report = _check(tmp_path, data)
    assert code in (0, 1)
    assert "Traceback" not in report
    if code == 1:
        _assert_located_inside(data, report, str(tmp_path / "plan.yaml") + ":")


@settings(
    max_examples=FUZZ or 100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    position=st.integers(min_value=0, max_value=len(ORIGINAL)),
    junk=st.binary(min_size=1, max_size=16),
)
def test_random_bytes_anywhere(
    tmp_path: Path, position: int, junk: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BSEC_PLAN_CACHE", "")
    data = ORIGINAL[:position] + junk + ORIGINAL[position:]
    code, report = _check(tmp_path, data)
    assert code in (0, 1)
    if code == 1:
        _assert_located_inside(data, report, str(tmp_path / "plan.yaml") + ":")


def _limited(command: list[str], timeout: int = 60) -> subprocess.CompletedProcess[str]:
    """Run with at most 1 GiB of address space: a runaway expansion would fail, not swap."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, timeout=timeout, preexec_fn=limit
    )


def test_alias_bomb_and_deep_nesting_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 30):  # 10**30 elements if expanded
        text += f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}" if n > 1 else "*a"] * 10) + "]\n"
    bomb.write_text(text)
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    # libyaml from PyYAML 6.0.4 stops a flow nested 1,000 deep before the loader's own limit of
    # 64 is met ("exceeded maximum nesting depth"); with older ones the loader's limit stops it
    for path, words in (
        (bomb, "aliases (*a) are not allowed"),
        (deep, "nesting"),
    ):
        result = _limited([sys.executable, "-m", "bsec_plan", "check", str(path)])
        assert result.returncode == 1
        assert words in result.stderr
        assert "Traceback" not in result.stderr


def test_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bsec_plan.loading import planfile
    from bsec_plan.problems import PlanError

    monkeypatch.setattr(planfile, "MAX_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 2000 + b"\n")
    with pytest.raises(PlanError) as err:
        planfile.load(big)
    assert (
        str(err.value)
        == f"{big}:1:1: error: the file is larger than 0 MiB; a plan file is refused above that size"
    )


def test_ctrl_c_ends_quietly_with_130(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_plan import plan_text

    big = tmp_path / "big.yaml"
    big.write_text(plan_text(20000))  # seconds of work, so the run is surely not over
    # the tool says on stderr when it has started; the signal lands while modules load or
    # the plan is read, never while Python itself is still starting
    env = {**os.environ, "BSEC_PLAN_CACHE": "", "BSEC_PLAN_SIGNAL_READY": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bsec_plan", "check", str(big)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=as_from_a_shell,  # not the SIGINT a pytest-xdist worker ignores
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == "bsec-plan: ready\n"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (130, "", "")


def test_closed_pipe_after_the_first_line() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m bsec_plan overdue --as-of 2012-01-01 | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout == "Plan file: data/plan.yaml\n"
    assert proc.stderr == ""
