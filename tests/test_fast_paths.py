"""What a run loads and writes, seen from outside: `--version` without the command line's
framework, the cache entry written once the answer is out, the schema adapter only when a plan
is validated."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from conftest import PLAN, ROOT, TESTS, checkout_env, run_cli, run_on_terminal

from bsec_plan import __version__
from bsec_plan.domain.model import Plan
from bsec_plan.loading import cache, planfile

MINIMAL = TESTS / "plans" / "minimal.yaml"


def _modules_after(*args: str, cache_folder: Path | None = None) -> tuple[str, set[str]]:
    """The output of a run and the modules it had imported by its end."""
    env = dict(os.environ)
    if cache_folder is not None:
        env["BSEC_PLAN_CACHE"] = str(cache_folder)
    code = (
        "import sys\n"
        "from bsec_plan.__main__ import main\n"
        f"code = main({list(args)!r})\n"
        "sys.stdout.flush()\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
        "raise SystemExit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=checkout_env(env),
        timeout=60,
        check=True,
    )
    return done.stdout, set(done.stderr.split())


def test_version_is_printed_without_loading_the_command_line() -> None:
    stdout, modules = _modules_after("--version")
    assert stdout == f"bsec-plan {__version__}\n"
    assert not {"typer", "click", "rich", "pydantic", "yaml"} & modules


def test_version_prints_the_same_as_through_the_command_line() -> None:
    fast = run_cli("--version")
    through = run_cli("--color", "never", "--version")  # other arguments: the command line
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, f"bsec-plan {__version__}\n", "")
    assert (through.returncode, through.stdout) == (fast.returncode, fast.stdout)


def test_version_after_a_command_is_still_refused() -> None:
    result = run_cli("status", "--version")
    assert result.returncode == 2
    assert "it goes before the command: bsec-plan --version" in result.stderr


def _entry(folder: Path) -> Path:
    (entry,) = folder.iterdir()
    return entry


def _rewrite(entry: Path, rest: bytes) -> None:
    """Give the entry another content under its header, with the digest line the tool writes."""
    header = entry.read_bytes().split(b"\n", 1)[0]
    digest = hashlib.blake2b(rest, digest_size=32).hexdigest().encode()
    entry.write_bytes(header + b"\n" + digest + b"\n" + rest)


def _tamper(entry: Path) -> None:
    """Change what the entry says, so that a run shows whether it read it."""
    rest = entry.read_bytes().split(b"\n", 2)[2]
    _rewrite(entry, rest.replace(b"Organize the meetings.", b"Forged."))


def test_on_a_terminal_the_cache_entry_is_written_after_the_answer(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    args = ("show", "A.2", "--plan", str(MINIMAL))
    code, shown = run_on_terminal(*args, env={"BSEC_PLAN_CACHE": str(folder)})
    assert (code, "Organize the meetings." in shown) == (0, True)
    _tamper(_entry(folder))
    code, shown = run_on_terminal(*args, env={"BSEC_PLAN_CACHE": str(folder)})
    assert (code, "Forged." in shown) == (0, True)  # the entry written after the answer is read


def test_a_reader_that_stops_at_once_still_leaves_a_cache_entry(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    env = checkout_env({**os.environ, "BSEC_PLAN_CACHE": str(folder)})
    command = [sys.executable, "-m", "bsec_plan", "show", "A.2", "--plan", str(MINIMAL)]
    first = subprocess.run(
        f"{shlex.join(command)} | head -c 0",
        shell=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert first.stderr == b""
    _tamper(_entry(folder))
    second = run_cli(*command[3:], env={**os.environ, "BSEC_PLAN_CACHE": str(folder)})
    assert (second.returncode, "Forged." in second.stdout) == (0, True)


def test_a_cache_entry_is_smaller_than_its_plan_file(tmp_path: Path) -> None:
    """So that a plan the tool accepts (up to 64 MiB) fits in the cache (64 MiB). The entry
    holds the plan and the registers it names."""
    folder = tmp_path / "cache"
    env = {**os.environ, "BSEC_PLAN_CACHE": str(folder)}
    assert run_cli("status", "--plan", str(PLAN), env=env).returncode == 0
    files = PLAN.stat().st_size + (PLAN.parent / "registers.yaml").stat().st_size
    assert _entry(folder).stat().st_size < files
    assert planfile.MAX_BYTES <= cache.LIMIT


def test_an_entry_with_a_field_missing_is_not_used(tmp_path: Path, cache_dir: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(MINIMAL.read_bytes())
    planfile.load(plan)
    entry = _entry(cache_dir)
    registers, payload = entry.read_bytes().split(b"\n", 2)[2].split(b"\n", 1)
    tree = json.loads(payload)
    directions = [f.name for f in dataclasses.fields(Plan)].index("directions")
    action = tree["Plan"][directions][0]["Direction"][3][1]  # directions[0].actions[1], A.2
    assert action["Action"][1] == "Organize the meetings."
    action["Action"][1] = "Forged."
    _rewrite(entry, registers + b"\n" + json.dumps(tree).encode())
    assert planfile.load(plan).actions["A.2"].text == "Forged."  # the user's own entry is read
    del action["Action"][-1]
    _rewrite(entry, registers + b"\n" + json.dumps(tree).encode())
    assert planfile.load(plan).actions["A.2"].text == "Organize the meetings."


def test_a_plan_from_the_cache_is_answered_without_yaml_or_pydantic(tmp_path: Path) -> None:
    args = ("overdue", "--plan", str(MINIMAL), "--as-of", "2010-06-01", "--format", "json")
    cold, loaded = _modules_after(*args, cache_folder=tmp_path / "cache")
    warm, modules = _modules_after(*args, cache_folder=tmp_path / "cache")
    assert {"yaml", "pydantic"} <= loaded  # the first run validated the plan
    assert warm == cold and json.loads(warm)
    assert not {"yaml", "pydantic", "bsec_plan.loading.validation"} & modules
