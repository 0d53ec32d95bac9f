"""Completion in real shells, with `bsec-plan completion SHELL` loaded: plan text is never code.

zsh and bash run interactively on a pseudo-terminal and get a real TAB; fish answers
`complete -C`, its own completion engine. The planted plan tries to run `touch
completion-injected` in the folder the shell runs in, and to break rich markup.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TESTS, run_cli

PLANTED = TESTS / "plans" / "completion-injection.yaml"
CANARY = "completion-injected"
ERRORS = ("error", "Error", "not found", "MarkupError", "bad pattern", "unmatched")


def _needs(shell: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(shell) is None, reason=f"{shell} is not installed")


def _home(tmp_path: Path, program: str | None = None) -> dict[str, str]:
    """A folder with `bsec-plan` on PATH (this checkout, or `program` as a stand-in), and the
    environment a shell started there gets."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "bsec-plan"
    tool.write_text(program or f'#!/bin/sh\nexec "{sys.executable}" -m bsec_plan "$@"\n')
    tool.chmod(0o755)
    return {
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "HOME": str(tmp_path),
        "TERM": "xterm",
        "PYTHONPATH": str(ROOT),
        "BSEC_PLAN_CACHE": os.environ["BSEC_PLAN_CACHE"],
    }


def _script(tmp_path: Path, shell: str) -> Path:
    result = run_cli("completion", shell)
    assert result.returncode == 0, result.stderr
    path = tmp_path / f"bsec-plan.{shell}"
    path.write_text(result.stdout)
    return path


class Terminal:
    """An interactive shell on a pseudo-terminal: type into it, read until a text appears."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the shell
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        self.seen = ""

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def read_until(self, text: str) -> str:
        """All the shell wrote until `text` (a safety limit ends a shell that hangs)."""
        while text not in self.seen:
            ready, _, _ = select.select([self.fd], [], [], 60)
            if not ready:
                raise AssertionError(f"never saw {text!r} in:\n{self.seen}")
            self.seen += os.read(self.fd, 4096).decode(errors="replace")
        before, _, self.seen = self.seen.partition(text)
        return before + text

    def close(self) -> None:
        self.type("\x15exit\n")
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def _complete_on_terminal(
    shell: str, tmp_path: Path, env: dict[str, str], line: str, expect: str
) -> str:
    """Load the completion script in an interactive `shell`, type `line` and TAB, and return
    what the shell showed up to `expect` (the last candidate listed) and the next prompt."""
    script = _script(tmp_path, shell)
    if shell == "zsh":
        argv = [str(shutil.which("zsh")), "-f", "-i"]
        setup = f"PS1='$ '; autoload -Uz compinit; compinit -u -D; source {script}"
        tabs = "\t"
    else:
        argv = [str(shutil.which("bash")), "--norc", "--noprofile", "-i"]
        setup = f"PS1='$ '; bind 'set bell-style none'; source {script}"
        tabs = "\t\t"  # bash lists the candidates at the second TAB
    term = Terminal(argv, env, tmp_path)
    try:
        term.type(f"{setup}; echo READY$((20+22))\n")
        term.read_until("READY42")
        term.read_until("$ ")  # the line editor is reading: a TAB now is a key, not a character
        term.type(line + tabs)
        shown = term.read_until(expect)
        term.type("\x15echo DONE$((20+22))\n")  # Ctrl-U: clear the line, then a marker
        return shown + term.read_until("DONE42")
    finally:
        term.close()


@pytest.mark.parametrize("shell", [pytest.param(s, marks=_needs(s)) for s in ("zsh", "bash")])
def test_tab_on_a_planted_plan_runs_nothing(shell: str, tmp_path: Path) -> None:
    env = _home(tmp_path)
    shown = _complete_on_terminal(
        shell, tmp_path, env, f"bsec-plan show --plan {PLANTED} A.", "A.3"
    )
    assert not (tmp_path / CANARY).exists()
    assert not any(e in shown for e in ERRORS), shown
    assert "A.2" in shown and "A.3" in shown
    if shell == "zsh":  # zsh shows each id with its title, stripped to plain text
        assert "Meet touch completion-injected ws" in shown


@pytest.mark.parametrize("shell", [pytest.param(s, marks=_needs(s)) for s in ("zsh", "bash")])
def test_tab_offers_state_names_with_markup_as_text(shell: str, tmp_path: Path) -> None:
    env = _home(tmp_path)
    shown = _complete_on_terminal(
        shell, tmp_path, env, f"bsec-plan status --plan {PLANTED} --state ", "GR"
    )
    assert not (tmp_path / CANARY).exists()
    assert not any(e in shown for e in ERRORS), shown
    assert "RO" in shown and "GR" in shown
    if shell == "zsh":
        assert "Ro /x mania" in shown


# a stand-in for the program that answers with shell code, as if the help were not cleaned:
# the scripts themselves must still read the answer as data
HOSTILE = """#!/bin/sh
cat <<'END'
A.1:Invite the states \\
A.2:Meet) ; touch completion-injected ; ws=(\\
$(touch completion-injected):x
`touch completion-injected`
(touch completion-injected)	y
END
"""


@pytest.mark.parametrize("shell", [pytest.param(s, marks=_needs(s)) for s in ("zsh", "bash")])
def test_the_script_reads_even_a_hostile_answer_as_data(shell: str, tmp_path: Path) -> None:
    env = _home(tmp_path, program=HOSTILE)
    shown = _complete_on_terminal(shell, tmp_path, env, "bsec-plan show ", "touch")
    assert not (tmp_path / CANARY).exists()
    assert "not found" not in shown, shown


def _fish(tmp_path: Path, env: dict[str, str], line: str) -> subprocess.CompletedProcess[str]:
    script = _script(tmp_path, "fish")
    fish = str(shutil.which("fish"))
    command = f"source {script}; complete -C {_fish_quote(line)}"
    return subprocess.run(
        [fish, "--no-config", "-c", command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)},
        timeout=60,
    )


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


@_needs("fish")
def test_fish_completes_a_planted_plan_as_text(tmp_path: Path) -> None:
    env = _home(tmp_path)
    actions = _fish(tmp_path, env, f"bsec-plan show --plan {PLANTED} A.")
    states = _fish(tmp_path, env, f"bsec-plan status --plan {PLANTED} --state ")
    assert not (tmp_path / CANARY).exists()
    assert actions.stderr == "" and states.stderr == ""
    assert "A.2\tMeet touch completion-injected ws" in actions.stdout.splitlines()
    assert "RO\tRo /x mania" in states.stdout.splitlines()


@_needs("fish")
def test_fish_reads_even_a_hostile_answer_as_data(tmp_path: Path) -> None:
    env = _home(tmp_path, program=HOSTILE)
    result = _fish(tmp_path, env, "bsec-plan show ")
    assert not (tmp_path / CANARY).exists()
    assert "(touch completion-injected)\ty" in result.stdout.splitlines()
