"""What a run loads and writes, seen from outside: `--version` without the command line's
framework, the cache entry written once the answer is out, the schema adapter only when a plan
is validated."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, checkout_env, run_cli

from bsec_plan import __version__


def _modules_after(*args: str) -> tuple[str, set[str]]:
    """The output of a run and the modules it had imported by its end."""
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
        env=checkout_env(),
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
