"""Where output meets the terminal: the colour choice and the pager, as git does it.

Output longer than the screen goes through $BSEC_PLAN_PAGER, else $PAGER, else `less -FRX`
(which quits at once when the text fits and keeps the colours); never when piped. The value is
a shell command, run by `sh -c` as git runs it (so `sed 's/^/> /' | less` works), with LESS=FRX
and LV=-c set when they are unset. An empty value or `cat` means no pager; `--no-pager` turns it
off. A pager that cannot start is named in a warning and the text is written without it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from typing import TextIO

color = "auto"  # auto | always | never: set once by the command line
paging = True


def is_terminal(stream: TextIO) -> bool:
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def size(stream: TextIO) -> tuple[int, int]:
    """Columns and lines of the terminal behind `stream`; 80 x 24 when it has none."""
    try:
        found = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return 80, 24
    return found.columns or 80, found.lines or 24


def styled(stream: TextIO) -> bool:
    """Whether to draw with rich: on a terminal, or anywhere with --color always."""
    return color == "always" or is_terminal(stream)


def no_color() -> bool:
    """--color never, or NO_COLOR (https://no-color.org) unless --color always."""
    return color == "never" or (color == "auto" and bool(os.environ.get("NO_COLOR")))


DEFAULT_PAGER = "less -FRX"
# shell words that run what follows them: the command after them is not their first word
_PREFIXES = {"exec", "command", "eval", "time", "."}


def pager_command() -> str | None:
    """The pager as the shell command to run (`sh -c`, as git runs it), or None for none."""
    for name in ("BSEC_PLAN_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return value if value.strip() not in ("", "cat") else None
    return DEFAULT_PAGER


def _cannot_start(command: str) -> str | None:
    """Why `command` surely cannot run (its program is not installed, or it does not parse,
    as `sh -n` says), as the name to show in the warning; None when it may run. Only a plain
    first word is looked up: an assignment, a shell word or a function is left for the shell."""
    import shlex  # here: only a paged run needs it

    try:
        words = shlex.split(command)
    except ValueError:  # an unclosed quote: sh would refuse it before reading a byte
        return command
    first = words[0] if words else ""
    if re.fullmatch(r"[\w./+-]+", first) and first not in _PREFIXES and not shutil.which(first):
        return first
    try:  # `$(`, a lone `|`, `${`: sh would refuse to run it, and the text would be lost
        parsed = subprocess.run(
            ["sh", "-n", "-c", command], stdin=subprocess.DEVNULL, capture_output=True, check=False
        )
    except OSError:
        return None  # no sh: the run below says so
    return command if parsed.returncode != 0 else None


def _pager_environment() -> dict[str, str]:
    """As git sets them, and only where unset: less quits when the text fits (F), shows colours
    (R) and leaves the screen as it is (X); lv shows colours (-c)."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    return env


def _warn(name: str) -> None:
    from bsec_plan.safetext import visible

    print(
        f"bsec-plan: warning: cannot run pager '{visible(name)}'; printing without it",
        file=sys.stderr,
    )


def write(text: str, stream: TextIO) -> None:
    """Write `text`; on a terminal, through the pager when it is longer than the screen. A pager
    that cannot start is named in a warning and the text is written as if there were none."""
    command = pager_command() if paging and is_terminal(stream) else None
    if command is None or text.count("\n") < size(stream)[1]:
        stream.write(text)
        return
    missing = _cannot_start(command)
    if missing is not None:
        _warn(missing)
        stream.write(text)
        return
    stream.flush()
    try:
        # the pager inherits the terminal; quitting it early is not an error
        done = subprocess.run(
            ["sh", "-c", command], input=text.encode("utf-8"), env=_pager_environment(), check=False
        )
    except OSError:  # no sh: write the text as it is
        done = None
    # 126 and 127 are the shell's "cannot execute" and "not found": the text was not shown
    if done is None or done.returncode in (126, 127):
        _warn(command)
        stream.write(text)
