"""Hostile inputs and surroundings, tried as an attacker and as an unlucky user would: a planted
cache, odd paths and files, full devices, closed pipes, narrow encodings, odd git set-ups.
Each ends in its documented exit code with a clear message, and nothing is clobbered."""

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import pickle
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import pytest
from conftest import ONE_FILE_PLAN, ROOT, TESTS, checkout_env, run_cli, run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inprocess import needs_a_process

from bsec_plan import __main__ as entry
from bsec_plan.cli import app as cli
from bsec_plan.loading import cache, planfile, revisions
from bsec_plan.problems import Problem
from bsec_plan.safetext import has_control, visible
from bsec_plan.writers import files as outfile
from bsec_plan.writers import problems as problem_writer

MINIMAL = TESTS / "plans" / "minimal.yaml"
AS_OF = ("--as-of", "2010-06-01")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _run(
    args: Sequence[str | bytes], cwd: Path = ROOT, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """Like run_cli, with arguments as bytes where a test needs a non-UTF-8 name; in a process
    of its own where the test gives it streams or an environment only a process can have."""
    if not kwargs and not needs_a_process(checkout_env({**os.environ, **(env or {})})):
        return run_main(*args, cwd=cwd, env={**os.environ, **(env or {})})
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "bsec_plan", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=60,
        **kwargs,
    )


# --- the cache ------------------------------------------------------------------------------


def _plan_copy(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


def _only_entry(folder: Path) -> Path:
    (entry,) = folder.iterdir()
    return entry


def _forge(folder: Path, data: bytes, text: str) -> None:
    """An entry for exactly `data` whose plan says `text` for A.2, as an attacker would write it."""
    real = planfile.parse(data.decode(), "x")
    real.directions[0].actions[1].text = text
    cache.put(data, real)


def test_entries_are_json_with_the_plan_digest_first(tmp_path: Path, cache_dir: Path) -> None:
    path = _plan_copy(tmp_path)
    planfile.load(path)
    header, digest, rest = _only_entry(cache_dir).read_bytes().split(b"\n", 2)
    assert header.startswith(b"bsec-plan-cache ")
    assert digest.decode() == hashlib.blake2b(rest, digest_size=32).hexdigest()
    registers, payload = rest.split(b"\n", 1)
    assert registers == b"-"  # the plan names no registers file
    assert list(json.loads(payload)) == ["Plan"]
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700


def test_a_planted_pickle_never_runs(tmp_path: Path, cache_dir: Path) -> None:
    path = _plan_copy(tmp_path)
    planfile.load(path)
    entry = _only_entry(cache_dir)
    marker = tmp_path / "planted-code-ran"

    class Payload:
        def __reduce__(self) -> tuple[Callable[..., object], tuple[str, str]]:
            return (open, (str(marker), "w"))

    entry.write_bytes(pickle.dumps(Payload()))
    assert planfile.load(path).actions["A.2"].text == "Organize the meetings."
    assert not marker.exists()


@pytest.mark.parametrize("where", ["folder writable by others", "entry writable by others"])
def test_an_entry_others_could_write_is_never_read(
    tmp_path: Path, cache_dir: Path, where: str
) -> None:
    path = _plan_copy(tmp_path)
    _forge(cache_dir, path.read_bytes(), "Forged.")
    assert planfile.load(path).actions["A.2"].text == "Forged."  # the user's own entry is used
    target = cache_dir if where.startswith("folder") else _only_entry(cache_dir)
    target.chmod(target.stat().st_mode | 0o022)
    assert planfile.load(path).actions["A.2"].text == "Organize the meetings."


@pytest.mark.skipif(not IS_ROOT, reason="giving a file to another user needs root")
@pytest.mark.parametrize("what", ["folder", "entry"])
def test_an_entry_or_folder_of_another_user_is_never_read(
    tmp_path: Path, cache_dir: Path, what: str
) -> None:
    path = _plan_copy(tmp_path)
    _forge(cache_dir, path.read_bytes(), "Forged.")
    os.chown(cache_dir if what == "folder" else _only_entry(cache_dir), 65534, 65534)
    assert planfile.load(path).actions["A.2"].text == "Organize the meetings."


def test_an_entry_for_other_bytes_is_never_used(tmp_path: Path, cache_dir: Path) -> None:
    path = _plan_copy(tmp_path)
    planfile.load(path)
    entry = _only_entry(cache_dir)
    edited = path.read_bytes().replace(b"Organize the meetings.", b"Organise the meetings.")
    _forge(cache_dir, edited, "Forged.")
    forged = next(p for p in cache_dir.iterdir() if p != entry)
    forged.replace(entry)  # the right name, the digest of other bytes inside
    assert planfile.load(path).actions["A.2"].text == "Organize the meetings."


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_a_symlink_or_fifo_at_an_entry_is_refused_without_waiting(
    tmp_path: Path, cache_dir: Path, kind: str
) -> None:
    path = _plan_copy(tmp_path)
    planfile.load(path)
    entry = _only_entry(cache_dir)
    entry.unlink()
    if kind == "symlink":
        good = tmp_path / "elsewhere"
        _forge(cache_dir, path.read_bytes(), "Forged.")
        _only_entry(cache_dir).replace(good)
        entry.symlink_to(good)
    else:
        os.mkfifo(entry)
    # in a child process, so that a wait on the FIFO would fail the test instead of hanging it
    result = _run(["overdue", "--plan", str(path), *AS_OF], env={"BSEC_PLAN_CACHE": str(cache_dir)})
    assert result.returncode == 0
    assert b"Forged." not in result.stdout


def test_check_validates_the_file_itself_whatever_the_cache_says(
    tmp_path: Path, cache_dir: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(MINIMAL.read_bytes().replace(b"each-semester", b"weekly"))
    cache.put(broken.read_bytes(), planfile.parse(MINIMAL.read_text(), "x"))  # a lying entry
    result = run_cli("check", str(broken), env={**os.environ, "BSEC_PLAN_CACHE": str(cache_dir)})
    assert result.returncode == 1
    assert "Input should be" in result.stderr


def test_the_oldest_entries_are_evicted_beyond_the_limit(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _plan_copy(tmp_path)
    planfile.load(path)
    size = _only_entry(cache_dir).stat().st_size
    monkeypatch.setattr(cache, "LIMIT", 3 * size + size // 2)
    texts = [f"Meeting number {n}." for n in range(6)]
    for n, text in enumerate(texts):
        data = path.read_bytes().replace(b"Organize the meetings.", text.encode())
        _forge(cache_dir, data, text)
        for item in cache_dir.iterdir():  # a clear order of age, whatever the clock's grain
            if text.encode() in item.read_bytes():
                os.utime(item, ns=(n * 10**9, n * 10**9))
    kept = sorted(cache_dir.iterdir())
    assert len(kept) == 3
    assert sum(p.stat().st_size for p in kept) <= cache.LIMIT
    assert any(texts[-1].encode() in p.read_bytes() for p in kept)  # the newest stays


def test_an_interrupted_write_leaves_no_temp_file(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _plan_copy(tmp_path)

    def interrupted(*args: object, **kwargs: object) -> NoReturn:
        raise KeyboardInterrupt

    monkeypatch.setattr("bsec_plan.loading.cache.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        planfile.load(path)
    assert list(cache_dir.iterdir()) == []


def test_a_relative_xdg_cache_home_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("BSEC_PLAN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.directory() == tmp_path / ".cache" / "bsec-plan"


def test_help_never_answers_from_a_stale_run(tmp_path: Path) -> None:
    # once, a help cache keyed on "--help" anywhere kept answering this with an old result
    first = run_cli("overdue", "--plan", "--help", *AS_OF, cwd=tmp_path)
    second = run_cli("overdue", "--plan", "--help", *AS_OF, cwd=tmp_path)
    assert first.returncode == second.returncode == 2
    assert first.stderr == second.stderr == "--help:1:1: error: no such file\n"


# --- plan paths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", ""], "an empty plan file name"),
        (["overdue", "--plan", ""], "an empty plan file name"),
        (["overdue", "--state", "", *AS_OF], "--state: an empty Member State code"),
        (["overdue", "--as-of", "٢٠١٠-٠٦-٠١"], "is not an ISO date"),
        (["overdue", "--as-of", "２０１０-06-01"], "is not an ISO date"),
        (["overdue", "--as-of", "9999-12-31"], "outside the years 1900-2199"),
    ],
)
def test_empty_names_and_non_ascii_or_far_dates_are_usage_errors(
    args: list[str], words: str
) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("bsec-plan: error: ")
    assert words in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "char device", "fd symlink to a pipe", "directory"])
def test_a_plan_path_that_is_no_regular_file_is_refused_without_blocking(
    tmp_path: Path, kind: str
) -> None:
    if kind == "fifo":
        target = tmp_path / "plan.yaml"
        os.mkfifo(target)
    elif kind == "char device":
        target = Path("/dev/zero")
    elif kind == "directory":
        target = tmp_path
    else:
        target = Path("/proc/self/fd/0")
    result = _run(["check", str(target)], stdin=subprocess.PIPE)  # stdin: a pipe left open
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"{target}:1:1: error: is ")


def test_a_plan_path_not_in_utf8(tmp_path: Path) -> None:
    name = os.fsencode(str(tmp_path)) + b"/plan-\xff.yaml"
    with open(name, "wb") as f:
        f.write(MINIMAL.read_bytes())
    result = _run([b"check", name])
    assert result.returncode == 0
    assert b"plan-\\udcff.yaml: valid" in result.stdout
    result = _run([b"overdue", b"--plan", name, b"--format", b"json", *[a.encode() for a in AS_OF]])
    assert result.returncode == 0
    assert json.loads(result.stdout)["plan"].endswith("plan-\udcff.yaml")


# --- calendar -o FILE -----------------------------------------------------------------------------

CALENDAR = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def test_a_new_file_gets_0666_less_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        outfile.write(CALENDAR, str(tmp_path / "new.ics"), sys.stdout.buffer)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.ics").stat().st_mode) == 0o640


def test_an_existing_file_keeps_its_mode_and_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "published.ics"
    target.write_bytes(b"old")
    target.chmod(0o644)
    before = target.stat().st_ino
    outfile.write(CALENDAR, str(target), sys.stdout.buffer)
    assert target.read_bytes() == CALENDAR
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.stat().st_ino != before  # a new file renamed into place: readers see old or new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.ics"]


def test_a_symlink_is_followed_and_stays(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    outfile.write(CALENDAR, str(link), sys.stdout.buffer)
    assert link.is_symlink()
    assert real.read_bytes() == CALENDAR


def test_a_fifo_and_a_char_device_are_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    outfile.write(CALENDAR, str(fifo), sys.stdout.buffer)
    reader.join(timeout=30)
    assert received == [CALENDAR]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    result = run_cli("calendar", "--format", "ics", "-o", "/dev/null", *AS_OF)
    assert result.returncode == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("name", ["folder", "folder/", "missing/", ""])
def test_a_folder_or_an_empty_name_is_refused_with_exit_2(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    result = run_cli("calendar", "--format", "ics", "-o", name, *AS_OF, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"bsec-plan: error: --output: cannot write '{name}': ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
    assert list((tmp_path / "folder").iterdir()) == []


def test_an_interrupted_ics_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cal.ics"
    target.write_bytes(b"old")

    def interrupted(fd: int) -> NoReturn:
        raise KeyboardInterrupt

    monkeypatch.setattr("bsec_plan.writers.files.os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        outfile.write(CALENDAR, str(target), sys.stdout.buffer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.ics"]
    assert target.read_bytes() == b"old"


# --- failures to write, interrupted runs, bugs ------------------------------------------------

EVERY_COMMAND = [
    ["status", *AS_OF],
    ["status", "--format", "json", *AS_OF],
    ["overdue", *AS_OF],
    ["overdue", "--format", "csv", *AS_OF],
    ["states", *AS_OF],
    ["show", "A.2", *AS_OF],
    ["calendar", *AS_OF],
    ["calendar", "--format", "grid", *AS_OF],
    ["calendar", "--format", "ics", *AS_OF],
    ["check"],
    ["check", "--format", "json"],
    ["schema"],
    ["diff", "data/plan.yaml", "data/plan.yaml", "--format", "markdown"],
    ["--help"],
    ["overdue", "--help"],
    ["--version"],
]


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_a_full_device_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = _run(args, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith("bsec-plan: error: ")
    assert line.endswith("cannot write the output: No space left on device") or "ics" in args


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_a_closed_pipe_ends_quietly_as_sigpipe_does(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        result = _run(args, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert result.returncode == -signal.SIGPIPE  # a shell reports 141
    assert result.stderr == b""


def test_a_closed_stdout_is_not_a_crash() -> None:
    result = _run(["overdue", *AS_OF], pass_fds=(), preexec_fn=lambda: os.close(1))
    assert result.returncode == 0
    assert result.stderr == b""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args", [["status", *AS_OF], ["calendar", *AS_OF], ["schema"], ["--help"]], ids=" ".join
)
def test_any_terminal_encoding_writes_escapes(encoding: str, args: list[str]) -> None:
    result = _run(args, env={"PYTHONIOENCODING": encoding})
    assert (result.returncode, result.stderr) == (0, b"")
    # strictly in the terminal's encoding; but click takes ASCII for a misconfigured locale
    # and writes help in UTF-8
    result.stdout.decode("utf-8" if (encoding, args) == ("ascii", ["--help"]) else encoding)
    if args[0] == "status":
        assert b"(MAY 2009 \\u2013 JUNE 2011)" in result.stdout


def test_an_unexpected_error_is_named_as_a_bug_with_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: list[str]) -> NoReturn:
        raise RuntimeError("something\nimpossible")

    monkeypatch.setattr(cli, "run", broken)
    monkeypatch.delenv("BSEC_PLAN_DEBUG", raising=False)
    assert entry.main(["status"]) == 3
    assert capsys.readouterr().err == (
        "bsec-plan: internal error (a bug): RuntimeError: something impossible\n"
    )
    monkeypatch.setenv("BSEC_PLAN_DEBUG", "1")
    assert entry.main(["status"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith("bsec-plan: internal error (a bug): RuntimeError: something impossible\n")


def test_ctrl_c_inside_the_command_is_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: list[str]) -> NoReturn:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run", interrupted)
    assert entry.main(["status"]) == 130
    assert capsys.readouterr().err == ""


# --- GitHub Actions -----------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["missing folder", "a folder", "a fifo without reader"])
def test_an_unwritable_step_summary_warns_and_keeps_the_exit_code(
    tmp_path: Path, where: str
) -> None:
    target = {
        "missing folder": tmp_path / "no" / "summary.md",
        "a folder": tmp_path,
        "a fifo without reader": tmp_path / "fifo",
    }[where]
    if where.endswith("reader"):
        os.mkfifo(target)
    result = run_cli(
        "check",
        "--format",
        "github",
        "tests/broken/undeclared-state.yaml",
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(target)},
    )
    assert result.returncode == 1
    assert f"bsec-plan: warning: cannot write the step summary '{target}': " in result.stderr
    assert result.stdout.startswith("::error file=tests/broken/undeclared-state.yaml,line=31")


def test_control_characters_are_escaped_in_every_check_report(tmp_path: Path) -> None:
    name = "tests/broken/control-character-escape-in-text.yaml"
    summary = tmp_path / "summary.md"
    result = run_cli(
        "check",
        "--format",
        "github",
        name,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    for text in (result.stdout, result.stderr):
        assert "\x1b" not in text
        assert "Organize \\x1b[1A\\x1b[2K the meetings." in text
    # the summary is Markdown: the backslashes and brackets are escaped to show as written
    assert "\x1b" not in summary.read_text()
    assert "Organize \\\\x1b\\[1A\\\\x1b\\[2K the meetings." in summary.read_text()
    result = run_cli("check", "--format", "json", name)
    assert "\x1b" not in result.stdout
    problem = json.loads(result.stdout)["problems"][0]
    assert problem["message"].startswith("a control character in the text 'Organize \\x1b[1A")


def test_a_file_name_with_control_characters_is_shown_escaped() -> None:
    problem = Problem("evil\x1b]0;title\x07.yaml", 1, 1, "no such file")
    assert str(problem) == "evil\\x1b]0;title\\x07.yaml:1:1: error: no such file"
    assert "\x1b" not in problem_writer.annotation(problem)
    assert "\x1b" not in problem_writer.step_summary([problem])


# --- git ------------------------------------------------------------------------------------------


def _git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env
    ).stdout


def _repo(path: Path) -> Path:
    (path / "data").mkdir(parents=True)
    (path / "data" / "plan.yaml").write_text(ONE_FILE_PLAN, encoding="utf-8")
    _git("init", "-q", "-b", "main", cwd=path)
    _git("add", ".", cwd=path)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "plan", cwd=path)
    return path


@pytest.mark.parametrize("folder", ["ends in a space ", b"not-utf8-\xff"])
def test_a_repository_with_an_odd_name(tmp_path: Path, folder: str | bytes) -> None:
    name = folder if isinstance(folder, str) else os.fsdecode(folder)
    path = _repo(tmp_path / name)
    result = _run(["diff", "main", "--format", "json", *AS_OF], cwd=path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["old"] == "main:data/plan.yaml"
    # and a plan in a folder of such a name, inside the repository
    (path / name).mkdir()
    (path / "data" / "plan.yaml").rename(path / name / "plan .yaml")
    _git("add", "-A", cwd=path)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "moved", cwd=path)
    plan = os.path.join(name, "plan .yaml")
    result = _run(["diff", "main~1", "main", "--plan", plan, "--format", "json", *AS_OF], cwd=path)
    assert result.returncode == 2  # the plan was not there at main~1, and is at main
    shown = plan.encode("utf-8", "backslashreplace")  # a name not in UTF-8 is shown escaped
    assert result.stderr == b"bsec-plan: error: %s does not exist at revision 'main~1'\n" % shown


@pytest.mark.parametrize("relative", [False, True])
def test_git_dir_and_work_tree_are_honoured(tmp_path: Path, relative: bool) -> None:
    path = _repo(tmp_path / "work")
    (path / ".git").rename(tmp_path / "elsewhere.git")
    env = {"GIT_DIR": str(tmp_path / "elsewhere.git"), "GIT_WORK_TREE": str(path)}
    if relative:  # relative to the folder the command runs in, not to the plan's
        env = {"GIT_DIR": "../elsewhere.git", "GIT_WORK_TREE": "."}
    result = _run(["diff", "main", "--format", "json", *AS_OF], cwd=path, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["changes"] == []


def test_a_file_named_like_a_revision_does_not_shadow_it(tmp_path: Path) -> None:
    path = _repo(tmp_path / "repo")
    (path / "main").write_text("not a plan")
    (path / "HEAD").write_text("not a plan")
    result = _run(["diff", "main", "HEAD", "--format", "json", *AS_OF], cwd=path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["new"] == "HEAD:data/plan.yaml"


@pytest.mark.skipif(not IS_ROOT, reason="a repository of another user needs root to make")
def test_a_repository_of_another_user_is_reported_as_such(tmp_path: Path) -> None:
    path = _repo(tmp_path / "theirs")
    for folder, _dirs, files in os.walk(path):
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            os.chown(name, 65534, 65534)
    result = _run(["diff", "main"], cwd=path, env={"GIT_CONFIG_GLOBAL": "/dev/null"})
    assert result.returncode == 2  # found, not read (the discovery's own rule, as git's)
    assert b"data/plan.yaml was found but not read: " in result.stderr
    plan = ["--plan", "data/plan.yaml"]  # named: git still refuses the repository
    result = _run(["diff", "main", *plan], cwd=path, env={"GIT_CONFIG_GLOBAL": "/dev/null"})
    assert result.returncode == 2
    assert b"git refuses to read the repository of data/plan.yaml: it belongs to another user" in (
        result.stderr
    )


def test_an_unreadable_blob_is_not_called_missing(tmp_path: Path) -> None:
    path = _repo(tmp_path / "repo")
    blob = _git("rev-parse", "main:data/plan.yaml", cwd=path).strip()
    (path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()  # as a partial clone lacks it
    result = _run(["diff", "main"], cwd=path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.startswith("bsec-plan: error: cannot read main:data/plan.yaml: ")
    assert "does not exist" not in err


def test_a_hanging_git_is_stopped_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    pids = tmp_path / "child.pid"
    fake.write_text(f"#!/bin/sh\nsleep 600 &\necho $! > {pids}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(revisions, "TIMEOUT", 1.0)
    with pytest.raises(revisions.RevisionError, match=r"git did not answer within 1 s"):
        revisions.read_at("main", ROOT / "data" / "plan.yaml")
    assert _ends(int(pids.read_text()))


def _ends(pid: int) -> bool:
    """Whether the process ends (or is left only as an entry for its parent to reap) soon."""
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                return True
        except (FileNotFoundError, ProcessLookupError):
            return True
        os.sched_yield()
    return False


# --- properties: what `check` accepts, every query answers --------------------------------------


def _main(*args: str) -> tuple[int, str, str]:
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = entry.main(list(args))
    out.flush()
    return code, out.buffer.getvalue().decode(), err.getvalue()


QUERIES = [
    ["status"],
    ["overdue"],
    ["states"],
    ["show", "A.2"],
    ["calendar"],
    ["calendar", "--format", "grid"],
    ["calendar", "--format", "ics"],
]
PLACES = {  # where a far date goes in the small plan
    "fixed due": (
        "        addresses: {not_ratified: protocol}\n",
        "        addresses: {not_ratified: protocol}\n        deadline: {wording: By then., kind: fixed, due: '%s'}\n",
    ),
    "period end": ("end: 2011-06}", "end: '%s'}"),
    "chairmanship end": ("start: 2009-05, end: 2010-06,", "start: 2009-05, end: '%s',"),
    "progress date": ("date: 2009-11-20", "date: '%s'"),
    "ratification date": ("date: 2003-05-08", "date: '%s'"),
}


def _write_plan(tmp_path: Path, text: str) -> str:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    precision=st.sampled_from([4, 7, 10]),
    place=st.sampled_from(sorted(PLACES)),
    as_of=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
def test_far_dates_are_refused_by_check_or_answered_by_every_query(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    day: dt.date,
    precision: int,
    place: str,
    as_of: dt.date,
) -> None:
    monkeypatch.setenv("BSEC_PLAN_CACHE", "")
    old, new = PLACES[place]
    value = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"[:precision]
    if place.endswith("date"):
        value = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    path = _write_plan(tmp_path, MINIMAL.read_text().replace(old, new % value, 1))
    code, _out, err = _main("check", path)
    assert code in (0, 1), err
    if code == 1:
        assert err.startswith(f"{path}:"), err
        return
    as_of_text = f"{as_of.year:04d}-{as_of.month:02d}-{as_of.day:02d}"
    for query in QUERIES:
        code, _out, err = _main(*query, "--plan", path, "--as-of", as_of_text)
        assert code == (0 if 1900 <= as_of.year <= 2199 else 2), (query, err)


TEXT = (
    st.lists(
        st.sampled_from(
            ["a", " ", "[", "]", "/", "=", "link", "\x1b", "\x07", "\x9b", "\x7f", "é"]
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda t: t.strip())
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_control_characters_and_brackets_in_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("BSEC_PLAN_CACHE", "")
    quoted = json.dumps(text)  # a JSON string is a YAML double-quoted string
    path = _write_plan(
        tmp_path, MINIMAL.read_text().replace("text: Organize the meetings.", f"text: {quoted}")
    )
    code, out, err = _main("check", path)
    if has_control(text):
        assert code == 1
        assert err.startswith(
            f"{path}:15:15: error: a control character in the text '{visible(text)}'"
        )
        code, out, err = _main("overdue", "--plan", path, *AS_OF)
        assert (code, out) == (2, "")
    else:
        assert code == 0, err
        for query in (
            ["show", "A.2"],
            ["overdue"],
            ["calendar", "--format", "ics"],
            ["diff", path, path],
        ):
            code, out, err = _main(*query, "--plan", path, *AS_OF)
            assert code == 0, (query, err)
        code, out, err = _main("show", "A.2", "--plan", path, *AS_OF)
        assert text.strip() in out


def test_diff_and_calendar_show_control_characters_escaped() -> None:
    # a plan holding them is refused by the loader; these writers escape them all the same
    from bsec_plan.queries import changes as diff
    from bsec_plan.queries import questions as queries
    from bsec_plan.writers import ics

    old, new = (planfile.parse(MINIMAL.read_text(), "x") for _ in range(2))
    new.directions[0].actions[1].text = "Organize\x1b]0;owned\x07 the meetings."
    (change,) = diff.compare(old, new, dt.date(2010, 6, 1)).changes
    assert change.new == "Organize\\x1b]0;owned\\x07 the meetings."
    rows = queries.deadlines(new, dt.date(2010, 6, 1), new.start, new.end, None, 30)
    calendar = ics.calendar_bytes(new, rows, dt.date(2010, 6, 1))
    assert b"\x1b" not in calendar and b"\x07" not in calendar
    assert b"Organize\\\\x1b]0" in calendar  # the escape, itself escaped as iCalendar TEXT
